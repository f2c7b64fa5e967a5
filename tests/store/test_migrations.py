"""The schema comes from numbered migrations recorded in the database (llm's test_migrate)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from maogang_cli.store import db as store_db
from maogang_cli.store.migrations import MIGRATION_NAMES, MIGRATION_SET, migrations


def columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, int, int]]:
    """(name, type, not null, primary key position) of each column, in order."""
    return [(r[1], r[2], r[3], r[5]) for r in conn.execute(f"PRAGMA table_info({table})")]


def schema_dump(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [tuple(r) for r in rows]


@pytest.fixture
def fresh(tmp_path: Path) -> sqlite3.Connection:
    conn = store_db.connect(tmp_path / "fresh.db")
    migrations.apply(Database(conn))
    return conn


def test_schema_version_counts_the_migrations() -> None:
    assert len(MIGRATION_NAMES) == store_db.SCHEMA_VERSION
    assert MIGRATION_NAMES[:2] == ("m001_catalogue", "m002_progress")
    assert [n[:4] for n in MIGRATION_NAMES] == [
        f"m{i:03d}" for i in range(1, len(MIGRATION_NAMES) + 1)
    ]


def test_migrations_are_recorded(fresh: sqlite3.Connection) -> None:
    rows = fresh.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [MIGRATION_SET]
    ).fetchall()
    assert tuple(r[0] for r in rows) == MIGRATION_NAMES


def test_catalogue_and_progress_tables(fresh: sqlite3.Connection) -> None:
    tables = {r[0] for r in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "_sqlite_migrations",
        "meta",
        "units",
        "unit_names",
        "tasks",
        "task_units",
        "progress",
    } <= tables
    assert columns(fresh, "meta") == [("key", "TEXT", 0, 1), ("value", "TEXT", 1, 0)]
    assert columns(fresh, "units") == [
        ("name", "TEXT", 0, 1),
        ("full_name", "TEXT", 1, 0),
        ("kind", "TEXT", 1, 0),
        ("is_group", "INTEGER", 1, 0),
        ("members", "TEXT", 1, 0),
        ("retired", "INTEGER", 1, 0),
        ("key", "TEXT", 0, 0),
    ]
    assert columns(fresh, "unit_names") == [
        ("name", "TEXT", 0, 1),
        ("unit", "TEXT", 1, 0),
        ("key", "TEXT", 0, 0),
    ]
    assert columns(fresh, "tasks") == [
        ("id", "TEXT", 0, 1),
        ("year", "INTEGER", 1, 0),
        ("seq", "INTEGER", 1, 0),
        ("action", "TEXT", 1, 0),
        ("title", "TEXT", 1, 0),
        ("description", "TEXT", 1, 0),
        ("deadline", "TEXT", 1, 0),
        ("deadline_text", "TEXT", 1, 0),
        ("responsible", "TEXT", 1, 0),
        ("cooperating", "TEXT", 1, 0),
        ("responsible_etc", "INTEGER", 1, 0),
        ("cooperating_etc", "INTEGER", 1, 0),
        ("measures", "TEXT", 1, 0),
        ("milestones", "TEXT", 1, 0),
        ("source", "TEXT", 1, 0),
        ("retired", "INTEGER", 1, 0),
    ]
    assert columns(fresh, "task_units") == [
        ("task_id", "TEXT", 1, 1),
        ("unit", "TEXT", 1, 2),
        ("role", "TEXT", 1, 0),
        ("unit_key", "TEXT", 0, 0),
    ]
    assert columns(fresh, "progress") == [
        ("id", "INTEGER", 0, 1),
        ("task_id", "TEXT", 1, 0),
        ("unit", "TEXT", 1, 0),
        ("status", "TEXT", 1, 0),
        ("happened_on", "TEXT", 1, 0),
        ("percent", "INTEGER", 0, 0),
        ("note", "TEXT", 1, 0),
        ("evidence", "TEXT", 1, 0),
        ("recorded_by", "TEXT", 1, 0),
        ("recorded_at", "TEXT", 1, 0),
        ("source", "TEXT", 1, 0),
        ("unit_key", "TEXT", 0, 0),
        ("prev_hash", "TEXT", 0, 0),
        ("hash", "TEXT", 0, 0),
    ]


def test_progress_is_append_only(fresh: sqlite3.Connection) -> None:
    fresh.execute(
        "INSERT INTO progress (task_id, unit, status, happened_on, recorded_by, recorded_at) "
        "VALUES ('2024-01', '镇安委办', 'done', '2024-06-01', 't', '2024-06-01T00:00:00')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh.execute("UPDATE progress SET status = 'blocked'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh.execute("DELETE FROM progress")


def test_reapplying_is_a_no_op(fresh: sqlite3.Connection) -> None:
    before = schema_dump(fresh)
    count = fresh.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    migrations.apply(Database(fresh))
    assert schema_dump(fresh) == before
    assert fresh.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == count
    assert migrations.pending(Database(fresh)) == []


def test_an_older_database_is_upgraded_and_keeps_its_records(tmp_path: Path) -> None:
    conn = store_db.connect(tmp_path / "old.db")
    migrations.apply(Database(conn), stop_before=MIGRATION_NAMES[2:] or "none")
    conn.execute(
        "INSERT INTO progress (task_id, unit, status, happened_on, recorded_by, recorded_at) "
        "VALUES ('2024-01', '镇安委办', 'done', '2024-06-01', 't', '2024-06-01T00:00:00')"
    )
    migrations.apply(Database(conn))
    assert [m.name for m in migrations.applied(Database(conn))] == list(MIGRATION_NAMES)
    rows = conn.execute("SELECT task_id, unit, status FROM progress").fetchall()
    assert [tuple(r) for r in rows] == [("2024-01", "镇安委办", "done")]


def test_the_latest_state_and_deadline_get_columns_of_their_own(tmp_path: Path) -> None:
    # A ledger written before m014: its hazard_latest rows get the columns the counts read,
    # cut from `packed`; events written after it fill them through the trigger.
    conn = store_db.connect(tmp_path / "old.db")
    latest = next(name for name in MIGRATION_NAMES if name.endswith("_hazard_latest_columns"))
    migrations.apply(Database(conn), stop_before=latest)
    conn.execute(
        "INSERT INTO hazards (id, year, number, found_on, source, level, entity, village, sector,"
        " department, description, deadline, match_key, recorded_by, recorded_at) VALUES"
        " ('YH-2024-0001', 2024, 1, '2024-03-01', 'other', 'major', 'e', '腰泾村', '冷库', 'jfb',"
        " 'd', '2024-04-01', 'k', 't', '2024-03-01T00:00:00')"
    )
    event = (
        "INSERT INTO hazard_events (hazard_id, seq, event, happened_on, state, deadline,"
        " recorded_by, recorded_at) VALUES ('YH-2024-0001', ?, ?, ?, ?, ?, 't', 't')"
    )
    conn.execute(event, [1, "registered", "2024-03-01", "registered", "2024-04-01"])
    migrations.apply(Database(conn))
    read = "SELECT happened_on, deadline, state, packed FROM hazard_latest"
    assert [tuple(r) for r in conn.execute(read)] == [
        ("2024-03-01", "2024-04-01", "registered", "2024-03-012024-04-01registered")
    ]
    conn.execute(event, [2, "extended", "2024-03-20", "rectifying", "2024-05-01"])
    assert [tuple(r) for r in conn.execute(read)] == [
        ("2024-03-20", "2024-05-01", "rectifying", "2024-03-202024-05-01rectifying")
    ]


def test_the_names_hazards_are_counted_under_get_numbers(tmp_path: Path) -> None:
    # Hazards written before m015 number their names in the order they first appear; a
    # hazard written after takes the next number of a new name, and every latest row its key.
    from maogang_cli.store.hazard_ledger import KEY_GROUPS, key_layout

    conn = store_db.connect(tmp_path / "old.db")
    keys = next(name for name in MIGRATION_NAMES if name.endswith("_hazard_keys"))
    migrations.apply(Database(conn), stop_before=keys)
    hazard = (
        "INSERT INTO hazards (id, year, number, found_on, source, level, entity, village,"
        " sector, department, description, deadline, match_key, recorded_by, recorded_at)"
        " VALUES (?, 2024, ?, ?, ?, 'major', 'e', ?, '冷库', 'jfb', 'd', '2024-09-01', ?, 't', 't')"
    )
    event = (
        "INSERT INTO hazard_events (hazard_id, seq, event, happened_on, state, deadline,"
        " recorded_by, recorded_at) VALUES (?, 1, 'registered', ?, 'registered', '2024-09-01',"
        " 't', 't')"
    )
    for n, (found, source, village) in enumerate(
        [("2024-03-01", "other", "茹塘村"), ("2024-04-02", "inspection", "腰泾村")], 1
    ):
        conn.execute(hazard, [f"YH-2024-{n:04d}", n, found, source, village, f"k{n}"])
        conn.execute(event, [f"YH-2024-{n:04d}", found])
    migrations.apply(Database(conn))
    conn.execute(hazard, ["YH-2024-0003", 3, "2024-03-09", "other", "新浜村", "k3"])
    conn.execute(event, ["YH-2024-0003", "2024-03-09"])
    labels = "SELECT dimension, name, number FROM hazard_labels ORDER BY dimension, number"
    assert [tuple(r) for r in conn.execute(labels)] == [
        ("department", "jfb", 0),
        ("level", "major", 0),
        ("month", "2024-03", 0),
        ("month", "2024-04", 1),
        ("sector", "冷库", 0),
        ("source", "other", 0),
        ("source", "inspection", 1),
        ("village", "茹塘村", 0),
        ("village", "腰泾村", 1),
        ("village", "新浜村", 2),
    ]
    fields, _ = key_layout()
    assert [d for group in KEY_GROUPS for d, _ in group] == list(fields)

    def key(source: int, month: int, village: int) -> int:
        numbers = {"source": source, "month": month, "village": village}
        return sum(numbers.get(d, 0) << shift for d, (shift, _) in fields.items())

    read = "SELECT hazard_id, dims FROM hazard_latest ORDER BY hazard_id"
    assert [tuple(r) for r in conn.execute(read)] == [
        ("YH-2024-0001", key(0, 0, 0)),
        ("YH-2024-0002", key(1, 1, 1)),
        ("YH-2024-0003", key(0, 0, 2)),
    ]
