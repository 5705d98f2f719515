"""Personal data masked wherever it is listed, exported or logged."""

from __future__ import annotations


def mask_id(number: str | None) -> str:
    """110101********1234 — region and last four kept, birth date hidden."""
    s = (number or "").strip()
    if len(s) <= 4:
        return "*" * len(s)
    if len(s) <= 8:
        return s[:1] + "*" * (len(s) - 3) + s[-2:]
    return (
        s[:6] + "*" * (len(s) - 10) + s[-4:] if len(s) > 10 else s[:2] + "*" * (len(s) - 6) + s[-4:]
    )


def mask_phone(phone: str | None) -> str:
    """138****5678."""
    s = (phone or "").strip()
    digits = [c for c in s if c.isdigit()]
    if len(digits) < 7:
        return "*" * len(s)
    return s[:3] + "****" + s[-4:]


def mask_address(address: str | None, keep: int = 6) -> str:
    """The first characters (province, city, district) only."""
    s = (address or "").strip()
    return s if len(s) <= keep else s[:keep] + "****"


def mask_name(name: str | None) -> str:
    """张** for people; organisations are public and shown as they are."""
    s = (name or "").strip()
    return s[:1] + "*" * (len(s) - 1) if s else ""
