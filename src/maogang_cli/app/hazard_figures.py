"""`hazard stats` and `hazard targets`: the ledger counted as of a day, in SQL, by every
dimension the plan asks for (分区域、分行业统计分析) and against its first target."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.hazard_ledger import Query, filters_of, stats_order
from maogang_cli.domain import hazard_figures as figures
from maogang_cli.domain.hazards import DYNAMIC_ZERO_DUE, INCREMENT_DUE, STOCK_DUE, STOCK_FOUND_BY
from maogang_cli.store import hazard_ledger as store

if TYPE_CHECKING:
    import sqlite3

DIMENSIONS = figures.DIMENSIONS


class Line(NamedTuple):
    """The counts of one department, village, sector, source, level or month found."""

    name: str
    total: int
    open: int
    closed: int
    overdue: int
    closed_on_time: int


class Stats(NamedTuple):
    as_of: date
    total: Line  # name ''
    median_days_to_close: float | None
    by: dict[str, list[Line]]  # dimension -> lines in catalogue order


def ledger_stats(conn: sqlite3.Connection, query: Query, day: date) -> Stats:
    """Counts of the hazards found by `day` (voided ones left out), as they stood then."""
    filters = filters_of(conn, query)
    counted_by, histogram = _count(conn, day, filters)
    order = stats_order(conn)
    labels = store.unit_labels(conn)
    by: dict[str, list[Line]] = {}
    for dimension in DIMENSIONS:
        counted = counted_by[dimension]
        # Every name of the catalogue, with zeros (a village without hazards is news too),
        # then any name the catalogue no longer has; months in order.
        names = order.get(dimension, [])
        names = [*names, *sorted(k for k in counted if k not in names)]
        by[dimension] = [
            Line(
                labels.get(name, name) if dimension == "department" else name,
                *counted.get(name, [0, 0, 0, 0, 0]),
            )
            for name in names
        ]
    levels = by["level"]  # every hazard has one level: the totals are their sums
    total = Line(
        "",
        sum(x.total for x in levels),
        sum(x.open for x in levels),
        sum(x.closed for x in levels),
        sum(x.overdue for x in levels),
        sum(x.closed_on_time for x in levels),
    )
    return Stats(day, total, figures.median_of(histogram), by)


def _count(
    conn: sqlite3.Connection, day: date, filters: store.Filters
) -> tuple[dict[str, dict[str, list[int]]], list[tuple[int, int]]]:
    """The ledger counted by every dimension: from one key per hazard, or from the names
    themselves where a key cannot tell them apart (a dimension with more names than its
    bits hold, or a hazard without a key). Both give the same counts
    (tests/store/test_hazards.py)."""
    labels = store.hazard_labels(conn)
    bits = {dimension: b for group in store.KEY_GROUPS for dimension, b in group}
    if all(max(labels[d], default=0) < 1 << bits[d] for d in bits):
        rows = store.keyed_rows(conn, day, filters)
        if all(key is not None for key, _ in rows):
            return figures.count_keyed(rows, labels, store.KEY_GROUPS)
    return figures.count_ledger(store.ledger_rows(conn, day, filters))


def ledger_targets(conn: sqlite3.Connection, as_of: date) -> figures.Targets:
    """The three targets, each judged on its due day (or as of today before it)."""
    major = ["major"]

    def counts(day: date, wanted: tuple[str, ...], filters: store.Filters) -> dict[str, int]:
        return store.target_counts(
            conn,
            day,
            wanted,
            stock_found_by=STOCK_FOUND_BY,
            increment_years=(INCREMENT_DUE.year - 1, INCREMENT_DUE.year),
            close_year=DYNAMIC_ZERO_DUE.year,
            filters=filters,
        )

    # Each target reads only the hazards it counts: fewer seeks on a large ledger.
    s = counts(
        figures.judged_on(STOCK_DUE, as_of),
        ("stock_found", "stock_closed"),
        store.Filters(levels=major, found_to=STOCK_FOUND_BY),
    )
    i = counts(
        figures.judged_on(INCREMENT_DUE, as_of),
        ("found_before", "found_in"),
        store.Filters(
            levels=major,
            found_from=date(INCREMENT_DUE.year - 1, 1, 1),
            found_to=INCREMENT_DUE,
        ),
    )
    d = counts(
        figures.judged_on(DYNAMIC_ZERO_DUE, as_of),
        ("open_overdue", "closed", "closed_on_time"),
        store.Filters(levels=major),
    )
    return figures.Targets(
        figures.stock(s["stock_found"], s["stock_closed"], as_of),
        figures.increment(i["found_before"], i["found_in"], as_of),
        figures.dynamic_zero(d["open_overdue"], d["closed"], d["closed_on_time"], as_of),
    )
