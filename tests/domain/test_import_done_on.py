"""A day typed under 完成日期, a column the export works out and the import does not read."""

from __future__ import annotations

from datetime import date

from maogang_cli.domain.imports import StoredRecord, done_on_typed

STARTED = StoredRecord("in_progress", date(2024, 6, 1), "2024-06-01T09:00:00+08:00", 1)
DONE = StoredRecord("done", date(2024, 6, 12), "2024-06-12T09:00:00+08:00", 2)
DONE_AGAIN = StoredRecord("done", date(2024, 6, 15), "2024-06-15T09:00:00+08:00", 3)


def typed(
    records: list[StoredRecord],
    cell: str,
    status: str = "in_progress",
    on: date | None = None,
    last_update: date | None = date(2024, 6, 12),
    *,
    has_last_update: bool = True,
) -> str | None:
    return done_on_typed(
        records,
        typed=cell,
        status=status,
        on=on,
        last_update=last_update,
        has_last_update=has_last_update,
    )


def test_an_empty_cell_or_what_the_export_wrote_says_nothing() -> None:
    assert typed([STARTED, DONE], "") is None
    assert typed([STARTED, DONE], "2024-06-12", status="done") is None
    assert typed([STARTED, DONE], "2024/6/12", status="done") is None  # as a sheet saves it
    # the run of 已完成 began on the 12th, the day the export shows
    assert typed([STARTED, DONE, DONE_AGAIN], "2024-06-12", last_update=date(2024, 6, 15)) is None


def test_the_rows_own_day_of_done_says_nothing_new() -> None:
    assert typed([STARTED], "2024-06-20", status="done", on=date(2024, 6, 20)) is None


def test_any_other_day_is_the_one_the_unit_meant() -> None:
    assert typed([STARTED], "2024-06-01", status="done", on=date(2024, 6, 20)) == "2024-06-01"
    assert typed([STARTED], "2024-06-20", status="in_progress", on=date(2024, 6, 20)) == (
        "2024-06-20"
    )
    assert typed([STARTED], "2024-06-20", status="done") == "2024-06-20"  # no 日期
    assert typed([STARTED, DONE], "2024-06-11", status="done") == "2024-06-11"
    # exported before anything was recorded: the export wrote nothing there
    assert typed([STARTED, DONE], "2024-06-12", last_update=None) == "2024-06-12"
    # exported before it was done
    assert typed([STARTED, DONE], "2024-06-12", last_update=date(2024, 6, 1)) == "2024-06-12"


def test_a_sheet_without_last_update_compares_with_every_record() -> None:
    assert typed([STARTED, DONE], "2024-06-12", has_last_update=False) is None
    assert typed([STARTED], "2024-06-12", has_last_update=False) == "2024-06-12"
