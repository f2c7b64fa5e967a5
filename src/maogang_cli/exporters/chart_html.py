"""The wall chart as one self-contained HTML page: inline CSS and SVG, no script, no
network, no embedded font. It prints on one A3 landscape sheet (the bundled catalogue) and
scrolls sideways on a phone. The same chart gives the same bytes.

Lengths in the SVG are millimetres of the printed sheet: each panel's viewBox is as wide
as the panel prints, so 1 unit is 1 mm on paper.
"""

from __future__ import annotations

import calendar
from html import escape
from typing import TYPE_CHECKING

from maogang_cli.domain.rates import rate_text
from maogang_cli.i18n import N_, _, pgettext
from maogang_cli.words import day_text, names

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.chart import HazardBand, Mark, Row, Section, Summary, WallChart
    from maogang_cli.domain.status import Signal

# The printable area of an A3 landscape sheet with 8 mm margins, and how it is shared.
PAGE_W, PAGE_H, MARGIN = 404.0, 281.0, 8.0
ACTIONS_W, UNITS_W, GAP = 250.0, 150.0, 4.0
ACTIONS_LABEL_W, UNITS_LABEL_W, FIGURE_W = 80.0, 42.0, 9.0
CHART_H = 232.0  # left below the heading, the summary band and the legend
AXIS_H = 9.0
ROW_MIN, ROW_MAX = 3.6, 6.5
COLOURS: dict[str, str] = {"red": "#d42a20", "yellow": "#e0a000", "green": "#2e9d3a"}
FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"WenQuanYi Zen Hei", SimHei, sans-serif'
)

# Every word the chart prints (English msgids; the Chinese is in the gettext catalogue).
WORDS: dict[str, str] = {
    "chart": N_("{title}: wall chart"),
    "as_of": N_("As of {day}"),
    "by_action": N_("By action"),
    "by_unit": N_("By unit (lead tasks)"),
    "duties": N_("Recurring duties (保障措施)"),
    "plan_milestones": N_("Plan milestones"),
    "completion": N_("Done {rate}"),
    "tasks_done": N_("(task, lead unit) pairs done {done}/{tasks}"),
    "overdue": N_("overdue {n}"),
    "done_late": N_("done late {n}"),
    "units": N_("units: red {red} · yellow {yellow} · green {green}"),
    "reports": N_("monthly reports on time {on_time}/{due} ({rate})"),
    "red": N_("red: overdue, not done"),
    "yellow": N_("yellow: due within {n} days"),
    "green_done": N_("green: done"),
    "green_open": N_("not yet due"),
    "big": N_("large mark: task deadline; small: task step"),
    "today_line": N_("line: the as-of day"),
    "count": N_("number: tasks due that month"),
    "waiting": N_("not done: {units}"),
    "filters": N_("Showing: {text}"),
    "year": N_("year {value}"),
    "unit": N_("unit {value}"),
    "action": N_("action {value}"),
    "year_label": N_("{year}"),
    "empty": N_("(none)"),
    "hazards": N_("major hazards: found {found} · open {open} · overdue {overdue}"),
    "targets": N_(
        "targets: {stock} ({stock_verdict}) · {increment} ({increment_verdict}) · "
        "{zero} ({zero_verdict})"
    ),
}


def word(key: str, **values: object) -> str:
    text = _(WORDS[key])
    return text.format(**values) if values else text


def _num(x: float) -> str:
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


def _percent(rate: float | None) -> str:
    return rate_text(rate, "—")  # whole percents, half up, as every other output


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


def _shape(signal: Signal, done: bool, x: float, y: float, size: float) -> str:
    """A mark that reads in black and white too: red a square, yellow a triangle, green a
    circle (filled when done, hollow when not yet due)."""
    colour = COLOURS[signal]
    h = size / 2
    if signal == "red":
        return (
            f'<rect x="{_num(x - h)}" y="{_num(y - h)}" width="{_num(size)}" '
            f'height="{_num(size)}" fill="{colour}"/>'
        )
    if signal == "yellow":
        points = f"{_num(x)},{_num(y - h * 1.1)} {_num(x + h * 1.1)},{_num(y + h)} "
        points += f"{_num(x - h * 1.1)},{_num(y + h)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    fill = colour if done else "#fff"
    return (
        f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(h)}" fill="{fill}" '
        f'stroke="{colour}" stroke-width="{_num(size * 0.16)}"/>'
    )


def _hover(mark: Mark) -> str:
    parts = [mark.ref, mark.due.isoformat(), mark.title]
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
    body = _shape(mark.signal, mark.done, x, y, size)
    if mark.items > 1:
        fill = "#000" if mark.signal == "green" and not mark.done else "#fff"
        body += (
            f'<text x="{_num(x)}" y="{_num(y + size * 0.3)}" font-size="{_num(size * 0.8)}" '
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
            f'<line x1="{_num(x)}" y1="{_num(AXIS_H - 4.5)}" x2="{_num(x)}" '
            f'y2="{_num(height)}" stroke="{"#888" if strong else "#ddd"}" '
            f'stroke-width="{"0.25" if strong else "0.15"}"/>'
        )
        out.append(
            f'<text x="{_num(x + axis.step / 2)}" y="{_num(AXIS_H - 1.2)}" '
            f'font-size="{_num(size)}" text-anchor="middle" fill="#444">{int(key[5:])}</text>'
        )
    for year, i in years.items():
        x = axis.left + axis.step * i + 0.6
        label = word("year_label", year=year)
        out.append(f'<text x="{_num(x)}" y="3.4" font-size="3" font-weight="bold">{label}</text>')
    right = axis.left + axis.step * len(axis.months)
    out.append(
        f'<line x1="{_num(right)}" y1="{_num(AXIS_H - 4.5)}" x2="{_num(right)}" '
        f'y2="{_num(height)}" stroke="#888" stroke-width="0.25"/>'
    )
    out.append(
        f'<line x1="0" y1="{_num(AXIS_H)}" x2="{_num(width)}" y2="{_num(AXIS_H)}" '
        'stroke="#444" stroke-width="0.3"/>'
    )
    return "".join(out)


def _today(axis: _Axis, as_of: date, height: float) -> str:
    x = axis.x(as_of)
    if x is None:
        return ""
    return (
        f'<line class="as-of" x1="{_num(x)}" y1="{_num(AXIS_H - 4.5)}" x2="{_num(x)}" '
        f'y2="{_num(height)}" stroke="#1f4fb4" stroke-width="0.5" stroke-dasharray="1.4 0.8"/>'
    )


def _row_height(rows: int) -> float:
    return max(ROW_MIN, min(ROW_MAX, (CHART_H - AXIS_H) / max(rows, 1)))


def _row(row: Row, y: float, row_h: float, axis: _Axis, label_w: float, figure_x: float) -> str:
    mid = y + row_h / 2
    right = axis.left + axis.step * len(axis.months)
    size = min(row_h * 0.66, 3.1)
    chip = f'<g class="chip">{_shape(row.signal, False, 1.6, mid, size * 0.8)}</g>'
    label = row.label or word("plan_milestones")
    shown = fit(label, size, label_w - 4)
    title = row.title if row.kind != "plan_milestones" else f"{label}\n{row.title}"
    marks = "".join(_mark(m, axis, mid, row_h) for m in row.marks)
    style = ' font-style="italic"' if row.kind == "plan_milestones" else ""
    return (
        f'<g class="row" data-kind="{row.kind}" data-key="{escape(row.key)}" '
        f'data-signal="{row.signal}"><title>{escape(title)}</title>'
        f'<line x1="0" y1="{_num(y + row_h)}" x2="{_num(right)}" '
        f'y2="{_num(y + row_h)}" stroke="#eee" stroke-width="0.15"/>{chip}'
        f'<text class="label" x="3.4" y="{_num(mid + size * 0.36)}" font-size="{_num(size)}"'
        f"{style}>{escape(shown)}</text>"
        f'<text x="{_num(figure_x)}" y="{_num(mid + size * 0.36)}" font-size="{_num(size * 0.85)}" '
        f'text-anchor="end" fill="#555">{escape(row.figure)}</text>{marks}</g>'
    )


def _panel(
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
                f'<g class="section"><rect x="0" y="{_num(y)}" width="{_num(width)}" '
                f'height="{_num(row_h)}" fill="#f1f3f7"/><text x="0.8" '
                f'y="{_num(y + row_h / 2 + size * 0.36)}" font-size="{_num(size)}" '
                f'font-weight="bold">{escape(fit(title, size, width - 2))}</text></g>'
            )
            y += row_h
        for row in rows:
            parts.append(_row(row, y, row_h, axis, label_w, label_w + figure_w - 0.8))
            y += row_h
    if count == 0:
        parts.append(
            f'<text x="{_num(label_w)}" y="{_num(AXIS_H + row_h * 0.7)}" font-size="3">'
            f"{word('empty')}</text>"
        )
    return (
        f'<svg class="panel-svg" id="{name}" xmlns="http://www.w3.org/2000/svg" '
        f'data-label-right="{_num(label_w)}" data-months-left="{_num(axis.left)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}mm" '
        f"height=\"{_num(height)}mm\" font-family='{FONTS}'>"
        f"{_axis(axis, width, height)}{''.join(parts)}{_today(axis, as_of, height)}</svg>"
    )


def _section_title(section: Section) -> str:
    if section.key == "duties":
        return word("duties")
    if section.key.isdigit():
        return f"{section.key}. {section.title}"
    return section.title


def _verdict(met: bool | None) -> str:
    """As `hazard targets` says it."""
    if met is None:
        return _("not yet judged")
    return _("met") if met else _("not met")


def _hazards(band: HazardBand) -> list[tuple[str, str]]:
    stock, increment, zero = band.targets
    return [
        ("hazards", word("hazards", found=band.found, open=band.open, overdue=band.overdue)),
        (
            "hazard_targets",
            word(
                "targets",
                stock=_("Stock cleared"),
                stock_verdict=_verdict(stock.met),
                increment=_("Increment contained"),
                increment_verdict=_verdict(increment.met),
                zero=_("Dynamic zero"),
                zero_verdict=_verdict(zero.met),
            ),
        ),
    ]


def _summary(summary: Summary, hazards: HazardBand | None) -> str:
    figures = [
        ("completion_rate", word("completion", rate=_percent(summary.completion_rate))),
        ("tasks_done", word("tasks_done", done=summary.done, tasks=summary.tasks)),
        ("overdue", word("overdue", n=summary.overdue)),
        ("done_late", word("done_late", n=summary.done_late)),
        (
            "units",
            word(
                "units",
                red=summary.units_red,
                yellow=summary.units_yellow,
                green=summary.units_green,
            ),
        ),
        (
            "reports",
            word(
                "reports",
                on_time=summary.reports_on_time,
                due=summary.reports_due,
                rate=_percent(summary.report_rate),
            ),
        ),
    ]
    if hazards is not None:
        figures += _hazards(hazards)
    cells = "".join(
        f'<span class="figure" data-figure="{key}">{escape(text)}</span>' for key, text in figures
    )
    return f'<div class="band">{cells}</div>'


def _legend(warn_days: int) -> str:
    def chip(signal: Signal, done: bool) -> str:
        return (
            '<svg class="chip" viewBox="0 0 4 4" width="4mm" height="4mm">'
            f"{_shape(signal, done, 2, 2, 2.8)}</svg>"
        )

    items = [
        chip("red", False) + escape(word("red")),
        chip("yellow", False) + escape(word("yellow", n=warn_days)),
        chip("green", True) + escape(word("green_done")),
        chip("green", False) + escape(word("green_open")),
        escape(word("big")),
        '<svg class="chip" viewBox="0 0 4 4" width="4mm" height="4mm"><line x1="2" y1="0" '
        'x2="2" y2="4" stroke="#1f4fb4" stroke-width="0.5" stroke-dasharray="1.4 0.8"/></svg>'
        + escape(word("today_line")),
        escape(word("count")),
    ]
    return '<div class="legend">' + "".join(f"<span>{i}</span>" for i in items) + "</div>"


CSS = f"""
@page {{ size: A3 landscape; margin: {MARGIN:g}mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 12px; font-family: {FONTS}; color: #111; background: #fff; }}
.sheet {{ max-width: 1680px; margin: 0 auto; }}
header {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 4mm; }}
header .document {{ font-size: 3.4mm; color: #444; width: 100%; }}
h1 {{ font-size: 6.4mm; margin: 0.6mm 0 1mm; font-weight: bold; }}
header .as-of {{ font-size: 4mm; color: #1f4fb4; font-weight: bold; }}
header .filters {{ font-size: 3.6mm; color: #444; }}
.band {{ display: flex; flex-wrap: wrap; gap: 1mm 5mm; padding: 1.4mm 2mm; margin: 1mm 0;
  border-top: 0.5mm solid #333; border-bottom: 0.3mm solid #333; font-size: 4mm; }}
.band .figure {{ white-space: nowrap; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 0.5mm 4mm; font-size: 3.2mm; color: #333;
  margin: 0.8mm 0 1.6mm; align-items: center; }}
.legend span {{ display: inline-flex; align-items: center; gap: 1mm; white-space: nowrap; }}
.chip {{ vertical-align: middle; }}
.panels {{ display: flex; gap: {GAP:g}mm; align-items: flex-start; }}
.panel {{ min-width: 0; }}
.panel.actions {{ flex: {ACTIONS_W:g} 1 0; }}
.panel.units {{ flex: {UNITS_W:g} 1 0; }}
.panel-svg {{ width: 100%; height: auto; display: block; }}
@media screen and (max-width: 900px) {{
  body {{ margin: 6px; }}
  .band .figure, .legend span {{ white-space: normal; }}
  .panels {{ display: block; }}
  .panel {{ overflow-x: auto; margin-bottom: 4mm; }}
  .panel.actions .panel-svg {{ min-width: 1000px; }}
  .panel.units .panel-svg {{ min-width: 640px; }}
}}
@media print {{
  body {{ margin: 0; }}
  .sheet {{ width: {PAGE_W:g}mm; max-width: none; }}
  .panel.actions {{ flex: 0 0 {ACTIONS_W:g}mm; }}
  .panel.units {{ flex: 0 0 {UNITS_W:g}mm; }}
}}
"""


def render_chart(chart: WallChart, *, warn_days: int = 15) -> bytes:
    """The whole page, UTF-8."""
    # The recurring duties go under the units: both panels then have about as many rows.
    blocks = [(_section_title(s), s.rows) for s in chart.sections if s.key != "duties"]
    duties = [(_section_title(s), s.rows) for s in chart.sections if s.key == "duties"]
    actions = _panel(
        "by-action",
        word("by_action"),
        blocks,
        chart.months,
        chart.as_of,
        ACTIONS_W,
        ACTIONS_LABEL_W,
    )
    units = _panel(
        "by-unit",
        word("by_unit"),
        [("", chart.units), *duties],
        chart.months,
        chart.as_of,
        UNITS_W,
        UNITS_LABEL_W,
    )
    title = word("chart", title=chart.title)
    filters = ""
    if chart.filters:
        text = pgettext("list of clauses", "; ").join(
            word(name, value=value) for name, value in chart.filters
        )
        filters = f'<span class="filters">{escape(word("filters", text=text))}</span>'
    document = f'<div class="document">{escape(chart.document)}</div>' if chart.document else ""
    # the page's language tag, as the catalogue in use says it
    html_lang = pgettext("HTML lang attribute", "en")
    page = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} {chart.as_of.isoformat()}</title>\n"
        f'<style>{CSS}</style>\n</head>\n<body>\n<div class="sheet">\n'
        f"<header>{document}<h1>{escape(title)}</h1>"
        f'<span class="as-of" data-as-of="{chart.as_of.isoformat()}">'
        f"{escape(word('as_of', day=day_text(chart.as_of)))}</span>{filters}</header>\n"
        f"{_summary(chart.summary, chart.hazards)}\n{_legend(warn_days)}\n"
        f'<div class="panels">\n<div class="panel actions">{actions}</div>\n'
        f'<div class="panel units">{units}</div>\n</div>\n</div>\n</body>\n</html>\n'
    )
    return page.encode("utf-8")
