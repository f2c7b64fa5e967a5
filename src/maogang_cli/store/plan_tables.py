"""The catalogue tables that are pure catalogue, refilled on every load: the plan (its
targets, actions, measures, milestones and duties) and the hazard ledger's vocabularies.
Part of `store.sync.sync_catalogue`'s transaction."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from maogang_cli.catalog.load import Catalogue
from maogang_cli.domain.dates import deadline_date
from maogang_cli.store.fingerprint import PLAN_META

if TYPE_CHECKING:
    from maogang_cli.catalog.models import Group, Unit


def write_hazard_vocabularies(db: Database, catalogue: Catalogue) -> None:
    """Villages and sectors are pure catalogue: refilled on every load. A name removed
    from the file stays on the hazards recorded under it."""
    for table in ("villages", "sectors", "hazard_names"):
        db.conn.execute(f"DELETE FROM {table}")
    vocab = catalogue.hazards
    if vocab is None:
        return
    db.table("villages").insert_all(
        [{"name": v.name, "kind": v.kind, "position": i} for i, v in enumerate(vocab.villages)]
    )
    db.table("sectors").insert_all(
        [{"name": s.name, "position": i} for i, s in enumerate(vocab.sectors)]
    )
    db.table("hazard_names").insert_all(
        [
            {"vocabulary": vocabulary, "name": name, "canonical": entry.name}
            for vocabulary, entries in (("village", vocab.villages), ("sector", vocab.sectors))
            for entry in entries
            for name in [entry.name, *entry.aliases]
        ]
    )


def write_plan(db: Database, catalogue: Catalogue) -> None:
    """The plan tables are pure catalogue: refilled on every load."""
    conn = db.conn
    for table in ("plan_targets", "plan_actions", "plan_measures", "plan_milestones", "duties"):
        db.conn.execute(f"DELETE FROM {table}")
    # Who owes a duty or milestone, in units.yaml order: every list of them reads the same.
    entries: list[Unit | Group] = [*catalogue.units.units, *catalogue.units.groups]
    rank = {entry.name: i for i, entry in enumerate(entries)}

    def in_order(units: list[str]) -> list[str]:
        return sorted(units, key=lambda unit: rank.get(unit, len(rank)))

    plan = catalogue.plan
    # The plan's own words and span, for what is printed for the office (chart, bulletin).
    conn.executemany("DELETE FROM meta WHERE key = ?", [[key] for key in PLAN_META])
    if plan is None:
        return
    words = (plan.title, plan.document, plan.start, plan.end)
    rows = zip(PLAN_META, words, strict=True)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)
    lookup = catalogue.lookup
    db.table("plan_targets").insert_all(
        [
            {"id": t.id, "due": deadline_date(t.due).isoformat(), "text": t.text}
            for t in plan.targets
        ]
    )
    db.table("plan_actions").insert_all(
        [{"number": a.number, "title": a.title} for a in plan.actions]
    )
    db.table("plan_measures").insert_all(
        [
            {"number": m.number, "action": a.number, "title": m.title, "summary": m.summary}
            for a in plan.actions
            for m in a.measures
        ]
    )
    db.table("plan_milestones").insert_all(
        [
            {
                "id": ms.id,
                "short_name": ms.short_name,
                "measure": m.number,
                "due": deadline_date(ms.due).isoformat(),
                "due_text": ms.due,
                "text": ms.text,
                "responsible": json_text([lookup[n] for n in ms.responsible]),
                "responsible_units": json_text(in_order(catalogue.expand(ms.responsible))),
            }
            for a in plan.actions
            for m in a.measures
            for ms in m.milestones
        ]
    )
    db.table("duties").insert_all(
        [
            {
                "id": d.id,
                "short_name": d.short_name,
                "title": d.title,
                "frequency": d.frequency,
                "due_day": d.due_day,
                "owners": json_text([lookup[n] for n in d.owners]),
                "owner_units": json_text(in_order(catalogue.expand(d.owners))),
                "start": d.start,
                "end": d.end,
                "measure": d.measure,
                "source": d.source,
            }
            for d in plan.duties
        ]
    )


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
