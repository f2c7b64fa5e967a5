"""The SQL that leaves voided entries out (the views progress_live and duty_records_live)
is pinned to the domain rule (domain.voids.live): the same states with and without the
voided entries, at the boundaries where the rules turn."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.reports import instance_state
from maogang_cli.domain.status import Record, latest_state
from maogang_cli.domain.voids import EntryId, live, parse_entry_id
from maogang_cli.store.duties import NewDutyRecord, append_duty_records, duty_records
from maogang_cli.store.progress import NewRecord, append_records, pair_states, unit_summaries
from maogang_cli.store.voids import NewVoid, insert_void

UNITS = ["城运中心", "规建办"]
# 2024-14 is due 2024-12-31: days on and around it, where done turns late and overdue begins
EDGES = [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1)]
days = st.one_of(st.sampled_from(EDGES), st.dates(date(2024, 11, 1), date(2025, 2, 28)))
statuses = st.sampled_from(["in_progress", "done", "blocked"])


def reset(conn: sqlite3.Connection) -> None:
    """Test-only: empty the evidence between hypothesis examples."""
    for table in ("progress", "duty_records", "voids"):
        conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        conn.execute(f"DELETE FROM {table}")


def void(conn: sqlite3.Connection, table: str, row: int) -> None:
    conn.execute("BEGIN")
    insert_void(conn, NewVoid(EntryId(table, row), "test", "t", "2025-03-01T00:00"))
    conn.execute("COMMIT")


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(
        st.tuples(st.sampled_from(UNITS), statuses, days, st.booleans()), min_size=1, max_size=8
    ),
    as_of=days,
)
# the voided record is the done on the deadline day; as of the deadline and the day after
@example(
    items=[
        ("城运中心", "done", date(2024, 12, 31), True),
        ("城运中心", "done", date(2025, 1, 1), False),
    ],
    as_of=date(2024, 12, 31),
)
@example(
    items=[
        ("城运中心", "done", date(2024, 12, 31), True),
        ("城运中心", "done", date(2025, 1, 1), False),
    ],
    as_of=date(2025, 1, 1),
)
# the voided record is the only other status inside a run of done
@example(
    items=[
        ("城运中心", "done", date(2024, 12, 1), False),
        ("城运中心", "blocked", date(2024, 12, 31), True),
        ("城运中心", "done", date(2025, 1, 1), False),
    ],
    as_of=date(2025, 1, 1),
)
def test_progress_without_voided_records_matches_the_domain_rule(
    conn: sqlite3.Connection, items: list[tuple[str, str, date, bool]], as_of: date
) -> None:
    reset(conn)
    records = [
        NewRecord("2024-14", unit, status, day, "t", f"2025-01-01T00:0{i % 10}", note=f"n{i}")
        for i, (unit, status, day, _) in enumerate(items)
    ]
    ids = append_records(conn, records)
    voided = {i for i, (*_, gone) in zip(ids, items, strict=True) if gone}
    for row in voided:
        void(conn, "progress", row)
    got = {s.unit: s for s in pair_states(conn, ReportOptions(as_of), task_ids=["2024-14"])}
    counts = {s.unit: s for s in unit_summaries(conn, ReportOptions(as_of))}
    for unit in UNITS:
        mine = [
            Record(r.status, r.happened_on, r.recorded_at, i)
            for r, i in zip(records, ids, strict=True)
            if r.unit == unit
        ]
        status, done_on = latest_state(live(mine, voided), as_of)
        assert (got[unit].status, got[unit].done_on) == (status, done_on)
        late = status == "done" and done_on is not None and done_on > date(2024, 12, 31)
        assert got[unit].done_late == late
        assert counts[unit].done_late >= late  # other tasks of the unit may add to it


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(
        st.tuples(st.dates(date(2024, 6, 1), date(2024, 7, 31)), st.booleans()),
        min_size=1,
        max_size=5,
    ),
    as_of=st.one_of(
        st.sampled_from([date(2024, 6, 24), date(2024, 6, 25), date(2024, 6, 26)]),
        st.dates(date(2024, 6, 1), date(2024, 7, 31)),
    ),
)
def test_submissions_without_voided_ones_match_the_domain_rule(
    conn: sqlite3.Connection, items: list[tuple[date, bool]], as_of: date
) -> None:
    reset(conn)
    records = [
        NewDutyRecord("monthly_report", "2024-06", "城运中心", day, "t", f"2024-08-01T00:0{i}")
        for i, (day, _) in enumerate(items)
    ]
    ids = append_duty_records(conn, records)
    voided = {i for i, (_, gone) in zip(ids, items, strict=True) if gone}
    for row in voided:
        void(conn, "duty_records", row)
    kept = duty_records(conn, "monthly_report", units=["城运中心"], until=as_of)
    assert sorted(s.id for s in kept) == sorted(
        i for i, r in zip(ids, records, strict=True) if i not in voided and r.done_on <= as_of
    )
    due = date(2024, 6, 25)
    domain = instance_state(
        due, [r.done_on for r, i in zip(records, ids, strict=True) if i not in voided], as_of
    )
    assert instance_state(due, [s.done_on for s in kept], as_of) == domain


@pytest.mark.parametrize(
    ("text", "expected"),
    [("P12", ("progress", 12)), ("d7", ("duty_records", 7)), (" P-3 ", ("progress", 3))],
)
def test_entry_ids(text: str, expected: tuple[str, int]) -> None:
    assert tuple(parse_entry_id(text)) == expected
    assert str(parse_entry_id(text)) == f"{text.strip()[0].upper()}{expected[1]}"


@pytest.mark.parametrize("text", ["12", "X1", "P", "P1.5", "P 1 2", ""])
def test_not_entry_ids(text: str) -> None:
    with pytest.raises(ValueError, match="not an entry id"):
        parse_entry_id(text)
