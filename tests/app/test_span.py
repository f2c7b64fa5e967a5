"""The one rule for the months and task-list years a report may be asked for (F13, F23)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from maogang_cli.app.span import check_month, check_task_year
from maogang_cli.domain.periods import parse_period
from maogang_cli.errors import MaogangError


@pytest.fixture
def conn() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("plan_title", "方案"), ("plan_start", "2024-04"), ("plan_end", "2026-12")],
    )
    db.execute("CREATE TABLE tasks (id TEXT, year INTEGER)")
    db.executemany("INSERT INTO tasks VALUES (?, ?)", [("2024-01", 2024), ("2026-01", 2026)])
    return db


def refusal(
    conn: sqlite3.Connection, month: str, today: date, as_of: date | None
) -> tuple[int, str]:
    with pytest.raises(MaogangError) as caught:
        check_month(conn, parse_period("monthly", month), today=today, as_of=as_of)
    return caught.value.exit_code, str(caught.value)


@pytest.mark.parametrize("month", ["2024-04", "2025-07", "2026-12"])
def test_a_month_of_the_plan_that_has_begun_is_taken(conn: sqlite3.Connection, month: str) -> None:
    check_month(conn, parse_period("monthly", month), today=date(2026, 12, 1), as_of=None)


@pytest.mark.parametrize("month", ["1999-01", "2024-03", "2027-01"])
def test_a_month_outside_the_plan_is_refused_by_the_data(
    conn: sqlite3.Connection, month: str
) -> None:
    # with or without --as-of, before or after "today": the plan's span decides first
    for as_of in (None, date(2027, 1, 31)):
        assert refusal(conn, month, date(2030, 1, 1), as_of) == (
            1,
            f"{month} 不在方案期内（2024-04至2026-12）",
        )


def test_a_month_not_begun_is_refused_unless_a_day_is_asked_for(
    conn: sqlite3.Connection,
) -> None:
    today = date(2025, 6, 30)
    assert refusal(conn, "2025-07", today, None) == (1, "2025-07 尚未开始（今天是 2025-06-30）")
    check_month(conn, parse_period("monthly", "2025-07"), today=today, as_of=date(2025, 7, 31))
    # an --as-of before the month it reports on contradicts the command line itself
    assert refusal(conn, "2025-07", today, date(2025, 6, 30)) == (
        2,
        "--as-of 2025-06-30 早于 2025-07 月初",
    )


def test_a_year_without_a_task_list_is_refused(conn: sqlite3.Connection) -> None:
    check_task_year(conn, None)
    check_task_year(conn, 2026)
    with pytest.raises(MaogangError) as caught:
        check_task_year(conn, 2025)
    assert (caught.value.exit_code, str(caught.value)) == (
        1,
        "没有2025年的任务清单（现有清单：2024、2026）",
    )
