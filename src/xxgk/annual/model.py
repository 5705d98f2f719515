"""The report data model: three tables of cells, plus what the document said about itself.

Values are `int`, `Decimal` (money cells only) or `None` (blank / dash / no number). `None` is
not 0: checks count it as 0 for arithmetic where the YAML says so, and report it as blank.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .templates import TABLE_NAMES, Column, template

Value = int | Decimal | None
TableData = dict[str, dict[str, Value]]

SCHEMA = "xxgk-annual-report/1"


@dataclass(frozen=True)
class Layout:
    """Template version followed by table 二 and by table 三 (they may differ: the hybrid)."""

    t2: str = "v2021"
    t3: str = "v2021"

    @property
    def is_hybrid(self) -> bool:
        return self.t2 != self.t3


@dataclass(frozen=True)
class CellRef:
    table: str  # t2 | t3 | t4
    row: str
    col: str

    def __str__(self) -> str:
        return f"{self.table}[{self.row}][{self.col}]"

    @classmethod
    def parse(cls, text: str) -> CellRef | None:
        """`t3[granted][total]` → the cell; None for anything else."""
        table, _, rest = text.partition("[")
        row, _, col = rest.removesuffix("]").partition("][")
        if table not in ("t2", "t3", "t4") or not row or not col:
            return None
        return cls(table, row, col)


@dataclass(slots=True)  # made for every cell read: plain slots are the cheapest to build
class Source:
    """Where a value was read in a document, so a person can check it."""

    page: int | None = None
    line: int | None = None
    cell: str | None = None
    text: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            k: v for k in ("page", "line", "cell", "text") if (v := getattr(self, k)) is not None
        }


@dataclass(frozen=True)
class Report:
    agency: str | None
    year: int | None
    layout: Layout
    t2: TableData
    t3: TableData
    t4: TableData
    sections: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown top-level JSON keys

    def table(self, name: str) -> TableData:
        return {"t2": self.t2, "t3": self.t3, "t4": self.t4}[name]

    def get(self, ref: CellRef) -> Value:
        return self.table(ref.table)[ref.row][ref.col]

    def cells(self) -> Iterator[tuple[CellRef, Value]]:
        for name in ("t2", "t3", "t4"):
            for row, cols in self.table(name).items():
                for col, value in cols.items():
                    yield CellRef(name, row, col), value

    def with_cell(self, ref: CellRef, value: Value) -> Report:
        """A copy with one cell changed (the report itself stays unchanged)."""
        tables = {
            name: {r: dict(c) for r, c in self.table(name).items()} for name in ("t2", "t3", "t4")
        }
        if ref.row not in tables[ref.table] or ref.col not in tables[ref.table][ref.row]:
            raise KeyError(str(ref))
        tables[ref.table][ref.row][ref.col] = value
        return replace(self, **tables)


def column_of(layout: Layout, ref: CellRef) -> Column:
    if ref.table == "t2":
        for c in template(layout.t2).t2.columns_of(ref.row):
            if c.key == ref.col:
                return c
    elif ref.table == "t3":
        for c in template(layout.t3).t3.columns:
            if c.key == ref.col:
                return c
    else:
        for c in template(layout.t3).t4.columns:
            if c.key == ref.col:
                return c
    raise KeyError(str(ref))


def cell_label(layout: Layout, ref: CellRef) -> str:
    """Human (Chinese) name of a cell, e.g. 表三「一、本年新收政府信息公开申请数量」行「自然人」列."""
    name = TABLE_NAMES[ref.table]
    if ref.table == "t2":
        t2 = template(layout.t2).t2
        block = t2.block_of(ref.row)
        row = t2.row(ref.row)
        col = column_of(layout, ref)
        return f"{name}{block.caption}「{row.label}」行「{col.label}」列"
    if ref.table == "t3":
        row = template(layout.t3).t3.row(ref.row)
        col = column_of(layout, ref)
        prefix = f"{row.group}" if row.group else ""
        return f"{name}「{prefix}{row.label}」行「{col.label}」列"
    col = column_of(layout, ref)
    group = "·".join(col.group)
    return f"{name}「{group}·{col.label}」列"


def empty_report(
    layout: Layout = Layout(),
    *,
    agency: str | None = None,
    year: int | None = None,
    fill: Value = None,
) -> Report:
    """A report with every row and column of `layout`, all cells `fill`."""
    t2 = {
        rk: {c.key: fill for c in template(layout.t2).t2.columns_of(rk)}
        for rk in template(layout.t2).t2.row_keys()
    }
    t3tpl = template(layout.t3).t3
    t3 = {rk: {ck: fill for ck in t3tpl.column_keys()} for rk in t3tpl.row_keys()}
    t4tpl = template(layout.t3).t4
    t4 = {rk: {ck: fill for ck in t4tpl.column_keys()} for rk in t4tpl.row_keys()}
    return Report(agency=agency, year=year, layout=layout, t2=t2, t3=t3, t4=t4)


class Level(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


LEVEL_LABELS = {Level.ERROR: "错误", Level.WARNING: "警告", Level.INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    check_id: str
    level: Level
    message: str  # Chinese, for people
    cells: tuple[CellRef, ...] = ()
    expected: Value | str = None
    actual: Value | str = None

    def to_json(self) -> dict[str, Any]:
        def num(v: Value | str) -> Any:
            if isinstance(v, Decimal):
                return int(v) if v == v.to_integral_value() else float(v)
            return v

        return {
            "check": self.check_id,
            "level": str(self.level),
            "cells": [str(c) for c in self.cells],
            "expected": num(self.expected),
            "actual": num(self.actual),
            "message": self.message,
        }
