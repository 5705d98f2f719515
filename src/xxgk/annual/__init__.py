"""The annual-report core (pure Python, no Django): templates, model, JSON, checks, renderers."""

from .jsonio import ReportInputError, dump, dumps, load, loads
from .model import CellRef, Finding, Layout, Level, Report, empty_report
from .templates import outcome_to_t3_row, template

__all__ = [
    "CellRef",
    "Finding",
    "Layout",
    "Level",
    "Report",
    "ReportInputError",
    "dump",
    "dumps",
    "empty_report",
    "load",
    "loads",
    "outcome_to_t3_row",
    "template",
]
