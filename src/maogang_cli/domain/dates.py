"""Months, deadlines and periods. A month deadline is due on the last day of that month."""

from __future__ import annotations

import re
from datetime import date, timedelta

from maogang_cli.i18n import N_, _

# Patterns, not compiled objects: re compiles (and caches) one only when it is first used,
# so commands that parse no date pay nothing at start-up.
_MONTH = r"^(\d{4})-(\d{2})$"
_DAY = r"^(\d{4})-(\d{2})-(\d{2})$"


class Unreadable(ValueError):
    """A value that cannot be read at all (2024-6, 2024-13, 2024-02-30), or options that
    contradict each other: on a command line, a usage error (exit 2) whatever the data
    holds. Any other ValueError a rule raises is the data refusing a well-formed value."""


def _said(message: str, english: bool) -> str:
    """A message in the chosen language; in English for the catalogue's problems."""
    return message if english else _(message)


def parse_day(text: str, *, english: bool = False) -> date:
    """A YYYY-MM-DD date that exists; ValueError otherwise."""
    m = re.match(_DAY, text.strip())
    if not m:
        raise Unreadable(
            _said(N_("'{text}' is not a date (expected YYYY-MM-DD)"), english).format(text=text)
        )
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise Unreadable(
            _said(N_("'{text}' is not a real date"), english).format(text=text)
        ) from None


def parse_month(text: str, *, english: bool = False) -> tuple[int, int]:
    """A YYYY-MM month as (year, month); ValueError otherwise."""
    m = re.match(_MONTH, text.strip())
    if not m:
        raise Unreadable(
            _said(N_("'{text}' is not a month (expected YYYY-MM)"), english).format(text=text)
        )
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12 or year < 1900:
        raise Unreadable(_said(N_("'{text}' is not a real month"), english).format(text=text))
    return year, month


def month_end(year: int, month: int) -> date:
    """The last day of a month (the day before the next month's first)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def deadline_date(text: str) -> date:
    """The due day of a deadline written as a month (its last day) or a full date."""
    text = text.strip()
    if re.match(_MONTH, text):
        return month_end(*parse_month(text, english=True))
    if re.match(_DAY, text):
        return parse_day(text, english=True)
    # The catalogue's deadlines (a data file's problem, located FILE:LINE:COL): English.
    raise Unreadable(f"'{text}' is not a month (YYYY-MM) or a date (YYYY-MM-DD)")


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
