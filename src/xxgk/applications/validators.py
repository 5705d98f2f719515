"""Checks of the applicant's identity numbers and phone numbers (messages translated).

- 居民身份证号码 (GB 11643-1999): 17 digits + a check character (ISO 7064 MOD 11-2, `X` = 10),
  the 7th–14th characters a real date of birth.
- 统一社会信用代码 (GB 32100-2015): 18 characters from 0–9 and 20 capital letters (no I, O, Z,
  S, V), the last one a check character (MOD 31).
- Phone numbers: a mainland mobile (11 digits starting 13–19, optionally +86) or a landline
  with area code (010-12345678, 0571-8765432, optionally an extension).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.utils.translation import gettext as _

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

_SPACES = re.compile(r"[\s\u3000]+")
MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
LANDLINE = re.compile(r"^(0(?:10|2\d|[3-9]\d{2}))-?(\d{7,8})(?:-(\d{1,6}))?$")


def normalise_id(value: str) -> str:
    """Spaces dropped (full-width too), letters upper case, full-width digits made ASCII."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def id_card_error(number: str) -> str | None:
    """Why `number` is not a valid 18-digit resident ID number, or None."""
    if len(number) != 18:
        return _("居民身份证号码应为18位")
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return _("居民身份证号码前17位应为数字，最后一位为数字或X")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return _("居民身份证号码中的出生日期无效")
    if born.year < 1900 or born > dt.date.today():
        return _("居民身份证号码中的出生日期无效")
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != number[17]:
        return _("居民身份证号码校验位不正确，请核对")
    return None


def credit_code_error(code: str) -> str | None:
    """Why `code` is not a valid 统一社会信用代码, or None."""
    if len(code) != 18:
        return _("统一社会信用代码应为18位")
    if any(c not in CREDIT_ALPHABET for c in code):
        return _("统一社会信用代码只能由数字和大写字母组成（不含I、O、Z、S、V）")
    total = sum(
        CREDIT_ALPHABET.index(c) * w for c, w in zip(code[:17], CREDIT_WEIGHTS, strict=True)
    )
    if CREDIT_ALPHABET[(31 - total % 31) % 31] != code[17]:
        return _("统一社会信用代码校验位不正确，请核对")
    return None


def normalise_phone(value: str) -> str | None:
    """The phone number in a standard form (13800001111, 010-12345678, 0571-8765432-123),
    or None if it is neither a mainland mobile nor a landline with area code."""
    s = _SPACES.sub("", unicodedata.normalize("NFKC", value or ""))
    s = s.replace("—", "-").replace("－", "-").replace("(", "").replace(")", "-")
    s = re.sub(r"-+", "-", s).strip("-")
    if m := MOBILE.match(s.replace("-", "")):
        return m.group(1)
    if m := LANDLINE.match(s):
        area, number, ext = m.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else "")
    return None
