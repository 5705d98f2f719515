"""Exports of the applications: the ledger (台账, XLSX) and a concluded case's archive (归档, ZIP).

- The ledger lists every application of the year (`queries.ledger`) with personal data masked
  (`xxgk.accounts.masking`): it is a working list that circulates.
- The archive is the official file of one concluded case: the letters as issued, `案卷.html`
  (the case with full personal data, the decision and every event: who, when, what, why) and
  `manifest.json` with the SHA-256 of each file. Nothing here logs personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable

from django.utils import timezone
from django.utils.html import escape

from xxgk.accounts.masking import mask_id, mask_name, mask_phone
from xxgk.annual import cells
from xxgk.annual.templates import template
from xxgk.errors import ActionRefused

from . import deadlines, queries
from .grounds import Ground, t3_row
from .models import (
    ApplicantType,
    Application,
    Channel,
    Delivery,
    FeeNotice,
    Letter,
    LetterTemplate,
    Status,
)

ARCHIVE_FORMAT = "xxgk-case-archive/1"
CASE_HTML = "案卷.html"
MANIFEST = "manifest.json"


# ------------------------------------------------------------------ table 三 row names


def t3_version(year: int) -> str:
    """The national layout a year's report uses (v2021 from the 2021 reports on)."""
    return "v2021" if year >= 2021 else "v2019"


def t3_row_label(key: str, version: str = "v2021") -> str:
    """「（三）不予公开 1.属于国家秘密」 for a table 三 row key."""
    row = template(version).t3.row(key)
    label = row.label or key
    return f"{row.group} {label}" if row.group else label


def t3_row_for(app: Application, year: int, version: str | None = None) -> str:
    """The table 三 row of `year` the case counts in, in words."""
    version = version or t3_version(year)
    if app.receipt_date is None:
        return "未确认收到，不计入"
    if app.concluded_on and app.concluded_on.year <= year and app.ground:
        return t3_row_label(t3_row(app.ground, version), version)
    carried = t3_row_label("carried_forward", version)
    if app.concluded_on and app.ground:
        later = t3_row_label(t3_row(app.ground, version), version)
        return f"{carried}（{app.concluded_on.year}年办结，计入{later}）"
    return carried


# ------------------------------------------------------------------ ledger

LEDGER_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6),
    ("查询码", 17),
    ("收到日期", 12),
    ("提交方式", 12),
    ("申请人类型", 14),
    ("申请人", 16),
    ("证件号码", 21),
    ("联系电话", 14),
    ("申请内容", 40),
    ("状态", 11),
    ("答复期限", 12),
    ("办结日期", 12),
    ("办理结果", 30),
    ("表三统计行", 30),
    ("是否逾期", 9),
    ("信息处理费（元）", 12),
    ("缴费日期", 12),
    ("送达日期", 12),
    ("送达方式", 12),
)


def _cell_text(value: str) -> str:
    return cells.clean(value)


def ledger_rows(
    agency_ids: Iterable[int], year: int, *, today: dt.date | None = None
) -> list[list[object]]:
    """The ledger's data rows (masked), in `LEDGER_COLUMNS` order (with 机关 after 序号 when
    several agencies are listed), by receipt date; applications not yet confirmed as received
    come last."""
    ids = list(agency_ids)
    today = today or timezone.localdate()
    several = len(set(ids)) > 1
    rows: list[list[object]] = []
    apps = sorted(  # the same order on every database: unconfirmed ones last
        deadlines.with_events(queries.ledger(ids, year)).prefetch_related("deliveries"),
        key=lambda a: (a.receipt_date is None, a.receipt_date or dt.date.min, a.submitted_at, a.pk),
    )
    for n, (app, standing) in enumerate(deadlines.standings(apps, today), 1):
        person = app.applicant_type == ApplicantType.NATURAL_PERSON
        deliveries = sorted(app.deliveries.all(), key=lambda d: (d.delivered_on, d.pk))
        status = app.get_status_display() + ("（已归档）" if app.archived_at else "")
        fee = getattr(app, "fee_notice", None)
        row: list[object] = [
            n,
            app.tracking_code,
            app.receipt_date,
            app.get_channel_display(),
            app.get_applicant_type_display(),
            mask_name(app.applicant_name) if person else app.applicant_name,
            mask_id(app.id_number),
            mask_phone(app.phone),
            app.description,
            status,
            standing.due,
            app.concluded_on,
            str(Ground(app.ground).label) if app.ground else "",
            t3_row_for(app, year),
            "是" if standing.late else "否",
            fee.amount if fee else None,
            fee.paid_on if fee else None,
            "；".join(f"{d.delivered_on:%Y-%m-%d}" for d in deliveries),
            "；".join(d.get_method_display() for d in deliveries),
        ]
        if several:
            row.insert(1, app.agency.name)
        rows.append(row)
    return rows


def ledger_xlsx(agency_ids: Iterable[int], year: int, *, today: dt.date | None = None) -> bytes:
    """台账 of `year` for the agencies: one row per application, personal data masked."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    ids = list(agency_ids)
    columns = list(LEDGER_COLUMNS)
    if len(set(ids)) > 1:
        columns.insert(1, ("机关", 20))
    rows = ledger_rows(ids, year, today=today)

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年台账"
    wb.properties.title = f"{year}年政府信息公开申请办理台账"
    wb.properties.creator = "xxgk"
    wb.properties.language = "zh-CN"

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name="黑体", bold=True, size=11)
    body_font = Font(name="宋体", size=10)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")

    ws.append([name for name, _ in columns])
    for k, (_, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=k)
        cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, centre, border
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.row_dimensions[1].height = 30
    wrapped = {"申请内容", "办理结果", "表三统计行", "申请人", "机关"}
    for r, values in enumerate(rows, 2):
        for k, ((name, _), value) in enumerate(zip(columns, values, strict=True), 1):
            cell = ws.cell(row=r, column=k)
            if isinstance(value, str):
                text = cells.clean(value)  # cleaned first, then checked (issue 12)
                cell.value = text
                if cells.formula_like(text):
                    cell.data_type = "s"  # text, never a formula
            else:
                cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.font, cell.border = body_font, border
            cell.alignment = wrap if name in wrapped else top

    fees = wb.create_sheet(f"{year}年信息处理费")
    collected = queries.fees_collected(ids, year)
    fees.append(["年度", "收取信息处理费（件）", "金额合计（元）"])
    fees.append([year, collected.cases, collected.amount])
    for k, width in enumerate((10, 22, 18), 1):
        fees.cell(row=1, column=k).font = head_font
        fees.cell(row=2, column=k).font = body_font
        fees.column_dimensions[get_column_letter(k)].width = width
    fees.cell(row=2, column=3).number_format = "0.00"

    last = get_column_letter(len(columns))
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ archive

_DATA_LABELS = {
    "channel": "提交方式",
    "ground": "办理结果",
    "late": "超过答复期限",
    "period_days": "补正期限（工作日）",
    "due": "截止日期",
    "party_kind": "征求意见对象",
    "reply_by": "答复期限",
    "days": "延长工作日数",
    "approved_by": "批准人",
    "method": "方式",
    "units": "数量",
    "amount": "金额（元）",
    "pay_by": "缴费期限",
    "letter": "文书",
    "letter_kind": "文书类型",
    "template_kind": "模板类型",
    "number": "文书编号",
    "source_event": "所依据的办理记录",
    "template": "模板来源",
    "sha256": "文件SHA-256",
    "replaces": "替代的文书",
}
_PARTY_KINDS = {"third_party": "第三方", "agency": "其他机关"}


def _data_value(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value)
    choices = {
        "ground": Ground,
        "channel": Channel,
        "letter_kind": Letter.Kind,
        "template_kind": LetterTemplate.Kind,
    }
    if key in choices and text in choices[key].values:
        return str(choices[key](text).label)
    if key == "method":
        for enum in (Delivery.Method, FeeNotice.Method):
            if text in enum.values:
                return str(enum(text).label)
    if key == "party_kind":
        return _PARTY_KINDS.get(text, text)
    return text


def _details(event, serial: dict[int, int]) -> str:
    """An event's data in words; the letter's database id is left out, and the event a letter
    answers is named by its number in this log."""
    out = []
    for key, value in (event.data or {}).items():
        if (
            value in ("", None)
            or key == "template_kind"
            or (key == "letter" and isinstance(value, int))
        ):
            continue
        if key == "source_event":
            value = f"第{serial.get(value, value)}条"
        out.append(f"{_DATA_LABELS.get(key, key)}：{_data_value(key, value)}")
    return "；".join(out)


def _who(user) -> str:
    if user is None:
        return "申请人（网上提交）"
    full = f"{user.last_name}{user.first_name}".strip()  # 姓 then 名, no space
    return f"{full}（{user.get_username()}）" if full else user.get_username()


def _d(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def _table(rows: list[tuple[str, object]]) -> str:
    body = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape('' if v is None else str(v))}</td></tr>"
        for k, v in rows
    )
    return f'<table class="kv">{body}</table>'


_MONO = ' class="mono"'


def _grid(
    headers: list[str], rows: list[list[object]], widths: tuple[int, ...], *, mono: int = -1
) -> str:
    """A table with fixed column widths (percent); column `mono` holds hashes."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{_MONO if k == mono else ''}>{escape(str(c))}</td>" for k, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="grid"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _withheld_part(w: dict) -> str:
    ground = w.get("ground", "")
    why = str(Ground(ground).label) if ground in Ground.values else ground
    if w.get("reason"):
        why += f"：{w['reason']}"
    return f"{w.get('part', '')}（{why}）"


def case_html(app: Application, files: list[dict], *, generated_at: dt.datetime) -> str:
    """The case file as one self-contained HTML page (full personal data: it is the record)."""
    agency = app.agency
    parts: list[str] = []
    parts.append(
        _table(
            [
                ("查询码", app.tracking_code),
                ("机关", agency.name),
                ("申请人类型", app.get_applicant_type_display()),
                ("申请人姓名或名称", app.applicant_name),
                ("联系人", app.contact_person),
                ("证件类型", app.get_id_type_display()),
                ("证件号码", app.id_number),
                ("联系电话", app.phone),
                ("电子邮箱", app.email),
                ("通信地址", app.address),
                ("邮政编码", app.postcode),
                ("提交方式", app.get_channel_display()),
                ("提交时间", f"{timezone.localtime(app.submitted_at):%Y-%m-%d %H:%M}"),
                ("收到申请之日", _d(app.receipt_date)),
                ("所需政府信息", app.description),
                ("获取信息的方式", app.get_form_wanted_display()),
                ("获取途径", app.get_delivery_wanted_display()),
            ]
        )
    )
    year = (app.concluded_on or app.receipt_date or timezone.localdate()).year
    parts.append("<h2>办理情况</h2>")
    parts.append(
        _table(
            [
                ("状态", app.get_status_display()),
                ("答复期限", _d(deadlines.standing(app, timezone.localdate()).due)),
                ("补正期限", _d(app.correction_due)),
                ("办结日期", _d(app.concluded_on)),
                ("办理结果", Ground(app.ground).label if app.ground else ""),
                (f"{year}年度报告表三", t3_row_for(app, year)),
                (
                    "归档时间",
                    f"{timezone.localtime(app.archived_at):%Y-%m-%d %H:%M}"
                    if app.archived_at
                    else "",
                ),
            ]
        )
    )
    decision = getattr(app, "decision", None)
    if decision is not None:
        withheld = "；".join(_withheld_part(w) for w in decision.withheld or [])
        parts.append("<h2>答复</h2>")
        parts.append(
            _table(
                [
                    ("答复类型", decision.get_ground_display()),
                    (
                        "第三十六条答复情形",
                        f"第{'一二三四五六七'[decision.reply_type - 1]}项"
                        if decision.reply_type
                        else "",
                    ),
                    ("法律依据", decision.legal_basis),
                    ("答复内容", decision.summary),
                    ("不予公开部分及理由", withheld),
                    ("答复日期", _d(decision.decided_on)),
                    ("经办人", _who(decision.decided_by)),
                ]
            )
        )
    notice = getattr(app, "fee_notice", None)
    if notice is not None:
        parts.append("<h2>信息处理费</h2>")
        parts.append(
            _table(
                [
                    ("计收方式", notice.get_method_display()),
                    ("件数或页数", notice.units),
                    ("金额（元）", f"{notice.amount:.2f}"),
                    ("通知日期", _d(notice.issued_on)),
                    ("缴费期限", _d(notice.pay_by)),
                    ("缴费日期", _d(notice.paid_on)),
                ]
            )
        )
    parts.append("<h2>文书</h2>")
    parts.append(
        _grid(
            ["文书编号", "文书类型", "制作日期", "制作人", "文件", "SHA-256"],
            [
                [
                    f["number"],
                    f["kind_label"],
                    f["issued_on"],
                    f["created_by"],
                    f["path"] or "（文件缺失）",
                    f["sha256"],
                ]
                for f in files
            ],
            (15, 13, 13, 9, 26, 24),
            mono=5,
        )
        if files
        else "<p>无</p>"
    )
    deliveries = list(app.deliveries.select_related("letter").order_by("delivered_on", "pk"))
    parts.append("<h2>送达</h2>")
    parts.append(
        _grid(
            ["送达日期", "送达方式", "文书", "送达凭证"],
            [
                [
                    _d(d.delivered_on),
                    d.get_method_display(),
                    d.letter.number if d.letter else "",
                    d.proof,
                ]
                for d in deliveries
            ],
            (15, 15, 25, 45),
        )
        if deliveries
        else "<p>无</p>"
    )
    events = list(app.events.select_related("actor").all())
    serial = {e.pk: n for n, e in enumerate(events, 1)}
    parts.append(f"<h2>办理记录（共{len(events)}条）</h2>")
    parts.append(
        _grid(
            ["序号", "发生日期", "记录时间", "事项", "经办人", "说明", "详情"],
            [
                [
                    n,
                    _d(e.effective_date),
                    f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}",
                    e.get_kind_display(),
                    _who(e.actor),
                    e.reason,
                    _details(e, serial),
                ]
                for n, e in enumerate(events, 1)
            ],
            (5, 13, 13, 10, 9, 22, 28),
        )
    )
    title = f"政府信息公开申请案卷 {app.tracking_code}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>
body {{ font-family: "宋体", SimSun, "Noto Serif CJK SC", serif; margin: 2em auto; max-width: 60em;
       color: #000; line-height: 1.6; }}
h1 {{ font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; text-align: center;
      font-size: 1.6em; margin-bottom: .2em; }}
h2 {{ font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 1.15em;
      border-bottom: 1px solid #000; margin-top: 1.6em; }}
p.sub {{ text-align: center; margin-top: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #666; padding: .25em .5em; vertical-align: top; text-align: left;
          white-space: pre-wrap; overflow-wrap: anywhere; }}
table.grid {{ table-layout: fixed; font-size: .85em; }}
.mono {{ font-family: monospace; font-size: .7em; word-break: break-all; }}
table.kv th {{ width: 11em; background: #f2f2f2; font-weight: normal; }}
table.grid th {{ background: #f2f2f2; }}
footer {{ margin-top: 2em; font-size: .9em; color: #333; }}
@media print {{ body {{ margin: 0; max-width: none; }} }}
</style>
</head>
<body>
<h1>政府信息公开申请案卷</h1>
<p class="sub">{escape(agency.name)}　查询码 {escape(app.tracking_code)}</p>
<h2>申请</h2>
{"".join(parts)}
<footer>本案卷于 {generated_at:%Y-%m-%d %H:%M} 由 xxgk 生成；各文件的 SHA-256 见 {MANIFEST}。</footer>
</body>
</html>
"""


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "file"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_zip(application: Application, *, now: dt.datetime | None = None) -> bytes:
    """The archive of a concluded case: letters, 案卷.html, manifest.json (SHA-256 of each)."""
    app = Application.objects.select_related("agency").get(pk=application.pk)
    if app.status != Status.CONCLUDED:
        raise ActionRefused(
            f"只有已办结的申请才能归档，该申请当前状态为“{app.get_status_display()}”"
        )
    now = timezone.localtime(now or timezone.now())
    stamp = (now.year, now.month, now.day, now.hour, now.minute, now.second)
    entries: list[tuple[str, bytes]] = []
    files: list[dict] = []
    for n, letter in enumerate(app.letters.select_related("created_by").order_by("pk"), 1):
        label = letter.get_kind_display()
        info = {
            "number": letter.number,
            "kind": letter.kind,
            "kind_label": label,
            "issued_on": _d(letter.issued_on),
            "created_by": _who(letter.created_by),
            "path": "",
            "sha256": "",
        }
        data = None
        if letter.file:
            try:
                with letter.file.open("rb") as f:
                    data = f.read()
            except OSError:
                data = None
        if data is not None:
            path = f"文书/{n:02d}_{_safe(label)}_{_safe(letter.number or '无编号')}.docx"
            entries.append((path, data))
            info.update(path=path, sha256=_sha(data))
        files.append(info)
    html = case_html(app, files, generated_at=now).encode("utf-8")
    entries.append((CASE_HTML, html))
    manifest = {
        "format": ARCHIVE_FORMAT,
        "tracking_code": app.tracking_code,
        "agency": {"code": app.agency.code, "name": app.agency.name},
        "status": app.status,
        "ground": app.ground,
        "concluded_on": _d(app.concluded_on),
        "generated_at": now.isoformat(timespec="seconds"),
        "files": [
            {"path": path, "bytes": len(data), "sha256": _sha(data)} for path, data in entries
        ],
        "letters": [
            {k: f[k] for k in ("number", "kind", "issued_on", "path", "sha256")} for f in files
        ],
        "missing": [f["number"] or f["kind"] for f in files if not f["path"]],
    }
    entries.append(
        (MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path, data in entries:
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()
