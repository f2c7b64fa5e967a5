"""Open the database, bringing its schema and catalogue up to date only when needed.

Read-only commands stay on the standard library: the migration and YAML machinery is
imported only when the database is new, out of date, or the catalogue files changed.
"""

import contextlib
import sqlite3
from pathlib import Path
from typing import NamedTuple

from maogang_cli.errors import DataError, MaogangError

# Must equal migrations.MIGRATION_NAMES (a test checks); kept here so reads need no import.
SCHEMA_VERSION = 9
BUSY_TIMEOUT_MS = 15_000


class StoreError(MaogangError):
    """The database cannot be opened or is not a maogang database."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; callers open short explicit transactions."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from None


def _schema_version(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'maogang'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            return 0
        raise StoreError(f"not a maogang database: {exc}") from None
    return int(row[0])


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _catalogue_current(conn: sqlite3.Connection, data_dir: Path) -> bool:
    """Whether the stored catalogue is the one in `data_dir`: by file signature first, by
    content hash when the signature moved (a checkout that touched but did not change)."""
    from maogang_cli.catalog.files import content_hash, stat_signature

    signature = stat_signature(data_dir)
    if _meta(conn, "catalogue_stat") == signature:
        return True
    if _meta(conn, "catalogue_hash") != content_hash(data_dir):
        return False
    # Remember the new signature; a read-only database just re-hashes next time.
    with contextlib.suppress(sqlite3.Error):
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('catalogue_stat', ?)", [signature]
        )
    return True


class Store(NamedTuple):
    """An open database, and any warning the user should see about its catalogue."""

    conn: sqlite3.Connection
    warnings: tuple[str, ...] = ()


def open_store(db_path: Path, data_dir: Path) -> Store:
    """The database, migrated, with the catalogue in `data_dir` loaded if it changed.

    An invalid catalogue does not hide the evidence: when one was loaded before, commands
    go on with it and warn; only a database with no catalogue at all stops here.
    """
    conn = connect(db_path)
    try:
        version = _schema_version(conn)
        stored = _meta(conn, "catalogue_hash") if version else None
        if version == SCHEMA_VERSION and stored and _catalogue_current(conn, data_dir):
            return Store(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot read database {db_path}: {exc}") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"database {db_path} was written by a newer maogang; upgrade first")
    from maogang_cli.store.sync import sync_catalogue

    try:
        sync_catalogue(conn, data_dir)
    except DataError as exc:
        if stored is None or _schema_version(conn) < SCHEMA_VERSION:
            conn.close()
            raise
        lines = exc.lines()
        shown = lines[:3] + ([f"... and {len(lines) - 3} more"] if len(lines) > 3 else [])
        return Store(
            conn,
            (
                *shown,
                "warning: using the catalogue loaded before; "
                "fix the files (maogang validate) to load the new one",
            ),
        )
    return Store(conn)
