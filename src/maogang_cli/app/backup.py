"""`maogang backup` and `maogang restore`: a consistent copy made with SQLite's online
backup API while others may be writing, checked before it is trusted."""

import errno
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from maogang_cli.app.checking import CheckFailed, check_connection, first_problem, open_existing
from maogang_cli.errors import OutputExistsError, UsageError
from maogang_cli.i18n import _


class End(NamedTuple):
    """An evidence table's end in a backup: what an office writes down or keeps elsewhere."""

    table: str
    entries: int
    last: str | None  # the last entry's id (P42, YH-2024-0003); None: no entry yet
    hash: str  # its hash ("" if none)


class Copied(NamedTuple):
    source: Path
    target: Path
    entries: int
    kept: Path | None = None  # restore: where the replaced database went
    ends: tuple[End, ...] = ()  # backup: each evidence table's end in the copy


def _entries(conn: sqlite3.Connection) -> int:
    from maogang_cli.store.chain import CHAINED

    # An older maogang's copy may not have every evidence table yet (hazards came later).
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return sum(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CHAINED if t in present
    )


def default_name(now: datetime) -> Path:
    return Path(f"maogang-{now.date().isoformat()}.db")


def _copy(source: sqlite3.Connection, target: Path) -> None:
    dst = sqlite3.connect(target)
    try:
        source.backup(dst)
    finally:
        dst.close()


def _verified(path: Path) -> int:
    """The entries of a copy that passes every check; CheckFailed otherwise. An older
    maogang's copy passes as it is: it is brought up to date when it is next opened."""
    conn = open_existing(path)
    try:
        problem = first_problem(check_connection(conn))
        if problem is not None:
            raise CheckFailed(
                _("{path} fails the check: {first}").format(path=path, first=problem.message)
            )
        return _entries(conn)
    finally:
        conn.close()


def _named(conn: sqlite3.Connection, table: str, rowid: int | None) -> str | None:
    from maogang_cli.app.checking import entry_name

    return None if rowid is None else entry_name(conn, table, rowid)


def _ends(path: Path) -> tuple[End, ...]:
    """The copy's chain ends (none for an older maogang's copy without a chain yet)."""
    from maogang_cli.store.chain import heads

    conn = open_existing(path)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'chain_heads'").fetchone():
            return tuple(
                End(h.table, h.entries, _named(conn, h.table, h.last_rowid), h.hash)
                for h in heads(conn)
            )
        return ()
    finally:
        conn.close()


def backup(db: Path, out: Path | None, now: datetime) -> Copied:
    """Copy `db` to `out` (default maogang-YYYY-MM-DD.db here), then check the copy."""
    from maogang_cli.store.full_disk import release

    target = out or default_name(now)
    if target.is_dir():  # `-o ""` (an unset variable) is the current folder
        raise UsageError(_("{path} is a directory: give a file name").format(path=target))
    if target.exists():
        raise OutputExistsError(
            _("{path} exists: give another name with -o, or move it first").format(path=target)
        )
    if not target.parent.is_dir():
        raise UsageError(_("directory does not exist: {path}").format(path=target.parent))
    partial = target.with_name(f".{target.name}.part")
    _writable(partial, target)
    source = _with_its_wal(open_existing(db), db, partial)
    try:
        _copy_to_backup(source, partial, target)
        entries = _verified(partial)
        ends = _ends(partial)
        os.replace(partial, target)
    finally:
        release(source)  # a copy read on the backup's disk (full disk) goes with it
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return Copied(db, target, entries, ends=ends)


def _with_its_wal(source: sqlite3.Connection, db: Path, partial: Path) -> sqlite3.Connection:
    """On a full disk the database may be open without the records still in its -wal (no
    room to read them in the temporary folder): read them through a copy on the backup's
    disk, or refuse, rather than certify a copy that lacks them."""
    from maogang_cli.store.db import open_full_copy
    from maogang_cli.store.failures import DiskFullError, wal_left_out

    if not wal_left_out(db):
        return source
    source.close()
    copy = open_full_copy(db, partial.parent)
    if copy is None:
        partial.unlink(missing_ok=True)
        raise DiskFullError(
            _(
                "the disk under the database {path} is full and its -wal file still holds "
                "records not folded in, which no disk had room to read: free some space, "
                "then back up (nothing was written)"
            ).format(path=db)
        )
    return copy


def _copy_to_backup(source: sqlite3.Connection, partial: Path, target: Path) -> None:
    """The copy, its failures said of the backup's disk: SQLite's full-disk error would be
    blamed on the database, whose disk may have room."""
    from maogang_cli.filekinds import os_reason
    from maogang_cli.outfiles import refused_write
    from maogang_cli.store.failures import DiskFullError, explain

    try:
        _copy(source, partial)
    except OSError as exc:
        raise refused_write(
            _("cannot write the backup {path}: {detail}").format(
                path=target, detail=os_reason(exc)
            ),
            exc,
        ) from None
    except sqlite3.Error as exc:
        if isinstance(explain(exc, partial), DiskFullError):
            raise DiskFullError(
                _("cannot write the backup {path}: the disk is full; nothing was written").format(
                    path=target
                )
            ) from None
        raise


def _writable(partial: Path, target: Path) -> None:
    """The backup's folder must take a file: said of the backup, before the database is
    opened (SQLite's 'unable to open database file' would be blamed on the database)."""
    from maogang_cli.filekinds import os_reason
    from maogang_cli.outfiles import refused_write

    try:
        partial.unlink(missing_ok=True)  # left by a backup that was killed
        partial.open("xb").close()
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise UsageError(
                _("cannot write the backup {path}: its folder is not writable").format(path=target)
            ) from None
        raise refused_write(
            _("cannot write the backup {path}: {detail}").format(
                path=target, detail=os_reason(exc)
            ),
            exc,
        ) from None


def _keep(db: Path, kept: Path) -> bool:
    """Keep the database being replaced beside it: a consistent copy when SQLite can read
    it; else (damaged, truncated: what `restore` is advised for) the file itself. True
    when the file itself was moved."""
    from maogang_cli.store.failures import DamagedDatabaseError

    try:
        current = open_existing(db)
    except DamagedDatabaseError:
        _move_aside(db, kept)
        return True
    try:
        _copy(current, kept)
        return False
    except sqlite3.DatabaseError:  # pages SQLite cannot read
        kept.unlink(missing_ok=True)
    finally:
        current.close()
    _move_aside(db, kept)
    return True


def _move_aside(db: Path, kept: Path) -> None:
    # Its journal goes with it: left beside the new file, SQLite would apply it there.
    os.replace(db, kept)
    for suffix in ("-wal", "-journal"):
        if Path(f"{db}{suffix}").exists():
            os.replace(f"{db}{suffix}", f"{kept}{suffix}")
    Path(f"{db}-shm").unlink(missing_ok=True)


def _usable_backup(copy: Path) -> int:
    """The entries of the backup to restore; its refusals name it as the backup (the
    checks it goes through speak of a database given with --db)."""
    from maogang_cli.filekinds import os_reason
    from maogang_cli.store.failures import DamagedDatabaseError, NewerDatabaseError, StoreError

    if not copy.is_file():
        raise UsageError(_("no backup at {path}").format(path=copy))
    try:
        copy.open("rb").close()
    except OSError as exc:
        raise UsageError(
            _("cannot read the backup {path}: {detail}").format(path=copy, detail=os_reason(exc))
        ) from None
    try:
        return _verified(copy)
    except DamagedDatabaseError:
        raise DamagedDatabaseError(
            _(
                "the backup {path} is damaged or truncated: nothing was replaced; "
                "restore another backup"
            ).format(path=copy)
        ) from None
    except NewerDatabaseError:
        raise
    except StoreError:
        raise StoreError(
            _(
                "{path} is not a backup of maogang's database: nothing was replaced; "
                "give a copy made by maogang backup"
            ).format(path=copy)
        ) from None


def restore(copy: Path, db: Path, now: datetime) -> Copied:
    """Replace `db` with `copy` once the copy passes every check; the database replaced is
    kept beside it (DB.replaced-YYYYMMDD-HHMMSS). Refused, nothing is left behind."""
    from maogang_cli.store.failures import StoreError, explain, read_only_target

    entries = _usable_backup(copy)
    if read_only_target(db):
        raise StoreError(
            _(
                "the database {path} is read-only (its file or its folder): nothing was "
                "replaced; make it writable, or restore elsewhere with --db"
            ).format(path=db)
        )
    kept = None
    moved = False
    if db.exists():
        kept = db.with_name(f"{db.name}.replaced-{now.strftime('%Y%m%d-%H%M%S')}")
        moved = _keep(db, kept)
    try:
        source = sqlite3.connect(copy)
        target = sqlite3.connect(db, timeout=15)
        try:
            source.backup(target)  # page by page under the target's write lock: all or nothing
        finally:
            source.close()
            target.close()
    except (OSError, sqlite3.Error) as exc:
        _undo_keep(db, kept, moved)
        # Said of the database replaced, not of the backup the checks opened last.
        raise explain(exc, db) or exc from None
    return Copied(copy, db, entries, kept)


def _undo_keep(db: Path, kept: Path | None, moved: bool) -> None:
    """A restore that failed leaves the database as it found it: its copy removed, or the
    file moved aside put back."""
    if kept is None:
        return
    if not moved:
        kept.unlink(missing_ok=True)
        return
    for suffix in ("", "-wal", "-journal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.replace(kept, db)
    for suffix in ("-wal", "-journal"):
        if Path(f"{kept}{suffix}").exists():
            os.replace(f"{kept}{suffix}", f"{db}{suffix}")
