"""The PDF reader: positioned words per line on the Huai'an report, edge cases on generated PDFs."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import struct
import time
import zlib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual import ReportInputError
from xxgk.annual.readers import pdf as pdf_reader
from xxgk.annual.readers.pdf import NO_TEXT_MESSAGE, read_pdf

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"
HUAIAN = FIXTURES / "huaian-2024.pdf"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@cache
def huaian_bytes() -> bytes:
    return HUAIAN.read_bytes()


@cache
def huaian():
    return read_pdf(huaian_bytes())


def line_with(doc, text: str):
    found = [line for line in doc.lines if any(text in p.text for p in line.pieces)]
    assert len(found) == 1, [line.text for line in found]
    return found[0]


def numbers(line) -> list[str]:
    return [p.text for p in line.pieces if NUMBER.fullmatch(p.text)]


def render(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    style = "<style>body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt }</style>"
    return weasyprint.HTML(string=style + html).write_pdf()


def error_of(data) -> str:
    with pytest.raises(ReportInputError) as e:
        read_pdf(data)
    message = str(e.value)
    assert message and "\n" not in message
    return message


# --- the Huai'an report -------------------------------------------------------------------


def test_huaian_document_and_title():
    doc = huaian()
    assert doc.format == "pdf"
    assert doc.title == "政府信息公开工作年度报告"
    assert doc.warnings == []
    assert {line.page for line in doc.lines} == {1, 2, 3, 4, 5, 6}
    assert all(not line.is_row for line in doc.lines)


def test_huaian_t3_first_row_has_its_seven_numbers_in_x_order():
    line = line_with(huaian(), "一、本年新收政府信息公开申请数量")
    assert line.page == 4
    assert line.pieces[0].text == "一、本年新收政府信息公开申请数量"  # one piece, not per glyph
    assert numbers(line) == ["3001", "53", "0", "0", "61", "4", "3119"]
    x0s = [p.x0 for p in line.pieces]
    assert x0s == sorted(x0s) and len(set(x0s)) == len(x0s)
    assert all(p.x0 < p.x1 for p in line.pieces)


def test_huaian_t4_numbers_are_one_line_of_fifteen():
    doc = huaian()
    line = next(line for line in doc.lines if line.text.startswith("72 64 178"))
    assert line.text == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"
    assert len(line.pieces) == 15 and numbers(line) == line.text.split()
    assert line.page == 5
    x0s = [p.x0 for p in line.pieces]
    assert x0s == sorted(x0s)


def test_huaian_t3_columns_line_up_across_rows():
    """The same column's numbers have (nearly) the same centre in every row."""
    doc = huaian()
    first = line_with(doc, "一、本年新收政府信息公开申请数量")
    total = line_with(doc, "（七）总计")
    a = [p.xc for p in first.pieces if NUMBER.fullmatch(p.text)]
    b = [p.xc for p in total.pieces if NUMBER.fullmatch(p.text)]
    assert len(a) == len(b) == 7
    assert all(abs(x - y) < 3 for x, y in zip(a, b, strict=True))


def test_huaian_wrapped_label_leaves_the_numbers_one_line():
    doc = huaian()
    line = next(line for line in doc.lines if line.text.startswith("447 "))
    assert line.text == "447 7 0 0 0 0 454"
    assert line.page == 4


def test_huaian_no_page_footers_remain():
    doc = huaian()
    for line in doc.lines:
        assert not re.fullmatch(r"[-－—\s]*\d+[-－—\s]*", line.text), line.text
    assert "- 4 -" not in doc.text() and "-4-" not in doc.text()


def test_huaian_pages_and_lines_are_consistent():
    doc = huaian()
    by_page: dict[int, list[int]] = {}
    for line in doc.lines:
        assert line.pieces and all(p.text for p in line.pieces)
        assert {p.page for p in line.pieces} == {line.page}
        assert len({p.line for p in line.pieces}) == 1
        by_page.setdefault(line.page, []).append(line.pieces[0].line)
        x0s = [p.x0 for p in line.pieces]
        assert x0s == sorted(x0s)
        assert all(0 <= p.x0 <= p.x1 <= 600 for p in line.pieces)
    for page, numbers_ in by_page.items():
        assert numbers_ == sorted(set(numbers_)), page
    assert line_with(doc, "二、主动公开政府信息情况").page == 3
    assert line_with(doc, "三、收到和处理政府信息公开申请情况").page == 4
    assert line_with(doc, "四、政府信息公开行政复议、行政诉讼情况").page == 5
    assert line_with(doc, "六、其他需要报告的事项").page == 6
    assert doc.lines[0].text == "淮安市人民政府"
    assert doc.lines[0].pieces[0].line == 1


def test_huaian_is_read_quickly():
    read_pdf(huaian_bytes())
    start = time.perf_counter()
    for _ in range(3):
        read_pdf(huaian_bytes())
    assert (time.perf_counter() - start) / 3 < 0.5  # ~0.04 s on one core


# --- generated PDFs -----------------------------------------------------------------------

TABLE = """
<table style="border-collapse: collapse; margin-top: 40pt">
  <tr><th style="width: 210pt">项目</th><th style="width: 60pt">自然人</th>
      <th style="width: 60pt">商业企业</th><th style="width: 60pt">科研机构</th>
      <th style="width: 60pt">总计</th></tr>
  <tr><td>一、本年新收政府信息公开申请数量</td><td>12</td><td></td><td>3</td><td>15</td></tr>
  <tr><td>二、上年结转</td><td></td><td>4</td><td></td><td>4</td></tr>
</table>
<style>@page { margin: 36pt } td, th { border: 1px solid black; text-align: center; padding: 4pt }</style>
"""


def test_blank_cell_has_no_piece_and_numbers_sit_under_their_headers():
    doc = read_pdf(render(TABLE))
    header = line_with(doc, "自然人")
    assert [p.text for p in header.pieces] == ["项目", "自然人", "商业企业", "科研机构", "总计"]
    columns = {p.text: p.xc for p in header.pieces}

    def column_of(piece):
        return min(columns, key=lambda name: abs(columns[name] - piece.xc))

    first = line_with(doc, "一、本年新收政府信息公开申请数量")
    placed = {column_of(p): p.text for p in first.pieces if NUMBER.fullmatch(p.text)}
    assert placed == {"自然人": "12", "科研机构": "3", "总计": "15"}
    for p in first.pieces[1:]:
        assert abs(p.xc - columns[column_of(p)]) < 3

    second = line_with(doc, "二、上年结转")
    placed = {column_of(p): p.text for p in second.pieces if NUMBER.fullmatch(p.text)}
    assert placed == {"商业企业": "4", "总计": "4"}


def test_a_pdf_without_text_asks_for_ocr():
    data = render('<div style="width: 300px; height: 300px; background: #c33"></div>')
    assert error_of(data) == NO_TEXT_MESSAGE


def test_a_scanned_page_among_text_pages_gives_a_warning():
    text = "<p>" + "政府信息公开工作年度报告。" * 10 + "</p>"
    image = f'<img src="data:image/png;base64,{base64.b64encode(tiny_png()).decode()}"'
    image += ' style="width: 300pt; height: 300pt">'
    doc = read_pdf(render(text + '<div style="break-before: page">' + image + "</div>"))
    assert any("第 2 页" in w and "扫描" in w for w in doc.warnings), doc.warnings


FOOTERS = {
    "dashes": '"- " counter(page) " -"',
    "em dashes": '"— " counter(page) " —"',
    "fullwidth": '"－" counter(page) "－"',
    "第N页": '"第" counter(page) "页"',
    "第N页共M页": '"第 " counter(page) " 页 共 " counter(pages) " 页"',
    "N/M": 'counter(page) "/" counter(pages)',
    "bare": "counter(page)",
}


PAGES = [
    ["第一页的正文内容，共有若干文字。"],
    ["第二页的正文内容。", "7", "表格之后的文字。"],
    ["第三页的正文内容。", "3"],  # a table's lone value that equals the page number
    ["第四页的正文内容。"],
]


@pytest.mark.parametrize("footer", FOOTERS.values(), ids=FOOTERS.keys())
def test_page_numbers_and_running_heads_are_dropped(footer):
    html = f"""<style>@page {{ size: A4; margin: 60pt;
        @top-center {{ content: "淮安市人民政府办公室 2024 年度报告"; font-size: 9pt }}
        @bottom-center {{ content: {footer}; font-size: 9pt }} }}
        p {{ margin: 0 0 12pt; text-align: center }} .page {{ break-after: page }}</style>
        """ + "".join(
        '<div class="page">' + "".join(f"<p>{t}</p>" for t in page) + "</div>" for page in PAGES
    )
    doc = read_pdf(render(html))
    assert [line.text for line in doc.lines] == [t for page in PAGES for t in page]
    assert [line.page for line in doc.lines] == [n for n, p in enumerate(PAGES, 1) for _ in p]
    # Line numbers count the page's lines as printed: line 1 is the running head.
    assert [line.pieces[0].line for line in doc.lines] == [
        i for page in PAGES for i in range(2, len(page) + 2)
    ]


def test_rotated_text_is_read_along_its_direction():
    html = """<div style="position: absolute; left: 300pt; top: 60pt; width: 400pt;
        transform: rotate(90deg); transform-origin: 0 0">
        <p>一、本年新收政府信息公开申请数量 3001 53 0</p>
        <p>二、上年结转政府信息公开申请数量 34 0 0</p></div>"""
    doc = read_pdf(render(html))
    assert [line.text for line in doc.lines] == [
        "一、本年新收政府信息公开申请数量 3001 53 0",
        "二、上年结转政府信息公开申请数量 34 0 0",
    ]
    for line in doc.lines:
        x0s = [p.x0 for p in line.pieces]
        assert x0s == sorted(x0s) and x0s[0] >= 0


def test_kangxi_radical_lookalikes_become_ordinary_characters():
    doc = read_pdf(render("<p>\u2f00、本年新收政府信息公开申请数量（\u2f47\u2f26）</p>"))
    assert doc.lines[0].text == "一、本年新收政府信息公开申请数量（日子）"


def test_title_comes_from_the_metadata():
    doc = read_pdf(render("<title>某某县 2024 年报告</title><p>" + "正文内容" * 10 + "</p>"))
    assert doc.title == "某某县 2024 年报告"


# --- bad input ----------------------------------------------------------------------------


def test_truncated_pdf_is_refused():
    data = huaian_bytes()
    assert "无法读取该 PDF 文件" in error_of(data[: len(data) // 2])


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", os.urandom(4096), b"%PDF-1.7\n" + os.urandom(4096), b"<html>not a pdf</html>"],
    ids=["empty", "blank", "random", "random-with-header", "html"],
)
def test_garbage_is_refused(data):
    assert "无法读取该 PDF 文件" in error_of(data)


def test_input_that_is_not_bytes_is_refused():
    assert "无法读取该 PDF 文件" in error_of("%PDF-1.7")  # type: ignore[arg-type]


def test_encrypted_pdf_is_refused():
    assert "加密" in error_of(encrypted_pdf())


def test_too_many_pages_are_refused():
    message = error_of(minimal_pdf(["BT /F1 12 Tf 72 720 Td (page) Tj ET"] * 201))
    assert "201 页" in message and "200" in message


def test_too_large_input_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_BYTES", 1000)
    assert "过大" in error_of(huaian_bytes())


def test_a_minimal_pdf_with_a_little_text_reads():
    doc = read_pdf(minimal_pdf(["BT /F1 12 Tf 72 720 Td (Annual report 2024: 3001 53 0) Tj ET"]))
    assert doc.lines[0].text == "Annual report 2024: 3001 53 0"
    assert error_of(minimal_pdf(["BT /F1 12 Tf 72 720 Td (Too short) Tj ET"])) == NO_TEXT_MESSAGE


LINE = "BT /F1 12 Tf 72 720 Td (Annual report 2024: 3001 53 0 61 4 3119) Tj ET"


def test_a_broken_page_is_skipped_with_a_warning():
    data = minimal_pdf([LINE, LINE, LINE])
    broken = data.replace(b"/Kids [4 0 R 6 0 R 8 0 R]", b"/Kids [4 0 R 3 0 R 8 0 R]")
    assert broken != data
    doc = read_pdf(broken)
    assert [line.page for line in doc.lines] == [1, 3]
    assert doc.warnings == ["第 2 页已损坏，这些页的内容无法读取"]


def test_a_page_with_only_its_number_is_empty():
    footer = "BT /F1 10 Tf 290 40 Td (- 2 -) Tj ET"
    doc = read_pdf(minimal_pdf([LINE, footer, LINE + " " + footer.replace("2", "3")]))
    assert [(line.page, line.text) for line in doc.lines] == [
        (1, "Annual report 2024: 3001 53 0 61 4 3119"),
        (3, "Annual report 2024: 3001 53 0 61 4 3119"),
    ]


def test_threads_share_the_reader_safely():
    from concurrent.futures import ThreadPoolExecutor

    expected = huaian().text()
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda _: read_pdf(huaian_bytes()).text(), range(8)))
    assert texts == [expected] * 8


MUTATION = st.tuples(
    st.sampled_from(["flip", "delete", "insert"]),
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.binary(min_size=1, max_size=4),
)


@settings(
    max_examples=30,
    deadline=5000,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(MUTATION, min_size=1, max_size=4), st.booleans())
def test_mutated_pdfs_give_a_document_or_a_report_input_error(mutations, near_the_end):
    data = bytearray(huaian_bytes())
    for kind, where, payload in mutations:
        # Half the examples hit the last 4 KB: the xref table, trailer and page tree.
        at = int(len(data) - 4096 + where * 4096) if near_the_end else int(where * len(data))
        if kind == "flip":
            data[at : at + len(payload)] = bytes(
                b ^ p for b, p in zip(data[at : at + len(payload)], payload, strict=False)
            )
        elif kind == "delete":
            del data[at : at + len(payload)]
        else:
            data[at:at] = payload
    start = time.perf_counter()
    try:
        doc = read_pdf(bytes(data))
    except ReportInputError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert doc.format == "pdf"
    assert time.perf_counter() - start < 2


# --- helpers that build PDFs by hand --------------------------------------------------------


def minimal_pdf(contents: list[str], encrypt: bytes | None = None, file_id: bytes = b"") -> bytes:
    """A PDF with one page per content stream, Helvetica as /F1."""
    n = len(contents)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
        + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(contents):
        stream = content.encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    if encrypt is not None:
        objects.append(encrypt)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt is not None:
        hex_id = file_id.hex().encode()
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), hex_id, hex_id)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf() -> bytes:
    """Standard security handler, revision 2 (40-bit RC4), user password "secret"."""
    user = (b"secret" + PASSWORD_PAD)[:32]
    owner = (b"owner-pw" + PASSWORD_PAD)[:32]
    o_value = rc4(hashlib.md5(owner).digest()[:5], user)
    permissions = -4
    file_id = b"0123456789abcdef"
    key = hashlib.md5(user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = rc4(key, PASSWORD_PAD)
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
        o_value.hex().encode(),
        u_value.hex().encode(),
        permissions,
    )
    return minimal_pdf(["BT /F1 12 Tf 72 720 Td (secret text) Tj ET"], encrypt, file_id)


def tiny_png() -> bytes:
    """An 8x8 grey PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\x80" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_value_touching_a_wrapped_label_is_its_own_word():
    """Cells without padding: "…不再处理其" and the 自然人 value 6 touch on one line; the 6
    is read at its own x, under its column (it was lost before)."""
    from weasyprint import HTML

    from xxgk.annual.jsonio import loads
    from xxgk.annual.parse import parse_bytes
    from xxgk.annual.render import render

    want = loads((FIXTURES / "huaian-2024.expected.json").read_bytes())
    css = (
        "<style>td,th{padding:0 !important;text-align:left !important}"
        "th[scope=row]{width:9em}</style>"
    )
    html = render(want, "html").decode("utf-8").replace("</head>", css + "</head>")
    result = parse_bytes(HTML(string=html).write_pdf(), name="tight.pdf")
    wrong = [
        (str(r), v, result.report.get(r)) for r, v in want.cells() if result.report.get(r) != v
    ]
    assert wrong == [] and not result.unread


def test_pdf_sections_leave_the_tables_text_out():
    from xxgk.annual.parse import read

    sections = read(FIXTURES / "huaian-2024.pdf").report.sections
    text = "\n".join(sections.values())
    for table_words in ("自然人", "信息内容", "申请人情况", "本年新收政府信息公开申请数量", "2932"):
        assert table_words not in text
    assert "政府信息公开监督保障情况" in sections["overview"]
    assert "信息处理费" in sections["other_matters"]
