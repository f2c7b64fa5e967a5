"""What a path that is not a regular file is, in words, for the one-line refusals of
`--db` and of output files."""

from __future__ import annotations

import stat

from maogang_cli.i18n import _


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
