"""`check` compares the schema objects with what this version makes (tester T55): a
dropped view, table or trigger, or an object put in, is named, exit 1; a record of
migrations cut below its objects is named by check and refused by the next command
(exit 1, nothing changed) instead of a migration failing halfway (exit 70)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke

ALTERED = "错误：数据库 {db} 的结构或清单表被改动：请运行 maogang check，或恢复备份\n"


@pytest.fixture
def office(invoke: Invoke, isolation: Path) -> Path:
    for args in (
        ("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-05-01"),
        ("submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-20"),
    ):
        assert invoke(*args).exit_code == 0
    return isolation / "maogang.db"


def tamper(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.executescript(sql)
    finally:
        conn.close()


def schema_of(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        return rows + conn.execute("SELECT 'm', name, '' FROM _sqlite_migrations").fetchall()
    finally:
        conn.close()


def test_an_untouched_database_has_every_object(invoke: Invoke, office: Path) -> None:
    r = invoke("check")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[:3] == [
        "正常 文件完整性：正常",
        "正常 数据库结构：版本 16",
        "正常 数据库结构：60个表、视图、索引和触发器，均与本版本一致",
    ]


CASES = [
    pytest.param("DROP VIEW progress_live", "视图 progress_live 缺失", id="view"),
    pytest.param("DROP TABLE hazard_latest", "表 hazard_latest 缺失", id="table"),
    pytest.param("DROP TABLE hazard_labels", "表 hazard_labels 缺失", id="derived-table"),
    pytest.param("DROP INDEX hazard_latest_on", "索引 hazard_latest_on 缺失", id="index"),
    pytest.param(
        "DROP VIEW progress_live; CREATE VIEW progress_live AS SELECT * FROM progress",
        "视图 progress_live 与本版本所建不同（被改动）",
        id="view-changed",
    ),
    pytest.param(
        "CREATE INDEX progress_by_who ON progress (recorded_by)",
        "多出索引 progress_by_who（本版本不建）",
        id="extra-index",
    ),
    pytest.param(
        "CREATE TRIGGER quiet AFTER INSERT ON progress BEGIN SELECT 1; END",
        "多出触发器 quiet（本版本不建）",
        id="extra-trigger",
    ),
]


@pytest.mark.parametrize(("sql", "named"), CASES)
def test_a_changed_object_is_named(invoke: Invoke, office: Path, sql: str, named: str) -> None:
    tamper(office, sql)
    r = invoke("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[1:] == ["正常 数据库结构：版本 16", f"有误 数据库结构：{named}"]
    assert r.stderr == f"错误：数据库与 maogang 写入时不一致：数据库结构：{named}\n"


@pytest.mark.parametrize("trigger", ["progress_no_delete", "hazard_events_latest"])
def test_a_dropped_guard_is_left_to_the_guards_line(
    invoke: Invoke, office: Path, trigger: str
) -> None:
    """The guards line names it and says `load` puts it back (it does)."""
    tamper(office, f"DROP TRIGGER {trigger}")
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[2:4] == [
        "ok    schema: 60 tables, views, indexes and triggers, all as expected",
        f"WRONG guard {trigger} is missing: its table can be changed; `maogang load` puts it back",
    ]
    assert invoke("load").exit_code == 0
    assert invoke("check").exit_code == 0


def test_english_names_the_object(invoke: Invoke, office: Path) -> None:
    tamper(office, "DROP VIEW progress_live")
    r = invoke("check", "--lang", "en")
    assert r.stdout.splitlines()[-1] == "WRONG schema: view progress_live is missing"


MIGRATIONS = [
    pytest.param("DELETE FROM _sqlite_migrations WHERE rowid > 10", "表 chain_heads", id="cut"),
    pytest.param("DELETE FROM _sqlite_migrations WHERE rowid > 14", "表 hazard_labels", id="last"),
    pytest.param(
        "DELETE FROM _sqlite_migrations WHERE name = 'm010_voids'", "表 chain_heads", id="gap"
    ),
    pytest.param("DELETE FROM _sqlite_migrations", "表 chain_heads", id="all"),
]


@pytest.mark.parametrize(("sql", "line"), MIGRATIONS)
def test_a_cut_record_of_migrations_is_refused(
    invoke: Invoke, office: Path, sql: str, line: str
) -> None:
    tamper(office, sql)
    r = invoke("check")
    assert (r.exit_code, r.stdout.splitlines()[-1]) == (
        1,
        f"有误 数据库结构：{line} 已在，但建它的迁移不在迁移记录中（迁移记录被改动）",
    )
    before = schema_of(office)
    for args in (("status", "--as-of", "2024-12-31"), ("load",), ("load", "--force")):
        r = invoke(*args)
        assert (r.exit_code, r.stdout, r.stderr) == (1, "", ALTERED.format(db=office)), args
    assert schema_of(office) == before  # nothing migrated again, nothing half done


def test_an_older_database_still_passes_and_is_brought_up_to_date(
    invoke: Invoke, isolation: Path
) -> None:
    """A real older database (made by the first ten migrations) is not refused."""
    from sqlite_utils import Database

    from maogang_cli.store.migrations import MIGRATION_NAMES, migrations

    db_path = isolation / "maogang.db"
    db = Database(db_path)
    migrations.apply(db, stop_before=MIGRATION_NAMES[10])
    db.close()
    r = invoke("check")
    assert (r.exit_code, r.stdout.splitlines()[-1]) == (
        0,
        "正常 数据库结构：版本 10（本程序为 16），下次打开时更新",
    )
    assert invoke("status", "--as-of", "2024-12-31").exit_code == 0
    assert invoke("check").exit_code == 0
