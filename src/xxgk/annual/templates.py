"""The two national templates (v2019, v2021) of the annual report, loaded from the YAML.

`annual-report-templates.yaml` (package data, a copy of shared/spec) is the single source of
truth for sections, table rows and columns, checks and the outcome-to-row mapping; this module
only turns it into typed, frozen objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

VERSIONS = ("v2019", "v2021")
TABLES = ("t2", "t3", "t4")
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = "int"  # int | signed_int | money | decimal
    unit: str | None = None
    group: tuple[str, ...] = ()

    @property
    def numeric_kind(self) -> str:
        """'int' for counts (>= 0), 'signed' for 本年增/减, 'decimal' for money."""
        if self.type == "signed_int":
            return "signed"
        if self.type in ("money", "decimal"):
            return "decimal"
        return "int"


@dataclass(frozen=True)
class Row:
    key: str
    label: str | None
    group: str | None = None  # e.g. "（三）不予公开" for denied.*
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One block of table 二 (第二十条第（X）项)."""

    key: str
    caption: str
    label_column: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Section:
    no: int
    key: str
    heading: str
    aliases: tuple[str, ...] = ()
    table: str | None = None  # the statistical table the section holds (t2, t3, t4), if any


@dataclass(frozen=True, eq=False)  # hashed by identity: templates are cached
class CheckSpec:
    id: str
    level: str  # official | implied | heuristic
    raw: dict[str, Any]


@dataclass(frozen=True)
class Table2:
    version: str
    title: str
    blocks: tuple[Block, ...]

    def row_keys(self) -> tuple[str, ...]:
        return tuple(f"{b.key}.{r.key}" for b in self.blocks for r in b.rows)

    def block_of(self, row_key: str) -> Block:
        block_key = row_key.split(".", 1)[0]
        for b in self.blocks:
            if b.key == block_key:
                return b
        raise KeyError(row_key)

    def columns_of(self, row_key: str) -> tuple[Column, ...]:
        return self.block_of(row_key).columns

    def row(self, row_key: str) -> Row:
        block_key, key = row_key.split(".", 1)
        for r in self.block_of(row_key).rows:
            if r.key == key:
                return r
        raise KeyError(row_key)


@dataclass(frozen=True)
class Table3:
    version: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    results_block_label: str
    results_block_rowspan: int
    corner_cell: str
    super_header: str

    def row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)

    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


@dataclass(frozen=True)
class Table4:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)

    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(frozen=True)
class Template:
    version: str
    title: str
    sections: tuple[Section, ...]
    t2: Table2
    t3: Table3
    t4: Table4
    checks: tuple[CheckSpec, ...]
    version_markers: tuple[str, ...]


SPEC_PATH = Path(__file__).with_name("annual-report-templates.yaml")
# the YAML pre-built as JSON (`python -m xxgk.annual.templates` rebuilds it; a test checks it
# is the YAML's): every command starts without importing and running a YAML parser
BUILT_PATH = Path(__file__).with_name("annual-report-templates.built.json")


def load_yaml_spec() -> dict[str, Any]:
    import yaml  # only to rebuild the JSON (or without it)

    # libyaml's loader when present: 6 ms instead of 43
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(SPEC_PATH.read_bytes(), Loader=loader)  # noqa: S506 — a safe loader


def _json_keys(node: Any) -> Any:
    """JSON's keys are strings: YAML 1.1 reads the key `no` as false, so it is `no` again."""
    if isinstance(node, dict):
        return {("no" if k is False else str(k)): _json_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json_keys(v) for v in node]
    return node


def build_spec() -> None:
    text = json.dumps(_json_keys(load_yaml_spec()), ensure_ascii=False, indent=0)
    BUILT_PATH.write_text(text + "\n", "utf-8")


@cache
def raw_spec() -> dict[str, Any]:
    try:
        return json.loads(BUILT_PATH.read_bytes())
    except FileNotFoundError:
        return load_yaml_spec()


def _column(d: dict[str, Any]) -> Column:
    group = d.get("group") or ()
    if isinstance(group, str):
        group = (group,)
    unit = d.get("unit")
    return Column(
        key=d["key"],
        label=d["label"],
        type=d.get("type", "int"),
        unit=unit if unit and unit != "UNCONFIRMED" else None,
        group=tuple(group),
    )


def _row(d: dict[str, Any]) -> Row:
    return Row(
        key=d["key"],
        label=d.get("label"),
        group=d.get("group"),
        aliases=tuple(d.get("aliases_seen", ())),
    )


@cache
def template(version: str) -> Template:
    """The national template `version` ('v2019' or 'v2021')."""
    if version not in VERSIONS:
        raise KeyError(f"unknown template version {version!r}")
    spec = raw_spec()
    v = spec["versions"][version]
    tables = v["tables"]
    t2 = Table2(
        version=version,
        title=tables["t2"]["title"],
        blocks=tuple(
            Block(
                key=b["key"],
                caption=b["caption"],
                label_column=b["label_column"],
                columns=tuple(_column(c) for c in b["columns"]),
                rows=tuple(_row(r) for r in b["rows"]),
            )
            for b in tables["t2"]["blocks"]
        ),
    )
    t3s = tables["t3"]
    t3 = Table3(
        version=version,
        title=t3s["title"],
        columns=tuple(_column(c) for c in t3s["columns"]),
        rows=tuple(_row(r) for r in t3s["rows"]),
        results_block_label=t3s["results_block_label"],
        results_block_rowspan=int(t3s["results_block_rowspan"]),
        corner_cell=t3s["header"]["corner_cell"],
        super_header=t3s["header"]["super_header"],
    )
    t4s = tables["t4"]
    t4 = Table4(
        title=t4s["title"],
        columns=tuple(_column(c) for c in t4s["columns"]),
        rows=tuple(_row(r) for r in t4s["rows"]),
    )
    markers = spec["conventions"]["version_detection"][f"{version}_markers"]
    return Template(
        version=version,
        title=v["title"],
        sections=tuple(
            Section(
                no=s["no"] if "no" in s else s[False],  # YAML 1.1 reads the key `no` as false
                key=s["key"],
                heading=s["heading"],
                aliases=tuple(s.get("aliases_seen", ())),
                table=s.get("table"),
            )
            for s in v["sections"]
        ),
        t2=t2,
        t3=t3,
        t4=t4,
        checks=tuple(CheckSpec(id=c["id"], level=c["level"], raw=c) for c in v["checks"]),
        version_markers=tuple(markers),
    )


@cache
def outcome_to_t3_row(version: str) -> dict[str, str]:
    """Decision ground -> table 三 row key in `version` (DERIVED mapping from the YAML)."""
    out: dict[str, str] = {}
    for ground, row in raw_spec()["outcome_to_t3_row"].items():
        out[ground] = row[version] if isinstance(row, dict) else row
    return out


def t3_data_columns(version: str = "v2021") -> tuple[str, ...]:
    """The six applicant columns of table 三 (without 总计)."""
    return tuple(k for k in template(version).t3.column_keys() if k != "total")


if __name__ == "__main__":
    build_spec()
