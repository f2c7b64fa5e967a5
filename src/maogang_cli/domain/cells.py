"""Spreadsheet cell safety: text a spreadsheet would run as a formula, and its inverse."""

from __future__ import annotations

# A spreadsheet runs a cell that starts with one of these as a formula (or DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix `'` so a spreadsheet shows the text instead of running it. Quotes already in
    front are counted, so `restore` is an exact inverse."""
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo `neutralise`: the text as it was before the export protected it."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


# Characters a terminal or a viewer would act on instead of showing: C0 controls (ESC
# starts colour, cursor and OSC 52 clipboard sequences; CR overwrites the line), DEL, C1
# controls, bidi overrides and isolates (U+202E shows text reversed), line separators.
_ACTIVE = [
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
]


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_INERT = {code: _escape(code) for code in _ACTIVE if code not in (0x09, 0x0A)}
_INERT_LINE = {**_INERT, 0x0A: "\\n"}
_JSON_INERT = {code: f"\\u{code:04x}" for code in _ACTIVE if code >= 0x7F}
# Searched for one by one: `in` scans text at memchr speed, twice as fast as a regex
# class, and a regex of these ranges takes 1 ms to compile (a third of a --json list).
_JSON_ACTIVE = tuple(map(chr, _JSON_INERT))


def inert(text: str, *, one_line: bool = False) -> str:
    """Text from outside (a note, a name, a cell) made safe to show: every character a
    terminal would act on is written as its escape (ESC as \\x1b, U+202E as \\u202e); tabs
    and line breaks stay, unless the text must stay on `one_line`."""
    return text.translate(_INERT_LINE if one_line else _INERT)


# The longest text an XLSX cell holds: a longer note could not go out and come back whole.
MAX_TEXT = 32_767


def unstorable(text: str) -> str | None:
    """Why text typed by a person cannot be kept as evidence, or None: a character a
    terminal acts on (tabs and line breaks are text), or more than a spreadsheet cell
    holds. Such text would print as escapes and come back from a sheet changed."""
    if len(text) > MAX_TEXT:
        return "too long"
    if inert(text) != text:
        return "control character"
    return None


def json_inert(encoded: str) -> str:
    """JSON text with the active characters json leaves raw (C1, bidi, line separators)
    escaped as \\uXXXX: the same JSON value, inert on a terminal. JSON syntax is ASCII,
    so these can only be inside strings."""
    # str.translate looks every character of non-ASCII text up in the table (10 ms for the
    # 200 KB of `overdue --json`); a scan finds the rare active one 25 times faster.
    return encoded.translate(_JSON_INERT) if json_active(encoded) else encoded


def json_active(text: str) -> bool:
    """Whether text holds a character `json_inert` escapes."""
    return any(char in text for char in _JSON_ACTIVE)
