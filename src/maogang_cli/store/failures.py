"""What can go wrong with the database file itself, as messages the user can act on.

Standard library only: read-only commands import it. A full disk, a busy or read-only
database, damaged pages, a device given as `--db`: each is one line and an exit code of
its own, never the internal-error exit (70), which is kept for bugs.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from maogang_cli.errors import MaogangError
from maogang_cli.i18n import _

if TYPE_CHECKING:
    import sqlite3

# Marks maogang's databases in the SQLite header ("MGNG"); another program's file has
# another value, or 0 and tables of its own.
APPLICATION_ID = 0x4D474E47
BUSY_EXIT = 75  # EX_TEMPFAIL: try again later

SQLITE_MAGIC = b"SQLite format 3\x00"
_SYSTEM_TREES = ("/proc", "/sys")

# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_PERM = 3


class StoreError(MaogangError):
    """The database cannot be used: a path that is no database, another program's file,
    or one written by a newer maogang."""

    exit_code = 2


class NewerDatabaseError(StoreError):
    """A database written by a newer maogang (schema beyond this one's)."""


class DamagedDatabaseError(MaogangError):
    """The database file is damaged or truncated."""


class DiskFullError(MaogangError):
    """The disk is full; the transaction was rolled back, nothing was stored."""


class DatabaseBusyError(MaogangError):
    """Another process held the write lock longer than the busy timeout."""

    exit_code = BUSY_EXIT


# The database this process opened, named in a message about an error raised later.
_opened: list[Path] = []
_full: list[Path] = []  # opened for reading only because its disk is full
_wal_left_out: list[Path] = []  # ... and read without the records still in its -wal


def remember(path: Path) -> None:
    _opened[:] = [path]
    _full.clear()
    _wal_left_out.clear()


def remember_full(path: Path, *, wal_left_out: bool = False) -> None:
    """The database is read as it is because its disk is full: a write refused by SQLite
    as read-only is then said to be refused for the full disk."""
    _full[:] = [path]
    _wal_left_out[:] = [path] if wal_left_out else []


def read_as_full(path: Path) -> bool:
    """Whether the database was opened as it is because its disk is full."""
    return path in _full


def wal_left_out(path: Path) -> bool:
    """Whether the database was opened (full disk) without the records in its -wal."""
    return path in _wal_left_out


def check_target(path: Path) -> bool:
    """Whether the database file exists. A path that cannot hold a database (a device, a
    FIFO, a directory, a system file, a name too long, a file that is no SQLite database)
    is refused before SQLite opens it, so it leaves nothing behind."""
    real = os.path.realpath(path)
    if any(real == tree or real.startswith(tree + "/") for tree in _SYSTEM_TREES):
        raise StoreError(
            _("--db {path}: a system file, not a database: give a file of your own").format(
                path=path
            )
        )
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise StoreError(
                _("--db: the file name is too long: {start}…").format(start=str(path)[:60])
            ) from None
        from maogang_cli.filekinds import os_reason  # for this message only

        raise StoreError(
            _("--db {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(_("--db wants a database file, not a directory: {path}").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        from maogang_cli.filekinds import file_kind  # for this message only

        raise StoreError(
            _("--db {path} is {kind}, not a database file").format(
                path=path, kind=file_kind(info.st_mode)
            )
        )
    if info.st_size:
        _check_header(path, info.st_size)
    return True


def _check_header(path: Path, size: int) -> None:
    """SQLite's 100-byte header: the magic string, and a page count the file still holds
    (only when no journal or WAL may still complete it)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        from maogang_cli.filekinds import os_reason  # for this message only

        raise StoreError(
            _("cannot read the database {path}: {detail}").format(path=path, detail=os_reason(exc))
        ) from None
    if not header.startswith(SQLITE_MAGIC[: len(header)]) or len(header) < len(SQLITE_MAGIC):
        raise StoreError(
            _("{path} is not a SQLite database: give maogang's database with --db").format(
                path=path
            )
        )
    if len(header) < 100:
        raise DamagedDatabaseError(
            _(
                "the database {path} is truncated ({size} bytes, not even its header): "
                "restore a backup (maogang restore FILE)"
            ).format(path=path, size=size)
        )
    if _pending(path):
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    expected = pages * page_size
    if counter_valid and size < expected:
        raise DamagedDatabaseError(
            _(
                "the database {path} is truncated ({size} of {expected} bytes): "
                "restore a backup (maogang restore FILE)"
            ).format(path=path, size=f"{size:,}", expected=f"{expected:,}")
        )


def _pending(path: Path) -> bool:
    """A WAL or rollback journal that may still complete the file after a crash."""
    for suffix in ("-wal", "-journal"):
        try:
            if os.stat(f"{path}{suffix}").st_size:
                return True
        except OSError:
            continue
    return False


def check_identity(conn: sqlite3.Connection, path: Path) -> bool:
    """Refuse another program's database. True when the file is marked as maogang's,
    False when it is empty or an unmarked maogang database (marked when it is next
    brought up to date)."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return True
    if application_id:
        raise StoreError(
            _(
                "{path} belongs to another program (application_id {id}), not maogang: "
                "give maogang's database with --db"
            ).format(path=path, id=f"{application_id:#x}")
        )
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    if not tables:
        return False
    if (
        "_sqlite_migrations" in tables
        and conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'maogang' LIMIT 1"
        ).fetchone()
    ):
        return False
    shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
    raise StoreError(
        _(
            "{path} is another program's SQLite database (tables: {tables}), not maogang's: "
            "give maogang's database with --db"
        ).format(path=path, tables=shown)
    )


def remove_new_database(path: Path) -> None:
    """A database this command created and could not fill leaves nothing behind."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            continue


def _no_space(path: Path | None) -> bool:
    """Whether the disk under the database is (nearly) full: SQLite reports a full disk
    as an I/O error when it cannot grow its shared-memory or WAL file."""
    if path is None:
        return False
    try:
        fs = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return False
    return fs.f_bavail * fs.f_frsize < 256 * 1024


def read_only_target(path: Path | None) -> bool:
    """Whether maogang cannot write the database or create its journal beside it: a file
    or folder without write permission, or a read-only mount (a USB stick, a share)."""
    if path is None:
        return False
    folder = os.path.dirname(os.path.abspath(path))
    try:
        on_read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False
    writable = os.access(folder, os.W_OK) and (not os.path.exists(path) or os.access(path, os.W_OK))
    return on_read_only_fs or not writable


def explain(exc: BaseException, path: Path | None = None) -> MaogangError | None:
    """The user's message for an error of the database or the disk under it; None for
    anything else (a bug, shown as an internal error)."""
    import sqlite3

    where = path or (_opened[0] if _opened else None)
    name = str(where or "")
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFullError(
                _("the disk is full: nothing was stored; free some space and try again")
            )
        if exc.errno == errno.EROFS:
            return StoreError(_("read-only file system: {path}").format(path=exc.filename or name))
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    detail = str(exc)
    if code in (_BUSY, _LOCKED):
        return DatabaseBusyError(
            _(
                "the database {path} is busy: another process is writing to it; "
                "try again in a moment"
            ).format(path=name)
        )
    if code == _FULL or (code == _IOERR and _no_space(where)):
        return DiskFullError(
            _(
                "the disk under the database {path} is full: nothing was stored; "
                "free some space and try again"
            ).format(path=name)
        )
    if code == _READONLY and where is not None and where in _full:
        return DiskFullError(
            _(
                "the disk under the database {path} is full: nothing was stored; "
                "free some space and try again"
            ).format(path=name)
        )
    if code in (_READONLY, _PERM) or (code == _CANTOPEN and read_only_target(where)):
        return StoreError(
            _(
                "the database {path} is read-only (its file or its folder): nothing was "
                "stored; to change it, make it writable or copy it somewhere writable"
            ).format(path=name)
        )
    if code == _CANTOPEN:
        return StoreError(
            _("cannot open the database {path} ({detail})").format(path=name, detail=detail)
        )
    if code == _NOTADB:
        return StoreError(
            _("{path} is not a SQLite database ({detail})").format(path=name, detail=detail)
        )
    if code == _CORRUPT:
        return DamagedDatabaseError(
            _(
                "the database {path} is damaged ({detail}): restore a backup (maogang restore FILE)"
            ).format(path=name, detail=detail)
        )
    if "Could not decode to UTF-8" in detail:  # Python's sqlite3: bytes changed in a row
        return DamagedDatabaseError(
            _(
                "the database {path} is damaged: a row holds text that cannot be read "
                "({detail}); run maogang check, and restore a backup (maogang restore FILE)"
            ).format(path=name, detail=detail.split(" with text ", 1)[0])
        )
    if code == _IOERR:
        return DamagedDatabaseError(
            _(
                "cannot read or write the database {path} (disk I/O error): check the disk; "
                "if it persists, restore a backup (maogang restore FILE)"
            ).format(path=name)
        )
    return None
