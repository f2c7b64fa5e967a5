"""Writing an output file safely: never over an existing file unless asked, and never half
a file: the content goes to a temporary file beside the target, then is renamed onto it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from maogang_cli.errors import MaogangError, OutputExistsError, UsageError


class WriteError(MaogangError):
    """The output file could not be written (permissions, full disk …)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    check_target(path, force=force)
    parent = path.parent
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def check_target(path: Path, *, force: bool) -> None:
    """Refuse early, before any work: an existing file without --force, a missing folder."""
    if path.is_dir():
        raise UsageError(f"{path} is a directory: give a file name")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists: pass --force to overwrite it")
    if not path.parent.is_dir():
        raise UsageError(f"directory not found: {path.parent}")
