"""The SQL aggregation must agree with the plain-Python rule for any records in any order."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.status import Record, latest_state, summarise
from maogang_cli.store.progress import (
    NewRecord,
    append_records,
    overdue_pairs,
    pair_states,
    unit_order,
    unit_summaries,
)

UNITS = ["城运中心", "规建办", "泖港派出所"]  # the lead units of task 2024-14 we vary
statuses = st.sampled_from(["not_started", "in_progress", "done", "blocked"])
days = st.dates(min_value=date(2024, 4, 1), max_value=date(2025, 3, 31))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(
        st.tuples(st.sampled_from(UNITS), statuses, days, st.integers(0, 5)), max_size=15
    ),
    as_of=days,
)
def test_sql_state_matches_the_domain_rule(
    conn: sqlite3.Connection, items: list[tuple[str, str, date, int]], as_of: date
) -> None:
    conn.execute("DROP TRIGGER IF EXISTS progress_no_delete")  # test-only reset between examples
    conn.execute("DELETE FROM progress")
    records = [
        NewRecord("2024-14", unit, status, day, "t", f"2025-01-0{minute}T00:00", note=f"n{i}")
        for i, (unit, status, day, minute) in enumerate(items)
    ]
    ids = append_records(conn, records)
    got = {s.unit: s for s in pair_states(conn, ReportOptions(as_of), task_ids=["2024-14"])}
    quick = overdue_pairs(conn, ReportOptions(as_of), task_ids=["2024-14"])
    assert {s.unit for s in quick} == {u for u, s in got.items() if s.overdue}
    for unit in UNITS:
        mine = [
            Record(r.status, r.happened_on, r.recorded_at, i)
            for r, i in zip(records, ids, strict=True)
            if r.unit == unit
        ]
        assert (got[unit].status, got[unit].done_on) == latest_state(mine, as_of)
        visible = sorted(
            (
                r
                for r in zip(records, ids, strict=True)
                if r[0].unit == unit and r[0].happened_on <= as_of
            ),
            key=lambda p: (p[0].happened_on, p[0].recorded_at, p[1]),
        )
        assert got[unit].note == (visible[-1][0].note if visible else "")


# Tasks with their 主办 and 协办, and names records may be kept under: current ones and
# old ones (镇规建办 is 规建办's, 柳港派出所 泖港派出所's), as after a unit is renamed.
TASKS = ["2024-04", "2024-14", "2024-26"]  # due 2024-04-30, 2024-12-31, 2024-12-31
NAMES = ["城运中心", "规建办", "镇规建办", "泖港派出所", "柳港派出所", "镇安委办", "农办"]
# Days on and around those deadlines, where the rules turn, as well as any day.
EDGES = [date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 1), date(2024, 12, 16)]
EDGES += [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1)]
near = st.one_of(st.sampled_from(EDGES), days)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(
        st.tuples(st.sampled_from(TASKS), st.sampled_from(NAMES), statuses, near),
        max_size=25,
    ),
    as_of=near,
    warn_days=st.sampled_from([0, 1, 15, 60, 10**7]),
    cooperating=st.booleans(),
)
@example(  # done under its current name, then reopened under its old one: still overdue
    items=[
        ("2024-14", "规建办", "done", date(2024, 6, 1)),
        ("2024-14", "镇规建办", "in_progress", date(2024, 7, 1)),
    ],
    as_of=date(2025, 1, 1),
    warn_days=15,
    cooperating=False,
)
def test_unit_counts_and_overdue_pairs_in_sql_match_the_domain_rule(
    conn: sqlite3.Connection,
    items: list[tuple[str, str, str, date]],
    as_of: date,
    warn_days: int,
    cooperating: bool,
) -> None:
    conn.execute("DROP TRIGGER IF EXISTS progress_no_delete")  # test-only reset between examples
    conn.execute("DELETE FROM progress")
    append_records(
        conn,
        [
            NewRecord(task, name, status, day, "t", f"2025-01-01T00:{i:02d}")
            for i, (task, name, status, day) in enumerate(items)
        ],
    )
    roles = ("responsible", "cooperating") if cooperating else ("responsible",)
    options = ReportOptions(as_of, roles=roles, warn_days=warn_days)
    expected = summarise(
        pair_states(conn, options, details=False),
        unit_order(conn),
    )
    assert unit_summaries(conn, options) == expected
    every = pair_states(conn, ReportOptions(as_of, roles=roles), details=False)
    quick = overdue_pairs(conn, ReportOptions(as_of, roles=roles))
    late = {(s.task_id, s.unit) for s in every if s.overdue}
    assert {(s.task_id, s.unit) for s in quick if s.overdue} == late


def test_progress_is_append_only(conn: sqlite3.Connection) -> None:
    append_records(conn, [NewRecord("2024-14", "城运中心", "done", date(2024, 5, 1), "t", "x")])
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE progress SET status = 'blocked'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM progress")
    assert conn.execute("SELECT count(*) FROM progress").fetchone()[0] == 1


def test_a_failed_batch_writes_nothing(conn: sqlite3.Connection) -> None:
    good = NewRecord("2024-14", "城运中心", "done", date(2024, 5, 1), "t", "x")
    bad = NewRecord("2024-14", None, "done", date(2024, 5, 1), "t", "x")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        append_records(conn, [good, bad])
    assert conn.execute("SELECT count(*) FROM progress").fetchone()[0] == 0


def test_pair_states_are_read_by_index_seeks_alone(conn: sqlite3.Connection) -> None:
    """The cost grows with the pairs asked for, not the records kept: every read of
    progress is a seek in progress_state, which also holds the status (no row lookups)."""
    from maogang_cli.store import progress

    pairs = progress._pairs(ReportOptions(date(2024, 6, 30)))
    queries = [
        progress._counts_sql(pairs),
        progress._states_sql(pairs, details=False),
        progress._overdue_sql(
            progress._pairs(ReportOptions(date(2024, 6, 30)), past_deadline=True)
        ),
    ]
    for sql in queries:
        args = pairs.args | {"soon": ""}
        plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
        reads = [step for step in plan if step.startswith(("SCAN p", "SEARCH p "))]
        assert reads, plan
        assert all("COVERING INDEX progress_state" in step for step in reads), plan


def test_a_run_of_done_starts_at_its_first_record(conn: sqlite3.Connection) -> None:
    """A second 'done' (evidence sent later) does not move when the task was done: the
    run of 'done' starts at its first record (killed the MIN -> MAX mutant of _RUN_START)."""
    append_records(
        conn,
        [
            NewRecord("2024-14", "城运中心", "in_progress", date(2024, 5, 1), "t", "2024-05-01T09"),
            NewRecord("2024-14", "城运中心", "done", date(2024, 12, 20), "t", "2024-12-20T09"),
            NewRecord("2024-14", "城运中心", "done", date(2025, 1, 10), "t", "2025-01-10T09"),
        ],
    )
    as_of = date(2025, 2, 1)
    (state,) = pair_states(conn, ReportOptions(as_of, units=["城运中心"]), task_ids=["2024-14"])
    assert (state.done_on, state.done_late) == (date(2024, 12, 20), False)  # deadline 12-31
    (summary,) = [s for s in unit_summaries(conn, ReportOptions(as_of)) if s.unit == "城运中心"]
    assert (summary.done, summary.done_late) == (1, 0)


def test_the_latest_percent_and_note_skip_records_without_them(conn: sqlite3.Connection) -> None:
    """A later record with no percent (or no note) leaves the latest given one shown."""
    append_records(
        conn,
        [
            NewRecord(
                "2024-14",
                "城运中心",
                "in_progress",
                date(2024, 5, 1),
                "t",
                "2024-05-01T09",
                note="建设中",
                percent=40,
            ),
            NewRecord("2024-14", "城运中心", "in_progress", date(2024, 6, 1), "t", "2024-06-01T09"),
        ],
    )
    (state,) = pair_states(
        conn, ReportOptions(date(2024, 7, 1), units=["城运中心"]), task_ids=["2024-14"]
    )
    assert (state.percent, state.note) == (40, "建设中")
