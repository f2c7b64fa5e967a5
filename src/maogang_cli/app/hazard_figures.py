"""`hazard stats` and `hazard targets`: the ledger counted as of a day, in SQL, by every
dimension the plan asks for (分区域、分行业统计分析) and against its first target."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.hazards import Query, filters_of, stats_order
from maogang_cli.domain import hazard_figures as figures
from maogang_cli.domain.hazards import DYNAMIC_ZERO_DUE, INCREMENT_DUE, STOCK_DUE, STOCK_FOUND_BY
from maogang_cli.store import hazards as store

if TYPE_CHECKING:
    import sqlite3

DIMENSIONS = ("department", "village", "sector", "source", "level", "month")


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
    sums: dict[str, dict[str, list[int]]] = {d: {} for d in DIMENSIONS}
    total = [0, 0, 0, 0, 0]
    for row in store.group_counts(conn, day, filters):
        keys, numbers = row[:6], [int(str(n or 0)) for n in row[6:]]
        for dimension, key in zip(DIMENSIONS, keys, strict=True):
            line = sums[dimension].setdefault(str(key), [0, 0, 0, 0, 0])
            for i, n in enumerate(numbers):
                line[i] += n
        for i, n in enumerate(numbers):
            total[i] += n
    order = stats_order(conn)
    labels = store.unit_labels(conn)
    by: dict[str, list[Line]] = {}
    for dimension in DIMENSIONS:
        counted = sums[dimension]
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
    middle = figures.median_of(store.days_to_close(conn, day, filters))
    return Stats(day, Line("", *total), middle, by)


def ledger_targets(conn: sqlite3.Connection, as_of: date) -> figures.Targets:
    """The three targets, each judged on its due day (or as of today before it)."""
    cache: dict[date, dict[str, int]] = {}

    def counts(day: date) -> dict[str, int]:
        if day not in cache:
            cache[day] = store.target_counts(
                conn,
                day,
                stock_found_by=STOCK_FOUND_BY,
                increment_years=(INCREMENT_DUE.year - 1, INCREMENT_DUE.year),
                close_year=DYNAMIC_ZERO_DUE.year,
            )
        return cache[day]

    s = counts(figures.judged_on(STOCK_DUE, as_of))
    i = counts(figures.judged_on(INCREMENT_DUE, as_of))
    d = counts(figures.judged_on(DYNAMIC_ZERO_DUE, as_of))
    return figures.Targets(
        figures.stock(s["stock_found"], s["stock_closed"], as_of),
        figures.increment(i["found_before"], i["found_in"], as_of),
        figures.dynamic_zero(d["open_overdue"], d["closed"], d["closed_on_time"], as_of),
    )
