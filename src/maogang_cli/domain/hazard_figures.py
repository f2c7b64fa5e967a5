"""The ledger's figures judged from each hazard's state on a day: the plan's three
targets and the statistics. Plain functions over snapshots: the store computes the same
figures in SQL at scale, and tests check it against these."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from statistics import median
from typing import NamedTuple

from maogang_cli.domain.hazards import (
    DYNAMIC_ZERO_DUE,
    INCREMENT_DUE,
    OPEN_STATES,
    STOCK_DUE,
    STOCK_FOUND_BY,
    VOIDED,
    is_overdue,
)


class Snapshot(NamedTuple):
    """A hazard as it stood on a day: its state and the deadline in force then, and the
    day of its last event up to then (for a closed hazard, the day it was closed)."""

    id: str
    found_on: date
    level: str
    state: str
    deadline: date
    last_on: date

    @property
    def closed_on(self) -> date | None:
        return self.last_on if self.state == "closed" else None


class Stock(NamedTuple):
    """存量: major hazards found by 2023-12-31, and how many were still open at 2024-12-31."""

    judged_on: date
    met: bool | None
    found: int
    closed: int
    open: int


class Increment(NamedTuple):
    """增量: major hazards found in 2025 against those found in 2024."""

    judged_on: date
    met: bool | None
    found_2024: int
    found_2025: int


class DynamicZero(NamedTuple):
    """动态清零: at 2026-12-31 no open major hazard past its deadline; and of the major
    hazards closed in 2026, the share closed within the deadline in force."""

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
    """A target is judged on its due day; before that day, on the as-of day (provisional)."""
    return min(due, as_of)


def stock(snapshots: Iterable[Snapshot], as_of: date) -> Stock:
    """`snapshots`: every hazard as it stood on judged_on(STOCK_DUE, as_of)."""
    found = closed = 0
    for s in snapshots:
        if s.level == "major" and s.state != VOIDED and s.found_on <= STOCK_FOUND_BY:
            found += 1
            closed += s.state == "closed"
    still_open = found - closed
    met = None if as_of < STOCK_DUE else still_open == 0
    return Stock(judged_on(STOCK_DUE, as_of), met, found, closed, still_open)


def increment(snapshots: Iterable[Snapshot], as_of: date) -> Increment:
    """`snapshots` as of judged_on(INCREMENT_DUE, as_of). Met when fewer were found in
    2025 than in 2024 (none in either also counts as met: there is nothing to contain)."""
    counts = {2024: 0, 2025: 0}
    for s in snapshots:
        if s.level == "major" and s.state != VOIDED and s.found_on.year in counts:
            counts[s.found_on.year] += 1
    a, b = counts[2024], counts[2025]
    met = None if as_of < INCREMENT_DUE else (b < a or b == 0)
    return Increment(judged_on(INCREMENT_DUE, as_of), met, a, b)


def dynamic_zero(snapshots: Iterable[Snapshot], as_of: date) -> DynamicZero:
    """`snapshots` as of judged_on(DYNAMIC_ZERO_DUE, as_of)."""
    day = judged_on(DYNAMIC_ZERO_DUE, as_of)
    open_overdue = closed = on_time = 0
    for s in snapshots:
        if s.level != "major":
            continue
        if is_overdue(s.state, s.deadline, day):
            open_overdue += 1
        closed_on = s.closed_on
        if closed_on is not None and closed_on.year == DYNAMIC_ZERO_DUE.year:
            closed += 1
            on_time += closed_on <= s.deadline
    rate = round(on_time / closed, 4) if closed else None
    met = None if as_of < DYNAMIC_ZERO_DUE else open_overdue == 0
    return DynamicZero(day, met, open_overdue, closed, on_time, rate)


def targets(snapshots_on: Callable[[date], list[Snapshot]], as_of: date) -> Targets:
    """The three targets; `snapshots_on(day)` gives every hazard as it stood on a day."""
    return Targets(
        stock(snapshots_on(judged_on(STOCK_DUE, as_of)), as_of),
        increment(snapshots_on(judged_on(INCREMENT_DUE, as_of)), as_of),
        dynamic_zero(snapshots_on(judged_on(DYNAMIC_ZERO_DUE, as_of)), as_of),
    )


class Counts(NamedTuple):
    """Counts over a set of hazards on a day (voided ones left out)."""

    total: int
    open: int
    closed: int
    overdue: int
    closed_on_time: int
    median_days_to_close: float | None


def counts(snapshots: Iterable[Snapshot], day: date) -> Counts:
    total = still_open = closed = overdue = on_time = 0
    days_to_close: list[int] = []
    for s in snapshots:
        if s.state == VOIDED:
            continue
        total += 1
        if s.state in OPEN_STATES:
            still_open += 1
            overdue += is_overdue(s.state, s.deadline, day)
        else:
            closed += 1
            on_time += s.last_on <= s.deadline
            days_to_close.append((s.last_on - s.found_on).days)
    middle = float(median(days_to_close)) if days_to_close else None
    return Counts(total, still_open, closed, overdue, on_time, middle)
