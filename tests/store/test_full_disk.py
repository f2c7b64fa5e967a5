"""A database on a full disk is read as it is: SQLite cannot grow the shared-memory file
it reads a WAL database through, but status, check and above all `backup` to another
disk need no room. A write is refused for the full disk, nothing stored.

The full disk is played by SQLite's own error at the first read of the database (a real
one needs a small file system of its own: checked by hand on a 300 KB tmpfs)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

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
