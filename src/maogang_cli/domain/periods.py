"""Periods of recurring duties: months, quarters, half-years and years.

A period is named by a key (2024-05, 2024-Q2, 2024-H1, 2024) and falls due on `due_day`
of its last month, or on that month's last day when no day is set.
"""

import re
from datetime import date
from typing import NamedTuple

from maogang_cli.domain.dates import Unreadable, month_end, parse_month

_MONTHS_IN = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


class Period(NamedTuple):
    first: date  # first day of the period
    last: date  # last day of the period
    key: str

    def due(self, due_day: int | None) -> date:
        """Due on `due_day` of the period's last month (clamped to its length)."""
        if due_day is None:
            return self.last
        days = month_end(self.last.year, self.last.month).day
        return self.last.replace(day=min(due_day, days))


def _key(frequency: str, year: int, month: int) -> str:
    if frequency == "monthly":
        return f"{year:04d}-{month:02d}"
    if frequency == "quarterly":
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if frequency == "half_yearly":
        return f"{year:04d}-H{(month - 1) // 6 + 1}"
    return f"{year:04d}"


def period_of(frequency: str, day: date) -> Period:
    """The period of `frequency` that contains `day`."""
    size = _MONTHS_IN[frequency]
    first_month = (day.month - 1) // size * size + 1
    last_month = first_month + size - 1
    last = month_end(day.year, last_month)
    return Period(date(day.year, first_month, 1), last, _key(frequency, day.year, first_month))


def periods_between(frequency: str, start_month: str, end_month: str) -> list[Period]:
    """Every period that overlaps the months start..end (YYYY-MM, inclusive)."""
    y, m = parse_month(start_month)
    end = date(*parse_month(end_month), 1)
    out: list[Period] = []
    current = period_of(frequency, date(y, m, 1))
    while current.first <= end:
        out.append(current)
        nxt = current.last.toordinal() + 1
        current = period_of(frequency, date.fromordinal(nxt))
    return out


_PATTERNS = {  # compiled by re on first use
    "monthly": r"^(\d{4})-(\d{2})$",
    "quarterly": r"^(\d{4})-Q([1-4])$",
    "half_yearly": r"^(\d{4})-H([12])$",
    "yearly": r"^(\d{4})$",
}


def parse_period(frequency: str, text: str) -> Period:
    """A period key of the given frequency; Unreadable, with the expected form, otherwise."""
    text = text.strip().upper()
    match = re.match(_PATTERNS[frequency], text)
    examples = {
        "monthly": "2024-05",
        "quarterly": "2024-Q2",
        "half_yearly": "2024-H1",
        "yearly": "2024",
    }
    from maogang_cli.i18n import _

    if not match:
        from maogang_cli.words import frequency_word

        raise Unreadable(
            _("'{text}' is not a {frequency} period (write it like {example})").format(
                text=text, frequency=frequency_word(frequency), example=examples[frequency]
            )
        )
    year = int(match[1])
    index = int(match[2]) if frequency != "yearly" else 1
    if frequency == "monthly" and not 1 <= index <= 12:
        raise Unreadable(_("'{text}' is not a real month").format(text=text))
    first_month = (index - 1) * _MONTHS_IN[frequency] + 1
    return period_of(frequency, date(year, first_month, 1))
