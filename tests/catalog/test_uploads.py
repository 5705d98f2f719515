"""Attachment checks: the type comes from the content, the extension must agree, 20 MB at most."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xxgk.catalog import uploads

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = zipped("[Content_Types].xml", "word/document.xml")
XLSX = zipped("[Content_Types].xml", "xl/workbook.xml")
OFD = zipped("OFD.xml", "Doc_0/Document.xml")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", PDF, "pdf"),
        ("A.PDF", PDF, "pdf"),
        ("图.png", PNG, "png"),
        ("照片.jpg", JPG, "jpg"),
        ("照片.jpeg", JPG, "jpg"),
        ("说明.docx", DOCX, "docx"),
        ("数据.xlsx", XLSX, "xlsx"),
        ("公文.ofd", OFD, "ofd"),
    ],
)
def test_allowed_files_pass(name, data, kind):
    assert uploads.check(upload(name, data)) == kind


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("invoice.pdf", EXE, "内容是Windows 可执行程序"),
        ("photo.png", JPG, "内容是JPG"),
        ("表格.docx", XLSX, "内容是XLSX"),
        ("a.pdf", b"just some text", "无法识别的格式"),
        ("a.docx", zipped("readme.txt"), "ZIP 压缩包"),
        ("a.xlsx", b"PK\x03\x04 not really a zip", "ZIP 压缩包"),
        ("old.pdf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "旧版 Office 文档"),
    ],
)
def test_a_file_whose_content_disagrees_with_its_name_is_refused(name, data, words):
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check(upload(name, data))
    message = str(refused.value)
    assert words in message and "不能上传" in message and name in message


@pytest.mark.parametrize("name", ["setup.exe", "a.doc", "a.zip", "a.html", "a.svg", "noext"])
def test_other_extensions_are_refused(name):
    with pytest.raises(uploads.UploadRefused, match="类型不允许上传"):
        uploads.check(upload(name, PDF))


def test_the_size_limit_is_20_mb():
    exactly = PDF + b"0" * (uploads.MAX_BYTES - len(PDF))
    assert uploads.check(upload("a.pdf", exactly)) == "pdf"
    with pytest.raises(uploads.UploadRefused, match="20.1 MB，超过了附件大小上限20 MB"):
        uploads.check(upload("a.pdf", exactly + b"0"))


def test_an_empty_file_is_refused():
    with pytest.raises(uploads.UploadRefused, match="空文件"):
        uploads.check(upload("a.pdf", b""))


def test_names_lose_their_folders_and_stay_short():
    assert uploads.clean_name("C:\\Users\\x\\报告.pdf") == "报告.pdf"
    assert uploads.clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    long = uploads.clean_name("长" * 300 + ".pdf")
    assert len(long) == uploads.MAX_NAME and long.endswith(".pdf")
    assert uploads.clean_name("") == "attachment"
