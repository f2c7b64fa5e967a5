"""Open the database, bringing its schema and catalogue up to date only when needed.

Read-only commands stay on the standard library: the migration and YAML machinery is
imported only when the database is new, out of date, or the catalogue files changed.
"""

import contextlib
import sqlite3
from pathlib import Path
from typing import NamedTuple

from maogang_cli.errors import DataError, KeyChangeError
from maogang_cli.i18n import _
from maogang_cli.store.failures import (
    DiskFullError,
    NewerDatabaseError,
    StoreError,
    check_identity,
    check_target,
    explain,
    read_only_target,
    remember,
    remember_full,
    remove_new_database,
)

# Must equal migrations.MIGRATION_NAMES (a test checks); kept here so reads need no import.
SCHEMA_VERSION = 16
BUSY_TIMEOUT_MS = 15_000


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; callers open short explicit transactions.

    Refused before anything is written: a path that cannot hold a database, another
    program's database, one written by a newer maogang.
    """
    return _connect(path).conn


class _Opened(NamedTuple):
    conn: sqlite3.Connection
    existed: bool  # the file was there before: never removed on a failure
    version: int  # migrations applied
    marked: bool  # carries maogang's application_id
    read_only: bool = False  # opened for reading only: every write is refused by SQLite
    full: bool = False  # read only because its disk is full
    wal_left_out: bool = False  # full, and the records still in its -wal could not be read


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A database maogang cannot write (a copy on a read-only share or stick, a file
    without write permission) opened for reading, so that status, history and the like
    still work; SQLite then refuses every write, and `explain` says so in one line.
    A WAL database whose folder is read-only has no -shm to read through: such a file can
    change under no one, so it is read as immutable."""
    from urllib.parse import quote

    uri = "file:" + quote(str(Path(path).absolute())) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    return sqlite3.connect(
        uri + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )


def _open_on_full_disk(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A database whose disk is full, read as it is, and whether records still in its -wal
    were left out: the file is read immutable, which skips the -wal, unless a copy of both
    can be read on a disk with room (see store/full_disk.py)."""
    from maogang_cli.store.full_disk import open_copy, wal_pending

    if not wal_pending(path):
        return _open_read_only(path), False
    conn = open_copy(path, None, BUSY_TIMEOUT_MS / 1000)
    if conn is not None:
        return conn, False
    return _open_read_only(path), True


def open_full_copy(path: Path, folder: Path) -> sqlite3.Connection | None:
    """`backup`: the database on a full disk, with its -wal, copied beside the backup."""
    from maogang_cli.store.full_disk import open_copy

    return open_copy(path, folder, BUSY_TIMEOUT_MS / 1000)


def _connect(path: Path, *, full: bool = False) -> _Opened:
    existed = check_target(path)
    remember(path)
    read_only = full or (existed and read_only_target(path))
    wal_left_out = False
    try:
        if full:
            conn, wal_left_out = _open_on_full_disk(path)
        elif read_only:
            conn = _open_read_only(path)
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise explain(exc, path) or StoreError(
            _("cannot open database {path}: {detail}").format(path=path, detail=exc)
        ) from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        marked = check_identity(conn, path)
        version = _schema_version(conn)
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(
                _(
                    "database {path} was written by a newer maogang (schema {version}, "
                    "this one knows {known}); upgrade maogang to use it"
                ).format(path=path, version=version, known=SCHEMA_VERSION)
            )
        return _Opened(conn, existed, version, marked, read_only, full, wal_left_out)
    except BaseException as exc:
        _discard(conn, path, existed)
        if isinstance(exc, sqlite3.Error):
            explained = explain(exc, path)
            if isinstance(explained, DiskFullError) and existed and not full:
                # Reading needs no room, but SQLite could not grow the shared-memory file
                # it reads a WAL database through: read the file as it is (nothing can
                # write to it while its disk is full), so that status, check and above
                # all `backup` to another disk still work.
                opened = _connect(path, full=True)
                remember_full(path, wal_left_out=opened.wal_left_out)
                return opened
            raise explained or StoreError(
                _("cannot read database {path}: {detail}").format(path=path, detail=exc)
            ) from None
        raise


def _discard(conn: sqlite3.Connection, path: Path, existed: bool) -> None:
    """Close after a failure; a database this command created goes with it."""
    conn.close()
    if not existed:
        remove_new_database(path)


def _schema_version(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'maogang'"
        ).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return 0
        raise
    return int(row[0])


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _catalogue_current(conn: sqlite3.Connection, data_dir: Path) -> bool:
    return _catalogue_state(conn, data_dir) == "current"


# A catalogue refused by a command's load ("keys": it changes a key holding records;
# "invalid"), remembered so that later commands warn in one line instead of reading and
# checking the whole catalogue again each time (tester T50), until its files change.
_REFUSED = ("keys", "invalid")


def _catalogue_state(conn: sqlite3.Connection, data_dir: Path) -> str:
    """ "current" when the stored catalogue is the one in `data_dir`, the refusal's kind
    when its files are those a load refused, else "changed": by file signature first, by
    content hash when the signature moved (a checkout that touched but did not change)."""
    from maogang_cli.catalog.files import content_hash, stat_signature

    signature = stat_signature(data_dir)
    if _meta(conn, "catalogue_stat") == signature:
        return "current"
    refused = _meta(conn, "refused_kind")
    if refused in _REFUSED and _meta(conn, "refused_stat") == signature:
        return refused
    digest = content_hash(data_dir)
    if _meta(conn, "catalogue_hash") == digest:
        state, key = "current", "catalogue_stat"
    elif refused in _REFUSED and _meta(conn, "refused_hash") == digest:
        state, key = refused, "refused_stat"
    else:
        return "changed"
    # Remember the new signature; a read-only database just re-hashes next time.
    with contextlib.suppress(sqlite3.Error):
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, signature])
    return state


def _remember_refusal(conn: sqlite3.Connection, kind: str, signature: str, digest: str) -> None:
    with contextlib.suppress(sqlite3.Error):
        conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("refused_kind", kind), ("refused_stat", signature), ("refused_hash", digest)],
        )


def _still_refused(kind: str, data_dir: Path) -> str:
    if kind == "keys":
        return _(
            "warning: the catalogue in {dir} changes the key of a unit that has records and "
            "was not loaded; using the catalogue loaded before (`maogang load` says why)"
        ).format(dir=data_dir)
    return _(
        "warning: the catalogue in {dir} is invalid and was not loaded; using the "
        "catalogue loaded before (`maogang validate` says why)"
    ).format(dir=data_dir)


class Store(NamedTuple):
    """An open database, and any warning the user should see about its catalogue."""

    conn: sqlite3.Connection
    warnings: tuple[str, ...] = ()
    created: bool = False  # this command started the database


def open_store(db_path: Path, data_dir: Path) -> Store:
    """The database, migrated, with the catalogue in `data_dir` loaded if it changed.

    An invalid catalogue does not hide the evidence: when one was loaded before, commands
    go on with it and warn; only a database with no catalogue at all stops here.
    """
    opened = _connect(db_path)
    conn = opened.conn
    try:
        if opened.read_only:
            return _read_only_store(opened, db_path, data_dir)
        stored = _meta(conn, "catalogue_hash") if opened.version else None
        if opened.version == SCHEMA_VERSION and opened.marked and stored:
            state = _catalogue_state(conn, data_dir)
            if state == "current":
                return Store(conn)
            if state in _REFUSED:
                return Store(conn, (_still_refused(state, data_dir),))
        from maogang_cli.catalog.files import content_hash, stat_signature
        from maogang_cli.store.sync import sync_catalogue

        _refuse_unrecorded(opened, db_path)
        # Before the load reads them: files edited meanwhile are not taken as refused.
        signature, digest = stat_signature(data_dir), content_hash(data_dir)
        try:
            sync_catalogue(conn, data_dir)
        except DataError as exc:
            if stored is None or _schema_version(conn) < SCHEMA_VERSION:
                raise
            kind = "keys" if isinstance(exc, KeyChangeError) else "invalid"
            _remember_refusal(conn, kind, signature, digest)
            return Store(conn, _kept_catalogue(exc), not opened.existed)
        return Store(conn, created=not opened.existed)
    except BaseException as exc:
        _discard(conn, db_path, opened.existed)
        if isinstance(exc, sqlite3.Error):
            raise explain(exc, db_path) or exc from None
        raise


def _refuse_unrecorded(opened: _Opened, path: Path) -> None:
    """Before migrating: a record of migrations cut or out of order would run a migration
    again over the objects it made, and fail halfway; refused, the database untouched."""
    if opened.version < SCHEMA_VERSION and opened.existed and _has_objects(opened.conn):
        from maogang_cli.store.schema_objects import unrecorded

        if unrecorded(opened.conn) is not None:
            from maogang_cli.store.altered import AlteredDatabaseError

            raise AlteredDatabaseError(path)


def _has_objects(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute("SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()
    )


def _read_only_store(opened: _Opened, db_path: Path, data_dir: Path) -> Store:
    """A database that cannot be written is shown as it is: with the catalogue it holds
    (said so when the files differ); one that would first need its schema brought up to
    date cannot be read by this maogang at all."""
    conn = opened.conn
    stored = _meta(conn, "catalogue_hash") if opened.version else None
    if opened.full and (opened.version < SCHEMA_VERSION or not opened.marked):
        raise DiskFullError(
            _(
                "the disk under the database {path} is full: this maogang must first bring "
                "the database up to date, which needs some room; free some space and try "
                "again (nothing was stored)"
            ).format(path=db_path)
        )
    if opened.version < SCHEMA_VERSION or not opened.marked or not stored:
        raise StoreError(
            _(
                "the database {path} is read-only and must first be brought up to date by "
                "this maogang: make it writable once, or copy it somewhere writable"
            ).format(path=db_path)
        )
    full = full_disk_warning(db_path)
    if full is not None:
        return Store(conn, (full,))
    if _catalogue_current(conn, data_dir):
        return Store(conn)
    return Store(
        conn,
        (
            _(
                "warning: the database {path} is read-only: showing the catalogue it holds, "
                "not the one in {data}"
            ).format(path=db_path, data=data_dir),
        ),
    )


def full_disk_warning(path: Path) -> str | None:
    """The warning for a database this run reads as it is because its disk is full."""
    from maogang_cli.store.failures import read_as_full, wal_left_out

    if wal_left_out(path):
        return _(
            "warning: the disk under the database {path} is full: showing it as it is, "
            "without the newest records still in its -wal file (no disk had room to read "
            "them); nothing can be stored until some space is freed"
        ).format(path=path)
    if read_as_full(path):
        return _(
            "warning: the disk under the database {path} is full: showing it as it is; "
            "nothing can be stored until some space is freed"
        ).format(path=path)
    return None


def open_to_load(db_path: Path, data_dir: Path, *, force: bool) -> tuple[sqlite3.Connection, bool]:
    """`load`: the catalogue written even if unchanged (`force`); whether it changed."""
    opened = _connect(db_path)
    try:
        from maogang_cli.store.sync import sync_catalogue

        _refuse_unrecorded(opened, db_path)
        return opened.conn, sync_catalogue(opened.conn, data_dir, force=force)
    except BaseException as exc:
        _discard(opened.conn, db_path, opened.existed)
        if isinstance(exc, sqlite3.Error):
            raise explain(exc, db_path) or exc from None
        raise


def _kept_catalogue(exc: DataError) -> tuple[str, ...]:
    problems = [str(p) for p in exc.problems]
    more = len(problems) - 3
    if more > 0:
        problems[3:] = [_("… and {n} more problems").format(n=more)]
    if isinstance(exc, KeyChangeError):  # validate reads only the files: it passes them
        warning = _(
            "warning: using the catalogue loaded before; "
            "give the units back their keys in the files to load the new one"
        )
    else:
        warning = _(
            "warning: using the catalogue loaded before; "
            "fix the files (maogang validate) to load the new one"
        )
    return (*problems, *([exc.hint] if exc.hint else []), warning)
