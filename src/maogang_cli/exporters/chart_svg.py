"""The wall chart's two panels as inline SVG: a month axis, one row per task, unit or duty,
and a mark where each falls due.

Lengths are millimetres of the printed sheet: each panel's viewBox is as wide as the panel
prints, so 1 unit is 1 mm on paper.
"""

from __future__ import annotations

import calendar
from html import escape
from typing import TYPE_CHECKING

from maogang_cli.exporters.chart_words import word
from maogang_cli.words import names

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.chart import Mark, Row
    from maogang_cli.domain.status import Signal

FIGURE_W = 9.0  # the done/total figure between a row's label and its months
CHART_H = 232.0  # left below the heading, the summary band and the legend
AXIS_H = 9.0
ROW_MIN, ROW_MAX = 3.6, 6.5
COLOURS: dict[str, str] = {"red": "#d42a20", "yellow": "#e0a000", "green": "#2e9d3a"}
FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"WenQuanYi Zen Hei", SimHei, sans-serif'
)


def num(x: float) -> str:
    """A length with at most two decimals and no trailing zeros: stable bytes."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text_width(text: str, size: float) -> float:
    """Roughly how wide text prints: a Chinese character is a square, Latin about half."""
    return sum(size if ord(c) > 0x2E7F else size * 0.56 for c in text)


def fit(text: str, size: float, width: float) -> str:
    """Text cut with … so it fits the width."""
    if _text_width(text, size) <= width:
        return text
    out = ""
    for c in text:
        if _text_width(out + c + "…", size) > width:
            break
        out += c
    return out + "…"


class _Axis:
    """Where a day falls across the months of a panel."""

    def __init__(self, months: Sequence[str], left: float, width: float) -> None:
        self.months = list(months)
        self.index = {m: i for i, m in enumerate(self.months)}
        self.left = left
        self.step = width / max(len(self.months), 1)

    def x(self, day: date) -> float | None:
        key = f"{day.year:04d}-{day.month:02d}"
        if key not in self.index:
            return None
        days = calendar.monthrange(day.year, day.month)[1]
        return self.left + self.step * (self.index[key] + (day.day - 0.5) / days)


def shape(signal: Signal, done: bool, x: float, y: float, size: float) -> str:
    """A mark that reads in black and white too: red a square, yellow a triangle, green a
    circle (filled when done, hollow when not yet due)."""
    colour = COLOURS[signal]
    h = size / 2
    if signal == "red":
        return (
            f'<rect x="{num(x - h)}" y="{num(y - h)}" width="{num(size)}" '
            f'height="{num(size)}" fill="{colour}"/>'
        )
    if signal == "yellow":
        points = f"{num(x)},{num(y - h * 1.1)} {num(x + h * 1.1)},{num(y + h)} "
        points += f"{num(x - h * 1.1)},{num(y + h)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    fill = colour if done else "#fff"
    return (
        f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(h)}" fill="{fill}" '
        f'stroke="{colour}" stroke-width="{num(size * 0.16)}"/>'
    )


def _hover(mark: Mark) -> str:
    parts = [mark.label or mark.ref, mark.due.isoformat(), mark.title]
    if mark.waiting:
        parts.append(word("waiting", units=names(mark.waiting)))
    return " · ".join(p for p in parts if p)


def _mark(mark: Mark, axis: _Axis, y: float, row_h: float) -> str:
    x = axis.x(mark.due)
    if x is None:
        return ""
    small = mark.kind == "task_step"
    size = min(row_h * (0.42 if small else 0.62), axis.step * (0.6 if small else 0.88))
    attrs = (
        f'class="mark" data-kind="{mark.kind}" data-ref="{escape(mark.ref)}" '
        f'data-signal="{mark.signal}" data-done="{str(mark.done).lower()}" '
        f'data-due="{mark.due.isoformat()}"'
    )
    body = shape(mark.signal, mark.done, x, y, size)
    if mark.items > 1:
        fill = "#000" if mark.signal == "green" and not mark.done else "#fff"
        body += (
            f'<text x="{num(x)}" y="{num(y + size * 0.3)}" font-size="{num(size * 0.8)}" '
            f'text-anchor="middle" fill="{fill}">{mark.items}</text>'
        )
    return f"<g {attrs}><title>{escape(_hover(mark))}</title>{body}</g>"


def _axis(axis: _Axis, width: float, height: float) -> str:
    out = []
    size = min(axis.step * 0.62, 2.6)
    years: dict[str, int] = {}
    for i, key in enumerate(axis.months):
        years.setdefault(key[:4], i)
        x = axis.left + axis.step * i
        strong = key.endswith("-01") or i == 0
        out.append(
            f'<line x1="{num(x)}" y1="{num(AXIS_H - 4.5)}" x2="{num(x)}" '
            f'y2="{num(height)}" stroke="{"#888" if strong else "#ddd"}" '
            f'stroke-width="{"0.25" if strong else "0.15"}"/>'
        )
        out.append(
            f'<text x="{num(x + axis.step / 2)}" y="{num(AXIS_H - 1.2)}" '
            f'font-size="{num(size)}" text-anchor="middle" fill="#444">{int(key[5:])}</text>'
        )
    for year, i in years.items():
        x = axis.left + axis.step * i + 0.6
        label = word("year_label", year=year)
        out.append(f'<text x="{num(x)}" y="3.4" font-size="3" font-weight="bold">{label}</text>')
    right = axis.left + axis.step * len(axis.months)
    out.append(
        f'<line x1="{num(right)}" y1="{num(AXIS_H - 4.5)}" x2="{num(right)}" '
        f'y2="{num(height)}" stroke="#888" stroke-width="0.25"/>'
    )
    out.append(
        f'<line x1="0" y1="{num(AXIS_H)}" x2="{num(width)}" y2="{num(AXIS_H)}" '
        'stroke="#444" stroke-width="0.3"/>'
    )
    return "".join(out)


def _today(axis: _Axis, as_of: date, height: float) -> str:
    x = axis.x(as_of)
    if x is None:
        return ""
    return (
        f'<line class="as-of" x1="{num(x)}" y1="{num(AXIS_H - 4.5)}" x2="{num(x)}" '
        f'y2="{num(height)}" stroke="#1f4fb4" stroke-width="0.5" stroke-dasharray="1.4 0.8"/>'
    )


def _row_height(rows: int) -> float:
    return max(ROW_MIN, min(ROW_MAX, (CHART_H - AXIS_H) / max(rows, 1)))


def _row(row: Row, y: float, row_h: float, axis: _Axis, label_w: float, figure_x: float) -> str:
    mid = y + row_h / 2
    right = axis.left + axis.step * len(axis.months)
    size = min(row_h * 0.66, 3.1)
    chip = f'<g class="chip">{shape(row.signal, False, 1.6, mid, size * 0.8)}</g>'
    label = row.label or word("plan_milestones")
    shown = fit(label, size, label_w - 4)
    title = row.title if row.kind != "plan_milestones" else f"{label}\n{row.title}"
    marks = "".join(_mark(m, axis, mid, row_h) for m in row.marks)
    style = ' font-style="italic"' if row.kind == "plan_milestones" else ""
    return (
        f'<g class="row" data-kind="{row.kind}" data-key="{escape(row.key)}" '
        f'data-signal="{row.signal}"><title>{escape(title)}</title>'
        f'<line x1="0" y1="{num(y + row_h)}" x2="{num(right)}" '
        f'y2="{num(y + row_h)}" stroke="#eee" stroke-width="0.15"/>{chip}'
        f'<text class="label" x="3.4" y="{num(mid + size * 0.36)}" font-size="{num(size)}"'
        f"{style}>{escape(shown)}</text>"
        f'<text x="{num(figure_x)}" y="{num(mid + size * 0.36)}" font-size="{num(size * 0.85)}" '
        f'text-anchor="end" fill="#555">{escape(row.figure)}</text>{marks}</g>'
    )


def panel(
    name: str,
    heading: str,
    blocks: Sequence[tuple[str, Sequence[Row]]],
    months: Sequence[str],
    as_of: date,
    width: float,
    label_w: float,
) -> str:
    """One SVG: a month axis, then blocks of rows (a heading row each, when titled)."""
    count = sum(len(rows) + (1 if title else 0) for title, rows in blocks)
    row_h = _row_height(count)
    figure_w = FIGURE_W
    axis = _Axis(months, label_w + figure_w, width - label_w - figure_w - 1.5)
    height = AXIS_H + row_h * max(count, 1) + 0.5
    parts = [f'<text x="0" y="3.4" font-size="3.2" font-weight="bold">{escape(heading)}</text>']
    y = AXIS_H
    for title, rows in blocks:
        if title:
            size = min(row_h * 0.7, 3.3)
            parts.append(
                f'<g class="section"><rect x="0" y="{num(y)}" width="{num(width)}" '
                f'height="{num(row_h)}" fill="#f1f3f7"/><text x="0.8" '
                f'y="{num(y + row_h / 2 + size * 0.36)}" font-size="{num(size)}" '
                f'font-weight="bold">{escape(fit(title, size, width - 2))}</text></g>'
            )
            y += row_h
        for row in rows:
            parts.append(_row(row, y, row_h, axis, label_w, label_w + figure_w - 0.8))
            y += row_h
    if count == 0:
        parts.append(
            f'<text x="{num(label_w)}" y="{num(AXIS_H + row_h * 0.7)}" font-size="3">'
            f"{word('empty')}</text>"
        )
    return (
        f'<svg class="panel-svg" id="{name}" xmlns="http://www.w3.org/2000/svg" '
        f'data-label-right="{num(label_w)}" data-months-left="{num(axis.left)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}mm" '
        f"height=\"{num(height)}mm\" font-family='{FONTS}'>"
        f"{_axis(axis, width, height)}{''.join(parts)}{_today(axis, as_of, height)}</svg>"
    )
