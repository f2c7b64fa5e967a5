"""The SQL that counts and lists pairs at scale repeats rules of `domain.status`; pinned
here to the domain rule with explicit examples at the boundaries: done on the deadline
day, as of the deadline day, a run of 'done' reopened and done again, a same-day
correction. Task 2024-06 is due 2024-06-30; each unit below reports for it alone."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from conftest import Invoke
from maogang_cli.domain.status import PairState, Record, count_states, latest_state

DEADLINE = date(2024, 6, 30)
UNITS = ["党政办", "社建办", "平安办", "党群办", "拆违办"]


@pytest.fixture
def boundaries(invoke: Invoke) -> None:
    for unit, status, day in [
        ("党政办", "done", "2024-06-30"),  # done on the deadline day: on time
        ("社建办", "done", "2024-07-01"),  # done the day after: late
        # 平安办: nothing recorded
        ("党群办", "in_progress", "2024-06-10"),
        ("党群办", "done", "2024-06-20"),
        ("党群办", "in_progress", "2024-06-25"),  # reopened
        ("党群办", "done", "2024-07-02"),  # the current run of 'done' begins here: late
        ("拆违办", "done", "2024-06-30"),
        ("拆违办", "in_progress", "2024-06-30"),  # same day, recorded later: it wins
    ]:
        result = invoke("record", "2024-06", "-u", unit, "-s", status, "-d", day)
        assert result.exit_code == 0, result


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def _counts(invoke: Invoke, as_of: str) -> dict[str, tuple[str, int, int]]:
    """unit -> (its one pair's status, overdue, done_late), as `status` counts them in SQL."""
    rows = {r["unit"]: r for r in _json(invoke, "status", "--as-of", as_of)}
    out = {}
    for unit in UNITS:
        r = rows[unit]
        assert r["tasks"] == 1
        status = next(s for s in ("done", "in_progress", "not_started", "blocked") if r[s])
        out[unit] = (status, r["overdue"], r["done_late"])
    return out


EXPECTED = {
    "2024-06-30": {  # the deadline day: nothing is overdue yet
        "党政办": ("done", 0, 0),
        "社建办": ("not_started", 0, 0),
        "平安办": ("not_started", 0, 0),
        "党群办": ("in_progress", 0, 0),
        "拆违办": ("in_progress", 0, 0),
    },
    "2024-07-01": {
        "党政办": ("done", 0, 0),
        "社建办": ("done", 0, 1),
        "平安办": ("not_started", 1, 0),
        "党群办": ("in_progress", 1, 0),
        "拆违办": ("in_progress", 1, 0),
    },
    "2024-07-02": {
        "党政办": ("done", 0, 0),
        "社建办": ("done", 0, 1),
        "平安办": ("not_started", 1, 0),
        "党群办": ("done", 0, 1),  # not 06-20: the run was broken on 06-25
        "拆违办": ("in_progress", 1, 0),
    },
}


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_the_sql_counts_follow_the_rule_at_the_boundaries(
    invoke: Invoke, boundaries: None, as_of: str
) -> None:
    assert _counts(invoke, as_of) == EXPECTED[as_of]


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_overdue_lists_exactly_the_overdue_pairs(
    invoke: Invoke, boundaries: None, as_of: str
) -> None:
    items = _json(invoke, "overdue", "--as-of", as_of, "-k", "task")
    listed = {i["unit"] for i in items if i["task"] == "2024-06" and i["unit"] in UNITS}
    assert listed == {u for u, (_, overdue, _) in EXPECTED[as_of].items() if overdue}


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_the_sql_agrees_with_the_domain_rule_on_the_records(
    invoke: Invoke, boundaries: None, as_of: str
) -> None:
    """The same records judged by `domain.status` (latest_state, PairState, count_states)."""
    day = date.fromisoformat(as_of)
    states = []
    for unit in UNITS:
        history = _json(invoke, "history", "2024-06", "-u", unit)
        records = [
            Record(h["status"], date.fromisoformat(h["date"]), h["recorded_at"], h["id"])
            for h in history
        ]
        status, done_on = latest_state(records, day)
        states.append(PairState("2024-06", unit, "responsible", DEADLINE, status, done_on, day))
    counted = count_states(states)
    domain = {
        s.unit: (s.status, counted[s.unit]["overdue"], counted[s.unit]["done_late"]) for s in states
    }
    assert domain == _counts(invoke, as_of) == EXPECTED[as_of]


def test_the_run_of_done_begins_after_the_last_other_status(
    invoke: Invoke, boundaries: None
) -> None:
    pairs = _json(invoke, "status", "-u", "党群办", "--as-of", "2024-07-02")
    pair = next(p for p in pairs if p["task"] == "2024-06")
    assert (pair["done_on"], pair["done_late"]) == ("2024-07-02", True)
    pairs = _json(invoke, "status", "-u", "党政办", "--as-of", "2024-07-02")
    pair = next(p for p in pairs if p["task"] == "2024-06")
    assert (pair["done_on"], pair["done_late"]) == ("2024-06-30", False)


def test_the_latest_note_and_percent_follow_the_record_order(invoke: Invoke) -> None:
    """The latest non-empty note and the latest percent, each on its own (SQL's _NOTE and
    _PERCENT), as `domain.imports.standing` finds them on the same records."""
    from maogang_cli.domain.imports import StoredRecord, standing

    for args in [
        ("-s", "in_progress", "-d", "2024-06-01", "-n", "开始", "-p", "20"),
        ("-s", "in_progress", "-d", "2024-06-10", "-p", "50"),
        ("-s", "blocked", "-d", "2024-06-10", "-n", "更正"),  # same day, recorded later
        ("-s", "in_progress", "-d", "2024-06-20", "-n", "之后", "-p", "70"),  # after as-of
    ]:
        assert invoke("record", "2024-14", "-u", "城运中心", *args).exit_code == 0
    pairs = _json(invoke, "status", "-u", "城运中心", "--as-of", "2024-06-15")
    pair = next(p for p in pairs if p["task"] == "2024-14")
    assert (pair["status"], pair["note"], pair["percent"]) == ("blocked", "更正", 50)
    history = _json(invoke, "history", "2024-14", "-u", "城运中心")
    records = [
        StoredRecord(
            h["status"], date.fromisoformat(h["date"]), h["recorded_at"], h["id"],
            h["note"], h["percent"],
        )
        for h in history
    ]  # fmt: skip
    shown = standing(records, date(2024, 6, 15))
    assert (shown.status, shown.note, shown.percent) == ("blocked", "更正", 50)
    export = _json_export(invoke, "2024-06", "2024-06-15")
    row = next(r for r in export["rows"] if (r["task"], r["unit"]) == ("2024-14", "城运中心"))
    assert (row["status"], row["note"], row["percent"], row["last_update"]) == (
        "blocked",
        "更正",
        50,
        "2024-06-10",
    )


def _json_export(invoke: Invoke, month: str, as_of: str) -> Any:
    result = invoke("export", "-m", month, "--as-of", as_of, "-f", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)
