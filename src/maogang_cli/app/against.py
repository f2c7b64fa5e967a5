"""`maogang check --against BACKUP`: the anchor outside the database. A chain's recorded
end lives in the same file as the chain, so whoever can rewrite the file can cut the
newest entries and rewrite the end; a backup kept elsewhere still holds them. Every entry
of the backup must be in the database with the same hash (which seals the entries before
it too): the backup's chain is a prefix of the database's."""

import sqlite3
from pathlib import Path

from maogang_cli.app.checking import Finding, entry_name, first_problem, open_existing
from maogang_cli.i18n import _


def _sealed_tables(backup: sqlite3.Connection) -> list[str] | None:
    """The backup's chained tables; None when it predates the hash chain."""
    from maogang_cli.store.chain import CHAINED

    tables = []
    for table in CHAINED:
        columns = {r[1] for r in backup.execute(f"PRAGMA table_info({table})")}
        if columns and "hash" not in columns:
            return None
        if columns:
            tables.append(table)
    return tables


def against(conn: sqlite3.Connection, path: Path) -> list[Finding]:
    """One finding: the first entry of the backup at `path` that the database lacks or
    holds otherwise, or how many it holds as the backup does."""
    from maogang_cli.app.checking import check_connection
    from maogang_cli.store.chain import first_not_kept

    backup = open_existing(path)
    try:
        problem = first_problem(check_connection(backup))
        if problem is not None:
            message = _("against the backup: {path} itself fails the check: {first}")
            return [Finding("against", False, message.format(path=path, first=problem.message))]
        tables = _sealed_tables(backup)
        if tables is None:
            message = _("against the backup: {path} predates the hash chain: nothing to compare")
            return [Finding("against", False, message.format(path=path))]
        total = 0
        for table in tables:
            lost = first_not_kept(backup, conn, table)
            if lost is not None:
                name = entry_name(backup, table, lost.rowid)
                if lost.what == "missing":
                    message = _("against the backup: {id} is in the backup, not in the database")
                else:
                    message = _("against the backup: {id} differs from the backup's")
                return [Finding("against", False, message.format(id=name))]
            total += backup.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        backup.close()
    message = _("against the backup: the {n} entries of {path} are all here, unchanged")
    return [Finding("against", True, message.format(n=total, path=path))]
