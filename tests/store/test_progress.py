"""The SQL aggregation must agree with the plain-Python rule for any records in any order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maogang_cli.config import bundled_data_dir
from maogang_cli.domain.status import Record, latest_state
from maogang_cli.store.db import connect
from maogang_cli.store.progress import NewRecord, append_records, pair_states
from maogang_cli.store.sync import sync_catalogue

UNITS = ["城运中心", "规建办", "泖港派出所"]  # the lead units of task 2024-14 we vary
statuses = st.sampled_from(["not_started", "in_progress", "done", "blocked"])
days = st.dates(min_value=date(2024, 4, 1), max_value=date(2025, 3, 31))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.db"
    conn = connect(path)
    sync_catalogue(conn, bundled_data_dir())
    conn.close()
    return path


@pytest.fixture
def conn(template: Path, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    copy = tmp_path / "copy.db"
    source = sqlite3.connect(template)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    c = connect(copy)
    yield c
    c.close()


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
    got = {s.unit: s for s in pair_states(conn, as_of, task_ids=["2024-14"])}
    quick = pair_states(conn, as_of, task_ids=["2024-14"], details=False, overdue_only=True)
    assert {s.unit for s in quick if s.overdue} == {u for u, s in got.items() if s.overdue}
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
