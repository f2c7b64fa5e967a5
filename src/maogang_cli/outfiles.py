"""Writing output files safely: never over an existing file unless asked, never over
anything but a regular file (a device, a FIFO, a symbolic link), and never half a file:
the content goes to a temporary file beside the target, then is renamed onto it. A set
of files (`export --split`) is written whole or not at all. A temporary file left by a
killed run is removed by the next one."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from maogang_cli.errors import MaogangError, OutputExistsError, UsageError
from maogang_cli.filekinds import ENVIRONMENT, file_kind, os_reason
from maogang_cli.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

_TMP_SUFFIX = ".tmp"
_SET_PREFIX = ".maogang-set"  # the staging folder of a set, inside the set's folder
_STALE_SECONDS = 3600  # where a writer's liveness cannot be asked (Windows): an hour


class WriteError(MaogangError):
    """The disk under an output file failed it (full, out of quota, I/O): nothing written."""


def refused_write(message: str, exc: OSError) -> MaogangError:
    """A full or failing disk is the place (exit 1, as the database's full disk is); any
    other refusal (permission, a read-only mount, a file where a folder should be) is a
    path that cannot be used (exit 2)."""
    return WriteError(message) if exc.errno in ENVIRONMENT else UsageError(message)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_temporary(folder: Path, prefix: str, data: bytes) -> str:
    """`data` in a new temporary file in `folder`, on the disk; removed if that fails."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=_TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    check_target(path, force=force)
    _remove_stale_temporaries(path.parent, f".{path.name}.")
    tmp = ""
    try:
        tmp = _write_temporary(path.parent, _tmp_prefix(path), data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise refused_write(
            _("cannot write {path}: {reason}").format(path=path, reason=os_reason(exc)), exc
        ) from None
    except BaseException:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def write_set(folder: Path, files: Iterable[tuple[Path, bytes]]) -> int:
    """Every file of `files` (targets inside `folder`, checked already) or none: each is
    written into a staging folder inside `folder` (the same disk, and no right beyond the
    folder's own), then all are renamed in; a file replaced is kept aside until the last
    is in. A disk that fills midway, or an interrupt, leaves the folder as it was (the
    office sends each unit its file from it: 14 of 25 would look like the whole set)."""
    _remove_stale_temporaries(folder, f"{_SET_PREFIX}.")
    try:
        staging = Path(
            tempfile.mkdtemp(dir=folder, prefix=_tmp_prefix_of(_SET_PREFIX), suffix=_TMP_SUFFIX)
        )
    except OSError as exc:
        raise _set_refused(folder, 0, exc) from None
    staged: list[tuple[str, Path]] = []
    moved: list[tuple[Path, Path | None]] = []  # (target, the file it replaced, kept aside)
    try:
        for target, data in files:
            staged.append((_write_temporary(staging, ".", data), target))
        for number, (tmp, target) in enumerate(staged):
            aside = None
            if os.path.lexists(target):
                aside = staging / f"replaced-{number}"
                os.replace(target, aside)
            moved.append((target, aside))
            os.replace(tmp, target)
    except BaseException as exc:
        _put_back(moved)
        if isinstance(exc, OSError):
            raise _set_refused(folder, len(staged), exc) from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(staged)


def _set_refused(folder: Path, written: int, exc: OSError) -> MaogangError:
    if written:
        message = _(
            "cannot write into {folder}: {reason}; none of the files was written "
            "(the folder is as it was)"
        ).format(folder=folder, reason=os_reason(exc))
    else:
        message = _("cannot write into {folder}: {reason}; no file was written").format(
            folder=folder, reason=os_reason(exc)
        )
    return refused_write(message, exc)


def _put_back(moved: list[tuple[Path, Path | None]]) -> None:
    """Undo the renames of a set that failed: renames on one disk need no room."""
    for target, aside in reversed(moved):
        with contextlib.suppress(OSError):
            if aside is None:
                os.unlink(target)
            else:
                os.replace(aside, target)


def _tmp_prefix(path: Path, pid: int | None = None) -> str:
    """`.NAME.PID.`: the writer's process id says whether a leftover is still being written."""
    return f".{path.name}.{os.getpid() if pid is None else pid}."


def _tmp_prefix_of(prefix: str) -> str:
    return f"{prefix}.{os.getpid()}."


def _remove_stale_temporaries(folder: Path, prefix: str) -> None:
    """Temporary files (or a set's staging folders) whose writer is gone (killed
    mid-export)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
            continue
        pid_text = name[len(prefix) :].split(".", 1)[0]
        leftover = folder / name
        if _writer_gone(pid_text, leftover):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
                continue
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


def make_folder(folder: Path) -> list[Path]:
    """A folder to write into, with its parents, made when missing (`schema --write DIR`,
    `export --split DIR`: one line in any shell, Windows PowerShell 5.1 has no `mkdir DIR
    && …`). Returns the folders made, outermost first, so a failed run can remove them.
    A file (or anything but a folder) in the way is a usage error."""
    if os.path.lexists(folder) and not folder.is_dir():
        what = _("a file") if folder.is_file() else file_kind(os.lstat(folder).st_mode)
        raise UsageError(_("{path} is {what}, not a folder").format(path=folder, what=what))
    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise refused_write(
            _("cannot create the directory {path}: {reason}").format(
                path=folder, reason=os_reason(exc)
            ),
            exc,
        ) from None
    return list(reversed(missing))


def remove_folders(made: list[Path]) -> None:
    """The folders `make_folder` made, removed again (innermost first) when still empty."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def check_target(path: Path, *, force: bool) -> None:
    """Refuse early, before any work: an existing file without --force, anything but a
    regular file even with it (a device, a FIFO, a symbolic link), a missing folder."""
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=path, reason=os_reason(exc))
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
