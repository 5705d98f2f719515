"""Simple charts as inline SVG, drawn on the server (no JavaScript).

Each chart is an `<svg role="img">` labelled by its own `<title>` and `<desc>`; every bar
carries its label and value as text, so the chart reads without colour, and the page puts a
data table beside it for screen readers and copying. Labels come in translated.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# Distinguishable for common colour-vision deficiencies (Okabe–Ito), darkened for text contrast
NO_DATA = _("无数据")
PALETTE = ("#0b5cad", "#c25400", "#1a7f5a", "#a8327a", "#5b4fb0", "#8a6d00", "#444444")
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" {FONT}>',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _fmt(n: float) -> str:
    return f"{n:.0f}" if float(n).is_integer() else f"{n:.1f}"


def bar_chart(
    chart_id: str, title: str, desc: str, items: Sequence[tuple[str, int]], width: int = 640
) -> SafeString:
    """Horizontal bars, one per item (label, value), longest first as given."""
    label_w, row_h, top = 190, 28, 8
    height = top * 2 + row_h * max(1, len(items))
    most = max((v for _, v in items), default=0) or 1
    bar_max = width - label_w - 60
    out = _open(chart_id, title, desc, width, height)
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        w = round(bar_max * value / most, 1)
        out.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 5}" width="{w}" height="{row_h - 10}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}：{value}</title></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 18}" fill="#1a1a1a">{value}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def small_multiples(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    width: int = 640,
) -> SafeString:
    """One row per series (label, [(year, value)]): a small bar per year, the value above it
    and the year below; every row on the same scale."""
    label_w, row_h, top = 190, 78, 6
    height = top * 2 + row_h * max(1, len(series))
    most = max((v for _, vals in series for _, v in vals if v is not None), default=0) or 1
    n = max((len(vals) for _, vals in series), default=1) or 1
    slot = (width - label_w - 10) / n
    bar_w = min(44, slot * 0.6)
    bar_h = row_h - 40
    out = _open(chart_id, title, desc, width, height)
    for i, (label, vals) in enumerate(series):
        y0 = top + i * row_h
        base = y0 + 18 + bar_h
        out.append(
            f'<text x="{label_w - 8}" y="{y0 + 18 + bar_h / 2 + 4}" text-anchor="end" '
            f'fill="#1a1a1a">{escape(label)}</text>'
            f'<line x1="{label_w}" x2="{width - 10}" y1="{base}" y2="{base}" stroke="#767676"/>'
        )
        for j, (year, value) in enumerate(vals):
            x = label_w + j * slot + (slot - bar_w) / 2
            cx = x + bar_w / 2
            if value is None:  # no data is not zero: an outlined slot saying so
                out.append(
                    f'<rect x="{x:.1f}" y="{base - bar_h:.1f}" width="{bar_w:.1f}" '
                    f'height="{bar_h}" fill="none" stroke="#767676" stroke-dasharray="3 3">'
                    f"<title>{escape(label)} {year}：{escape(NO_DATA)}</title></rect>"
                    f'<text x="{cx:.1f}" y="{base - bar_h / 2 + 4:.1f}" text-anchor="middle" '
                    f'fill="#4a4a4a" font-size="11">{escape(NO_DATA)}</text>'
                    f'<text x="{cx:.1f}" y="{base + 15}" text-anchor="middle" fill="#4a4a4a" '
                    f'font-size="11">{year}</text>'
                )
                continue
            h = round(bar_h * value / most, 1)
            out.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h}" '
                f'fill="{PALETTE[0]}"><title>{escape(label)} {year}：{value}</title></rect>'
                f'<text x="{cx:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" '
                f'fill="#1a1a1a">{value}</text>'
                f'<text x="{cx:.1f}" y="{base + 15}" text-anchor="middle" fill="#4a4a4a" '
                f'font-size="11">{year}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))


def stacked_shares(
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int]]],
    width: int = 640,
) -> SafeString:
    """One 100% bar per row (label, counts per category) with a legend; percentages of 8% and
    more are written in the segment, every segment has its count in a tooltip."""
    label_w, row_h, legend_h = 190, 30, 26 * ((len(categories) + 2) // 3) + 6
    height = legend_h + row_h * max(1, len(rows)) + 6
    bar_max = width - label_w - 60
    out = _open(chart_id, title, desc, width, height)
    col_w = (width - 10) / 3
    for k, name in enumerate(categories):
        x, y = 10 + (k % 3) * col_w, 6 + (k // 3) * 26
        out.append(
            f'<rect x="{x:.0f}" y="{y}" width="14" height="14" fill="{PALETTE[k % len(PALETTE)]}"/>'
            f'<text x="{x + 20:.0f}" y="{y + 12}" fill="#1a1a1a">{escape(name)}</text>'
        )
    for i, (label, counts) in enumerate(rows):
        y = legend_h + i * row_h
        total = sum(counts)
        out.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(label)}</text>"
        )
        if not total:
            out.append(f'<text x="{label_w}" y="{y + 19}" fill="#4a4a4a">—</text>')
            continue
        x = float(label_w)
        for k, count in enumerate(counts):
            if not count:
                continue
            w = bar_max * count / total
            pct = 100 * count / total
            out.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{PALETTE[k % len(PALETTE)]}" stroke="#fff">'
                f"<title>{escape(label)} {escape(categories[k])}：{count}（{_fmt(pct)}%）</title>"
                "</rect>"
            )
            if pct >= 8:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 19}" text-anchor="middle" fill="#fff" '
                    f'font-size="11">{_fmt(pct)}%</text>'
                )
            x += w
        out.append(f'<text x="{label_w + bar_max + 6}" y="{y + 19}" fill="#1a1a1a">{total}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))
