"""Attachments of catalog items: what may be uploaded, checked by content, and the two changes
(add to a draft, remove from a draft) that record an item event.

Allowed: PDF, DOCX, XLSX, OFD, JPG, PNG, at most 20 MB. The type is read from the file's first
bytes (and, for the ZIP-based DOCX/XLSX/OFD, from the names inside the archive); the extension
must agree with it, so an .exe renamed .pdf is refused. Nothing is extracted from archives.
"""

from __future__ import annotations

import math
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from xxgk.accounts import permissions
from xxgk.accounts.models import Membership, User
from xxgk.errors import ActionRefused

from .models import Attachment, Item, ItemEvent

MAX_BYTES = 20 * 1024 * 1024
MAX_NAME = 200


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS = {
    "pdf": Kind("PDF", (".pdf",), "application/pdf"),
    "docx": Kind(
        "DOCX",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": Kind(
        "XLSX", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "ofd": Kind("OFD", (".ofd",), "application/ofd"),
    "jpg": Kind("JPG", (".jpg", ".jpeg"), "image/jpeg"),
    "png": Kind("PNG", (".png",), "image/png"),
}
ALLOWED_EXTENSIONS = tuple(e for k in KINDS.values() for e in k.extensions)
ACCEPT = ",".join(ALLOWED_EXTENSIONS)  # for <input type="file" accept="…">
# what the first bytes say about files people commonly try to upload instead
OTHER_SIGNATURES = (
    (b"MZ", "Windows 可执行程序"),
    (b"\x7fELF", "可执行程序"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（DOC/XLS）"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"GIF8", "GIF 图片"),
)


class UploadRefused(ActionRefused):
    """The file may not be attached; `str(e)` says why, in Chinese."""


def _sniff_zip(f: BinaryIO) -> str | None:
    """docx, xlsx or ofd from the names inside a ZIP archive (never extracted)."""
    try:
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return "docx"
    if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def sniff(f: BinaryIO) -> str | None:
    """The kind of file by its content (a key of KINDS), or None."""
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _sniff_zip(f)
    f.seek(0)
    return kind


def _describe(f: BinaryIO) -> str:
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    for signature, what in OTHER_SIGNATURES:
        if head.startswith(signature):
            return what
    if head.startswith(b"PK\x03\x04"):
        return _("ZIP 压缩包或其他格式")
    return _("无法识别的格式")


def human_size(n: int) -> str:
    """Rounded up, so a file just over the limit never reads as exactly the limit."""
    if n >= 1024 * 1024:
        return f"{math.ceil(n * 10 / (1024 * 1024)) / 10:.1f} MB"
    if n >= 1024:
        return f"{math.ceil(n / 1024)} KB"
    return f"{n} B"


def clean_name(name: str) -> str:
    """The file's own name without any folders, shortened to fit."""
    base = PurePath((name or "").replace("\\", "/")).name.strip() or "attachment"
    if len(base) > MAX_NAME:
        stem, suffix = base.rsplit(".", 1) if "." in base else (base, "")
        base = stem[: MAX_NAME - len(suffix) - 1] + ("." + suffix if suffix else "")
    return base


def check(upload: UploadedFile) -> str:
    """The kind (a key of KINDS) of an acceptable upload, or UploadRefused saying why not."""
    name = clean_name(upload.name or "")
    size = upload.size or 0
    allowed = "、".join(k.label for k in KINDS.values())
    if size == 0:
        raise UploadRefused(_("文件“%(name)s”是空文件") % {"name": name})
    if size > MAX_BYTES:
        raise UploadRefused(
            _("文件“%(name)s”大小为%(size)s，超过了附件大小上限20 MB")
            % {"name": name, "size": human_size(size)}
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        raise UploadRefused(
            _("文件“%(name)s”的类型不允许上传，附件只能是%(allowed)s文件")
            % {"name": name, "allowed": allowed}
        )
    kind = sniff(upload.file)
    if kind is None or suffix not in KINDS[kind].extensions:
        actual = KINDS[kind].label if kind else _describe(upload.file)
        raise UploadRefused(
            _(
                "文件“%(name)s”的扩展名是%(suffix)s，但内容是%(actual)s，不能上传。"
                "附件只能是真实的%(allowed)s文件，请不要修改扩展名"
            )
            % {"name": name, "suffix": suffix, "actual": actual, "allowed": allowed}
        )
    return kind


def file_response(attachment: Attachment) -> FileResponse:
    """The stored file under its shown name: PDF and images inline, the others downloaded."""
    inline = attachment.content_type in ("application/pdf", "image/png", "image/jpeg")
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, attachment.name)
    return response


# ------------------------------------------------------------------ the changes


def _require_editor(actor: User, item: Item) -> None:
    if not permissions.has_role(actor, item.agency_id, Membership.Role.EDITOR):
        raise PermissionDenied(_("您没有本机关的信息编辑权限"))


def _require_draft(item: Item) -> None:
    if item.status != Item.Status.DRAFT:
        raise UploadRefused(_("只有草稿可以增删附件；已发布的信息请先修订"))


@transaction.atomic
def add_attachment(item: Item, upload: UploadedFile, *, actor: User) -> Attachment:
    """Attach a checked file to a draft; the stored name is random, the shown name the user's."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require_editor(actor, item)
    _require_draft(item)
    kind = check(upload)
    name = clean_name(upload.name or "")
    upload.file.seek(0)
    attachment = Attachment(
        item=item, name=name, size=upload.size, content_type=KINDS[kind].content_type
    )
    attachment.file.save(f"{uuid.uuid4().hex}{KINDS[kind].extensions[0]}", upload, save=False)
    attachment.save()
    ItemEvent.objects.create(
        item=item,
        kind=ItemEvent.Kind.EDITED,
        actor=actor,
        reason=_("上传附件：%(name)s") % {"name": name},
        data={"attachment_added": name, "size": upload.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, actor: User) -> None:
    item = Item.objects.select_for_update().get(pk=attachment.item_id)
    _require_editor(actor, item)
    _require_draft(item)
    name = attachment.name
    stored = attachment.file.name
    attachment.delete()
    ItemEvent.objects.create(
        item=item,
        kind=ItemEvent.Kind.EDITED,
        actor=actor,
        reason=_("删除附件：%(name)s") % {"name": name},
        data={"attachment_removed": name},
    )
    if stored:
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
