"""The database file itself: a path that cannot hold one, another program's file, a newer
maogang's, damage, a full disk, a held lock. One line each, its exit code, nothing left
behind, never the internal-error exit."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke
from maogang_cli.store import db as store_db
from maogang_cli.store.failures import APPLICATION_ID, BUSY_EXIT


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages are compared in English; one test checks the Chinese."""
    monkeypatch.setenv("MAOGANG_LANG", "en")


RESTORE = "restore a backup (maogang restore FILE)"
RECORD = ("record", "14", "--unit", "城运中心", "--status", "done", "--date", "2024-06-02")


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _maogang_db(invoke: Invoke, path: Path) -> Path:
    """A loaded maogang database with one record, checkpointed into its main file."""
    assert invoke(*RECORD[:-2], "--date", "2024-06-01", "--db", str(path)).exit_code == 0
    # The run's connection closes when collected; collect now, not in the middle of the
    # command under test, where its -wal and -shm would vanish depending on GC timing.
    gc.collect()
    _sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _directory(tmp: Path, invoke: Invoke) -> Path:
    return tmp


def _device(tmp: Path, invoke: Invoke) -> Path:
    return Path("/dev/null")


def _fifo(tmp: Path, invoke: Invoke) -> Path:
    os.mkfifo(tmp / "pipe")
    return tmp / "pipe"


def _proc(tmp: Path, invoke: Invoke) -> Path:
    return Path("/proc/self/status")


def _long_name(tmp: Path, invoke: Invoke) -> Path:
    return tmp / ("x" * 300)


def _not_a_directory(tmp: Path, invoke: Invoke) -> Path:
    (tmp / "plain").write_text("x", "utf-8")
    return tmp / "plain" / "x.db"


def _text(tmp: Path, invoke: Invoke) -> Path:
    (tmp / "notes.db").write_text("my notes\n" * 100, "utf-8")
    return tmp / "notes.db"


def _other_tables(tmp: Path, invoke: Invoke) -> Path:
    _sqlite(tmp / "other.db", "CREATE TABLE meta (k, v)", "CREATE TABLE photos (x)")
    return tmp / "other.db"


def _other_application(tmp: Path, invoke: Invoke) -> Path:
    _sqlite(tmp / "other.db", "PRAGMA application_id = 1234", "CREATE TABLE t (x)")
    return tmp / "other.db"


def _newer(tmp: Path, invoke: Invoke) -> Path:
    path = _maogang_db(invoke, tmp / "newer.db")
    _sqlite(
        path,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('maogang', 'm999_future', '2030-01-01')",
    )
    return path


def _truncated(tmp: Path, invoke: Invoke) -> Path:
    path = _maogang_db(invoke, tmp / "cut.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _header_only(tmp: Path, invoke: Invoke) -> Path:
    path = _maogang_db(invoke, tmp / "cut.db")
    path.write_bytes(path.read_bytes()[:60])
    return path


def _malformed(tmp: Path, invoke: Invoke) -> Path:
    path = _maogang_db(invoke, tmp / "bad.db")
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # every page but the first (the header, the schema)
        handle.seek(4096)
        handle.write(b"\xff" * (size - 4096))
    return path


Make = Callable[[Path, Invoke], Path]
TARGETS: list[tuple[str, Make, str, int]] = [
    ("directory", _directory, "error: --db wants a database file, not a directory: {db}", 2),
    ("device", _device, "error: --db {db} is a device, not a database file", 2),
    ("FIFO", _fifo, "error: --db {db} is a FIFO (named pipe), not a database file", 2),
    ("proc", _proc, "error: --db {db}: a system file, not a database: give a file of your own", 2),
    ("long name", _long_name, "error: --db: the file name is too long: {short}…", 2),
    ("under a file", _not_a_directory, "error: --db {db}: not a folder", 2),
    ("text", _text, "error: {db} is not a SQLite database: give maogang's database with --db", 2),
    (
        "other program's tables",
        _other_tables,
        "error: {db} is another program's SQLite database (tables: meta, photos), not "
        "maogang's: give maogang's database with --db",
        2,
    ),
    (
        "other application_id",
        _other_application,
        "error: {db} belongs to another program (application_id 0x4d2), not maogang: give "
        "maogang's database with --db",
        2,
    ),
    (
        "newer maogang",
        _newer,
        "error: database {db} was written by a newer maogang (schema {newer}, this one knows "
        "{schema}); upgrade maogang to use it",
        2,
    ),
    ("truncated", _truncated, "error: the database {db} is truncated ({size}): " + RESTORE, 1),
    (
        "header only",
        _header_only,
        "error: the database {db} is truncated (60 bytes, not even its header): " + RESTORE,
        1,
    ),
    (
        "malformed",
        _malformed,
        "error: the database {db} is damaged (database disk image is malformed): " + RESTORE,
        1,
    ),
]


@pytest.mark.parametrize("command", ["status", "record", "load"])
@pytest.mark.parametrize(
    ("make", "message", "code"), [t[1:] for t in TARGETS], ids=[t[0] for t in TARGETS]
)
def test_a_db_target_that_cannot_be_used_is_one_line(
    invoke: Invoke, tmp_path: Path, command: str, make: Make, message: str, code: int
) -> None:
    db = make(tmp_path, invoke)
    before = sorted(p.name for p in tmp_path.iterdir())
    journal_existed = Path("/dev/null-journal").exists()
    args = {"status": ("status",), "record": RECORD, "load": ("load", "--force")}[command]
    result = invoke(*args, "--db", str(db))
    size = db.stat().st_size if "{size}" in message else 0
    expected = message.format(
        db=db,
        short=str(db)[:60],
        size=f"{size:,} of {2 * size:,} bytes",
        newer=store_db.SCHEMA_VERSION + 1,
        schema=store_db.SCHEMA_VERSION,
    )
    assert (result.exit_code, result.stderr) == (code, expected + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing left behind
    assert journal_existed or not Path("/dev/null-journal").exists()


def test_an_older_maogang_database_is_marked_on_upgrade(invoke: Invoke, tmp_path: Path) -> None:
    db = _maogang_db(invoke, tmp_path / "old.db")
    _sqlite(db, "PRAGMA application_id = 0")
    assert invoke("status", "--as-of", "2024-06-01", "--db", str(db)).exit_code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT count(*) FROM progress").fetchone()[0] == 1


def test_a_new_database_is_marked(invoke: Invoke, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert invoke("load", "--db", str(db)).exit_code == 0
    assert sqlite3.connect(db).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_failed_first_load_leaves_no_database(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "units.yaml").write_text("units: [\n", "utf-8")
    for command in ("load", "status"):
        result = invoke(command, "--db", str(tmp_path / "new.db"), "--data", str(data))
        assert result.exit_code == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_command_failing_after_the_first_load_keeps_the_database(tmp_path: Path) -> None:
    # Chosen: the catalogue it loaded is valid state and the notice names the file. Removing
    # it again could race a second shell that has just started writing to it.
    from typer.testing import CliRunner

    from maogang_cli.cli import app

    db = tmp_path / "new.db"
    result = CliRunner().invoke(
        app, ["record", "14", "-u", "城运中兴", "-s", "推进中", "-d", "2024-06-12", "--db", str(db)]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"note: started a new database at {db}"
    assert result.stderr.splitlines()[1].startswith("error: unknown unit")
    assert _progress(db) == []
    assert sqlite3.connect(db).execute("SELECT count(*) FROM tasks").fetchone()[0] > 0


def _progress(db: Path) -> list[Any]:
    return sqlite3.connect(db).execute("SELECT * FROM progress").fetchall()


def test_a_full_disk_says_so_and_keeps_the_database(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _maogang_db(invoke, tmp_path / "office.db")
    before = _progress(db)
    real_connect = sqlite3.connect

    def no_room(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        # SQLite's own way to say "the disk is full": the file may not grow a page.
        conn = real_connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_db.sqlite3, "connect", no_room)
    note = "很长的备注" * 6_000  # 30,000 characters, within a cell: pages to grow
    for args in (
        RECORD,
        ("submit", "--unit", "城运中心", "--month", "2024-06", "--date", "2024-06-20"),
        (
            "duty",
            "done",
            "quarterly_dispatch_meeting",
            "--period",
            "2024-Q2",
            "--unit",
            "镇安委办",
            "--date",
            "2024-06-20",
        ),
    ):
        result = invoke(*args, "--note", note, "--db", str(db))
        assert (result.exit_code, result.stderr) == (
            1,
            f"error: the disk under the database {db} is full: nothing was stored; "
            "free some space and try again\n",
        )
    sheet = tmp_path / "sheet.csv"
    cell = "很长的备注" * 6_000  # within the cell limit; six of them need new pages
    rows = [f"2024-14,城运中心,推进中,2024-06-{day:02d},{cell}{day}" for day in range(3, 9)]
    sheet.write_text("\n".join(["编号,单位,状态,日期,备注", *rows]) + "\n", "utf-8")
    result = invoke("import", str(sheet), "--db", str(db))
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: the disk under the database {db} is full: nothing was stored; "
        "free some space and try again\n",
    )
    monkeypatch.undo()
    assert _progress(db) == before
    assert sqlite3.connect(db).execute("SELECT count(*) FROM imports").fetchone() == (0,)
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_lock_held_too_long_is_busy_with_its_own_exit_code(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _maogang_db(invoke, tmp_path / "office.db")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = invoke(*RECORD, "--db", str(db))
    finally:
        holder.execute("ROLLBACK")
    assert (result.exit_code, result.stderr) == (
        BUSY_EXIT,
        f"error: the database {db} is busy: another process is writing to it; "
        "try again in a moment\n",
    )


def test_the_message_is_chinese_by_default(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MAOGANG_LANG")
    result = invoke("status", "--db", "/dev/null")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误：--db /dev/null 是设备文件，不是数据库文件\n",
    )
