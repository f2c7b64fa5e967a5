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


def _given(option: Path | None, env: str, name: str) -> Path | None:
    """The path from the option, else the environment: `~` expanded (a quoted tilde in a
    cron line or a .env file reaches us as it is); a blank name refused, not taken for a
    file called " "."""
    raw = str(option) if option is not None else os.environ.get(env, "")
    if option is None and not raw:
        return None
    if not raw.strip():
        from maogang_cli.i18n import _

        raise UsageError(
            _("{option} is blank: give a path (check {env})").format(option=name, env=env)
        )
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # ~someone with no such user: a name like any other
        return Path(raw)


def data_dir(option: Path | None) -> Path:
    chosen = _given(option, DATA_ENV, "--data")
    if chosen is None:
        bundled = bundled_data_dir()
        # A checkout without its data/ or a wheel built without it: nothing to load, which
        # is how maogang was installed, not a bug and not bad data (as a --data that is not
        # there, exit 2).
        if not bundled.is_dir():
            from maogang_cli.i18n import _

            raise UsageError(
                _(
                    "the catalogue that comes with maogang is missing: no directory {path} "
                    "(install maogang again, or give the catalogue's directory with --data "
                    "or {env})"
                ).format(path=bundled, env=DATA_ENV)
            )
        return bundled
    from maogang_cli.catalog.files import catalogue_files
    from maogang_cli.i18n import _

    if chosen.is_file():
        raise UsageError(
            _("--data wants the catalogue's directory, not a file: {path}").format(path=chosen)
        )
    if not chosen.is_dir():
        raise UsageError(_("catalogue directory not found: {path}").format(path=chosen))
    # A directory with no catalogue at all is a wrong path, not a broken catalogue: the one
    # loaded before must not be shown as if it came from here.
    if not catalogue_files(chosen):
        raise UsageError(
            _(
                "--data {path} holds no catalogue (units.yaml, plan_*.yaml, tasks_*.yaml): "
                "give the catalogue's directory"
            ).format(path=chosen)
        )
    return chosen


def db_path(option: Path | None, *, replacing: bool = False) -> Path:
    """The database file. A path the user gave must be in an existing directory (a typo
    should not quietly start an empty database); the default directory is created.
    `replacing` (restore): a damaged or truncated file there is what is being replaced."""
    chosen = _given(option, DB_ENV, "--db")
    if chosen is not None:
        from maogang_cli.store.failures import DamagedDatabaseError, check_target

        try:
            check_target(chosen)  # a device, a FIFO, a name too long: refused, nothing created
        except DamagedDatabaseError:
            if not replacing:
                raise
        if not chosen.parent.is_dir():
            from maogang_cli.i18n import _

            raise UsageError(
                _("directory for the database does not exist: {path}").format(path=chosen.parent)
            )
        return chosen
    from platformdirs import user_data_path

    default = user_data_path("maogang", appauthor=False) / "maogang.db"
    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only home, a locked-down profile
        from maogang_cli.i18n import _

        raise UsageError(
            _(
                "cannot create the data directory {path} ({detail}): give a writable place "
                "with --db or MAOGANG_DB"
            ).format(path=default.parent, detail=exc.strerror or exc)
        ) from None
    return default
