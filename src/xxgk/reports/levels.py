"""The check levels of an annual report as the pages name them, in the language of the page.

xxgk.annual does not import Django, so its LEVEL_LABELS stay Chinese (the command line, the
checks' own summary); the workspace's findings and the supervising office's overview take the
translatable labels from here.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from xxgk.annual.model import Level

LEVEL_LABELS = {
    Level.ERROR: pgettext_lazy("finding level", "错误"),
    Level.WARNING: pgettext_lazy("finding level", "警告"),
    Level.INFO: pgettext_lazy("finding level", "提示"),
}
