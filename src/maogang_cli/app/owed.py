"""What each unit owes under the plan: duty instances and plan milestones, read from the
plan tables and the duty records, judged by `domain.owed`."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.owed import Owed, chased, duty_owed, merge_overdue, milestone_owed
from maogang_cli.store.duties import list_duties, records_by_duty, short_names
from maogang_cli.store.owed import list_milestones, memberless_groups

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Collection
    from datetime import date

    from maogang_cli.domain.duties import Duty, PlanMilestone
    from maogang_cli.domain.models import TaskHead
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.domain.status import PairState


class Overdue(NamedTuple):
    """Everything not done by its deadline, most overdue first, with the tasks named and
    the duties' short names (月报) to show in place of their ids."""

    items: list[PairState | Owed]
    tasks: dict[str, TaskHead]
    duty_names: dict[str, str]


def owed(
    conn: sqlite3.Connection,
    as_of: date,
    *,
    first: date | None = None,
    last: date | None = None,
    units: Collection[str] | None = None,
    duties: list[Duty] | None = None,
    milestones: list[PlanMilestone] | None = None,
) -> list[Owed]:
    """Every duty instance, then every plan-milestone instance, due between `first` and
    `last` (inclusive; open-ended when not given), in plan order, with its state as of
    `as_of`. `duties` and `milestones` default to every one stored."""
    if duties is None:
        duties = list_duties(conn)
    if milestones is None:
        milestones = list_milestones(conn)
    records = records_by_duty(conn, until=as_of)
    out: list[Owed] = []

    def wanted(due: date) -> bool:
        return (first is None or due >= first) and (last is None or due <= last)

    lo = f"{first.year:04d}-{first.month:02d}" if first else None
    hi = f"{last.year:04d}-{last.month:02d}" if last else None
    for duty in duties:
        periods = [p for p in duty.periods(lo, hi) if wanted(duty.due(p))]
        if periods:
            out += duty_owed(duty, periods, records.get(duty.id, []), as_of, units=units)
    for milestone in milestones:
        if wanted(milestone.due):
            done = records.get(milestone.id, [])
            out += milestone_owed(milestone, done, as_of, units=units)
    return out


def missed(
    conn: sqlite3.Connection, options: ReportOptions, *, all_duties: bool = False
) -> list[Owed]:
    """Duty instances and plan milestones not done by their due day, as of the report's
    day, owed by its units (all when None), due in its year (any when None).

    Obligations owed only by memberless collectives are left out unless `all_duties` or
    units are given (see `domain.owed.chased`)."""
    as_of, units, year = options.as_of, options.units, options.year
    duties, milestones = list_duties(conn), list_milestones(conn)
    found = [
        o
        for o in owed(conn, as_of, last=as_of, units=units, duties=duties, milestones=milestones)
        if o.state == "missing" and (year is None or o.due.year == year)
    ]
    if all_duties or units is not None:
        return found
    memberless = memberless_groups(conn)
    owners = {d.id: d.owner_units for d in duties}
    owners |= {m.id: m.responsible_units for m in milestones}
    # Judged once an obligation, not once each of its instances.
    chased_ids = {ident for ident, units in owners.items() if chased(units, memberless)}
    return [o for o in found if o.id in chased_ids]


def overdue(
    conn: sqlite3.Connection, options: ReportOptions, kinds: Collection[str], *, all_duties: bool
) -> Overdue:
    """Late (task, unit) pairs, missed duty instances and plan milestones of these kinds."""
    from maogang_cli.store.progress import overdue_pairs
    from maogang_cli.store.queries import task_heads

    if options.year is not None:
        from maogang_cli.app.span import check_plan_year

        check_plan_year(conn, options.year)
    late: list[PairState] = []
    if "task" in kinds:
        late = overdue_pairs(conn, options)
    owed_late: list[Owed] = []
    if "duty" in kinds or "plan_milestone" in kinds:
        owed_late = [o for o in missed(conn, options, all_duties=all_duties) if o.kind in kinds]
    if "hazard" in kinds:
        from maogang_cli.app.hazard_owed import overdue_hazards

        owed_late += overdue_hazards(conn, options)
    return Overdue(merge_overdue(late, owed_late), task_heads(conn), short_names(conn))
