"""What `backup` and `restore` refuse is said of the file at fault (tester T24): the backup
being written or read, not the database; a refused restore leaves nothing behind."""

from __future__ import annotations

import errno
import gc
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke


@pytest.fixture
def office(invoke: Invoke, isolation: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(isolation)
    assert invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05").exit_code == 0
    assert invoke("backup", "-o", "good.db").exit_code == 0
    return isolation / "maogang.db"


def beside(office: Path) -> list[str]:
    # A connection a command left open keeps its -wal/-shm until the collector closes it:
    # collect first, so what is beside the database does not follow the collector's timing.
    gc.collect()
    return sorted(p.name for p in office.parent.iterdir() if p.name.startswith("maogang.db"))


@pytest.mark.parametrize(
    ("code", "reason_zh", "reason_en"),
    [
        pytest.param(errno.EACCES, "文件夹不可写", "its folder is not writable", id="denied"),
        pytest.param(errno.EROFS, "文件夹不可写", "its folder is not writable", id="read-only"),
        pytest.param(errno.EIO, "磁盘读写错误", "disk input/output error", id="io"),
    ],
)
def test_a_backup_that_cannot_be_written_names_the_backup(
    invoke: Invoke,
    office: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    reason_zh: str,
    reason_en: str,
) -> None:
    # The folder of the daily copy (another disk) read-only or gone: root ignores chmod, so
    # the refusal is made where the file is first created.
    real_open = Path.open

    def refuse(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self.name.endswith(".part") and "x" in mode:
            raise OSError(code, "Input/output error" if code == errno.EIO else "denied")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    target = office.parent / "disk" / "copy.db"
    target.parent.mkdir()
    refused = invoke("backup", "-o", str(target))
    failing_disk = 1 if code == errno.EIO else 2  # the place, or a path that cannot be used
    assert (refused.exit_code, refused.stderr) == (
        failing_disk,
        f"错误：无法写入备份 {target}：{reason_zh}\n",
    )
    english = invoke("backup", "-o", str(target), "--lang", "en")
    assert english.stderr == f"error: cannot write the backup {target}: {reason_en}\n"
    assert list(target.parent.iterdir()) == []


def test_a_backup_disk_that_fills_up_is_named_not_the_database(
    invoke: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maogang_cli.app import backup

    def fills_up(source: sqlite3.Connection, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00")  # begun, then the disk is full
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL
        raise error

    monkeypatch.setattr(backup, "_copy", fills_up)
    target = office.parent / "disk" / "copy.db"
    target.parent.mkdir()
    refused = invoke("backup", "-o", str(target))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"错误：无法写入备份 {target}：磁盘已满；未写入任何内容\n",
    )
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize("how", ["truncated", "malformed"])
def test_a_damaged_backup_is_named_as_the_backup(invoke: Invoke, office: Path, how: str) -> None:
    copy = office.parent / "bad.db"
    data = bytearray((office.parent / "good.db").read_bytes())
    if how == "truncated":
        del data[len(data) // 3 :]
    else:
        data[8192 : 8192 + 4096] = b"\xff" * 4096
    copy.write_bytes(bytes(data))
    before = beside(office)
    refused = invoke("restore", str(copy))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"错误：备份 {copy} 已损坏或被截断：未替换任何内容；请换一份备份恢复\n",
    )
    assert beside(office) == before


def test_a_file_that_is_no_database_is_not_taken_for_the_database(
    invoke: Invoke, office: Path
) -> None:
    copy = office.parent / "notes.db"
    copy.write_text("hello\n", "utf-8")
    refused = invoke("restore", str(copy))
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"错误：{copy} 不是 maogang 数据库的备份：未替换任何内容；请给出 maogang backup 生成的副本\n",
    )


def test_a_read_only_database_is_refused_before_anything_is_kept(
    invoke: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maogang_cli.store import failures

    monkeypatch.setattr(failures, "read_only_target", lambda path: path == office)
    before = beside(office)
    refused = invoke("restore", "good.db")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"错误：数据库 {office} 只读（文件或所在文件夹）：未替换任何内容；"
        "请改为可写，或用 --db 恢复到别处\n",
    )
    assert beside(office) == before  # no maogang.db.replaced-…


def test_a_restore_that_fails_takes_back_its_copy_of_the_database(
    invoke: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database kept beside is removed again when the copy cannot be put in place
    (here: another process holds the write lock), and the database is as it was."""
    from maogang_cli.app import backup

    assert invoke("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10").exit_code == 0
    real_connect = sqlite3.connect

    def locked(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if Path(str(path)) == office and "isolation_level" not in kwargs:  # restore's own
            busy = sqlite3.OperationalError("database is locked")
            busy.sqlite_errorcode = 5  # type: ignore[attr-defined]  # SQLITE_BUSY
            raise busy
        return real_connect(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup.sqlite3, "connect", locked)
    before = beside(office)
    refused = invoke("restore", "good.db")
    monkeypatch.setattr(backup.sqlite3, "connect", real_connect)
    assert (refused.exit_code, refused.stderr) == (
        75,
        f"错误：数据库 {office} 正忙：另一进程正在写入；请稍后重试\n",
    )
    assert beside(office) == before
    history = json.loads(invoke("history", "15", "--json").stdout)
    assert [r["unit"] for r in history] == ["规建办"]  # recorded after the backup: still there


def test_a_restore_that_fails_puts_a_damaged_database_back_as_it_was(
    invoke: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged database is moved aside, not copied: when the copy then cannot be put in
    its place, the file comes back under its name, byte for byte."""
    from maogang_cli.app import backup

    for suffix in ("", "-wal", "-shm"):
        Path(f"{office}{suffix}").unlink(missing_ok=True)
    broken = bytearray((office.parent / "good.db").read_bytes())
    del broken[len(broken) // 3 :]  # truncated
    office.write_bytes(bytes(broken))

    def no_space(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if Path(str(path)) == office:
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL
            raise full
        return real_connect(path, *args, **kwargs)  # type: ignore[arg-type]

    real_connect = sqlite3.connect
    monkeypatch.setattr(backup.sqlite3, "connect", no_space)
    refused = invoke("restore", "good.db")
    monkeypatch.setattr(backup.sqlite3, "connect", real_connect)
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"错误：数据库 {office} 所在磁盘已满：未保存任何内容，数据库保持原样；请腾出空间后重试\n",
    )
    assert beside(office) == ["maogang.db"]
    assert office.read_bytes() == bytes(broken)
