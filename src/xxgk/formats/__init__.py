"""Date formats of the pages per language (settings.FORMAT_MODULE_PATH), on top of Django's.

Templates write `{{ d|date:"DATE_FORMAT" }}` for a date in words: 2025年1月31日 on the Chinese
pages, 31 January 2025 on the English ones. Documents that are Chinese by nature (the annual
report, letters) keep their own fixed Chinese dates and do not use these.
"""
