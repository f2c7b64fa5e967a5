"""Tables for monthly reports and the ranking. Each state is a mark as well as a colour, so
NO_COLOR and pipes lose nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.domain.reports import Instance, totals
from maogang_cli.i18n import Lang, t
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.duties import Duty
    from maogang_cli.domain.periods import Period
    from maogang_cli.domain.rank import RankRow

_STYLE = {"on_time": "green", "late": "yellow", "missing": "bold red", "not_due": "dim"}


def _mark(instance: Instance, lang: Lang) -> Cell:
    if instance.state == "on_time":
        text = "✓"
    elif instance.state == "late":
        text = f"迟{instance.days_late}" if lang == "zh" else f"+{instance.days_late}"
    elif instance.state == "missing":
        text = "✗"
    else:
        text = "·"
    return Cell(text, _STYLE[instance.state])


def _month_heading(period: Period) -> str:
    return str(period.first.month)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def reports_legend(duty: Duty, lang: Lang) -> str:
    if lang == "zh":
        return (
            f"✓ 按时（{duty.due_day}日当天或之前）；迟N 迟报N天；✗ 未报；· 未到期。"
            "按时率＝按时÷应报。"
        )
    return (
        f"✓ on time (by day {duty.due_day}); +N: N days late; ✗ missing; · not due. "
        "Rate = on time / due."
    )


def reports_grid(
    duty: Duty,
    periods: Sequence[Period],
    units: Sequence[str],
    instances: Sequence[Instance],
    day: date,
    lang: Lang,
) -> None:
    """One table per calendar year (months as columns, so a year fits 80 columns)."""
    zh = lang == "zh"
    if not periods:
        output.print_text(
            f"所选范围内没有月报（月报自 {duty.start} 至 {duty.end}）。"
            if zh
            else f"No monthly reports in that range (they run {duty.start} to {duty.end})."
        )
        return
    years = sorted({p.first.year for p in periods})
    for n, year in enumerate(years):
        shown = [p for p in periods if p.first.year == year]
        keys = {p.key for p in shown}
        _year_grid(
            duty,
            shown,
            units,
            [i for i in instances if i.period.key in keys],
            day,
            lang,
            last=n == len(years) - 1,
        )


def _year_grid(
    duty: Duty,
    periods: Sequence[Period],
    units: Sequence[str],
    instances: Sequence[Instance],
    day: date,
    lang: Lang,
    *,
    last: bool,
) -> None:
    zh = lang == "zh"
    columns = [Column(t("unit", lang), no_wrap=True)]
    columns += [Column(_month_heading(p), justify="center", no_wrap=True) for p in periods]
    columns += [
        # totals headed by the marks they count, so a year of months fits 80 columns
        Column("✓", justify="right", no_wrap=True),
        Column("迟" if zh else "+", justify="right", no_wrap=True),
        Column("✗", justify="right", no_wrap=True),
        Column("按时率" if zh else "Rate", justify="right", no_wrap=True),
    ]
    cells = {(i.unit, i.period.key): i for i in instances}
    rows: list[list[str | Cell]] = []
    for total in totals(instances, units):
        row: list[str | Cell] = [total.unit]
        row += [_mark(cells[(total.unit, p.key)], lang) for p in periods]
        row += [
            str(total.on_time),
            Cell(str(total.late), _STYLE["late"] if total.late else ""),
            Cell(str(total.missing), _STYLE["missing"] if total.missing else ""),
            _rate(total.on_time_rate),
        ]
        rows.append(row)
    span = periods[0].key if len(periods) == 1 else f"{periods[0].key}—{periods[-1].key}"
    title = f"月报报送 {span}（截至 {day}）" if zh else f"Monthly reports {span}, as of {day}"
    output.print_table(
        columns, rows, title=title, caption=reports_legend(duty, lang) if last else ""
    )


def rank_rule(lang: Lang) -> str:
    if lang == "zh":
        return (
            "排名规则：依次比较完成率（高者在前）、逾期数（少者在前）、逾期完成数（少者在前）、"
            "月报按时率（高者在前）；四项均相同者并列。无任务或无应报月报的单位，该项按100%计。"
        )
    return (
        "Rule: completion rate (higher first), then overdue (fewer first), then done late "
        "(fewer first), then on-time report rate (higher first); units equal on all four share "
        "a rank. A unit with no tasks, or no report due, counts 100% on that figure."
    )


def rank_table(rows: Sequence[RankRow], day: date, cooperating: bool, lang: Lang) -> None:
    zh = lang == "zh"
    columns = [
        Column("名次" if zh else "Rank", justify="right", no_wrap=True),
        Column(t("unit", lang), no_wrap=True),
        Column("任务" if zh else "Tasks", justify="right", no_wrap=True),
        Column("完成" if zh else "Done", justify="right", no_wrap=True),
        Column("完成率" if zh else "Done %", justify="right", no_wrap=True),
        Column("逾期" if zh else "Over", justify="right", no_wrap=True),
        Column("逾期完成" if zh else "Late", justify="right", no_wrap=True),
        Column("月报按时" if zh else "Reports", justify="right", no_wrap=True),
        Column("按时率" if zh else "On time", justify="right", no_wrap=True),
    ]
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
    scope = ("主办+协办" if cooperating else "主办") if zh else ("all" if cooperating else "lead")
    title = f"晾晒排名（截至 {day}，{scope}）" if zh else f"Ranking as of {day} ({scope} units)"
    output.print_table(columns, table, title=title, caption=rank_rule(lang))
