"""The plan's first overall target, judged from the ledger's counts (the store counts in
SQL; tests check its counts against a plain model that replays each hazard)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import repeat
from operator import and_, rshift
from typing import NamedTuple, cast

from maogang_cli.domain.hazards import DYNAMIC_ZERO_DUE, INCREMENT_DUE, STOCK_DUE


class Stock(NamedTuple):
    """存量: major hazards found by 2023-12-31, and how many were still open at 2024-12-31."""

    due: date
    judged_on: date
    met: bool | None
    found: int
    closed: int
    open: int


class Increment(NamedTuple):
    """增量: major hazards found in 2025 against those found in 2024."""

    due: date
    judged_on: date
    met: bool | None
    found_2024: int
    found_2025: int


class DynamicZero(NamedTuple):
    """动态清零: at 2026-12-31 no open major hazard past its deadline; and of the major
    hazards closed in 2026, the share closed within the deadline in force."""

    due: date
    judged_on: date
    met: bool | None
    open_overdue: int
    closed: int
    closed_on_time: int
    on_time_rate: float | None


class Targets(NamedTuple):
    stock: Stock
    increment: Increment
    dynamic_zero: DynamicZero


def judged_on(due: date, as_of: date) -> date:
    """A target is judged on its due day; before that day, on the as-of day, and its
    verdict is not given yet (met is None)."""
    return min(due, as_of)


def stock(found: int, closed: int, as_of: date) -> Stock:
    """Met when none of them is open at the due day (基本消除: the ledger says no more
    than none; the office may read 'basically' more kindly, the figures are printed)."""
    still_open = found - closed
    met = None if as_of < STOCK_DUE else still_open == 0
    return Stock(STOCK_DUE, judged_on(STOCK_DUE, as_of), met, found, closed, still_open)


def increment(found_2024: int, found_2025: int, as_of: date) -> Increment:
    """Met when fewer were found in 2025 than in 2024; none in either year is met too
    (there was nothing to contain)."""
    met = None if as_of < INCREMENT_DUE else (found_2025 < found_2024 or found_2025 == 0)
    return Increment(INCREMENT_DUE, judged_on(INCREMENT_DUE, as_of), met, found_2024, found_2025)


def dynamic_zero(open_overdue: int, closed: int, closed_on_time: int, as_of: date) -> DynamicZero:
    """Met when no open major hazard is past its deadline at the due day; the share closed
    on time is a figure beside it, not a condition (the plan sets no threshold)."""
    rate = round(closed_on_time / closed, 4) if closed else None
    met = None if as_of < DYNAMIC_ZERO_DUE else open_overdue == 0
    return DynamicZero(
        DYNAMIC_ZERO_DUE,
        judged_on(DYNAMIC_ZERO_DUE, as_of),
        met,
        open_overdue,
        closed,
        closed_on_time,
        rate,
    )


def median_of(histogram: Sequence[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many) in ascending order."""
    n = sum(count for _, count in histogram)
    if n == 0:
        return None
    wanted = [(n - 1) // 2, n // 2]  # 0-based positions of the middle one or two
    found: list[int] = []
    seen = 0
    for value, count in histogram:
        while wanted and wanted[0] < seen + count:
            found.append(value)
            wanted.pop(0)
        seen += count
    return (found[0] + found[1]) / 2


DIMENSIONS = ("department", "village", "sector", "source", "level", "month")
# A hazard's standing as one code, as store.hazard_ledger.ledger_rows gives it: closed 1,
# overdue 2, closed on time 4 (open and not overdue: 0).
_CLOSED, _OVERDUE, _ON_TIME = 1, 2, 4


def count_ledger(
    rows: Sequence[Sequence[str | int | None]],
) -> tuple[dict[str, dict[str, list[int]]], list[tuple[int, int]]]:
    """Per dimension, name -> [total, open, closed, overdue, closed on time]; and the
    (days from found to closed, how many) of the closed hazards. `rows` are (department,
    village, sector, source, level, month found, code, days to close or None) of the
    hazards not voided. Each dimension is one C-level Counter over (name, code) pairs:
    no Python step per hazard."""
    columns: list[Sequence[str | int | None]] = list(zip(*rows, strict=True)) or [()] * 8
    codes = columns[6]
    by: dict[str, dict[str, list[int]]] = {}
    for dimension, names in zip(DIMENSIONS, columns[:6], strict=True):
        counts: dict[str, list[int]] = {}
        for (name, code), n in Counter(zip(names, codes, strict=True)).items():
            line = counts.setdefault(str(name), [0, 0, 0, 0, 0])
            flags = int(code or 0)
            line[0] += n
            line[1 if not flags & _CLOSED else 2] += n
            line[3] += n if flags & _OVERDUE else 0
            line[4] += n if flags & _ON_TIME else 0
        by[dimension] = counts
    closing = Counter(columns[7])
    closing.pop(None, None)
    return by, sorted((int(days or 0), n) for days, n in closing.items())


def count_keyed(
    rows: Sequence[tuple[int | None, int | None]],
    labels: Mapping[str, Mapping[int, str]],
    groups: Sequence[Sequence[tuple[str, int]]],
) -> tuple[dict[str, dict[str, list[int]]], list[tuple[int, int]]]:
    """count_ledger's counts from (key, days to close or None) rows. A key holds `groups`
    of (dimension, bits) fields, each group above three bits of the hazard's standing code
    (store.hazard_ledger.KEY_GROUPS); `labels` turns a dimension's numbers back into names.
    Each group is one C-level Counter over its bits and the code: no Python step per
    hazard; the few distinct values are then taken apart."""
    columns: list[Sequence[int | None]] = list(zip(*rows, strict=True)) or [(), ()]
    keys = cast("Sequence[int]", columns[0])
    by: dict[str, dict[str, list[int]]] = {dimension: {} for dimension in DIMENSIONS}
    shift = 0
    for group in groups:
        width = 3 + sum(bits for _, bits in group)
        mask = (1 << width) - 1
        values = map(and_, map(rshift, keys, repeat(shift)), repeat(mask))
        for value, n in Counter(values).items():
            flags, value = value & 7, value >> 3
            for dimension, bits in group:
                name = labels[dimension][value & ((1 << bits) - 1)]
                value >>= bits
                line = by[dimension].setdefault(name, [0, 0, 0, 0, 0])
                line[0] += n
                line[1 if not flags & _CLOSED else 2] += n
                line[3] += n if flags & _OVERDUE else 0
                line[4] += n if flags & _ON_TIME else 0
        shift += width
    closing = Counter(columns[1])
    closing.pop(None, None)
    return by, sorted((int(days or 0), n) for days, n in closing.items())
