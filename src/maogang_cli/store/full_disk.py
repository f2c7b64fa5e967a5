"""Reading a database whose disk is full, with the records still in its -wal file.

SQLite reads a WAL database through its shared-memory file, which it cannot grow on a
full disk; the file as it is (`immutable=1`) can be read, but without the -wal: the last
committed records, not yet folded into the file, would be missing from what is shown and,
worse, from the `backup` taken to save them. So the database and its -wal are copied to a
disk with room (the temporary folder, or the backup's own) and that copy is read, with
every write refused. Standard library only: read-only commands import it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path


def wal_pending(path: Path) -> bool:
    """Whether the database has a -wal file holding anything (records maybe not folded in)."""
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def open_copy(path: Path, folder: Path | None, timeout: float) -> sqlite3.Connection | None:
    """The database and its -wal copied into a new folder in `folder` (the temporary
    folder when None) and opened there read-only; None when that disk has no room either
    (or cannot be written). The copy is removed when the process ends."""
    try:
        scratch = Path(tempfile.mkdtemp(prefix="maogang-full-disk-", dir=folder))
    except OSError:
        return None
    copy = scratch / Path(path).name
    conn = None
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        # Opened as usual, so SQLite reads the -wal in (building a shared-memory file
        # here); query_only then refuses every write, as a read-only file would.
        conn = sqlite3.connect(copy, timeout=timeout, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (OSError, sqlite3.Error):
        if conn is not None:
            conn.close()
        shutil.rmtree(scratch, ignore_errors=True)
        return None
    _copies[id(conn)] = scratch
    atexit.register(release, conn)
    return conn


_copies: dict[int, Path] = {}  # an open copy's connection -> the folder holding it


def release(conn: sqlite3.Connection) -> None:
    """Close the connection; a copy made by `open_copy` is removed with it (`backup`
    leaves nothing beside the backup; the rest at exit)."""
    conn.close()  # closed first: Windows cannot remove an open file
    scratch = _copies.pop(id(conn), None)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
