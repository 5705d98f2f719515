"""English: the date in words, day first, without Django's abbreviated month ("Jan. 31, 2025")."""

DATE_FORMAT = "j F Y"  # 31 January 2025
