"""Where the catalogue and the database live: option, else environment, else a default."""

from __future__ import annotations

import os
from pathlib import Path

from maogang_cli.errors import UsageError

DB_ENV = "MAOGANG_DB"
DATA_ENV = "MAOGANG_DATA"


def bundled_data_dir() -> Path:
    """The catalogue shipped in the wheel, or the checkout's data/ (editable install)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_data"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "data"


def data_dir(option: Path | None) -> Path:
    chosen = option or (Path(os.environ[DATA_ENV]) if os.environ.get(DATA_ENV) else None)
    if chosen is None:
        return bundled_data_dir()
    if chosen.is_file():
        raise UsageError(f"--data wants the catalogue's directory, not a file: {chosen}")
    if not chosen.is_dir():
        raise UsageError(f"catalogue directory not found: {chosen}")
    return chosen


def db_path(option: Path | None) -> Path:
    """The database file. A path the user gave must be in an existing directory (a typo
    should not quietly start an empty database); the default directory is created."""
    chosen = option or (Path(os.environ[DB_ENV]) if os.environ.get(DB_ENV) else None)
    if chosen is not None:
        from maogang_cli.store.failures import check_target

        check_target(chosen)  # a device, a FIFO, a name too long: refused, nothing created
        if not chosen.parent.is_dir():
            raise UsageError(f"directory for the database does not exist: {chosen.parent}")
        return chosen
    from platformdirs import user_data_path

    default = user_data_path("maogang", appauthor=False) / "maogang.db"
    default.parent.mkdir(parents=True, exist_ok=True)
    return default
