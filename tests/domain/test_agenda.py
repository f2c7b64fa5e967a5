"""The agenda and the plan's obligations, without a database or a terminal."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.agenda import (
    AgendaItem,
    Window,
    choose_window,
    owed_items,
    sort_agenda,
    task_items,
)
from maogang_cli.domain.duties import Duty, PlanMilestone
from maogang_cli.domain.models import TaskInfo
from maogang_cli.domain.owed import chased, duty_owed, merge_overdue, milestone_owed
from maogang_cli.domain.plan import milestone_state
from maogang_cli.domain.reports import Submission
from maogang_cli.domain.status import PairState

AS_OF = date(2024, 7, 10)


def task(task_id: str, deadline: date, milestones: list[dict[str, str]] | None = None) -> TaskInfo:
    return TaskInfo(
        id=task_id,
        year=deadline.year,
        seq=int(task_id[-2:]),
        action="行动",
        title=f"任务{task_id}",
        description="",
        deadline=deadline,
        deadline_text=f"{deadline:%Y-%m}",
        responsible=["甲", "乙"],
        cooperating=[],
        responsible_etc=False,
        cooperating_etc=False,
        responsible_units=["甲", "乙"],
        cooperating_units=[],
        measures=[],
        milestones=milestones or [],
        retired=False,
    )


def pair(task_id: str, unit: str, deadline: date, status: str = "not_started") -> PairState:
    done_on = date(2024, 6, 1) if status == "done" else None
    return PairState(task_id, unit, "responsible", deadline, status, done_on, AS_OF)


REPORT = Duty(
    id="monthly_report",
    title="月报",
    frequency="monthly",
    due_day=25,
    start="2024-05",
    end="2026-12",
    owners=["组"],
    owner_units=["甲", "乙"],
)
MEETING = Duty(
    id="meeting",
    title="季度会",
    frequency="quarterly",
    due_day=None,
    start="2024-04",
    end="2026-12",
    owners=["甲"],
    owner_units=["甲"],
)
M03 = PlanMilestone(
    id="m03-2024",
    measure=3,
    due=date(2024, 12, 31),
    text="培树2-3家企业",
    responsible=["组"],
    responsible_units=["甲", "乙"],
)


# --- windows -----------------------------------------------------------------------


def test_window_defaults_to_the_as_of_month() -> None:
    assert choose_window(date(2024, 2, 10)) == Window(date(2024, 2, 1), date(2024, 2, 29))


def test_window_from_month_days_or_year() -> None:
    assert choose_window(AS_OF, month="2025-06") == Window(date(2025, 6, 1), date(2025, 6, 30))
    assert choose_window(AS_OF, first="2024-06-20", last="2024-07-05") == Window(
        date(2024, 6, 20), date(2024, 7, 5)
    )
    assert choose_window(AS_OF, year=2026) == Window(date(2026, 1, 1), date(2026, 12, 31))
    # The first and last years a date can have here (typer refuses others before this).
    assert choose_window(AS_OF, year=1900) == Window(date(1900, 1, 1), date(1900, 12, 31))
    assert choose_window(AS_OF, year=9999) == Window(date(9999, 1, 1), date(9999, 12, 31))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"month": "2024-13"}, "--month: “2024-13”不是实际存在的月份"),
        ({"month": "June"}, "--month: “June”不是月份（应为 YYYY-MM）"),
        ({"first": "2024-06-01"}, "--from 和 --to 须同时给出两个日期"),
        (
            {"first": "2024-07-01", "last": "2024-06-01"},
            "--from 2024-07-01晚于--to 2024-06-01",
        ),
        ({"first": "2024-02-30", "last": "2024-03-01"}, "--from: “2024-02-30”不是实际存在的日期"),
        ({"first": "2024-03-01", "last": "2024-02-30"}, "--to: “2024-02-30”不是实际存在的日期"),
        ({"year": 1899}, "--year 1899 不是有效的年份"),
        ({"year": 10000}, "--year 10000 不是有效的年份"),
        ({"month": "2024-06", "year": 2024}, "--month、--year 只能给出一个"),
        ({"month": "2024-06", "last": "2024-06-30"}, "--month、--from/--to 只能给出一个"),
    ],
)
def test_window_refuses_bad_or_contradictory_options(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError) as exc:
        choose_window(AS_OF, **options)  # type: ignore[arg-type]
    assert str(exc.value) == message


# --- obligations ---------------------------------------------------------------------


def test_duty_instances_one_per_period_and_owing_unit_with_their_state() -> None:
    periods = REPORT.periods("2024-05", "2024-07")
    records = [
        Submission("甲", "2024-05", date(2024, 5, 20)),  # on time
        Submission("甲", "2024-06", date(2024, 6, 28)),  # late
        Submission("乙", "2024-06", date(2024, 7, 11)),  # after the as-of day: not seen
    ]
    owed = duty_owed(REPORT, periods, records, AS_OF)
    assert [(o.ref, o.unit, o.due, o.state, o.days_overdue) for o in owed] == [
        ("monthly_report/2024-05", "甲", date(2024, 5, 25), "on_time", 0),
        ("monthly_report/2024-05", "乙", date(2024, 5, 25), "missing", 46),
        ("monthly_report/2024-06", "甲", date(2024, 6, 25), "late", 0),
        ("monthly_report/2024-06", "乙", date(2024, 6, 25), "missing", 15),
        ("monthly_report/2024-07", "甲", date(2024, 7, 25), "not_due", 0),
        ("monthly_report/2024-07", "乙", date(2024, 7, 25), "not_due", 0),
    ]
    assert [o.done for o in owed[:3]] == [True, False, True]
    assert owed[2].done_on == date(2024, 6, 28)


def test_due_day_itself_is_not_missed() -> None:
    owed = duty_owed(MEETING, MEETING.periods("2024-04", "2024-06"), [], date(2024, 6, 30))
    assert [(o.ref, o.state) for o in owed] == [("meeting/2024-Q2", "not_due")]
    owed = duty_owed(MEETING, MEETING.periods("2024-04", "2024-06"), [], date(2024, 7, 1))
    assert [(o.state, o.days_overdue) for o in owed] == [("missing", 1)]


def test_plan_milestone_is_a_one_off_duty_stored_under_its_due_month() -> None:
    assert M03.period == "2024-12"
    records = [Submission("乙", "2024-12", date(2024, 11, 30))]
    owed = milestone_owed(M03, records, date(2025, 1, 1))
    assert [(o.ref, o.unit, o.state) for o in owed] == [
        ("m03-2024", "甲", "missing"),
        ("m03-2024", "乙", "on_time"),
    ]
    assert milestone_state(M03.due, owed, date(2025, 1, 1)) == "overdue"
    assert milestone_state(M03.due, owed, date(2024, 12, 31)) == "open"
    both = milestone_owed(
        M03, [*records, Submission("甲", "2024-12", date(2025, 1, 3))], date(2025, 1, 3)
    )
    assert [o.state for o in both] == ["late", "on_time"]
    assert milestone_state(M03.due, both, date(2025, 1, 3)) == "done"
    assert milestone_state(M03.due, [], date(2025, 1, 3)) == "overdue"  # nobody can do it


def test_only_obligations_of_memberless_collectives_are_not_chased() -> None:
    memberless = {"各村居", "各生产经营单位"}
    assert not chased(["各生产经营单位"], memberless)
    assert chased(["规建办", "各村居"], memberless)
    assert chased(["镇安委办"], memberless)
    assert not chased([], memberless)


# --- agenda items ------------------------------------------------------------------


def test_task_items_carry_deadlines_and_steps_done_with_the_task() -> None:
    steps = [
        {"due": "2024-03-31", "text": "三月培训"},
        {"due": "2024-06-30", "text": "六月培训"},
    ]
    tasks = [task("2024-16", date(2024, 6, 30), steps), task("2024-17", date(2024, 12, 31))]
    states = [
        pair("2024-16", "甲", date(2024, 6, 30), "done"),
        pair("2024-16", "乙", date(2024, 6, 30), "in_progress"),
        pair("2024-17", "甲", date(2024, 12, 31)),
    ]
    items = task_items(tasks, states, Window(date(2024, 6, 1), date(2024, 6, 30)))
    assert [(i.kind, i.ref, i.title, i.unit, i.done) for i in items] == [
        ("task", "2024-16", "任务2024-16", "甲", True),
        ("task_milestone", "2024-16#2", "六月培训", "甲", True),
        ("task", "2024-16", "任务2024-16", "乙", False),
        ("task_milestone", "2024-16#2", "六月培训", "乙", False),
    ]
    march = task_items(tasks, states, Window(date(2024, 3, 1), date(2024, 3, 31)))
    assert [(i.ref, i.due) for i in march] == [
        ("2024-16#1", date(2024, 3, 31)),
        ("2024-16#1", date(2024, 3, 31)),
    ]


def test_agenda_sorted_by_due_then_kind_then_catalogue_then_unit_order() -> None:
    window = Window(date(2024, 6, 1), date(2024, 6, 30))
    tasks = [task("2024-16", date(2024, 6, 30), [{"due": "2024-06-30", "text": "六月培训"}])]
    states = [pair("2024-16", "乙", date(2024, 6, 30)), pair("2024-16", "甲", date(2024, 6, 30))]
    owed = [
        *duty_owed(REPORT, REPORT.periods("2024-06", "2024-06"), [], AS_OF),
        *duty_owed(MEETING, MEETING.periods("2024-06", "2024-06"), [], AS_OF),
    ]
    items = sort_agenda(
        [*owed_items(owed, window), *task_items(tasks, states, window)], {"甲": 0, "乙": 1}
    )
    assert [(i.due.isoformat(), i.kind, i.ref, i.unit) for i in items] == [
        ("2024-06-25", "duty", "monthly_report/2024-06", "甲"),
        ("2024-06-25", "duty", "monthly_report/2024-06", "乙"),
        ("2024-06-30", "task", "2024-16", "甲"),
        ("2024-06-30", "task", "2024-16", "乙"),
        ("2024-06-30", "task_milestone", "2024-16#1", "甲"),
        ("2024-06-30", "task_milestone", "2024-16#1", "乙"),
        ("2024-06-30", "duty", "meeting/2024-Q2", "甲"),
    ]


def test_same_day_steps_follow_the_task_list_before_unit_order() -> None:
    """Two tasks' steps due the same day: the task listed first comes first, even when
    its unit comes later in the catalogue; a state of a task not in the list is skipped."""
    june = Window(date(2024, 6, 1), date(2024, 6, 30))
    step = [{"due": "2024-06-15", "text": "六月培训"}]
    tasks = [task("2024-16", date(2024, 12, 31), step), task("2024-17", date(2024, 12, 31), step)]
    states = [
        pair("2023-01", "甲", date(2024, 6, 15)),  # retired, or of another year's list
        pair("2024-17", "甲", date(2024, 12, 31)),
        pair("2024-16", "乙", date(2024, 12, 31)),
    ]
    items = sort_agenda(task_items(tasks, states, june), {"甲": 0, "乙": 1})
    assert [(i.ref, i.unit) for i in items] == [("2024-16#1", "乙"), ("2024-17#1", "甲")]


def test_same_day_duties_follow_plan_order_before_unit_order() -> None:
    first = REPORT._replace(id="first_duty", owner_units=["乙"])
    second = REPORT._replace(id="second_duty", owner_units=["甲"])
    june = REPORT.periods("2024-06", "2024-06")
    owed = [*duty_owed(first, june, [], AS_OF), *duty_owed(second, june, [], AS_OF)]
    items = sort_agenda(owed_items(owed, Window(date(2024, 6, 1), date(2024, 6, 30))), {"甲": 0})
    assert [(i.ref, i.unit, i.order) for i in items] == [
        ("first_duty/2024-06", "乙", (0,)),
        ("second_duty/2024-06", "甲", (1,)),
    ]


def test_a_unit_outside_the_catalogue_order_comes_after_the_known_ones() -> None:
    day = date(2024, 6, 30)
    items = [
        AgendaItem("hazard", "YH-2024-0001", "隐患", day, "外单位", False),
        AgendaItem("hazard", "YH-2024-0001", "隐患", day, "乙", False),
        AgendaItem("hazard", "YH-2024-0001", "隐患", day, "甲", False),
    ]
    ordered = sort_agenda(items, {"甲": 0, "乙": 1})
    assert [i.unit for i in ordered] == ["甲", "乙", "外单位"]


def test_owed_items_keep_only_the_window() -> None:
    owed = duty_owed(REPORT, REPORT.periods("2024-05", "2024-08"), [], AS_OF)
    items = owed_items(owed, Window(date(2024, 6, 20), date(2024, 7, 24)))
    assert {i.ref for i in items} == {"monthly_report/2024-06"}
    assert items[0] == AgendaItem(
        "duty", "monthly_report/2024-06", "月报", date(2024, 6, 25), "甲", False, (0,)
    )


def test_overdue_merges_tasks_and_missed_instances_most_overdue_first() -> None:
    late = [
        pair("2024-01", "甲", date(2024, 6, 30)),  # 10 days
        pair("2024-02", "甲", date(2024, 5, 31)),  # 40 days
    ]
    owed = [o for o in duty_owed(REPORT, REPORT.periods("2024-05", "2024-06"), [], AS_OF)]
    merged = merge_overdue(sorted(late, key=lambda s: -s.days_overdue), owed)
    assert [
        (getattr(i, "task_id", None) or getattr(i, "ref", None), i.days_overdue) for i in merged
    ] == [
        ("monthly_report/2024-05", 46),
        ("monthly_report/2024-05", 46),
        ("2024-02", 40),
        ("monthly_report/2024-06", 15),
        ("monthly_report/2024-06", 15),
        ("2024-01", 10),
    ]


# --- properties --------------------------------------------------------------------

DAYS = st.dates(min_value=date(2024, 4, 1), max_value=date(2025, 3, 31))
RECORDS = st.lists(
    st.tuples(
        st.sampled_from(["甲", "乙"]), st.sampled_from(["2024-05", "2024-06", "2024-07"]), DAYS
    ),
    max_size=8,
)


@given(RECORDS, DAYS)
def test_duty_states_match_a_plain_reading_of_the_rule(
    records: list[tuple[str, str, date]], as_of: date
) -> None:
    subs = [Submission(unit, period, day) for unit, period, day in records]
    owed = duty_owed(REPORT, REPORT.periods("2024-05", "2024-07"), subs, as_of)
    assert len(owed) == 3 * 2
    for o in owed:
        seen = [d for u, p, d in records if (u, p) == (o.unit, o.period) and d <= as_of]
        assert o.done == bool(seen)
        assert o.done_on == (min(seen) if seen else None)
        assert o.missing == (not seen and as_of > o.due)
        assert o.days_overdue == ((as_of - o.due).days if o.missing else 0)
        assert (o.state == "late") == bool(seen and min(seen) > o.due)


@given(RECORDS, DAYS, DAYS)
def test_done_never_comes_undone_later(
    records: list[tuple[str, str, date]], day: date, later: date
) -> None:
    day, later = min(day, later), max(day, later)
    subs = [Submission(unit, period, d) for unit, period, d in records]
    periods = REPORT.periods("2024-05", "2024-07")
    before = duty_owed(REPORT, periods, subs, day)
    after = duty_owed(REPORT, periods, subs, later)
    for b, a in zip(before, after, strict=True):
        assert (b.ref, b.unit) == (a.ref, a.unit)
        assert not b.done or a.done
        assert not b.missing or a.missing or a.done
