"""A database changed around maogang: a schema object dropped or altered, the record of
migrations cut, an unreadable value in a table the catalogue or the ledger derives.

These are the data's fault, not the program's: one line and exit 1, with the way out,
instead of an internal error. Standard library only (raised on read paths).
"""

from pathlib import Path

from maogang_cli.errors import MaogangError
from maogang_cli.i18n import _


def _database() -> str:
    from maogang_cli.store.failures import _opened

    return str(_opened[0]) if _opened else "maogang.db"


class AlteredDatabaseError(MaogangError):
    """The schema (or the record of its migrations) is not what maogang made."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            _(
                "the structure or the catalogue tables of the database {path} were changed: "
                "run maogang check, or restore a backup"
            ).format(path=path if path is not None else _database())
        )
