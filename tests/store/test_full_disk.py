"""A database on a full disk is read as it is: SQLite cannot grow the shared-memory file
it reads a WAL database through, but status, check and above all `backup` to another
disk need no room. A write is refused for the full disk, nothing stored.

The full disk is played by SQLite's own error at the first read of the database (a real
one needs a small file system of its own: checked by hand on a 300 KB tmpfs)."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke
from maogang_cli.store import db

SQLITE_FULL = 13
FULL = "警告：数据库 {path} 所在磁盘已满：按现状显示；腾出空间之前无法保存任何内容"


def test_reads_and_backup_work_and_a_write_says_the_disk_is_full(
    invoke: Invoke, isolation: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = isolation / "maogang.db"
    invoke("record", "14", "-u", "城运中心", "-s", "推进中", "-d", "2024-06-12", "--by", "张三")
    before = invoke("--json", "history", "14").stdout
    real = db.check_identity
    full_disk(monkeypatch)
    status = invoke("status", "--as-of", "2024-07-01", "--json")
    assert (status.exit_code, status.stderr) == (0, FULL.format(path=path) + "\n")
    assert len(json.loads(status.stdout)) == 22
    assert invoke("check").exit_code == 0
    copy = tmp_path / "other-disk" / "copy.db"
    copy.parent.mkdir()
    backup = invoke("backup", "-o", str(copy))
    assert backup.exit_code == 0, backup
    assert backup.stderr.splitlines()[-1] == f"已将 {path} 备份到 {copy}：1条，已检查"
    record = ["record", "14", "-u", "城运中心", "-s", "推进中", "-d", "2024-06-13", "--by", "x"]
    refused = invoke(*record)
    assert (refused.exit_code, refused.stderr.splitlines()) == (
        1,
        [
            FULL.format(path=path),
            f"错误：数据库 {path} 所在磁盘已满：未保存任何内容，数据库保持原样；请腾出空间后重试",
        ],
    )
    monkeypatch.setattr(db, "check_identity", real)  # space freed
    assert invoke("--json", "history", "14").stdout == before


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run's first read of the database fails as on a full disk; what it opens then
    (read only, the file as it is) reads."""
    real = db.check_identity
    calls: list[int] = []

    def first_read_fails(conn: sqlite3.Connection, path: Path) -> bool:
        calls.append(1)
        if len(calls) % 2:
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = SQLITE_FULL  # type: ignore[attr-defined]
            raise error
        return real(conn, path)

    monkeypatch.setattr(db, "check_identity", first_read_fails)


@pytest.fixture
def wal_held(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database whose -wal holds a committed record (P2), as a process killed while
    another recorded leaves it: copied while a reader holds the -wal open."""
    source = tmp_path / "source.db"
    record = ["record", "14", "-u", "城运中心", "--by", "张三", "--db", str(source)]
    assert invoke(*record, "-s", "推进中", "-d", "2024-06-12").exit_code == 0
    reader = sqlite3.connect(source)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM progress").fetchone()  # keeps P2 in the -wal
    assert invoke(*record, "-s", "已完成", "-d", "2024-06-30").exit_code == 0
    crashed = tmp_path / "full" / "b.db"
    crashed.parent.mkdir()
    shutil.copyfile(source, crashed)
    shutil.copyfile(f"{source}-wal", f"{crashed}-wal")
    reader.close()
    assert Path(f"{crashed}-wal").stat().st_size > 0
    scratch = tmp_path / "tmp"  # the temporary folder, another disk with room
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    full_disk(monkeypatch)
    return crashed


def history_ids(invoke: Invoke, db_path: Path) -> list[str]:
    result = invoke("--json", "history", "14", "--db", str(db_path))
    assert result.exit_code == 0, result
    return [entry["id"] for entry in json.loads(result.stdout)]


def test_records_still_in_the_wal_are_shown_and_backed_up(
    invoke: Invoke, wal_held: Path, tmp_path: Path
) -> None:
    assert history_ids(invoke, wal_held) == ["P1", "P2"]
    check = invoke("check", "--db", str(wal_held))
    assert (check.exit_code, check.stderr) == (0, FULL.format(path=wal_held) + "\n")
    copy = tmp_path / "other-disk" / "copy.db"
    copy.parent.mkdir()
    backup = invoke("backup", "-o", str(copy), "--db", str(wal_held))
    assert backup.stderr.splitlines()[-1] == f"已将 {wal_held} 备份到 {copy}：2条，已检查"
    db.remember(Path())  # the backup read alone, its disk not full
    assert history_ids(invoke, copy) == ["P1", "P2"]


def test_without_room_to_read_the_wal_the_view_says_so_and_backup_reads_it_there(
    invoke: Invoke, wal_held: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tempfile.mkdtemp

    def no_room_in_temp(*args: Any, dir: str | None = None, **kwargs: Any) -> str:
        if dir is None:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", no_room_in_temp)
    status = invoke("status", "--as-of", "2024-07-01", "--db", str(wal_held))
    assert (status.exit_code, status.stderr) == (
        0,
        f"警告：数据库 {wal_held} 所在磁盘已满：按现状显示，最新的记录仍在其 -wal 文件中，"
        "因没有空间读取而未显示；腾出空间之前无法保存任何内容\n",
    )
    check = invoke("check", "--db", str(wal_held))
    assert (check.exit_code, check.stderr) == (0, status.stderr)  # the file, not its -wal
    copy = tmp_path / "other-disk" / "copy.db"
    copy.parent.mkdir()
    backup = invoke("backup", "-o", str(copy), "--db", str(wal_held))
    assert backup.stderr.splitlines()[-1] == f"已将 {wal_held} 备份到 {copy}：2条，已检查"
    assert list(copy.parent.iterdir()) == [copy]  # the copy read there is gone


def test_a_backup_that_cannot_read_the_wal_anywhere_is_refused(
    invoke: Invoke, wal_held: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(*args: Any, **kwargs: Any) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", no_room)
    copy = tmp_path / "other-disk" / "copy.db"
    copy.parent.mkdir()
    backup = invoke("backup", "-o", str(copy), "--db", str(wal_held))
    assert (backup.exit_code, backup.stderr) == (
        1,
        f"错误：数据库 {wal_held} 所在磁盘已满，其 -wal 文件中还有尚未并入的记录，没有空间读取："
        "请腾出空间后再备份（未写入任何内容）\n",
    )
    assert list(copy.parent.iterdir()) == []


def test_a_database_one_schema_behind_names_the_full_disk(
    invoke: Invoke, isolation: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = isolation / "maogang.db"
    assert invoke("units", "--json").exit_code == 0
    conn = sqlite3.connect(path)  # as a database of the maogang before the last migration
    conn.execute(
        "DELETE FROM _sqlite_migrations WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)"
    )
    conn.commit()
    conn.close()
    full_disk(monkeypatch)
    result = invoke("status")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"错误：数据库 {path} 所在磁盘已满：须先由本版 maogang 更新数据库，这需要一些空间；"
        "请腾出空间后重试（未保存任何内容）\n",
    )
