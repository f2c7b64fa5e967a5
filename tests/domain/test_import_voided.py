"""An exported row left as it was, showing a record that has been voided since."""

from __future__ import annotations

from datetime import date

from maogang_cli.domain.imports import StoredRecord, voided_match

JUNE_12 = date(2024, 6, 12)
P1 = StoredRecord("in_progress", JUNE_12, "2024-06-12T09:00:00+08:00", 1, "建库", 30)
P2 = StoredRecord("in_progress", date(2024, 6, 1), "2024-06-01T09:00:00+08:00", 2, "", 10)
P3 = StoredRecord("done", date(2024, 6, 20), "2024-06-20T09:00:00+08:00", 3, "", None)


def match(
    live: list[StoredRecord],
    voided: list[StoredRecord],
    status: str = "in_progress",
    note: str = "建库",
    percent: int | None = 30,
    last_update: date | None = JUNE_12,
    *,
    has_last_update: bool = True,
) -> int | None:
    return voided_match(
        live,
        voided,
        status=status,
        note=note,
        percent=percent,
        last_update=last_update,
        has_last_update=has_last_update,
    )


def test_a_row_showing_the_voided_record_names_it() -> None:
    assert match([], [P1]) == 1
    assert match([], [P1], note="", percent=None) == 1  # empty cells change nothing
    assert match([P2], [P1]) == 1  # the live record before it does not say so
    assert match([P2], [P1], note="", percent=10) is None  # what P2 alone shows


def test_a_row_that_differs_from_the_voided_record_is_no_match() -> None:
    assert match([], [P1], status="done") is None
    assert match([], [P1], percent=40) is None
    assert match([], [P1], note="另一条") is None


def test_a_row_that_says_what_is_in_force_is_no_match() -> None:
    assert match([P1], []) is None
    assert match([P1], [P2], note="", percent=None) is None  # unchanged, voided or not


def test_the_sheet_as_exported_is_the_comparison() -> None:
    # exported when nothing was recorded: no record of it can have been voided
    assert match([], [P1], last_update=None) is None
    # a record voided after the day the sheet shows was not on it
    assert match([], [P1], last_update=date(2024, 6, 11)) is None
    assert match([], [P1, P3], last_update=JUNE_12) == 1
    # no 最近记录日期 column: compared with every record
    assert match([], [P1], last_update=None, has_last_update=False) == 1
    assert match([], [P1, P3], status="done", note="", percent=None, has_last_update=False) == 3
    assert match([], [P1, P3], has_last_update=False) is None
