"""The ledger's SQL (state as of a day, counts, targets) against a plain model that
replays each hazard's events in Python, on random ledgers."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maogang_cli.config import bundled_data_dir
from maogang_cli.domain import hazard_figures as figures
from maogang_cli.domain.hazards import (
    DYNAMIC_ZERO_DUE,
    INCREMENT_DUE,
    SOURCES,
    STOCK_DUE,
    STOCK_FOUND_BY,
    Event,
    NewEvent,
    Refused,
    judge,
)
from maogang_cli.store import hazard_ledger as ledger
from maogang_cli.store import hazards as store
from maogang_cli.store.db import connect
from maogang_cli.store.sync import sync_catalogue

TODAY = date(2026, 12, 2)
START = date(2023, 6, 1)
KINDS = ("rectifying", "rectified", "verified", "rejected", "closed", "extended", "voided")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "template.db"
    conn = connect(path)
    sync_catalogue(conn, bundled_data_dir())
    conn.close()
    return path


life = st.tuples(
    st.integers(0, 1200),  # found: days after START
    st.integers(0, 200),  # deadline: days after found
    st.sampled_from(("major", "general")),
    st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 90), st.booleans()), max_size=7),
)


def build(conn: sqlite3.Connection, lives: list[tuple[int, int, str, list]]) -> dict[str, tuple]:
    """Write each hazard's valid events (invalid ones are dropped, as the rules would
    refuse them); return id -> (found, level, events) for the plain model."""
    keys = ledger.unit_keys(conn)
    departments = [keys[d] for d in ledger.supervising_departments(conn)[:3]]
    model: dict[str, tuple] = {}
    hazards, rows = [], []
    numbers: Counter[int] = Counter()
    for i, (found_after, span, level, steps) in enumerate(lives):
        found = START + timedelta(days=found_after)
        if found > TODAY:
            continue
        numbers[found.year] += 1
        hid = f"YH-{found.year}-{numbers[found.year]:04d}"
        deadline = found + timedelta(days=span)
        hazards.append(
            store.NewHazard(
                hid,
                found.year,
                numbers[found.year],
                found,
                SOURCES[i % len(SOURCES)],
                level,
                f"e{i}",
                ("腰泾村", "茹塘村")[i % 2],
                ("冷库", "粉尘涉爆", "危险化学品")[i % 3],
                departments[i % len(departments)],
                "d",
                deadline,
                f"k{i}",
                "t",
                "2026-01-01T00:00:00+08:00",
            )
        )
        events = [Event(1, "registered", found, "a", "registered", deadline)]
        day = found
        for kind, gap, void_hazard in steps:
            day = day + timedelta(days=gap)
            voids = None
            if kind == "voided" and not void_hazard and len(events) > 1:
                from maogang_cli.domain.hazards import effective

                voids = effective(events)[-1].seq
            new = NewEvent(
                kind, day, f"p{len(events)}", "why",
                deadline + timedelta(days=30) if kind == "extended" else None, "王", voids,
            )  # fmt: skip
            try:
                state, in_force = judge(events, new, found_on=found, today=TODAY)
            except Refused:
                continue
            events.append(
                Event(len(events) + 1, kind, day, new.recorded_by, state, in_force, voids)
            )
            deadline = in_force
        rows += [
            store.NewEvent(hid, e.seq, e.event, e.happened_on, e.state, e.deadline, e.recorded_by,
                           "t", voids=e.voids)
            for e in events
        ]  # fmt: skip
        model[hid] = (found, level, events)
    conn.execute("BEGIN")
    store.insert_hazards(conn, hazards)
    store.insert_events(conn, rows)
    conn.execute("COMMIT")
    return model


def as_of(events: list[Event], day: date) -> Event:
    """The plain model: replay, keeping the last event on or before the day."""
    return [e for e in events if e.happened_on <= day][-1]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(life, max_size=25), st.integers(0, 1400))
def test_sql_agrees_with_the_plain_model(
    template: Path, tmp_path: Path, lives: list, offset: int
) -> None:
    path = tmp_path / f"l{abs(hash(str(lives)))}.db"
    path.write_bytes(template.read_bytes())
    conn = connect(path)
    try:
        model = build(conn, lives)
        day = START + timedelta(days=offset)
        # the state, deadline in force and last day of every hazard found by the day
        expected = {}
        for hid, (found, _level, events) in model.items():
            if found <= day:
                last = as_of(events, day)
                expected[hid] = (
                    last.state,
                    last.deadline.isoformat(),
                    last.happened_on.isoformat(),
                )
        rows = ledger.snapshot_rows(conn, day, states=None)
        assert {r[0]: (r[9], r[10], r[11]) for r in rows} == expected
        # overdue: open and past the deadline in force
        overdue = {r[0] for r in ledger.snapshot_rows(conn, day, overdue_only=True)}
        assert overdue == {
            h for h, (s, d, _) in expected.items()
            if s not in ("closed", "voided") and day.isoformat() > d
        }  # fmt: skip
        # counts summed over the groups
        by, histogram = figures.count_ledger(ledger.ledger_rows(conn, day))
        # the statistics count keys (one integer per hazard): the same counts
        labels = ledger.hazard_labels(conn)
        keyed = figures.count_keyed(ledger.keyed_rows(conn, day), labels, ledger.KEY_GROUPS)
        assert keyed == (by, histogram)
        total = [sum(line[i] for line in by["village"].values()) for i in range(5)]
        live = {h: v for h, v in expected.items() if v[0] != "voided"}
        assert total == [
            len(live),
            sum(s != "closed" for s, _, _ in live.values()),
            sum(s == "closed" for s, _, _ in live.values()),
            sum(s != "closed" and day.isoformat() > d for s, d, _ in live.values()),
            sum(s == "closed" and last <= d for s, d, last in live.values()),
        ]
        # the days from found to closed, and the months found
        closing = Counter(
            (date.fromisoformat(last) - model[h][0]).days
            for h, (s, _, last) in live.items()
            if s == "closed"
        )
        assert histogram == sorted(closing.items())
        assert {m: line[0] for m, line in by["month"].items()} == Counter(
            model[h][0].isoformat()[:7] for h in live
        )
        # the targets, judged as the plain model judges them
        judged = _targets(conn, day)
        assert judged == _model_targets(model, day)
    finally:
        conn.close()


def _targets(conn: sqlite3.Connection, as_of_day: date) -> figures.Targets:
    from maogang_cli.app.hazard_figures import ledger_targets

    return ledger_targets(conn, as_of_day)


def _model_targets(model: dict[str, tuple], as_of_day: date) -> figures.Targets:
    def majors(day: date) -> list[tuple[date, Event]]:
        return [
            (found, as_of(events, day))
            for found, level, events in model.values()
            if level == "major" and found <= day and as_of(events, day).state != "voided"
        ]

    s_day = figures.judged_on(STOCK_DUE, as_of_day)
    stock = [(f, e) for f, e in majors(s_day) if f <= STOCK_FOUND_BY]
    i_day = figures.judged_on(INCREMENT_DUE, as_of_day)
    years = Counter(f.year for f, _ in majors(i_day))
    d_day = figures.judged_on(DYNAMIC_ZERO_DUE, as_of_day)
    now = majors(d_day)
    closed = [e for _, e in now if e.state == "closed" and e.happened_on.year == 2026]
    return figures.Targets(
        figures.stock(len(stock), sum(e.state == "closed" for _, e in stock), as_of_day),
        figures.increment(years[2024], years[2025], as_of_day),
        figures.dynamic_zero(
            sum(e.state != "closed" and d_day > e.deadline for _, e in now),
            len(closed),
            sum(e.happened_on <= e.deadline for e in closed),
            as_of_day,
        ),
    )


def test_the_median_of_a_histogram() -> None:
    assert figures.median_of([]) is None
    assert figures.median_of([(5, 1)]) == 5
    assert figures.median_of([(1, 1), (3, 1)]) == 2
    assert figures.median_of([(1, 2), (10, 1)]) == 1
    assert figures.median_of([(1, 1), (2, 2), (9, 1)]) == 2


def test_stats_count_the_names_where_a_key_cannot_tell_them_apart(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maogang_cli.app.hazard_figures import ledger_stats
    from maogang_cli.app.hazard_ledger import Query

    path = tmp_path / "fallback.db"
    path.write_bytes(template.read_bytes())
    conn = connect(path)
    # every third hazard closed 20 days after it was found (10 days early); the others open
    kinds = ("rectifying", "rectified", "verified", "closed")
    closing = [(kind, 5, False) for kind in kinds]
    build(
        conn, [(i * 80, 30, ("major", "general")[i % 2], closing[: i % 3 * 2]) for i in range(12)]
    )
    day = date(2025, 6, 30)
    counted: list[int] = []
    count_keyed = figures.count_keyed
    monkeypatch.setattr(figures, "count_keyed", lambda *a: counted.append(1) or count_keyed(*a))
    keyed = ledger_stats(conn, Query(), day)
    assert counted == [1]
    # found by the day: i = 0 … 9; closed on time: i = 2, 5, 8; the rest open and overdue
    assert keyed.total[1:] == (10, 7, 3, 7, 3)

    def refused(*args: object) -> None:
        raise AssertionError("the keys were counted")

    monkeypatch.setattr(figures, "count_keyed", refused)
    # Rows no load would write: the derived tables' guards (store/derived.py) refuse them.
    for guard in ("hazard_labels_next_number", "hazard_labels_no_delete"):
        conn.execute(f"DROP TRIGGER {guard}")
    conn.execute("DROP TRIGGER hazard_latest_update_checked")
    # a department past the six bits its number has in a key: the names are counted
    conn.execute(
        "INSERT INTO hazard_labels (dimension, name, number) VALUES ('department', 'x', 64)"
    )
    assert ledger_stats(conn, Query(), day) == keyed
    conn.execute("DELETE FROM hazard_labels WHERE name = 'x'")
    # a hazard whose row of hazard_latest has no key
    conn.execute(
        "UPDATE hazard_latest SET dims = NULL"
        " WHERE hazard_id = (SELECT min(hazard_id) FROM hazard_latest)"
    )
    assert ledger_stats(conn, Query(), day) == keyed
    conn.close()


def test_the_boundary_days_of_the_statistics_and_the_targets(
    template: Path, tmp_path: Path
) -> None:
    # Each hazard sits on a day where `<` and `<=` differ; the day is 2026-06-10.
    path = tmp_path / "boundaries.db"
    path.write_bytes(template.read_bytes())
    conn = connect(path)
    day = date(2026, 6, 10)
    after = (day - START).days  # days from START to the day
    closing = [("rectifying", 5, False), ("rectified", 5, False), ("verified", 5, False),
               ("closed", 5, False)]  # fmt: skip
    model = build(
        conn,
        [
            (after, 10, "major", [("rectifying", 2, False)]),  # found on the day, seen later
            (after - 30, 30, "major", []),  # open, its deadline the day itself
            (after - 40, 20, "major", closing),  # closed on its deadline
            (after - 30, 29, "major", []),  # open, its deadline the day before
        ],
    )
    assert [events[-1].state for _found, _level, events in model.values()] == [
        "rectifying", "registered", "closed", "registered"
    ]  # fmt: skip
    # (standing code, days to close): open 0, overdue 2, closed 1 + on time 4
    rows = ledger.ledger_rows(conn, day)
    assert Counter((row[6], row[7]) for row in rows) == {(0, None): 2, (5, 20): 1, (2, None): 1}
    wanted = ["open_overdue", "closed", "closed_on_time"]
    counts = ledger.target_counts(
        conn, day, wanted, stock_found_by=STOCK_FOUND_BY, increment_years=(2024, 2025),
        close_year=2026,
    )  # fmt: skip
    assert counts == {"open_overdue": 1, "closed": 1, "closed_on_time": 1}
    conn.close()
