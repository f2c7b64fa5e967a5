"""Output streams that never fail on a character their encoding lacks.

Python writes a redirected stdout in the locale's code page on Windows (GBK on a Chinese
one), and PowerShell's `>` expects that code page, so the encoding is kept: a character
GBK lacks (the report marks ✓ ✗) is written as one that means the same and GBK has (√ ×),
anything else as "?", instead of an internal error after half the output."""

import codecs
import io
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
