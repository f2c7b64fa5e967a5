"""Tables for monthly reports and the ranking. Each state is a mark as well as a colour, so
NO_COLOR and pipes lose nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len

from maogang_cli import output
from maogang_cli.domain.rates import rate_text
from maogang_cli.domain.reports import Instance, totals
from maogang_cli.i18n import N_, Lang, _, t
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from maogang_cli.domain.duties import Duty
    from maogang_cli.domain.periods import Period
    from maogang_cli.domain.rank import RankRow

_STYLE = {"on_time": "green", "late": "yellow", "missing": "bold red", "not_due": "dim"}

# Marks of narrow width on every terminal: ✓ and ✗ are Neutral in Unicode's East Asian
# Width, and ASCII '-' marks 'not due' (the middle dot '·' and the dash '—' are Ambiguous:
# double width on some Chinese terminals, which breaks a grid's alignment).
ON_TIME, MISSING, NOT_DUE, NONE = "✓", "✗", "-", "-"


def _mark(instance: Instance, lang: Lang) -> Cell:
    if instance.state == "on_time":
        text = ON_TIME
    elif instance.state == "late":
        text = f"迟{instance.days_late}" if lang == "zh" else f"+{instance.days_late}"
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


def reports_legend(duty: Duty, lang: Lang) -> str:
    if lang == "zh":
        return (
            f"{ON_TIME} 按时（{duty.due_day}日当天或之前）；迟N 迟报N天；{MISSING} 未报；"
            f"{NOT_DUE} 未到期。按时率＝按时／应报。"
        )
    return (
        f"{ON_TIME} on time (by day {duty.due_day}); +N: N days late; {MISSING} missing; "
        f"{NOT_DUE} not due. Rate = on time / due."
    )


def no_reports(duty: Duty, lang: Lang) -> str:
    if lang == "zh":
        return f"所选范围内没有月报（月报自 {duty.start} 至 {duty.end}）。"
    return f"No monthly reports in that range (they run {duty.start} to {duty.end})."


def reports_grid(
    duty: Duty,
    periods: Sequence[Period],
    units: Sequence[str],
    instances: Sequence[Instance],
    day: date,
    lang: Lang,
) -> None:
    """One table per calendar year (months as columns, totals beside them); where that is
    wider than the terminal, the year's months in as few tables as fit, then its totals.
    The legend follows as lines, so it wraps at the terminal's width, not the table's."""
    if not periods:
        output.print_text(no_reports(duty, lang))
        return
    for year in sorted({p.first.year for p in periods}):
        shown = [p for p in periods if p.first.year == year]
        keys = {p.key for p in shown}
        _year_grid(shown, units, [i for i in instances if i.period.key in keys], day, lang)
    output.print_lines([reports_legend(duty, lang)])


def _title(periods: Sequence[Period], day: date, lang: Lang, totals: bool = False) -> str:
    first, last = periods[0].key, periods[-1].key
    if lang == "zh":
        span = first if first == last else f"{first}至{last}"
        return f"月报报送 {span}{' 合计' if totals else ''}（截至 {day}）"
    span = first if first == last else f"{first} to {last}"
    return f"Monthly reports {span}{', totals' if totals else ''}, as of {day}"


def _year_grid(
    periods: Sequence[Period],
    units: Sequence[str],
    instances: Sequence[Instance],
    day: date,
    lang: Lang,
) -> None:
    zh = lang == "zh"
    cells = {(i.unit, i.period.key): i for i in instances}
    counts = totals(instances, units)

    def months(chosen: Sequence[Period]) -> tuple[list[Column], list[list[str | Cell]]]:
        # min_width: however narrow the terminal, "12" is never cut to "1"
        columns = [Column(t("unit", lang), no_wrap=True)]
        columns += [
            Column(h, justify="center", no_wrap=True, min_width=cell_len(h))
            for h in _month_headings(chosen)
        ]
        rows: list[list[str | Cell]] = [
            [unit, *(_mark(cells[(unit, p.key)], lang) for p in chosen)] for unit in units
        ]
        return columns, rows

    total_columns = [
        # headed by the marks they count, so a year of months fits 80 columns
        Column(ON_TIME, justify="right", no_wrap=True, min_width=1),
        Column("迟" if zh else "+", justify="right", no_wrap=True, min_width=2 if zh else 1),
        Column(MISSING, justify="right", no_wrap=True, min_width=1),
        Column("按时率" if zh else "Rate", justify="right", no_wrap=True, min_width=6 if zh else 4),
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
        output.print_lines([_title(periods, day, lang)])
        output.print_table(columns, rows)
        return
    # Too wide: the months in the fewest tables that fit, then the totals on their own.
    for chunk in _fewest_parts(periods, lambda chunk: output.table_fits(*months(chunk))):
        output.print_lines([_title(chunk, day, lang)])
        output.print_table(*months(chunk))
    output.print_lines([_title(periods, day, lang, totals=True)])
    output.print_table(
        [Column(t("unit", lang), no_wrap=True), *total_columns],
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


def rank_rule(lang: Lang) -> str:
    if lang == "zh":
        # Broken by hand after punctuation: rich would break anywhere, putting 、 first.
        return (
            "排名规则：依次比较完成率（高者在前）、逾期数（少者在前）、\n"
            "逾期完成数（少者在前）、月报按时率（高者在前）；四项均相同者并列。\n"
            "无任务或无应报月报的单位，该项按100%计。"
        )
    return (
        "Rule: completion rate (higher first), then overdue (fewer first), then done late "
        "(fewer first), then on-time report rate (higher first); units equal on all four share "
        "a rank. A unit with no tasks, or no report due, counts 100% on that figure."
    )


# Headings of the ranking: on one line, or on two where the terminal is narrow.
_RANK_HEADINGS = {
    "zh": (
        ["名次", "单位", "任务", "完成", "完成率", "逾期", "逾期完成", "月报按时", "按时率"],
        [
            "名次",
            "单位",
            "任务",
            "完成",
            "完成\n率",
            "逾期",
            "逾期\n完成",
            "月报\n按时",
            "按时\n率",
        ],
    ),
    "en": (
        ["Rank", "Unit", "Tasks", "Done", "Done %", "Over", "Late", "Reports", "On time"],
        ["Rank", "Unit", "Tasks", "Done", "Done\n%", "Over", "Late", "Rep.", "On\ntime"],
    ),
}


def rank_table(rows: Sequence[RankRow], day: date, cooperating: bool, lang: Lang) -> None:
    """The ranking, then its rule as lines (wrapped at the terminal's width, not the
    table's). Figures never wrap: where the table is wider than the terminal, the headings
    take two lines and long unit names wrap."""
    zh = lang == "zh"
    table: list[list[str | Cell]] = [
        [
            str(r.rank),
            r.unit,
            str(r.tasks),
            str(r.done),
            _rate(r.completion_rate),
            Cell(str(r.overdue), "bold red" if r.overdue else ""),
            str(r.done_late),
            f"{r.reports_on_time}/{r.reports_due}",
            _rate(r.report_rate),
        ]
        for r in rows
    ]

    def columns(headings: Sequence[str], wrap_unit: bool) -> list[Column]:
        out = [Column(h, justify="right", no_wrap=True) for h in headings]
        out[1] = Column(headings[1], no_wrap=not wrap_unit)
        return out

    wide, narrow = _RANK_HEADINGS[lang]
    chosen = columns(wide, wrap_unit=False)
    if not output.table_fits(chosen, table):
        chosen = columns(narrow, wrap_unit=True)
    scope = ("主办+协办" if cooperating else "主办") if zh else ("all" if cooperating else "lead")
    title = f"晾晒排名（截至 {day}，{scope}）" if zh else f"Ranking as of {day} ({scope} units)"
    output.print_lines([title])
    output.print_table(chosen, table)
    output.print_lines([rank_rule(lang)])


def nothing_to_rank(day: date, year: int | None, lang: Lang) -> str:
    if lang == "zh":
        scope = f" {year} 年的" if year is not None else ""
        return f"截至 {day} 没有可排名的内容：没有{scope}任务，也没有到期的月报。"
    scope = f" of {year}" if year is not None else ""
    return f"Nothing to rank as of {day}: no tasks{scope} and no monthly report due."
