"""The annual-report core (pure Python, no Django): templates, model, JSON, checks, parsers, renderers.

from xxgk.annual import read, run_checks
result = read("report.pdf")            # ParseResult: .report, .warnings, .sources
findings = run_checks(result.report)   # [Finding]
"""

from .checks import run_checks
from .jsonio import ReportInputError, dump, dumps, load, loads
from .model import CellRef, Finding, Layout, Level, Report, empty_report
from .parse import NotAnnualReport, ParseResult, ParseWarning, parse_bytes, read
from .templates import outcome_to_t3_row, template

__all__ = [
    "CellRef",
    "Finding",
    "Layout",
    "Level",
    "NotAnnualReport",
    "ParseResult",
    "ParseWarning",
    "Report",
    "ReportInputError",
    "dump",
    "dumps",
    "empty_report",
    "load",
    "loads",
    "outcome_to_t3_row",
    "parse_bytes",
    "read",
    "run_checks",
    "template",
]
