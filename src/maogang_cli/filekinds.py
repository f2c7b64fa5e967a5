"""What a path is, and why the system refused it, in words: for the one-line refusals of
`--db`, of output files and of the files read. Standard library only."""

from __future__ import annotations

import errno
import stat

from maogang_cli.i18n import N_, _


def file_kind(mode: int) -> str:
    """'a device', 'a FIFO (named pipe)' … for an `os.lstat` mode."""
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


# The reasons a clerk meets, in the run's language: the system's own text (strerror) is
# English whatever the language, and on Chinese Windows in the code page.
_REASONS = {
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("the disk quota is used up"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "EROFS": N_("read-only file system"),
    "ENOTDIR": N_("not a folder"),
    "EISDIR": N_("is a folder"),
    "EEXIST": N_("a file of that name already exists"),
    "ENOENT": N_("no such file or folder"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EIO": N_("disk input/output error"),
    "ELOOP": N_("too many levels of symbolic links"),
    "EBUSY": N_("in use by another program"),
    "ETXTBSY": N_("in use by another program"),
    "EMFILE": N_("too many open files"),
}
# by number; a name the platform lacks (Windows has no EDQUOT) is left out
_BY_ERRNO = {getattr(errno, name): text for name, text in _REASONS.items() if hasattr(errno, name)}

# Errors of the place, not of the path given: exit 1, as the database's full disk is.
ENVIRONMENT = frozenset(getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EIO") if hasattr(errno, n))


# Windows: a file open in Excel or WPS cannot be replaced (errno says only EACCES)
_SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def os_reason(exc: OSError) -> str:
    """Why the system refused: words of our own for the usual errnos, else its own text."""
    if getattr(exc, "winerror", None) in _SHARING_VIOLATIONS:
        return _("open in another program (Excel, WPS?): close it and try again")
    reason = _BY_ERRNO.get(exc.errno or 0)
    if reason is not None:
        return _(reason)
    return str(exc.strerror or exc)
