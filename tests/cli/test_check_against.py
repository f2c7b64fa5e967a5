"""The anchor outside the database (tester T56): the newest entries cut with the guard
dropped and the chain's recorded end rewritten pass `check`, since that end is in the
same file; `check --against BACKUP` finds them gone, and `backup` prints the ends to keep
elsewhere."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli.test_check_derived import add_hazard
from conftest import Invoke


@pytest.fixture
def office(invoke: Invoke, isolation: Path) -> Path:
    for args in (
        ("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-05-01"),
        ("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10"),
        ("submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-20"),
        ("submit", "-u", "城建中心", "-m", "2024-07", "-d", "2024-07-20"),
        ("void", "P1", "--reason", "日期录错"),
        ("void", "D1", "--reason", "月份录错"),
    ):
        assert invoke(*args).exit_code == 0
    add_hazard(invoke, "2024-06-01", "某厂1")
    r = invoke("hazard", "event", "YH-2024-0001", "整改中", "--date", "2024-06-10", "--by", "张三")
    assert r.exit_code == 0, r.stderr
    return isolation / "maogang.db"


def cut_newest(db: Path, table: str) -> None:
    """T56's three statements: the guard dropped, the newest entry deleted, the recorded
    end moved back to the one before; the guard put back as it was."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        guard = f"{table}_no_delete"
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [guard]).fetchone()[0]
        last = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
        conn.execute(f"DROP TRIGGER {guard}")
        conn.execute(f"DELETE FROM {table} WHERE rowid = ?", [last])
        conn.execute(
            "UPDATE chain_heads SET entries = entries - 1, last_rowid = ?,"
            f" hash = (SELECT hash FROM {table} WHERE rowid = ?) WHERE tbl = ?",
            [last - 1, last - 1, table],
        )
        conn.execute(sql)
    finally:
        conn.close()


def backed_up(invoke: Invoke, office: Path) -> Path:
    copy = office.parent / "copy.db"
    r = invoke("backup", "-o", str(copy))
    assert r.exit_code == 0, r.stderr
    return copy


@pytest.mark.parametrize(
    ("table", "entry"),
    [
        pytest.param("progress", "P2", id="progress"),
        pytest.param("duty_records", "D2", id="duty"),
        pytest.param("voids", "V2", id="void"),
    ],
)
def test_the_newest_entry_cut_is_found_against_a_backup(
    invoke: Invoke, office: Path, table: str, entry: str
) -> None:
    copy = backed_up(invoke, office)
    cut_newest(office, table)
    assert invoke("check").exit_code == 0  # what check alone cannot see (docs say so)
    r = invoke("check", "--against", str(copy))
    assert r.exit_code == 1
    assert r.stdout.splitlines()[-1] == f"有误 与备份核对：{entry} 在备份中有，在数据库中没有"
    assert r.stderr == (
        f"错误：数据库与 maogang 写入时不一致：与备份核对：{entry} 在备份中有，在数据库中没有\n"
    )


def test_a_hazard_event_cut_is_named_by_its_hazard_and_step(invoke: Invoke, office: Path) -> None:
    copy = backed_up(invoke, office)
    cut_newest(office, "hazard_events")
    r = invoke("check", "--against", str(copy), "--lang", "en")
    assert r.exit_code == 1
    # the hazard's summary no longer follows its events: check names that first
    assert r.stdout.splitlines()[-1] == (
        "WRONG against the backup: YH-2024-0001#2 is in the backup, not in the database"
    )


def test_an_entry_changed_since_the_backup_is_named(invoke: Invoke, office: Path) -> None:
    """Rewritten with its hash and every later one recomputed (what check alone cannot
    see either), it differs from the backup's."""
    from cli.test_check import forge_hash

    copy = backed_up(invoke, office)
    conn = sqlite3.connect(office, isolation_level=None)
    conn.execute("DROP TRIGGER progress_no_update")
    conn.execute("UPDATE progress SET note = '改过' WHERE id = 2")
    conn.close()
    forge_hash(office, "progress", 2)
    conn = sqlite3.connect(office, isolation_level=None)
    conn.execute(
        "UPDATE chain_heads SET hash = (SELECT hash FROM progress WHERE id = 2)"
        " WHERE tbl = 'progress'"
    )
    from maogang_cli.store.guards import trigger_sql

    conn.execute(trigger_sql("progress", "UPDATE"))
    conn.close()
    assert invoke("check").exit_code == 0
    r = invoke("check", "--against", str(copy))
    assert (r.exit_code, r.stdout.splitlines()[-1]) == (1, "有误 与备份核对：P2 与备份中的不同")


def test_a_database_that_kept_everything_passes(invoke: Invoke, office: Path) -> None:
    copy = backed_up(invoke, office)
    assert invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-30").exit_code == 0
    r = invoke("check", "--against", str(copy))
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.splitlines()[-1] == f"正常 与备份核对：备份 {copy} 中的9条都在，且未改动"


def test_the_backup_must_itself_pass(invoke: Invoke, office: Path) -> None:
    copy = backed_up(invoke, office)
    cut_newest(copy, "progress")
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("DROP TRIGGER progress_no_update")
    conn.execute("UPDATE progress SET note = 'x' WHERE id = 1")
    conn.close()
    r = invoke("check", "--against", str(copy), "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[-1].startswith(
        f"WRONG against the backup: {copy} itself fails the check: "
    )
    missing = invoke("check", "--against", str(office.parent / "none.db"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"错误：{office.parent / 'none.db'} 处没有数据库\n",
    )


def test_backup_prints_each_table_s_end(invoke: Invoke, office: Path) -> None:
    copy = office.parent / "copy.db"
    r = invoke("backup", "-o", str(copy), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    conn = sqlite3.connect(copy)
    ends = {t: h for t, h in conn.execute("SELECT tbl, hash FROM chain_heads")}
    conn.close()
    assert r.stdout.splitlines()[:9] == [
        "The chain's end in each evidence table of the backup",
        "",
        " Evidence          Entries  Last            Hash (first 16)",
        " " + "-" * 59,
        f" progress records        2  P2              {ends['progress'][:16]}",
        f" duty records            2  D2              {ends['duty_records'][:16]}",
        f" voids                   2  V2              {ends['voids'][:16]}",
        f" hazards                 1  YH-2024-0001    {ends['hazards'][:16]}",
        f" hazard events           2  YH-2024-0001#2  {ends['hazard_events'][:16]}",
    ]


def test_backup_json_gives_the_whole_hashes(invoke: Invoke, office: Path) -> None:
    copy = office.parent / "copy.db"
    r = invoke("backup", "-o", str(copy), "--json")
    assert r.exit_code == 0, r.stderr
    conn = sqlite3.connect(copy)
    ends = {t: h for t, h in conn.execute("SELECT tbl, hash FROM chain_heads")}
    conn.close()
    assert json.loads(r.stdout) == {
        "source": str(office),
        "target": str(copy),
        "entries": 9,
        "heads": [
            {"table": "progress", "entries": 2, "last": "P2", "hash": ends["progress"]},
            {"table": "duty_records", "entries": 2, "last": "D2", "hash": ends["duty_records"]},
            {"table": "voids", "entries": 2, "last": "V2", "hash": ends["voids"]},
            {"table": "hazards", "entries": 1, "last": "YH-2024-0001", "hash": ends["hazards"]},
            {
                "table": "hazard_events",
                "entries": 2,
                "last": "YH-2024-0001#2",
                "hash": ends["hazard_events"],
            },
        ],
    }
