"""The plan as of a day: `maogang plan`'s actions and measures, `maogang agenda`'s items
due in a window, and `maogang duty list`'s counts per duty."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from maogang_cli.app.owed import owed
from maogang_cli.domain.agenda import AgendaItem, Window, owed_items, sort_agenda, task_items
from maogang_cli.domain.owed import Owed, chased, milestone_owed
from maogang_cli.domain.plan import ActionView, build_plan
from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.reports import totals
from maogang_cli.store.duties import duty_records, list_duties
from maogang_cli.store.owed import list_milestones, memberless_groups
from maogang_cli.store.plan import duty_measures, list_actions, list_measures, list_targets

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from maogang_cli.domain.duties import Duty


class PlanPage(NamedTuple):
    """`maogang plan`: the actions with their measures, and the plan's overall targets."""

    actions: list[ActionView]
    targets: list[tuple[date, str]]
    short_names: dict[str, str]  # milestone id -> 培树企业, as the table names it


class DutyList(NamedTuple):
    """`maogang duty list`: the recurring duties and their counts as of the day."""

    duties: list[Duty]
    counts: dict[str, dict[str, Any]]
    short_names: dict[str, str]  # monthly_report -> 月报, as the table names it


class Agenda(NamedTuple):
    """What falls due, one item per owing unit, and the duties' short names (月报) to show
    in place of their ids."""

    items: list[AgendaItem]
    duty_names: dict[str, str]


def agenda(
    conn: sqlite3.Connection, options: ReportOptions, window: Window, *, year: int | None = None
) -> Agenda:
    """Everything due in the window as of the report's day, one item per owing unit (of
    its units, when given), sorted (see domain.agenda); `year`, the --year the window
    was made of, must lie within the plan."""
    if year is not None:
        from maogang_cli.app.span import check_plan_year

        check_plan_year(conn, year)
    from maogang_cli.domain.status import roles
    from maogang_cli.store.duties import short_names
    from maogang_cli.store.progress import pair_states, unit_order
    from maogang_cli.store.queries import list_tasks

    as_of, units = options.as_of, options.units
    counted = roles(False, unit_named=units is not None)
    states = pair_states(conn, options._replace(roles=counted), details=False)
    tasks = list_tasks(conn, task_ids=sorted({s.task_id for s in states}))
    items = task_items(tasks, states, window)
    items += owed_items(
        owed(conn, as_of, first=window.first, last=window.last, units=units), window
    )
    from maogang_cli.app.hazard_owed import agenda_hazards

    items += agenda_hazards(conn, as_of, window.first, window.last, units)
    order = {u: i for i, u in enumerate(unit_order(conn))}
    return Agenda(sort_agenda(items, order), short_names(conn))


def plan_view(conn: sqlite3.Connection, as_of: date) -> list[ActionView]:
    """The plan's actions and measures, with tasks and milestone states as of the day."""
    from maogang_cli.store.progress import pair_states
    from maogang_cli.store.queries import list_tasks

    milestones = list_milestones(conn)
    instances: list[Owed] = []
    for milestone in milestones:
        records = duty_records(conn, milestone.id, periods=[milestone.period], until=as_of)
        instances += milestone_owed(milestone, records, as_of)
    tasks = [t for t in list_tasks(conn) if not t.retired]
    states = pair_states(conn, ReportOptions(as_of), details=False)
    return build_plan(
        list_actions(conn), list_measures(conn), milestones, instances, tasks, states, as_of
    )


def duty_counts(conn: sqlite3.Connection, as_of: date) -> dict[str, dict[str, Any]]:
    """Per duty as of the day: its measure, whether `overdue` lists it by default, and how
    many (period, unit) instances are due (due day on or before it), done, missing."""
    memberless = memberless_groups(conn)
    measures = duty_measures(conn)
    out: dict[str, dict[str, Any]] = {
        d.id: {
            "measure": measures.get(d.id),
            "in_overdue": chased(d.owner_units, memberless),
            "due": 0,
            "done": 0,
            "missing": 0,
        }
        for d in list_duties(conn)
    }
    instances = [o for o in owed(conn, as_of, last=as_of) if o.kind == "duty"]
    for counted in totals(instances, [], by=attrgetter("id")):
        # Every instance listed is due by the day (the due day itself included).
        due = counted.due + counted.not_due
        out[counted.unit].update(due=due, done=counted.done, missing=counted.missing)
    return out


def plan_page(conn: sqlite3.Connection, as_of: date) -> PlanPage:
    from maogang_cli.store.duties import short_names

    return PlanPage(plan_view(conn, as_of), list_targets(conn), short_names(conn))


def duty_list(conn: sqlite3.Connection, as_of: date) -> DutyList:
    from maogang_cli.store.duties import short_names

    return DutyList(list_duties(conn), duty_counts(conn, as_of), short_names(conn))
