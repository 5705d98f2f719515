"""Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""

from __future__ import annotations

from xxgk.annual.jsonio import ReportInputError


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportInputError("无法识别文本编码（既不是 UTF-8 也不是 GB18030）") from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text document."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # in C, not byte by byte
    return controls > max(8, len(head) // 50)


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
