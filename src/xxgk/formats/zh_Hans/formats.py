"""Simplified Chinese: the date as the pages have always written it (Django's too, pinned here)."""

DATE_FORMAT = "Y年n月j日"  # 2025年1月31日
