"""Table 二 figures that come from other systems (行政许可、行政处罚、行政强制 decisions and the
行政事业性收费 amount in 万元), entered by the agency's staff or imported from CSV.

CSV columns: agency_code, year, licensing, penalty, coercion, fee_wan (UTF-8, UTF-8 with BOM
or GB18030 as Excel saves it). A blank cell stays blank (never 0). Every row is checked first;
if any row is wrong nothing is written and each fault is reported with its line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.errors import ActionRefused

from .models import AnnualFigures

COLUMNS = ("agency_code", "year", "licensing", "penalty", "coercion", "fee_wan")
MAX_CSV_BYTES = 1024 * 1024
MIN_YEAR, MAX_YEAR = 2008, 2100
MAX_COUNT = 10**9
MAX_FEE = Decimal("9999999999")


@dataclass(frozen=True)
class Figures:
    licensing: int | None = None
    penalty: int | None = None
    coercion: int | None = None
    fee_wan: Decimal | None = None


@dataclass(frozen=True)
class Row:
    line: int
    agency: Agency
    year: int
    figures: Figures


class ImportRefused(ActionRefused):
    """The CSV was not imported; `errors` lists each fault (with its line number)."""

    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


@transaction.atomic
def save_figures(agency: Agency, year: int, figures: Figures, *, actor: User) -> AnnualFigures:
    if agency.pk not in permissions.figure_agency_ids(actor):
        raise PermissionDenied(_("您没有本机关表二业务数据的填报权限"))
    row, _created = AnnualFigures.objects.update_or_create(
        agency=agency,
        year=year,
        defaults={
            "licensing_decisions": figures.licensing,
            "penalty_decisions": figures.penalty,
            "coercion_decisions": figures.coercion,
            "fee_amount": figures.fee_wan,
            "updated_by": actor,
        },
    )
    return row


# ------------------------------------------------------------------ CSV


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused([_("无法识别文件的编码，请另存为UTF-8编码的CSV文件")])


def _count(value: str, label: str) -> tuple[int | None, str | None]:
    value = value.strip().replace(",", "")
    if not value:
        return None, None
    if not value.isdigit():
        return None, _("%(label)s应为不小于0的整数（现为“%(value)s”）") % {
            "label": label,
            "value": value[:20],
        }
    number = int(value)
    if number > MAX_COUNT:
        return None, _("%(label)s过大（%(value)s）") % {"label": label, "value": value[:20]}
    return number, None


def _fee(value: str) -> tuple[Decimal | None, str | None]:
    value = value.strip().replace(",", "")
    if not value:
        return None, None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount > MAX_FEE:
        return None, _("收费金额应为不小于0的数字，单位万元（现为“%(value)s”）") % {
            "value": value[:20]
        }
    if -amount.as_tuple().exponent > 4:
        return None, _("收费金额最多保留4位小数（单位万元）")
    return amount, None


def parse_csv(data: bytes, *, allowed_agency_ids: set[int]) -> list[Row]:
    """Every row of the file, checked; ImportRefused lists every fault by line number."""
    if len(data) > MAX_CSV_BYTES:
        raise ImportRefused([_("文件过大，CSV文件不能超过1 MB")])
    text = _decode(data)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused([_("文件是空的")]) from None
    except csv.Error as e:
        raise ImportRefused([_("第1行：CSV格式错误（%(e)s）") % {"e": e}]) from None
    header = [h.strip().lower() for h in header]
    if tuple(header) != COLUMNS:
        raise ImportRefused(
            [
                _("第1行：表头应为 %(expected)s（现为 %(actual)s）")
                % {"expected": ",".join(COLUMNS), "actual": ",".join(header)[:200]}
            ]
        )
    agencies = {a.code: a for a in Agency.objects.all()}
    labels = {
        "licensing": _("行政许可处理决定数量"),
        "penalty": _("行政处罚处理决定数量"),
        "coercion": _("行政强制处理决定数量"),
    }
    rows: list[Row] = []
    errors: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            problems: list[str] = []
            if len(record) != len(COLUMNS):
                errors.append(
                    _("第%(line)d行：应有%(n)d列，实有%(m)d列")
                    % {"line": line, "n": len(COLUMNS), "m": len(record)}
                )
                continue
            cells = dict(zip(COLUMNS, record, strict=True))
            code = cells["agency_code"].strip()
            agency = agencies.get(code)
            if agency is None:
                problems.append(_("没有代码为“%(code)s”的机关") % {"code": code[:40]})
            elif agency.pk not in allowed_agency_ids:
                problems.append(_("您没有机关“%(name)s”的填报权限") % {"name": agency.name})
            year_text = cells["year"].strip()
            year = int(year_text) if year_text.isdigit() else None
            if year is None or not MIN_YEAR <= year <= MAX_YEAR:
                problems.append(
                    _("年度应为四位数字，如 2025（现为“%(v)s”）") % {"v": year_text[:20]}
                )
            values: dict[str, int | Decimal | None] = {}
            for key, label in labels.items():
                values[key], problem = _count(cells[key], label)
                if problem:
                    problems.append(problem)
            values["fee_wan"], problem = _fee(cells["fee_wan"])
            if problem:
                problems.append(problem)
            if agency is not None and year is not None:
                earlier = seen.setdefault((code, year), line)
                if earlier != line:
                    problems.append(
                        _("与第%(earlier)d行重复（同一机关同一年度）") % {"earlier": earlier}
                    )
            if problems:
                errors.append(
                    _("第%(line)d行：%(problems)s")
                    % {"line": line, "problems": "；".join(problems)}
                )
                continue
            rows.append(Row(line, agency, year, Figures(**values)))
            if len(errors) > 50:
                break
    except csv.Error as e:
        errors.append(_("第%(line)d行：CSV格式错误（%(e)s）") % {"line": reader.line_num, "e": e})
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise ImportRefused([_("文件中没有数据行")])
    return rows


@transaction.atomic
def import_csv(data: bytes, *, actor: User) -> list[Row]:
    """All rows or nothing."""
    rows = parse_csv(data, allowed_agency_ids=permissions.figure_agency_ids(actor))
    for row in rows:
        save_figures(row.agency, row.year, row.figures, actor=actor)
    return rows
