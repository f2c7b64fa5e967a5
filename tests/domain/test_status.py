from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.status import (
    PairState,
    Record,
    in_unit_order,
    latest_state,
    parse_status,
    summarise,
)
from maogang_cli.i18n import set_language

DEADLINE = date(2024, 6, 30)


def state(status: str, as_of: date, done_on: date | None = None, warn: int = 15) -> PairState:
    return PairState("t", "u", "responsible", DEADLINE, status, done_on, as_of, warn)


def test_not_overdue_on_the_deadline_day_itself() -> None:
    assert not state("in_progress", DEADLINE).overdue
    assert state("in_progress", DEADLINE).signal == "yellow"


def test_overdue_from_the_following_day() -> None:
    s = state("in_progress", DEADLINE + timedelta(days=1))
    assert s.overdue and s.days_overdue == 1 and s.signal == "red"


def test_done_after_the_deadline_is_done_late_not_overdue() -> None:
    s = state("done", date(2024, 8, 1), done_on=date(2024, 7, 2))
    assert not s.overdue and s.done_late and s.days_late == 2 and s.signal == "green"


def test_done_on_the_deadline_is_on_time() -> None:
    assert not state("done", date(2024, 8, 1), done_on=DEADLINE).done_late


@pytest.mark.parametrize(("days_left", "signal"), [(16, "green"), (15, "yellow"), (0, "yellow")])
def test_yellow_window_is_warn_days(days_left: int, signal: str) -> None:
    assert state("not_started", DEADLINE - timedelta(days=days_left)).signal == signal


def test_records_after_as_of_are_ignored() -> None:
    records = [
        Record("in_progress", date(2024, 5, 1), "a", 1),
        Record("done", date(2024, 7, 1), "b", 2),
    ]
    assert latest_state(records, date(2024, 6, 30)) == ("in_progress", None)
    assert latest_state(records, date(2024, 7, 1)) == ("done", date(2024, 7, 1))


def test_done_on_is_the_start_of_the_last_run_of_done() -> None:
    records = [
        Record("done", date(2024, 3, 1), "a", 1),
        Record("blocked", date(2024, 4, 1), "b", 2),
        Record("done", date(2024, 5, 1), "c", 3),
        Record("done", date(2024, 6, 1), "d", 4),  # a later note on a finished task
    ]
    assert latest_state(records, date(2024, 12, 31)) == ("done", date(2024, 5, 1))


def test_same_day_correction_wins_by_recording_time() -> None:
    records = [
        Record("done", date(2024, 5, 1), "2024-05-01T10:00", 7),
        Record("in_progress", date(2024, 5, 1), "2024-05-01T11:00", 3),
    ]
    assert latest_state(records, date(2024, 5, 1)) == ("in_progress", None)


def test_parse_status_accepts_chinese_labels() -> None:
    assert parse_status("已完成") == "done"
    assert parse_status("In-Progress") == "in_progress"
    assert parse_status(" not started ") == "not_started"
    with pytest.raises(ValueError, match="未知状态“finished”"):
        parse_status("finished")


def test_an_unknown_status_names_every_choice_in_the_runs_language() -> None:
    with pytest.raises(ValueError) as zh:
        parse_status("finished")
    assert str(zh.value) == "未知状态“finished”；可选：未开始、推进中、已完成、受阻"
    set_language("en")
    try:
        with pytest.raises(ValueError) as en:
            parse_status("finished")
    finally:
        set_language(None)
    assert str(en.value) == (
        "unknown status 'finished'; choose one of: "
        "not_started (未开始), in_progress (推进中), done (已完成), blocked (受阻)"
    )


def test_summary_counts_each_pair_once_by_latest_status() -> None:
    as_of = date(2024, 7, 5)
    states = [
        PairState("a", "u1", "responsible", DEADLINE, "done", date(2024, 7, 1), as_of),
        PairState("b", "u1", "responsible", DEADLINE, "blocked", None, as_of),
        PairState("c", "u1", "responsible", date(2024, 7, 10), "not_started", None, as_of),
        PairState("a", "u2", "responsible", DEADLINE, "in_progress", None, as_of),
    ]
    u1, u2 = summarise(states, ["u1", "u2"])
    assert (u1.tasks, u1.done, u1.blocked, u1.not_started, u1.overdue, u1.done_late) == (
        3,
        1,
        1,
        1,
        1,
        1,
    )
    assert u1.completion_rate == pytest.approx(1 / 3)
    assert u1.signal == "red"
    assert (u2.unit, u2.in_progress, u2.overdue) == ("u2", 1, 1)


statuses = st.sampled_from(["not_started", "in_progress", "done", "blocked"])
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


@pytest.mark.parametrize(
    ("status", "as_of", "overdue", "days_overdue"),
    [
        ("in_progress", date(2024, 6, 30), False, 0),  # the deadline day itself
        ("in_progress", date(2024, 7, 1), True, 1),
        ("not_started", date(2024, 8, 1), True, 32),
        ("blocked", date(2025, 6, 30), True, 365),
        ("done", date(2025, 6, 30), False, 0),
    ],
)
def test_days_overdue_on_known_days(
    status: str, as_of: date, overdue: bool, days_overdue: int
) -> None:
    done_on = date(2024, 6, 1) if status == "done" else None
    s = PairState("t", "u", "responsible", date(2024, 6, 30), status, done_on, as_of)
    assert (s.overdue, s.days_overdue) == (overdue, days_overdue)


@given(deadline=days, as_of=days, done_on=st.none() | days, status=statuses)
def test_overdue_semantics_hold_for_any_dates(
    deadline: date, as_of: date, done_on: date | None, status: str
) -> None:
    done_on = done_on if status == "done" else None
    s = PairState("t", "u", "responsible", deadline, status, done_on, as_of)
    assert s.overdue == (status != "done" and as_of > deadline)
    # Overdue from the day after the deadline: one day late on deadline + 1 (counted, not
    # computed the code's way: the days d with deadline < d <= as_of).
    late_days = sum(1 for k in range(1, 1200) if deadline + timedelta(days=k) <= as_of)
    assert s.days_overdue == (late_days if s.overdue else 0)
    assert not (s.overdue and s.done_late)
    assert s.done_late == (done_on is not None and done_on > deadline)
    assert (s.signal == "red") == s.overdue


@given(st.lists(st.tuples(statuses, days), max_size=12), days)
def test_latest_state_ignores_order_of_arrival(items: list[tuple[str, date]], as_of: date) -> None:
    records = [Record(s, d, f"{i:04d}", i) for i, (s, d) in enumerate(items)]
    status, done_on = latest_state(records, as_of)
    assert latest_state(list(reversed(records)), as_of) == (status, done_on)
    visible = [r for r in records if r.happened_on <= as_of]
    if not visible:
        assert (status, done_on) == ("not_started", None)
    else:
        assert status == max(visible, key=lambda r: r.order).status
        assert (done_on is not None) == (status == "done")
        if done_on:
            assert done_on <= as_of


def test_units_outside_the_catalogues_order_follow_it_by_name() -> None:
    # A unit the catalogue no longer orders (renamed away, retired) still gets its row,
    # after the ordered ones; a mix of ordered and unordered units must not fail.
    assert in_unit_order(["乙", "丙", "甲", "丁"], ["甲", "乙"]) == ["甲", "乙", "丁", "丙"]


@pytest.mark.parametrize(
    ("status", "percent", "refused"),
    [
        ("done", None, False),
        ("done", 100, False),
        ("done", 99, True),
        ("done", 0, True),
        ("not_started", None, False),
        ("not_started", 0, False),
        ("not_started", 1, True),
        ("not_started", 100, True),
        ("in_progress", 0, False),
        ("in_progress", 100, False),
        ("blocked", 50, False),
    ],
)
def test_percent_contradiction_bounds(status: str, percent: int | None, refused: bool) -> None:
    from maogang_cli.domain.status import percent_contradiction

    problem = percent_contradiction(status, percent)
    assert bool(problem) is refused
    if refused:
        assert f"进度却是{percent}%" in problem
