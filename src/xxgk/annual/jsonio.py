"""Read, validate and write `xxgk-annual-report/1` JSON (shared/spec/report-json.md).

Errors are `ReportInputError` with a one-line Chinese message that names the cell.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .model import SCHEMA, Layout, Report, Value, column_of
from .model import CellRef as _Ref
from .templates import VERSIONS, template

MAX_BYTES = 5 * 1024 * 1024  # a report JSON is ~6 KB; anything this large is not one
KNOWN_KEYS = {"schema", "agency", "year", "layout", "t2", "t3", "t4", "sections"}


class ReportInputError(ValueError):
    """The input cannot be used as a report; the message is one line for the user."""


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    # one open and one fstat (a batch reads thousands of files: no Path objects, no re-stat)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise ReportInputError(f"文件不存在：{os.fspath(path)}") from None
    except IsADirectoryError:
        raise ReportInputError(f"{os.fspath(path)} 是目录，不是文件") from None
    except OSError as e:
        raise ReportInputError(f"无法读取文件 {os.fspath(path)}：{e.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise ReportInputError(f"{os.fspath(path)} 是目录，不是文件")
            if st.st_size > limit:
                raise ReportInputError(
                    f"文件过大（{st.st_size / 1024 / 1024:.1f} MB，上限 {limit // 1024 // 1024} MB）："
                    f"{os.fspath(path)}"
                )
            return f.read(limit + 1)
        except OSError as e:
            raise ReportInputError(f"无法读取文件 {os.fspath(path)}：{e.strerror}") from None


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report JSON file."""
    return loads(read_bytes(path))


def loads(data: bytes | str) -> Report:
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ReportInputError(f"内容过大（上限 {MAX_BYTES // 1024 // 1024} MB）")
        if b"\x00" in data[:8192]:
            raise ReportInputError("这是二进制文件，不是 JSON 文本")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ReportInputError(
                f"不是 UTF-8 编码的 JSON 文本（第 {e.start} 字节无法解码）"
            ) from None
    else:
        text = data
    try:
        doc = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise ReportInputError(
            f"JSON 格式错误：第 {e.lineno} 行第 {e.colno} 列，{_json_reason(e.msg)}"
        ) from None
    except RecursionError:
        raise ReportInputError("JSON 嵌套层次过深") from None
    except ValueError as e:
        raise ReportInputError(f"JSON 格式错误：{e}") from None
    return from_dict(doc)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"不允许 {name}")


def _json_reason(msg: str) -> str:
    reasons = {
        "Expecting value": "此处缺少值",
        "Expecting property name enclosed in double quotes": "键名须用双引号",
        "Expecting ',' delimiter": "缺少逗号",
        "Expecting ':' delimiter": "缺少冒号",
        "Unterminated string starting at": "字符串未结束",
        "Extra data": "JSON 结束后还有多余内容",
        "Invalid control character at": "字符串中有非法控制字符",
    }
    return reasons.get(msg, msg)


def from_dict(doc: Any) -> Report:
    """Validate a parsed JSON document and build the `Report`."""
    if not isinstance(doc, dict):
        raise ReportInputError("顶层应为 JSON 对象")
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise ReportInputError(
            f'schema 应为 "{SCHEMA}"，实际为 {json.dumps(schema, ensure_ascii=False)}'
        )
    agency = doc.get("agency")
    if agency is not None and not isinstance(agency, str):
        raise ReportInputError("agency 应为字符串或 null")
    year = doc.get("year")
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999
    ):
        raise ReportInputError(
            f"year 应为年份整数或 null，实际为 {json.dumps(_plain(year), ensure_ascii=False)}"
        )
    layout_doc = doc.get("layout")
    if not isinstance(layout_doc, dict):
        raise ReportInputError('缺少 layout（应为 {"t2": "v2019|v2021", "t3": "v2019|v2021"}）')
    for k in layout_doc:
        if k not in ("t2", "t3"):
            raise ReportInputError(f"layout 中有未知的键 {k!r}")
    versions = {}
    for k in ("t2", "t3"):
        v = layout_doc.get(k)
        if v not in VERSIONS:
            raise ReportInputError(
                f"layout.{k} 应为 v2019 或 v2021，实际为 {json.dumps(_plain(v), ensure_ascii=False)}"
            )
        versions[k] = v
    layout = Layout(**versions)

    t2 = _table(
        doc,
        "t2",
        layout,
        template(layout.t2).t2.row_keys(),
        lambda rk: [c.key for c in template(layout.t2).t2.columns_of(rk)],
    )
    t3tpl = template(layout.t3).t3
    t3 = _table(doc, "t3", layout, t3tpl.row_keys(), lambda rk: list(t3tpl.column_keys()))
    t4tpl = template(layout.t3).t4
    t4 = _table(doc, "t4", layout, t4tpl.row_keys(), lambda rk: list(t4tpl.column_keys()))

    sections_doc = doc.get("sections") or {}
    if not isinstance(sections_doc, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in sections_doc.items()
    ):
        raise ReportInputError("sections 应为 {章节键: 文本} 对象")
    extra = {k: v for k, v in doc.items() if k not in KNOWN_KEYS}
    return Report(
        agency=agency,
        year=year,
        layout=layout,
        t2=t2,
        t3=t3,
        t4=t4,
        sections=dict(sections_doc),
        extra=extra,
    )


def _plain(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


def _table(
    doc: Mapping[str, Any], name: str, layout: Layout, row_keys, cols_of
) -> dict[str, dict[str, Value]]:
    tdoc = doc.get(name)
    if not isinstance(tdoc, dict):
        raise ReportInputError(f"缺少表 {name}（应为对象）")
    for rk in tdoc:
        if rk not in row_keys:
            raise ReportInputError(
                f"{name} 中有未知的行 {rk!r}（{_version_of(name, layout)} 版式）"
            )
    out: dict[str, dict[str, Value]] = {}
    for rk in row_keys:
        if rk not in tdoc:
            raise ReportInputError(f"{name} 缺少行 {rk!r}")
        row = tdoc[rk]
        if not isinstance(row, dict):
            raise ReportInputError(f"{name}[{rk}] 应为对象")
        cols = cols_of(rk)
        for ck in row:
            if ck not in cols:
                raise ReportInputError(f"{name}[{rk}] 中有未知的列 {ck!r}")
        values: dict[str, Value] = {}
        for ck in cols:
            if ck not in row:
                raise ReportInputError(f"{name}[{rk}] 缺少列 {ck!r}")
            values[ck] = _value(layout, _Ref(name, rk, ck), row[ck])
        out[rk] = values
    return out


def _version_of(name: str, layout: Layout) -> str:
    return layout.t2 if name == "t2" else layout.t3


def _value(layout: Layout, ref: _Ref, v: Any) -> Value:
    if v is None:
        return None
    kind = column_of(layout, ref).numeric_kind
    shown = json.dumps(_plain(v), ensure_ascii=False)
    if isinstance(v, bool) or not isinstance(v, int | Decimal):
        raise ReportInputError(f"{ref}：应为数字或 null，实际为 {shown}")
    if kind == "decimal":
        d = Decimal(v)
        if not d.is_finite():
            raise ReportInputError(f"{ref}：不是有限数字")
        if d < 0:
            raise ReportInputError(f"{ref}：金额不能为负数，实际为 {shown}")
        return v if isinstance(v, int) else d
    if not isinstance(v, int):
        raise ReportInputError(f"{ref}：应为整数，实际为 {shown}")
    if kind == "int" and v < 0:
        raise ReportInputError(f"{ref}：件数不能为负数，实际为 {v}")
    if abs(v) > 10**12:
        raise ReportInputError(f"{ref}：数值过大（{v}）")
    return v


def json_value(v: Value) -> Any:
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        return float(v)
    return v


def to_dict(report: Report, *, findings: list[Any] | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict, keys in template order."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "agency": report.agency,
        "year": report.year,
        "layout": {"t2": report.layout.t2, "t3": report.layout.t3},
    }
    for name in ("t2", "t3", "t4"):
        doc[name] = {
            rk: {ck: json_value(v) for ck, v in cols.items()}
            for rk, cols in report.table(name).items()
        }
    if report.sections:
        doc["sections"] = dict(report.sections)
    for k, v in report.extra.items():
        doc.setdefault(k, v)
    if findings is not None:
        doc["findings"] = [f.to_json() for f in findings]
    return doc


def dumps(report: Report, *, findings: list[Any] | None = None, indent: int | None = 1) -> str:
    return json.dumps(to_dict(report, findings=findings), ensure_ascii=False, indent=indent) + "\n"


def dump(report: Report, path: str | os.PathLike[str], **kw: Any) -> None:
    Path(path).write_text(dumps(report, **kw), encoding="utf-8")
