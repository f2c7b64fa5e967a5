"""记录时间 (when an entry was recorded) shown in one clock: this computer's local time,
converted from the offset each entry was stored with (a server on UTC, the clerk's PC on
Beijing time); --json keeps the stored value with its offset."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from conftest import Invoke
from maogang_cli.words import stamp_text


def test_a_stamp_is_shown_in_local_time(time_zone: Callable[[str], None]) -> None:
    time_zone("CST-8")
    assert stamp_text("2026-12-02T20:06:47.123456+00:00") == "2026-12-03 04:06"
    assert stamp_text("2026-12-03T04:52:10.000001+08:00") == "2026-12-03 04:52"
    time_zone("UTC0")
    assert stamp_text("2026-12-03T04:52:10.000001+08:00") == "2026-12-02 20:52"
    # without an offset it cannot be converted: shown as stored
    assert stamp_text("2026-12-02T20:06:47") == "2026-12-02 20:06"
    assert stamp_text("not a time at all") == "not a time at all"[:16]


def test_history_shows_entries_of_two_machines_in_one_clock(
    invoke: Invoke, time_zone: Callable[[str], None]
) -> None:
    record = ["record", "14", "-u", "城运中心", "-s", "推进中", "--by", "x"]
    time_zone("UTC0")  # the server of the README's cron
    invoke(*record, "-d", "2024-06-12")
    time_zone("CST-8")  # the clerk's PC
    invoke(*record, "-d", "2024-06-13")
    stored = [e["recorded_at"] for e in json.loads(invoke("history", "14", "--json").stdout)]
    assert [s[-6:] for s in stored] == ["+00:00", "+08:00"]  # as each machine wrote it
    shown = invoke("history", "14").stdout
    utc = datetime.fromisoformat(stored[0])
    beijing = (utc + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")  # UTC+8, no DST
    assert beijing in shown
    assert utc.strftime("%Y-%m-%d %H:%M") not in shown  # not the server's clock
    assert stored[1][:16].replace("T", " ") in shown  # the PC's own, as it was
