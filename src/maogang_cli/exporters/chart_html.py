"""The wall chart as one self-contained HTML page: inline CSS and SVG, no script, no
network, no embedded font. It prints on one A3 landscape sheet (the bundled catalogue) and
scrolls sideways on a phone. The same chart gives the same bytes.

This module is the page itself (its skeleton and CSS); the panels are drawn by chart_svg,
the figures band and legend by chart_band, the words come from chart_words.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from maogang_cli.exporters.chart_band import legend, summary_band
from maogang_cli.exporters.chart_svg import FONTS, panel
from maogang_cli.exporters.chart_words import word
from maogang_cli.i18n import pgettext
from maogang_cli.words import day_text

if TYPE_CHECKING:
    from maogang_cli.domain.chart import Section, WallChart

# The printable area of an A3 landscape sheet with 8 mm margins, and how it is shared.
PAGE_W, PAGE_H, MARGIN = 404.0, 281.0, 8.0
ACTIONS_W, UNITS_W, GAP = 250.0, 150.0, 4.0
ACTIONS_LABEL_W, UNITS_LABEL_W = 80.0, 42.0


def _section_title(section: Section) -> str:
    if section.key == "duties":
        return word("duties")
    if section.key.isdigit():
        return f"{section.key}. {section.title}"
    return section.title


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
    actions = panel(
        "by-action",
        word("by_action"),
        blocks,
        chart.months,
        chart.as_of,
        ACTIONS_W,
        ACTIONS_LABEL_W,
    )
    units = panel(
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
        f"{summary_band(chart.summary, chart.hazards)}\n{legend(warn_days)}\n"
        f'<div class="panels">\n<div class="panel actions">{actions}</div>\n'
        f'<div class="panel units">{units}</div>\n</div>\n</div>\n</body>\n</html>\n'
    )
    return page.encode("utf-8")
