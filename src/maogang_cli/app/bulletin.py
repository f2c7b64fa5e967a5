"""The monthly 通报 of a month as of a day, from the same reads `status`, `rank`, `reports`
and `overdue` make for that day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.app.owed import missed
from maogang_cli.app.reporting import duty_units, ranking, report_grid
from maogang_cli.app.span import check_month
from maogang_cli.domain.bulletin import (
    Bulletin,
    HazardLine,
    HazardSection,
    overdue_by_unit,
    task_progress,
    totals,
)
from maogang_cli.domain.duties import MONTHLY_REPORT
from maogang_cli.domain.owed import group_overdue, merge_overdue
from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.store.duties import find_duty
from maogang_cli.store.plan import plan_heading
from maogang_cli.store.progress import pair_states, unit_order, unit_summaries
from maogang_cli.store.queries import list_tasks, task_heads

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from maogang_cli.domain.periods import Period

FALLBACK_TITLE = "安全生产治本攻坚三年行动"


def default_day(month: Period, today: date) -> date:
    """A month's 通报 speaks of its last day, or of today while the month runs."""
    return min(month.last, today)


def monthly_bulletin(
    conn: sqlite3.Connection, month: Period, *, as_of: date | None, today: date
) -> Bulletin:
    """Everything the 通报 of `month` reports, as of `as_of` (default: `default_day`); a
    month outside the plan, or not begun, is refused as `export` refuses it."""
    check_month(conn, month, today=today, as_of=as_of)
    as_of = as_of or default_day(month, today)
    report = ReportOptions(as_of)  # as `status`, `rank` and `overdue` report the day
    summaries = unit_summaries(conn, report)
    states = pair_states(conn, report, details=False)  # `status`'s pairs, one by one
    tasks = [t for t in list_tasks(conn) if not t.retired]
    progress = task_progress(tasks, states)
    late = [s for s in states if s.overdue]  # as `overdue --kind task`
    titles = {t.id: t.title for t in tasks}
    owed = [o for o in missed(conn, report) if o.id != MONTHLY_REPORT]
    duty = find_duty(conn, MONTHLY_REPORT)
    reports = []
    report_due = None
    if duty is not None and duty.periods(month.key, month.key) == [month]:
        report_due = duty.due(month)
        reports = report_grid(conn, duty, [month], duty_units(conn, duty), as_of)
    heading = plan_heading(conn)
    return Bulletin(
        title=heading.title if heading else FALLBACK_TITLE,
        document=heading.document if heading else "",
        month=month,
        as_of=as_of,
        totals=totals(summaries),
        tasks_due=tuple(p for p in progress if p.deadline <= as_of),
        month_tasks=tuple(p for p in progress if month.first <= p.deadline <= month.last),
        ranking=tuple(ranking(conn, report)),
        overdue=tuple(overdue_by_unit(late, titles, unit_order(conn))),
        report_due=report_due,
        reports=tuple(reports),
        missed=tuple(group_overdue(merge_overdue([], owed), task_heads(conn))),
        hazards=hazard_section(conn, as_of),
    )


def hazard_section(conn: sqlite3.Connection, as_of: date) -> HazardSection:
    """The major hazards as `hazard stats --level major` and `hazard targets` give them."""
    from maogang_cli.app.hazard_figures import ledger_stats, ledger_targets
    from maogang_cli.app.hazard_ledger import Query

    stats = ledger_stats(conn, Query(levels=("major",)), as_of)
    lines = [HazardLine(*line) for line in stats.by["department"]]
    return HazardSection(
        HazardLine(*stats.total),
        stats.median_days_to_close,
        tuple(line for line in lines if line.found),
        ledger_targets(conn, as_of),
    )
