"""`maogang backup` and `maogang restore`: a checked copy, and a copy checked before it
replaces anything; the replaced database is kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke


@pytest.fixture
def office(invoke: Invoke, isolation: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(isolation)
    assert invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05").exit_code == 0
    return isolation / "maogang.db"


def records(invoke: Invoke, *db: str) -> list[str]:
    rows = json.loads(invoke("history", "14", "--json", *db).stdout)
    return [r["id"] for r in rows]


def test_backup_by_date_then_checked(invoke: Invoke, office: Path) -> None:
    r = invoke("backup", "--lang", "en")
    assert r.exit_code == 0, r
    (copy,) = office.parent.glob("maogang-*.db")
    assert len(copy.name) == len("maogang-2026-12-02.db")
    assert r.stderr == f"backed up {office} to {copy.name}: 1 entries, checked\n"
    assert invoke("check", "--db", str(copy)).exit_code == 0
    again = invoke("backup", "--lang", "en")
    assert again.exit_code == 1
    assert again.stderr.startswith(f"error: {copy.name} exists")
    # `-o "$BACKUP"` with the variable unset: a folder, a path that cannot be used
    for folder in ("", str(office.parent)):
        refused = invoke("backup", "-o", folder)
        shown = folder or "."
        assert (refused.exit_code, refused.stderr) == (2, f"错误：{shown} 是目录：请给出文件名\n")


def test_restore_checks_first_and_keeps_the_replaced_database(invoke: Invoke, office: Path) -> None:
    copy = office.parent / "copy.db"
    assert invoke("backup", "-o", str(copy)).exit_code == 0
    invoke("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10")
    r = invoke("restore", str(copy), "--lang", "en")
    assert r.exit_code == 0, r
    (kept,) = office.parent.glob("maogang.db.replaced-*")
    assert r.stderr.splitlines() == [
        f"restored {copy} into {office}: 1 entries, checked",
        f"the database it replaced is kept as {kept}",
    ]
    assert json.loads(invoke("history", "15", "--json").stdout) == []
    assert len(json.loads(invoke("history", "15", "--json", "--db", str(kept)).stdout)) == 1
    assert invoke("check").exit_code == 0


def test_a_tampered_backup_is_not_restored(invoke: Invoke, office: Path) -> None:
    copy = office.parent / "copy.db"
    assert invoke("backup", "-o", str(copy)).exit_code == 0
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("DROP TRIGGER progress_no_update")
    conn.execute("UPDATE progress SET happened_on = '2024-01-01'")
    conn.close()
    invoke("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10")
    r = invoke("restore", str(copy), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {copy} fails the check: guard progress_no_update")
    assert len(json.loads(invoke("history", "15", "--json").stdout)) == 1  # untouched
    assert not list(office.parent.glob("maogang.db.replaced-*"))


def test_another_programs_file_is_not_restored(invoke: Invoke, office: Path) -> None:
    other = office.parent / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    r = invoke("restore", str(other), "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == (
        f"error: {other} is not a backup of maogang's database: nothing was replaced; "
        "give a copy made by maogang backup\n"
    )
    assert invoke("restore", str(office.parent / "none.db")).exit_code == 2


def an_older_database(path: Path) -> Path:
    """A database as a maogang from before unit keys left it, with one progress record."""
    from sqlite_utils import Database

    from maogang_cli.store import db as store_db
    from maogang_cli.store.migrations import MIGRATION_NAMES, migrations

    unit_keys = next(name for name in MIGRATION_NAMES if name.endswith("_unit_keys"))
    conn = store_db.connect(path)
    migrations.apply(Database(conn), stop_before=unit_keys)
    conn.execute(
        "INSERT INTO progress (task_id, unit, status, happened_on, note, recorded_by,"
        " recorded_at, source) VALUES ('2024-14', '城运中心', 'done', '2024-06-01', '', 't',"
        " '2024-06-01T09:00:00+08:00', 'cli')"
    )
    conn.close()
    return path


def test_an_older_database_is_checked_backed_up_and_restored(invoke: Invoke, office: Path) -> None:
    """check, backup and restore take an older maogang's database as it is (they crashed
    on its missing hash columns, tester T33); the next command brings it up to date."""
    from maogang_cli.store.db import SCHEMA_VERSION

    old = an_older_database(office.parent / "old.db")
    checked = invoke("check", "--db", str(old))
    assert (checked.exit_code, checked.stdout) == (
        0,
        "正常 文件完整性：正常\n"
        f"正常 数据库结构：版本 8（本程序为 {SCHEMA_VERSION}），下次打开时更新\n",
    )
    copy = office.parent / "old-copy.db"
    backed = invoke("backup", "--db", str(old), "-o", str(copy))
    assert (backed.exit_code, backed.stderr) == (0, f"已将 {old} 备份到 {copy}：1条，已检查\n")
    restored = invoke("restore", str(copy))
    assert restored.exit_code == 0, restored.stderr
    assert restored.stderr.splitlines()[0] == f"已将 {copy} 恢复到 {office}：1条，已检查"
    assert records(invoke) == ["P1"]  # the office database is now the old one, updated
    after = invoke("check")
    assert (after.exit_code, after.stdout.splitlines()[1:]) == (
        0,
        [
            f"正常 数据库结构：版本 {SCHEMA_VERSION}",
            "正常 数据库结构：60个表、视图、索引和触发器，均与本版本一致",
            "正常 保护：每张证据表都只能追加",
            "正常 哈希链：1条，条条与前一条相扣",
            "正常 隐患汇总：0项，均与其事件相符",
            "正常 清单表：13张，均与载入时相同",
        ],
    )
