"""Reading months and days as typed, and a deadline's due day."""

from datetime import date

import pytest

from maogang_cli.domain.dates import Unreadable, deadline_date, month_end, parse_day, parse_month


def test_a_month_from_1900_on_is_read() -> None:
    # The earliest year read as a month; 1899 is no month anyone means here.
    assert parse_month("1900-01") == (1900, 1)
    assert parse_month(" 2024-12 ") == (2024, 12)
    for text in ("1899-12", "2024-13", "2024-00", "2024-6"):
        with pytest.raises(Unreadable):
            parse_month(text)


def test_a_deadline_is_the_last_day_of_its_month_or_the_day_given() -> None:
    assert deadline_date("2024-02") == date(2024, 2, 29) == month_end(2024, 2)
    assert deadline_date("2024-12") == date(2024, 12, 31)
    assert deadline_date("2024-06-15") == date(2024, 6, 15)
    assert parse_day("2024-02-29") == date(2024, 2, 29)
