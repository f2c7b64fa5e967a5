"""Reads of the plan tables, and what each unit owes under the plan, on sqlite3 alone.

Duty instances and plan milestones share the duty records (`store.duties`): a milestone's
records are stored under its id as the duty and its due month as the period.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from maogang_cli.domain.agenda import AgendaItem, Window, owed_items, sort_agenda, task_items
from maogang_cli.domain.plan import (
    Action,
    ActionView,
    Measure,
    Owed,
    PlanMilestone,
    build_plan,
    duty_owed,
    milestone_owed,
)
from maogang_cli.errors import NotFoundError, did_you_mean
from maogang_cli.store.duties import duty_records, find_duty, list_duties

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Collection

    from maogang_cli.domain.duties import Duty


def list_actions(conn: sqlite3.Connection) -> list[Action]:
    return [
        Action(r["number"], r["title"])
        for r in conn.execute("SELECT number, title FROM plan_actions ORDER BY number")
    ]


def list_measures(conn: sqlite3.Connection) -> list[Measure]:
    return [
        Measure(r["number"], r["action"], r["title"], r["summary"])
        for r in conn.execute("SELECT * FROM plan_measures ORDER BY number")
    ]


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


def list_targets(conn: sqlite3.Connection) -> list[tuple[date, str]]:
    return [
        (date.fromisoformat(r["due"]), r["text"])
        for r in conn.execute("SELECT due, text FROM plan_targets ORDER BY rowid")
    ]


def duty_measures(conn: sqlite3.Connection) -> dict[str, int | None]:
    """The measure each duty serves (None: the plan's 保障措施)."""
    return {r[0]: r[1] for r in conn.execute("SELECT id, measure FROM duties ORDER BY rowid")}


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
    out: list[Owed] = []

    def wanted(due: date) -> bool:
        return (first is None or due >= first) and (last is None or due <= last)

    for duty in list_duties(conn):
        lo = f"{first.year:04d}-{first.month:02d}" if first else None
        hi = f"{last.year:04d}-{last.month:02d}" if last else None
        periods = [p for p in duty.periods(lo, hi) if wanted(duty.due(p))]
        if not periods:
            continue
        records = duty_records(conn, duty.id, periods=[p.key for p in periods], until=as_of)
        out += duty_owed(duty, periods, records, as_of, units=units)
    for milestone in list_milestones(conn):
        if not wanted(milestone.due):
            continue
        records = duty_records(conn, milestone.id, periods=[milestone.period], until=as_of)
        out += milestone_owed(milestone, records, as_of, units=units)
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
    `units` is given (see `domain.plan.chased`)."""
    from maogang_cli.domain.plan import chased

    found = [
        o
        for o in owed(conn, as_of, last=as_of, units=units)
        if o.missing and (year is None or o.due.year == year)
    ]
    if all_duties or units is not None:
        return found
    memberless = memberless_groups(conn)
    owners = {d.id: d.owner_units for d in list_duties(conn)}
    owners |= {m.id: m.responsible_units for m in list_milestones(conn)}
    return [o for o in found if chased(owners.get(o.id, []), memberless)]


def agenda(
    conn: sqlite3.Connection,
    as_of: date,
    window: Window,
    *,
    units: Collection[str] | None = None,
) -> list[AgendaItem]:
    """Everything due in the window, one item per owing unit, sorted (see domain.agenda)."""
    from maogang_cli.store.progress import pair_states, unit_order
    from maogang_cli.store.queries import list_tasks

    states = pair_states(
        conn, as_of, units=list(units) if units is not None else None, details=False
    )
    tasks = list_tasks(conn, task_ids=sorted({s.task_id for s in states}))
    items = task_items(tasks, states, window)
    items += owed_items(
        owed(conn, as_of, first=window.first, last=window.last, units=units), window
    )
    return sort_agenda(items, {u: i for i, u in enumerate(unit_order(conn))})


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
    states = pair_states(conn, as_of, details=False)
    return build_plan(
        list_actions(conn), list_measures(conn), milestones, instances, tasks, states, as_of
    )


def duty_counts(conn: sqlite3.Connection, as_of: date) -> dict[str, dict[str, Any]]:
    """Per duty as of the day: its measure, whether `overdue` lists it by default, and how
    many (period, unit) instances are due (due day on or before it), done, missing."""
    from maogang_cli.domain.plan import chased

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
    for o in owed(conn, as_of, last=as_of):
        if o.kind == "duty":
            c = out[o.id]
            c["due"] += 1
            c["done"] += o.done
            c["missing"] += o.missing
    return out
