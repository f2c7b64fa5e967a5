"""Tamper-evidence: REPLACE is refused; an UPDATE, a DELETE, a reordering or an insertion
made with the guards dropped, and a dropped guard itself, are each caught by `check`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli.store.chain import link


@pytest.fixture
def office(invoke: Invoke, isolation: Path) -> Path:
    for args in (
        ("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-05-01"),
        ("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05"),
        ("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10"),
        ("submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-20"),
        ("void", "P2", "--reason", "日期录错"),
    ):
        assert invoke(*args).exit_code == 0
    return isolation / "maogang.db"


def tamper(db: Path, *sql: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for statement in sql:
            conn.execute(statement)
    finally:
        conn.close()


def test_an_untouched_database_passes(invoke: Invoke, office: Path) -> None:
    r = invoke("check", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "ok    integrity_check: ok\n"
        "ok    schema: version 16\n"
        "ok    schema: 60 tables, views, indexes and triggers, all as expected\n"
        "ok    guards: every evidence table is append-only\n"
        "ok    chain: 5 entries, each sealed to the one before\n"
        "ok    hazard summary: 0 hazards, each as its events say\n"
        "ok    catalogue: 13 tables as they were loaded\n"
    )
    # in Chinese, no English pragma name in the line (tester T8)
    assert invoke("check").stdout.splitlines()[0] == "正常 文件完整性：正常"


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT OR REPLACE INTO progress (id, task_id, unit, status, happened_on, recorded_by,"
        " recorded_at) VALUES (1, '2024-14', '城运中心', 'done', '2024-04-01', 'x', 'x')",
        "REPLACE INTO duty_records (id, duty, period, unit, done_on, recorded_by, recorded_at)"
        " VALUES (1, 'monthly_report', '2024-06', '城建中心', '2024-06-01', 'x', 'x')",
        # a void replaced through its other key (the entry it names)
        "REPLACE INTO voids (target, target_table, target_id, reason, recorded_by, recorded_at)"
        " VALUES ('P2', 'progress', 2, 'x', 'x', 'x')",
    ],
)
def test_replace_is_refused(invoke: Invoke, office: Path, statement: str) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        tamper(office, statement)
    assert invoke("check").exit_code == 0


def drop(table: str) -> list[str]:
    return [f"DROP TRIGGER {table}_no_{e}" for e in ("update", "delete", "replace")]


def forge_hash(db: Path, table: str, rowid: int) -> None:
    """The cleverer forger: recompute the edited entry's own hash."""
    from maogang_cli.store.chain import layout

    conn = sqlite3.connect(db, isolation_level=None)
    shape = layout(conn, table)
    row = conn.execute(
        f"SELECT prev_hash, {', '.join(shape.columns)} FROM {table} WHERE rowid = ?", [rowid]
    ).fetchone()
    conn.execute(
        f"UPDATE {table} SET hash = ? WHERE rowid = ?",
        [link(row[0], table, rowid, list(row[1:])), rowid],
    )
    conn.close()


CASES: list[tuple[str, list[str], Callable[[Path], None] | None, str]] = [
    (
        "update",
        [*drop("progress"), "UPDATE progress SET happened_on = '2024-05-30' WHERE id = 2"],
        None,
        "progress: entry P2 was changed after it was written (its hash differs)",
    ),
    (
        "update with the entry's hash forged",
        [*drop("progress"), "UPDATE progress SET happened_on = '2024-05-30' WHERE id = 2"],
        lambda db: forge_hash(db, "progress", 2),
        "progress: entry P3 does not follow the entry before it "
        "(an entry was removed, moved or put in before it)",
    ),
    (
        "delete in the middle",
        [*drop("progress"), "DELETE FROM progress WHERE id = 2"],
        None,
        "progress: entry P3 does not follow the entry before it "
        "(an entry was removed, moved or put in before it)",
    ),
    (
        "delete at the end",
        [*drop("duty_records"), "DELETE FROM duty_records WHERE id = 1"],
        None,
        "duty_records: the chain's recorded end D1 is missing (entries were removed)",
    ),
    (
        "reorder",
        [
            *drop("progress"),
            "UPDATE progress SET id = 9 WHERE id = 1",
            "UPDATE progress SET id = 1 WHERE id = 3",
            "UPDATE progress SET id = 3 WHERE id = 9",
        ],
        None,
        "progress: entry P1 does not follow the entry before it "
        "(an entry was removed, moved or put in before it)",
    ),
    (
        "insert in the middle",
        [
            *drop("progress"),
            "DELETE FROM progress WHERE id = 2",
            "INSERT INTO progress (id, task_id, unit, status, happened_on, recorded_by,"
            " recorded_at, unit_key) VALUES (2, '2024-14', '城运中心', 'done', '2024-04-01',"
            " 'x', 'x', 'cyzx')",
        ],
        None,
        "progress: entry P2 is not sealed (written around maogang)",
    ),
    (
        "replace with the guard dropped",
        [
            *drop("voids"),
            "REPLACE INTO voids (id, target, target_table, target_id, reason, recorded_by,"
            " recorded_at) VALUES (1, 'P1', 'progress', 1, 'x', 'x', 'x')",
        ],
        None,
        "voids: entry V1 is not sealed (written around maogang)",
    ),
]


@pytest.mark.parametrize(("name", "sql", "then", "first"), CASES, ids=[c[0] for c in CASES])
def test_tampering_is_caught(
    invoke: Invoke,
    office: Path,
    name: str,
    sql: list[str],
    then: Callable[[Path], None] | None,
    first: str,
) -> None:
    tamper(office, *sql)
    if then is not None:
        then(office)
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1, r
    wrong = [line for line in r.stdout.splitlines() if line.startswith("WRONG")]
    assert f"WRONG {first}" in wrong, r.stdout
    # putting the guards back does not hide what was done
    invoke("load", "--force")
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1
    assert [line for line in r.stdout.splitlines() if line.startswith("WRONG")] == [
        f"WRONG {first}"
    ]


def test_a_dropped_guard_is_reported_and_load_puts_it_back(invoke: Invoke, office: Path) -> None:
    tamper(office, "DROP TRIGGER duty_records_no_delete")
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[3] == (
        "WRONG guard duty_records_no_delete is missing: its table can be changed; "
        "`maogang load` puts it back"
    )
    assert r.stderr.startswith("error: the database is not as maogang wrote it: guard")
    assert invoke("load").exit_code == 0
    assert invoke("check").exit_code == 0


def test_a_weakened_guard_is_reported(invoke: Invoke, office: Path) -> None:
    tamper(
        office,
        "DROP TRIGGER progress_no_delete",
        "CREATE TRIGGER progress_no_delete BEFORE DELETE ON progress BEGIN SELECT 1; END",
    )
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1
    assert "WRONG guard progress_no_delete was changed" in r.stdout


def test_check_needs_a_database(invoke: Invoke, tmp_path: Path) -> None:
    r = invoke("check", "--db", str(tmp_path / "none.db"), "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == f"error: no database at {tmp_path / 'none.db'}\n"
    assert not (tmp_path / "none.db").exists()
