"""The plan's milestones and obligations as stored (what each unit owes is worked out in
`app.owed`).

Duty instances and plan milestones share the duty records (`store.duties`): a milestone's
records are stored under its id as the duty and its due month as the period.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.domain.duties import PlanMilestone
from maogang_cli.errors import NotFoundError, did_you_mean
from maogang_cli.i18n import _
from maogang_cli.store.duties import find_duty

if TYPE_CHECKING:
    import sqlite3

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
    """A recurring duty or a plan milestone by id or short name; NotFoundError with
    suggestions."""
    ident = ident.strip()
    duty = find_duty(conn, ident)
    row = conn.execute(
        "SELECT * FROM plan_milestones WHERE id = ? OR short_name = ? ORDER BY id = ? DESC",
        [ident, ident, ident],
    ).fetchone()
    if duty is not None and row is not None:
        raise NotFoundError(
            _("'{ident}' is both a duty and a plan milestone: rename one").format(ident=ident)
        )
    if duty is not None:
        return duty
    if row is not None:
        return _milestone(row)
    known = [
        r[0]
        for r in conn.execute(
            """SELECT id FROM duties UNION SELECT id FROM plan_milestones
               UNION SELECT short_name FROM duties WHERE short_name IS NOT NULL
               UNION SELECT short_name FROM plan_milestones WHERE short_name IS NOT NULL"""
        )
    ]
    if not known:
        raise NotFoundError(
            _("unknown duty '{duty}': the catalogue has no plan with duties").format(duty=ident)
        )
    raise NotFoundError(
        _("unknown duty or plan milestone '{ident}'{hint}").format(
            ident=ident, hint=did_you_mean(ident, sorted(known))
        )
    )
