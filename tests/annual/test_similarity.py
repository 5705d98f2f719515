"""雷同 detection: last year's text with the numbers changed is flagged; different agencies
writing on different topics are not."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.annual.parse import read
from xxgk.annual.similarity import compare, highlight_html, similar_pairs

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"


def narrative(name: str) -> str:
    return "\n".join(read(FIXTURES / name).report.sections.values())


def test_last_years_text_with_the_numbers_changed_is_flagged():
    last = narrative("fushun-justice-2020.txt")
    this = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), last).replace("2021年", "2022年")
    result = compare(this, last)
    assert result.flagged and result.share > 0.95
    assert result.passages and result.passages[0][0] >= 0
    assert "<mark>" in highlight_html(this, result.passages)


def test_reports_of_different_agencies_are_not_flagged():
    texts = {
        name: narrative(name)
        for name in ("fushun-justice-2020.txt", "kewei-2024.md", "huaian-2024.pdf")
    }
    for a in texts:
        for b in texts:
            if a != b:
                assert not compare(texts[a], texts[b]).flagged, (
                    a,
                    b,
                    compare(texts[a], texts[b]).share,
                )
    assert similar_pairs(texts) == []


def test_similar_pairs_finds_the_copy_among_many():
    base = {
        name: narrative(name)
        for name in ("fushun-justice-2020.txt", "kewei-2024.md", "huaian-2024.pdf")
    }
    texts = dict(base)
    texts["copy"] = re.sub(r"\d+", "9", base["kewei-2024.md"])
    pairs = similar_pairs(texts)
    assert [(p.a, p.b) for p in pairs] == [("kewei-2024.md", "copy")]
    assert pairs[0].share > 0.95


def test_a_partial_copy_reports_its_share():
    a = narrative("huaian-2024.pdf")
    b = narrative("kewei-2024.md")
    half = a[: len(a) // 2] + b[len(b) // 2 :]
    share = compare(half, a).share
    assert 0.4 < share < 0.9  # about the copied half (the huaian half is the denser one)


def test_empty_texts():
    assert compare("", "").share == 0 and not compare("", "abc").flagged
