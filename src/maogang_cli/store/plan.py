"""Reads of the plan tables (actions, measures, targets), on sqlite3 alone."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.plan import Action, Measure

if TYPE_CHECKING:
    import sqlite3


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


class PlanHeading(NamedTuple):
    """The plan's title, document number and span (YYYY-MM), as its YAML gives them."""

    title: str
    document: str
    start: str
    end: str


def plan_heading(conn: sqlite3.Connection) -> PlanHeading | None:
    """None when the catalogue has no plan (or was loaded before these were kept)."""
    meta = dict(
        conn.execute(
            "SELECT key, value FROM meta WHERE key IN "
            "('plan_title', 'plan_document', 'plan_start', 'plan_end')"
        ).fetchall()
    )
    if "plan_title" not in meta:
        return None
    return PlanHeading(
        meta["plan_title"], meta.get("plan_document", ""), meta["plan_start"], meta["plan_end"]
    )
