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
