"""The command line as a newcomer meets it: `xxgk --help` shows xxgk's own commands first,
`report --help` lists compute, `report render` takes any report document, `report check` says
when the text is missing."""

from __future__ import annotations

import json

from xxgk.annual.audit import SECTIONS_EMPTY, audit, section_findings
from xxgk.annual.jsonio import load

from .test_cli import FIXTURES, FUSHUN, run


def test_render_takes_a_published_markdown_report(tmp_path):
    out = tmp_path / "kewei.html"
    p = run("render", str(FIXTURES / "kewei-2024.md"), "--to", "html", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert "JSON" not in p.stderr
    html = out.read_text(encoding="utf-8")
    assert "收到和处理政府信息公开申请情况" in html and "<table" in html


def test_render_refuses_an_unreadable_file_in_one_line(tmp_path):
    bad = tmp_path / "x.md"
    bad.write_text("这不是年度报告", encoding="utf-8")
    p = run("render", str(bad), "--to", "html", "-o", str(tmp_path / "o.html"))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert not (tmp_path / "o.html").exists()


def test_report_help_lists_compute():
    p = run("--help")
    assert p.returncode == 0
    assert "compute" in p.stdout and "需要数据库" in p.stdout


def test_tables_only_report_is_warned_about_its_missing_text():
    findings = section_findings(load(FUSHUN))
    assert [f.check_id for f in findings] == [SECTIONS_EMPTY]
    assert "报告正文为空" in findings[0].message


def test_published_report_with_its_text_is_not_warned():
    result = audit(FIXTURES / "fushun-justice-2020.txt")
    assert SECTIONS_EMPTY not in {f.check_id for f in result.findings}


def test_one_blank_prose_section_is_named(tmp_path):
    doc = json.loads(FUSHUN.read_text(encoding="utf-8"))
    doc["sections"] = {
        "overview": "本年度共主动公开政府信息120条。",
        "problems": "   ",
        "other_matters": "本年度未收取信息处理费。",
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    p = run("check", str(path), "--format", "json")
    found = [f for f in json.loads(p.stdout)["findings"] if f["check"] == SECTIONS_EMPTY]
    assert len(found) == 1 and "五、存在的主要问题及改进情况" in found[0]["message"]
    assert "总体情况" not in found[0]["message"]
