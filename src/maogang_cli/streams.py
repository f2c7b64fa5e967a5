"""Output streams that never fail on a character their encoding lacks.

Python writes a redirected stdout in the locale's code page on Windows (GBK on a Chinese
one), and PowerShell's `>` expects that code page, so the encoding is kept: a character
GBK lacks (the report marks ✓ ✗) is written as one that means the same and GBK has (√ ×),
anything else as "?", instead of an internal error after half the output."""

import codecs
import io
import os
import sys

# Stand-ins that GBK (and most code pages of Chinese Windows) can encode.
STAND_INS = {"✓": "√", "✗": "×", "⋯": "…", "—": "-", "✔": "√", "✘": "×"}
HANDLER = "maogang-stand-in"


def stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start : error.end]:
        other = STAND_INS.get(char, "?")
        try:
            other.encode(error.encoding)
        except UnicodeEncodeError:
            other = "?"
        shown.append(other)
    return "".join(shown), error.end


def make_safe() -> None:
    """Give stdout and stderr the stand-in handler when their encoding is not UTF-8."""
    codecs.register_error(HANDLER, stand_in)
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        if codecs.lookup(stream.encoding).name in ("utf-8", "utf-8-sig"):
            continue
        stream.reconfigure(errors=HANDLER)


def fill_closed() -> None:
    """Give a standard stream that was closed before the start (`maogang status >&-`, a
    service wrapper, pythonw on Windows: Python sets it to None) the null device. What would
    have been printed is dropped, as a closed pipe drops it; a write command still stores
    its record. Opened before the database, the null device also takes the free
    descriptor 0, 1 or 2, so no file opened later can be written to as if it were stdout."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115 (kept open for the run)
