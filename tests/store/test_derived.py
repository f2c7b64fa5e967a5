"""Migration 16 on a ledger written before it: the derived tables keep their rows, the
fill triggers are written again from store/derived.py, and the guards refuse a hand edit
while maogang's own writes go through (tester T51)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from maogang_cli.store import db as store_db
from maogang_cli.store.derived import first_label_mismatch, first_latest_mismatch, triggers
from maogang_cli.store.guards import altered_triggers, missing_triggers
from maogang_cli.store.migrations import MIGRATION_NAMES, migrations

HAZARD = (
    "INSERT INTO hazards (id, year, number, found_on, source, level, entity, village, sector,"
    " department, description, deadline, match_key, recorded_by, recorded_at) VALUES"
    " (?, 2024, ?, '2024-03-01', 'other', 'major', 'e', '腰泾村', '冷库', ?,"
    " 'd', '2024-04-01', ?, 't', '2024-03-01T00:00:00')"
)
EVENT = (
    "INSERT INTO hazard_events (hazard_id, seq, event, happened_on, state, deadline,"
    " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 't', 't')"
)


def test_a_ledger_from_schema_15_is_guarded_and_still_filled(tmp_path: Path) -> None:
    conn = store_db.connect(tmp_path / "old.db")
    guards = next(name for name in MIGRATION_NAMES if name.endswith("_derived_guards"))
    migrations.apply(Database(conn), stop_before=guards)
    conn.execute(HAZARD, ["YH-2024-0001", 1, "jfb", "k1"])
    conn.execute(EVENT, ["YH-2024-0001", 1, "registered", "2024-03-01", "registered", "2024-04-01"])
    migrations.apply(Database(conn))  # sqlite-utils turns recursive triggers on
    assert missing_triggers(conn) == altered_triggers(conn) == []
    assert set(triggers()) <= {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    # maogang's own writes: a second event (the row updated in place) and a new hazard
    conn.execute(EVENT, ["YH-2024-0001", 2, "extended", "2024-03-20", "rectifying", "2024-05-01"])
    conn.execute(HAZARD, ["YH-2024-0002", 2, "gjb", "k2"])
    conn.execute(EVENT, ["YH-2024-0002", 1, "registered", "2024-03-01", "registered", "2024-04-01"])
    read = "SELECT hazard_id, state, deadline, dims FROM hazard_latest ORDER BY 1"
    assert [tuple(r) for r in conn.execute(read)] == [
        ("YH-2024-0001", "rectifying", "2024-05-01", 0),
        ("YH-2024-0002", "registered", "2024-04-01", 8),  # gjb: department 1, after 3 bits
    ]
    assert first_label_mismatch(conn) is None
    assert first_latest_mismatch(conn) is None
    with pytest.raises(sqlite3.IntegrityError, match="derived"):
        conn.execute("UPDATE hazard_latest SET state = 'closed'")
    conn.close()
