"""Reads of the plan tables for `maogang plan` and `maogang agenda`, on sqlite3 alone."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from maogang_cli.domain.agenda import AgendaItem, Window, owed_items, sort_agenda, task_items
from maogang_cli.domain.owed import Owed, chased, milestone_owed
from maogang_cli.domain.plan import Action, ActionView, Measure, build_plan
from maogang_cli.store.duties import duty_records, list_duties
from maogang_cli.store.owed import list_milestones, memberless_groups, owed

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Collection


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


def list_targets(conn: sqlite3.Connection) -> list[tuple[date, str]]:
    return [
        (date.fromisoformat(r["due"]), r["text"])
        for r in conn.execute("SELECT due, text FROM plan_targets ORDER BY rowid")
    ]


def duty_measures(conn: sqlite3.Connection) -> dict[str, int | None]:
    """The measure each duty serves (None: the plan's 保障措施)."""
    return {r[0]: r[1] for r in conn.execute("SELECT id, measure FROM duties ORDER BY rowid")}


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
