"""The 挂图作战 wall chart as of a day, from the same reads `status` and `rank` make."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.app.owed import owed
from maogang_cli.app.reporting import ranking
from maogang_cli.domain.chart import (
    HazardBand,
    Section,
    WallChart,
    action_sections,
    duty_section,
    month_span,
    summarise,
    unit_rows,
)
from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.status import ROLES
from maogang_cli.errors import NotFoundError
from maogang_cli.i18n import _
from maogang_cli.store.duties import list_duties, short_names
from maogang_cli.store.owed import list_milestones
from maogang_cli.store.plan import list_actions, list_measures, plan_heading
from maogang_cli.store.progress import pair_states, unit_summaries
from maogang_cli.store.queries import list_tasks, resolve_unit, units_named
from maogang_cli.words import names

if TYPE_CHECKING:
    import sqlite3

    from maogang_cli.domain.plan import Action

# Shown when the catalogue has no plan file (or was loaded before its title was kept).
FALLBACK_TITLE = "安全生产治本攻坚三年行动"


def wall_chart(
    conn: sqlite3.Connection,
    options: ReportOptions,
    *,
    unit: str | None = None,
    action: str | None = None,
) -> WallChart:
    """The chart of every live task, plan milestone and duty as of the report's day (its
    due-soon window), narrowed to its year (its task list, and what falls due in it), a
    unit (its 主办 and 协办 tasks, what it owes; the colours are its own) or an action
    (its number or words of its title)."""
    as_of, year, warn_days = options.as_of, options.year, options.warn_days
    without_tasks = False  # a plan year with no task list yet: its milestones and duties
    if year is not None:
        from maogang_cli.app.span import check_plan_year, task_years

        check_plan_year(conn, year)
        without_tasks = year not in task_years(conn)
    units = units_named(conn, unit)
    actions = list_actions(conn)
    chosen = _choose_action(actions, action)
    counted = ROLES if unit is not None else ("responsible",)  # as `status` counts them
    states = pair_states(conn, options._replace(units=units, roles=counted), details=False)
    tasks = list_tasks(conn, year=year, task_ids=sorted({s.task_id for s in states}))
    first = last = None
    if year is not None:
        first, last = date(year, 1, 1), date(year, 12, 31)
    instances = owed(conn, as_of, first=first, last=last, units=units)
    measures = list_measures(conn)
    names = short_names(conn)  # 月报, 培树企业 on hover, not monthly_report
    sections = action_sections(
        actions, measures, tasks, states, list_milestones(conn), instances, as_of, warn_days, names
    )
    duties = duty_section(list_duties(conn), instances, as_of, warn_days, names)
    if duties is not None:
        sections.append(duties)
    if action is not None:
        sections = [s for s in sections if _in_action(s, chosen, action)]
        if not sections:
            raise NotFoundError(
                _("--action {action}: no action or task list heading has it").format(action=action)
            )
    shown_tasks = {r.key for s in sections for r in s.rows if r.kind == "task"}
    summaries = unit_summaries(conn, options)
    if units is not None:
        summaries = [s for s in summaries if s.unit in units]
    unit_states = [s for s in states if s.role == "responsible" and s.task_id in shown_tasks]
    titles = {t.id: t.title for t in tasks}
    rows = unit_rows(summaries, unit_states, titles)
    ranked = ranking(conn, options)
    if units is not None:
        ranked = [r for r in ranked if r.unit in units]
    summary = summarise(
        summaries, sum(r.reports_due for r in ranked), sum(r.reports_on_time for r in ranked)
    )
    heading = plan_heading(conn)
    start, end = (heading.start, heading.end) if heading else ("9999-12", "0001-01")
    dues = [m.due for s in sections for r in s.rows for m in r.marks]
    if year is not None:
        start, end = f"{year:04d}-01", f"{year:04d}-12"
        dues = [d for d in dues if d.year == year]
    elif not dues and heading is None:
        dues = [as_of]
    filters = tuple(
        (name, str(value))
        for name, value in (
            ("year", year),
            ("unit", resolve_unit(conn, unit) if unit else None),
            ("action", action),
            ("no_task_list", year if without_tasks else None),
        )
        if value is not None
    )
    hazards = None if unit is not None else hazard_band(conn, as_of)
    return WallChart(
        title=heading.title if heading else FALLBACK_TITLE,
        document=heading.document if heading else "",
        as_of=as_of,
        months=month_span(start, end, dues),
        filters=filters,
        sections=tuple(sections),
        units=tuple(rows),
        summary=summary,
        hazards=hazards,
    )


def hazard_band(conn: sqlite3.Connection, as_of: date) -> HazardBand:
    """The major hazards found by the day, and the plan's three targets for them."""
    from maogang_cli.app.hazard_figures import ledger_stats, ledger_targets
    from maogang_cli.app.hazard_ledger import Query

    total = ledger_stats(conn, Query(levels=("major",)), as_of).total
    targets = ledger_targets(conn, as_of)
    return HazardBand(total.total, total.open, total.overdue, total.closed, targets)


def _choose_action(actions: list[Action], text: str | None) -> Action | None:
    """The action an --action value names: its number (1-9) or words of its title."""
    if text is None:
        return None
    text = text.strip()
    for action in actions:
        if text == str(action.number) or (text and text in action.title):
            return action
    if text.isdigit():
        known = names(str(a.number) for a in actions)
        raise NotFoundError(
            _("--action {action}: no such action (the plan's: {known})").format(
                action=text, known=known
            )
        )
    return None


def _in_action(section: Section, chosen: Action | None, text: str) -> bool:
    if chosen is not None:
        return section.key == str(chosen.number)
    return text.strip() in section.title


def no_task_list(chart: WallChart) -> bool:
    """Whether the chart is of a plan year that has no task list (only its milestones and
    duties are on it)."""
    return any(name == "no_task_list" for name, _value in chart.filters)


def contents(chart: WallChart) -> tuple[int, int, int]:
    """The tasks, plan milestones and duties drawn, as the note after writing counts them."""
    rows = [r for s in chart.sections for r in s.rows]
    tasks = sum(1 for r in rows if r.kind == "task")
    milestones = sum(1 for r in rows for m in r.marks if m.kind == "plan_milestone")
    duties = sum(1 for r in rows if r.kind == "duty")
    return tasks, milestones, duties


__all__ = ["contents", "no_task_list", "wall_chart"]
