"""The strips above the wall chart's panels: the figures band (the summary, and the major
hazards when the ledger has any) and the legend of the marks."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from maogang_cli.domain.rates import rate_text
from maogang_cli.exporters.chart_svg import shape
from maogang_cli.exporters.chart_words import word
from maogang_cli.i18n import _

if TYPE_CHECKING:
    from maogang_cli.domain.chart import HazardBand, Summary
    from maogang_cli.domain.status import Signal


def _percent(rate: float | None) -> str:
    return rate_text(rate, "—")  # whole percents, half up, as every other output


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


def summary_band(summary: Summary, hazards: HazardBand | None) -> str:
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


def legend(warn_days: int) -> str:
    def chip(signal: Signal, done: bool) -> str:
        return (
            '<svg class="chip" viewBox="0 0 4 4" width="4mm" height="4mm">'
            f"{shape(signal, done, 2, 2, 2.8)}</svg>"
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
