"""Writing an output file safely: never over an existing file unless asked, never over
anything but a regular file (a device, a FIFO, a symbolic link), and never half a file:
the content goes to a temporary file beside the target, then is renamed onto it. A
temporary file left by a killed run is removed by the next one."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from maogang_cli.errors import MaogangError, OutputExistsError, UsageError
from maogang_cli.filekinds import file_kind
from maogang_cli.i18n import _

_TMP_SUFFIX = ".tmp"
_STALE_SECONDS = 3600  # where a writer's liveness cannot be asked (Windows): an hour


class WriteError(MaogangError):
    """The output file could not be written (permissions, full disk …)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    check_target(path, force=force)
    parent = path.parent
    _remove_stale_temporaries(path)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=_tmp_prefix(path), suffix=_TMP_SUFFIX)
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
        raise WriteError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    except BaseException:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def _tmp_prefix(path: Path, pid: int | None = None) -> str:
    """`.NAME.PID.`: the writer's process id says whether a leftover is still being written."""
    return f".{path.name}.{os.getpid() if pid is None else pid}."


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of this target whose writer is gone (killed mid-export)."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
            continue
        pid_text = name[len(prefix) :].split(".", 1)[0]
        leftover = path.parent / name
        if _writer_gone(pid_text, leftover):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _writer_gone(pid_text: str, leftover: Path) -> bool:
    if os.name == "posix" and pid_text.isdigit():
        pid = int(pid_text)
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            return False  # it exists (owned by someone else)
        return False
    try:
        return time.time() - leftover.stat().st_mtime > _STALE_SECONDS
    except OSError:
        return False


def make_folder(folder: Path) -> None:
    """A folder to write into, with its parents, made when missing (`schema --write DIR`,
    `export --split DIR`: one line in any shell, Windows PowerShell 5.1 has no `mkdir DIR
    && …`); one that cannot be made is a usage error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            _("cannot create the directory {path}: {reason}").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from None


def check_target(path: Path, *, force: bool) -> None:
    """Refuse early, before any work: an existing file without --force, anything but a
    regular file even with it (a device, a FIFO, a symbolic link), a missing folder."""
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(_("{path} is a directory: give a file name").format(path=path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(
            _("{path} is {what}: only a regular file is ever replaced; give a file name").format(
                path=path, what=file_kind(info.st_mode)
            )
        )
    if info is not None and not force:
        raise OutputExistsError(
            _("{path} already exists: pass --force to overwrite it").format(path=path)
        )
    if info is not None and _is_database(path):
        raise UsageError(
            _(
                "{path} is a SQLite database (maogang's records, or a backup of them): no "
                "output ever replaces one, even with --force; give another file name"
            ).format(path=path)
        )
    if not path.parent.is_dir():
        raise UsageError(_("directory not found: {path}").format(path=path.parent))


_SQLITE_MAGIC = b"SQLite format 3\x00"
_WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_COMPANIONS = ("-wal", "-shm", "-journal")


def _is_database(path: Path) -> bool:
    """A SQLite database, or its WAL, shared-memory or journal file: `export -f csv -o
    maogang.db --force` replaced every record with a CSV."""
    if _starts_with(path, (_SQLITE_MAGIC, *_WAL_MAGICS)):
        return True
    name = path.name
    return any(
        name.endswith(suffix)
        and _starts_with(path.with_name(name[: -len(suffix)]), (_SQLITE_MAGIC,))
        for suffix in _COMPANIONS
    )


def _starts_with(path: Path, magics: tuple[bytes, ...]) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return any(head.startswith(magic) for magic in magics)


# Characters Windows refuses in a file name, and the device names it reserves
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)


def safe_file_name(name: str) -> str:
    """`name` as a file name every system takes (Windows the strictest): its forbidden
    characters as `_`, no trailing dot or space, never a reserved device name."""
    cleaned = _NOT_IN_NAMES.sub("_", name).strip().rstrip(". ") or "_"
    if _RESERVED.fullmatch(cleaned):
        cleaned = f"_{cleaned}"
    return cleaned
