"""Entry ids and the rules that tell a clerk a new entry changes nothing."""

from datetime import date
from typing import NamedTuple

import pytest

from maogang_cli.domain.status import Record
from maogang_cli.domain.voids import (
    EntryId,
    decided_already,
    done_already,
    entry_id,
    live,
    overtaken,
    parse_entry_id,
)


class Done(NamedTuple):
    """A duty record as `decided_already` reads it (id first, as a stored row has it)."""

    id: int
    done_on: date


def test_entry_ids_read_and_written() -> None:
    assert parse_entry_id("P12") == EntryId("progress", 12)
    assert parse_entry_id(" d-7 ") == EntryId("duty_records", 7)
    assert parse_entry_id("V3") == EntryId("voids", 3)
    assert entry_id("duty_records", 7) == "D7"
    for text in ("X1", "P", "12", "P1.5"):
        with pytest.raises(ValueError):
            parse_entry_id(text)


def test_live_leaves_out_the_voided_entries() -> None:
    records = [Done(1, date(2024, 6, 1)), Done(2, date(2024, 6, 2)), Done(3, date(2024, 6, 3))]
    assert live(records, {2}) == [records[0], records[2]]


def test_the_earliest_record_decides_on_time_or_late() -> None:
    # Given in any order, the record done earliest (not the lowest id, not the first given).
    later, earliest = Done(3, date(2024, 6, 26)), Done(5, date(2024, 6, 20))
    assert decided_already([later, earliest], date(2024, 6, 30)) == earliest
    # one done the same day as the new one still decides: the new one changes nothing
    assert decided_already([later], date(2024, 6, 26)) == later
    assert decided_already([later], date(2024, 6, 25)) is None
    assert decided_already([], date(2024, 6, 25)) is None


def test_done_already_follows_the_order_records_took_effect() -> None:
    # Given out of order: by day, the pair was done on 06-20 (after work began 06-10).
    started = Record("in_progress", date(2024, 6, 10), "2024-06-10 09:00", 1)
    done = Record("done", date(2024, 6, 20), "2024-06-20 09:00", 2)
    assert done_already([done, started], date(2024, 6, 25)) == done
    # a new 'done' dated before the first 'done' changes when it was done
    assert done_already([done, started], date(2024, 6, 15)) is None
    # one dated the same day as the first 'done' does not
    assert done_already([done, started], date(2024, 6, 20)) == done


def test_done_already_names_the_start_of_the_last_run_of_done() -> None:
    # done 06-05, then work again 06-10, then done 06-15 and again 06-20: the run that
    # stands began on 06-15.
    records = [
        Record("done", date(2024, 6, 5), "2024-06-05 09:00", 1),
        Record("in_progress", date(2024, 6, 10), "2024-06-10 09:00", 2),
        Record("done", date(2024, 6, 15), "2024-06-15 09:00", 3),
        Record("done", date(2024, 6, 20), "2024-06-20 09:00", 4),
    ]
    assert done_already(records, date(2024, 6, 25)) == records[2]
    assert done_already(records, date(2024, 6, 12)) is None  # in progress that day


def test_overtaken_names_the_latest_later_record() -> None:
    first = Record("in_progress", date(2024, 6, 10), "2024-06-10 09:00", 1)
    second = Record("blocked", date(2024, 6, 20), "2024-06-20 09:00", 2)
    assert overtaken([second, first], date(2024, 6, 5)) == second
    assert overtaken([second, first], date(2024, 6, 20)) is None
