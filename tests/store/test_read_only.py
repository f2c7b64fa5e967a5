"""A database maogang cannot write (a copy on a read-only share or USB stick, a file
without write permission) is still read: status, history, overdue … work on it; every
write is one line, exit 2, and the file is left as it was (F33)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke

RECORD = ("record", "14", "--unit", "城运中心", "--status", "推进中", "--date", "2024-06-12")
READ_ONLY = (
    "错误：数据库 {db} 只读（文件或所在文件夹）：未保存任何内容；如需修改，请改为可写，"
    "或复制到可写的位置\n"
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shared(invoke: Invoke, tmp_path: Path) -> Path:
    """A database with a record, checkpointed, in a folder of its own."""
    folder = tmp_path / "share"
    folder.mkdir()
    db = folder / "office.db"
    assert invoke(*RECORD, "--by", "张三", "--db", str(db)).exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.fixture
def unwritable(shared: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder and the file refuse writing, as on a read-only mount (the tests may run
    as root, for whom permission bits mean nothing: the permission check answers no)."""
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(shared.parent)):
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return shared


def test_reading_commands_work_on_a_read_only_database(invoke: Invoke, unwritable: Path) -> None:
    db = str(unwritable)
    before = _digest(unwritable)
    for args in (
        ("status", "--as-of", "2024-06-30"),
        ("status", "--unit", "城运中心", "--as-of", "2024-06-30"),
        ("overdue", "--as-of", "2024-06-30", "--json"),
        ("rank", "--as-of", "2024-06-30"),
        ("check",),
    ):
        result = invoke(*args, "--db", db)
        assert (result.exit_code, result.stderr) == (0, ""), args
    history = invoke("history", "14", "--json", "--db", db)
    assert [e["note"] for e in json.loads(history.stdout)] == [""]
    assert _digest(unwritable) == before


@pytest.mark.parametrize(
    "args",
    [
        RECORD,
        ("submit", "--unit", "城运中心", "--month", "2024-06", "--date", "2024-06-20"),
        ("void", "P1", "--reason", "误报"),
        ("load", "--force"),
    ],
    ids=["record", "submit", "void", "load"],
)
def test_a_write_is_one_line_and_stores_nothing(
    invoke: Invoke, unwritable: Path, args: tuple[str, ...]
) -> None:
    before = _digest(unwritable)
    result = (
        invoke(*args, "--by", "李四", "--db", str(unwritable))
        if args[0] != "load"
        else (invoke(*args, "--db", str(unwritable)))
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        READ_ONLY.format(db=unwritable),
    )
    assert _digest(unwritable) == before


def test_an_import_into_a_read_only_database_stores_nothing(
    invoke: Invoke, unwritable: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("编号,单位,状态,日期\n2024-14,城运中心,已完成,2024-06-20\n", "utf-8")
    before = _digest(unwritable)
    result = invoke("import", str(sheet), "--by", "李四", "--db", str(unwritable))
    assert (result.exit_code, result.stderr) == (2, READ_ONLY.format(db=unwritable))
    assert _digest(unwritable) == before


def test_a_changed_catalogue_is_not_loaded_and_says_so(
    invoke: Invoke, unwritable: Path, data_copy: Path
) -> None:
    tasks = data_copy / "tasks_2024.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace("组建专班", "组建工作专班"), "utf-8")
    result = invoke("tasks", "--json", "--db", str(unwritable), "--data", str(data_copy))
    assert result.exit_code == 0
    assert result.stderr == (
        f"警告：数据库 {unwritable} 只读：显示的是其中保存的清单，而不是 {data_copy} 中的清单\n"
    )
    assert "组建专班" in result.stdout


def test_a_database_to_bring_up_to_date_is_refused_in_one_line(
    invoke: Invoke, shared: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    conn = sqlite3.connect(shared)  # as a database of the maogang before the last migration
    conn.execute(
        "DELETE FROM _sqlite_migrations WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)"
    )
    conn.commit()
    conn.close()
    request.getfixturevalue("unwritable")
    result = invoke("status", "--db", str(shared))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"错误：数据库 {shared} 只读，须先由本版 maogang 更新后才能使用：请让它可写一次，"
        "或复制到可写的位置\n",
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anyway")
def test_real_permissions(invoke: Invoke, shared: Path) -> None:
    shared.chmod(0o444)
    shared.parent.chmod(0o555)
    try:
        assert invoke("status", "--as-of", "2024-06-30", "--db", str(shared)).exit_code == 0
        result = invoke(*RECORD, "--by", "李四", "--db", str(shared))
        assert (result.exit_code, result.stderr) == (2, READ_ONLY.format(db=shared))
    finally:
        shared.parent.chmod(0o755)
        shared.chmod(0o644)
