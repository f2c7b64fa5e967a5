"""Tables for monthly reports and the ranking. Each state is a mark as well as a colour, so
NO_COLOR and pipes lose nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len

from maogang_cli import output
from maogang_cli.domain.rates import rate_text
from maogang_cli.domain.reports import Instance, totals
from maogang_cli.i18n import N_, _, pgettext
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from maogang_cli.domain.duties import Duty
    from maogang_cli.domain.periods import Period

_STYLE = {"on_time": "green", "late": "yellow", "missing": "bold red", "not_due": "dim"}

# Marks of narrow width on every terminal: ✓ and ✗ are Neutral in Unicode's East Asian
# Width, and ASCII '-' marks 'not due' (the middle dot '·' and the dash '—' are Ambiguous:
# double width on some Chinese terminals, which breaks a grid's alignment).
ON_TIME, MISSING, NOT_DUE, NONE = "✓", "✗", "-", "-"


def _mark(instance: Instance) -> Cell:
    if instance.state == "on_time":
        text = ON_TIME
    elif instance.state == "late":
        text = _("+{n}").format(n=instance.days_late)  # 迟3: three days late
    elif instance.state == "missing":
        text = MISSING
    else:
        text = NOT_DUE
    return Cell(text, _STYLE[instance.state])


MONTH_NAMES = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
               N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))  # fmt: skip


def _month_headings(periods: Sequence[Period]) -> list[str]:
    """5月, 6月 … (May, Jun …). A table holds one calendar year, named in its title."""
    return [_(MONTH_NAMES[period.first.month - 1]) for period in periods]


def _rate(value: float | None) -> str:
    return rate_text(value, NONE)


def reports_legend(duty: Duty) -> list[str]:
    """The marks on one line (it fits 60 columns, so a mark never ends a line without
    its meaning), the rate on the next."""
    return [
        _("{on_time} on time (by day {due_day}); +N: N days late; {missing} missing; "
          "{not_due} not due.").format(
            on_time=ON_TIME, due_day=duty.due_day, missing=MISSING, not_due=NOT_DUE
        ),
        _("Rate = on time / due."),
    ]  # fmt: skip


def no_reports(duty: Duty) -> str:
    return _("No monthly reports in that range (they run {start} to {end}).").format(
        start=duty.start, end=duty.end
    )


def reports_grid(
    duty: Duty,
    periods: Sequence[Period],
    units: Sequence[str],
    instances: Sequence[Instance],
    day: date,
) -> None:
    """One table per calendar year (months as columns, totals beside them); where that is
    wider than the terminal, the year's months in as few tables as fit, then its totals.
    The legend follows as lines, so it wraps at the terminal's width, not the table's."""
    if not periods:
        output.print_text(no_reports(duty))
        return
    for year in sorted({p.first.year for p in periods}):
        shown = [p for p in periods if p.first.year == year]
        keys = {p.key for p in shown}
        _year_grid(shown, units, [i for i in instances if i.period.key in keys], day)
    output.print_lines(reports_legend(duty))


def _title(periods: Sequence[Period], day: date, totals: bool = False) -> str:
    first, last = periods[0].key, periods[-1].key
    span = (
        first
        if first == last
        else pgettext("months", "{first} to {last}").format(first=first, last=last)
    )
    title = (
        _("Monthly reports {span}, totals, as of {day}")
        if totals
        else _("Monthly reports {span}, as of {day}")
    )
    return title.format(span=span, day=day)


def _year_grid(
    periods: Sequence[Period],
    units: Sequence[str],
    instances: Sequence[Instance],
    day: date,
) -> None:
    cells = {(i.unit, i.period.key): i for i in instances}
    counts = totals(instances, units)

    def months(chosen: Sequence[Period]) -> tuple[list[Column], list[list[str | Cell]]]:
        # min_width: however narrow the terminal, "12" is never cut to "1"
        columns = [Column(_("Unit"), no_wrap=True)]
        columns += [
            Column(h, justify="center", no_wrap=True, min_width=cell_len(h))
            for h in _month_headings(chosen)
        ]
        rows: list[list[str | Cell]] = [
            [unit, *(_mark(cells[(unit, p.key)]) for p in chosen)] for unit in units
        ]
        return columns, rows

    total_columns = [
        # headed by the marks they count, so a year of months fits 80 columns
        Column(ON_TIME, justify="right", no_wrap=True, min_width=1),
        Column(late := _("+"), justify="right", no_wrap=True, min_width=cell_len(late)),
        Column(MISSING, justify="right", no_wrap=True, min_width=1),
        Column(rate := _("Rate"), justify="right", no_wrap=True, min_width=cell_len(rate)),
    ]
    total_cells: list[list[str | Cell]] = [
        [
            str(total.on_time),
            Cell(str(total.late), _STYLE["late"] if total.late else ""),
            Cell(str(total.missing), _STYLE["missing"] if total.missing else ""),
            _rate(total.on_time_rate),
        ]
        for total in counts
    ]
    columns, rows = months(periods)
    columns += total_columns
    rows = [row + extra for row, extra in zip(rows, total_cells, strict=True)]
    if output.table_fits(columns, rows):
        output.print_lines([_title(periods, day)])
        output.print_table(columns, rows)
        return
    # Too wide: the months in the fewest tables that fit, then the totals on their own.
    for chunk in _fewest_parts(periods, lambda chunk: output.table_fits(*months(chunk))):
        output.print_lines([_title(chunk, day)])
        output.print_table(*months(chunk))
    output.print_lines([_title(periods, day, totals=True)])
    output.print_table(
        [Column(_("Unit"), no_wrap=True), *total_columns],
        [[unit, *extra] for unit, extra in zip(units, total_cells, strict=True)],
    )


def _fewest_parts(
    periods: Sequence[Period], fits: Callable[[Sequence[Period]], bool]
) -> list[Sequence[Period]]:
    """The periods in the fewest runs of (nearly) equal length that each fit; one period a
    run if nothing else does."""
    for parts in range(1, len(periods) + 1):
        size = -(-len(periods) // parts)
        runs = [periods[i : i + size] for i in range(0, len(periods), size)]
        if all(fits(run) for run in runs):
            return runs
    return [[p] for p in periods]
