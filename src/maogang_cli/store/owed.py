"""What each unit owes under the plan, read from the plan tables and the duty records.

Duty instances and plan milestones share the duty records (`store.duties`): a milestone's
records are stored under its id as the duty and its due month as the period.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.domain.duties import PlanMilestone
from maogang_cli.domain.owed import Owed, chased, duty_owed, milestone_owed
from maogang_cli.errors import NotFoundError, did_you_mean
from maogang_cli.store.duties import find_duty, list_duties, records_by_duty

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Collection

    from maogang_cli.domain.duties import Duty


def _milestone(row: sqlite3.Row) -> PlanMilestone:
    return PlanMilestone(
        id=row["id"],
        measure=row["measure"],
        due=date.fromisoformat(row["due"]),
        text=row["text"],
        responsible=json.loads(row["responsible"]),
        responsible_units=json.loads(row["responsible_units"]),
    )


def list_milestones(conn: sqlite3.Connection) -> list[PlanMilestone]:
    """Every plan milestone, in the plan's order."""
    return [_milestone(r) for r in conn.execute("SELECT * FROM plan_milestones ORDER BY rowid")]


def memberless_groups(conn: sqlite3.Connection) -> set[str]:
    """Groups with no named members (各村居, 各生产经营单位 …), each tracked as one unit."""
    return {
        r[0] for r in conn.execute("SELECT name FROM units WHERE is_group = 1 AND members = '[]'")
    }


def find_obligation(conn: sqlite3.Connection, ident: str) -> Duty | PlanMilestone:
    """A recurring duty or a plan milestone by id; NotFoundError with suggestions."""
    ident = ident.strip()
    duty = find_duty(conn, ident)
    row = conn.execute("SELECT * FROM plan_milestones WHERE id = ?", [ident]).fetchone()
    if duty is not None and row is not None:
        raise NotFoundError(f"'{ident}' is both a duty and a plan milestone: rename one")
    if duty is not None:
        return duty
    if row is not None:
        return _milestone(row)
    known = [
        r[0] for r in conn.execute("SELECT id FROM duties UNION SELECT id FROM plan_milestones")
    ]
    if not known:
        raise NotFoundError(f"unknown duty '{ident}': the catalogue has no plan with duties")
    raise NotFoundError(
        f"unknown duty or plan milestone '{ident}'{did_you_mean(ident, sorted(known))}"
    )


def owed(
    conn: sqlite3.Connection,
    as_of: date,
    *,
    first: date | None = None,
    last: date | None = None,
    units: Collection[str] | None = None,
) -> list[Owed]:
    """Every duty instance, then every plan-milestone instance, due between `first` and
    `last` (inclusive; open-ended when not given), in plan order, with its state as of
    `as_of`."""
    return _owed(conn, as_of, list_duties(conn), list_milestones(conn), first, last, units)


def _owed(
    conn: sqlite3.Connection,
    as_of: date,
    duties: list[Duty],
    milestones: list[PlanMilestone],
    first: date | None,
    last: date | None,
    units: Collection[str] | None,
) -> list[Owed]:
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
    conn: sqlite3.Connection,
    as_of: date,
    *,
    units: Collection[str] | None = None,
    year: int | None = None,
    all_duties: bool = False,
) -> list[Owed]:
    """Duty instances and plan milestones not done by their due day, as of `as_of`.

    Obligations owed only by memberless collectives are left out unless `all_duties` or
    `units` is given (see `domain.owed.chased`)."""
    duties, milestones = list_duties(conn), list_milestones(conn)
    found = [
        o
        for o in _owed(conn, as_of, duties, milestones, None, as_of, units)
        if o.missing and (year is None or o.due.year == year)
    ]
    if all_duties or units is not None:
        return found
    memberless = memberless_groups(conn)
    owners = {d.id: d.owner_units for d in duties}
    owners |= {m.id: m.responsible_units for m in milestones}
    return [o for o in found if chased(owners.get(o.id, []), memberless)]
