"""Whether each unit did a recurring duty on time: the monthly-report grid and its totals.

Generic over a duty's periods. For one (unit, period) instance, as of a day:

- records dated after the as-of day are ignored (so any past view can be reproduced);
- the first record (earliest `done_on`) decides: on or before the due day is `on_time`,
  after it `late` (a later record for the same period is a correction and changes nothing);
- with no record, the instance is `missing` once the due day has passed, else `not_due`.

That last rule is the running view (`reports`, `rank`, `overdue`): on the due day itself a
report can still arrive in time, so it is not missing yet. A report *on* a day (the monthly
export, whose report day is the due day unless --as-of says otherwise) asks instead what
had arrived by that day: from the due day on, nothing received by then is `missing`
(`missing_on_due_day`).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Literal, NamedTuple, Protocol

from maogang_cli.domain.dates import Unreadable, month_key, parse_month
from maogang_cli.domain.duties import Duty
from maogang_cli.domain.periods import Period
from maogang_cli.domain.rates import ratio
from maogang_cli.i18n import _

InstanceState = Literal["on_time", "late", "missing", "not_due"]
STATES: tuple[InstanceState, ...] = ("on_time", "late", "missing", "not_due")


class Submission(NamedTuple):
    """One stored record of a duty instance (a monthly report arriving, a meeting held …)."""

    unit: str
    period: str
    done_on: date
    note: str = ""
    recorded_by: str = ""
    recorded_at: str = ""
    id: int = 0


class Instance(NamedTuple):
    """One unit's instance of a duty for one period, as of a day."""

    unit: str
    period: Period
    due: date
    state: InstanceState
    submitted_on: date | None = None
    days_late: int = 0  # late: days after the due day; missing: days since it, so far
    submissions: int = 0  # records on or before the as-of day (more than one: corrections)


def instance_state(
    due: date, done_dates: Iterable[date], as_of: date, *, missing_on_due_day: bool = False
) -> tuple[InstanceState, date | None, int]:
    """(state, first done_on, days late) of one instance as of a day.

    With no record by `as_of`, it is missing after the due day, or with
    `missing_on_due_day` from the due day itself (a report on that day: not received)."""
    seen = [d for d in done_dates if d <= as_of] if done_dates else []  # most have none
    if seen:
        first = min(seen)
        if first <= due:
            return "on_time", first, 0
        return "late", first, (first - due).days
    if as_of > due or (missing_on_due_day and as_of == due):
        return "missing", None, (as_of - due).days
    return "not_due", None, 0


def grid(
    duty: Duty,
    periods: Sequence[Period],
    units: Sequence[str],
    submissions: Iterable[Submission],
    as_of: date,
    *,
    missing_on_due_day: bool = False,
) -> list[Instance]:
    """Every (unit, period) instance, unit by unit in the order given, periods in order."""
    done: dict[tuple[str, str], list[date]] = {}
    for s in submissions:
        done.setdefault((s.unit, s.period), []).append(s.done_on)
    out = []
    for unit in units:
        for period in periods:
            dates = done.get((unit, period.key), [])
            due = duty.due(period)
            state, first, late = instance_state(
                due, dates, as_of, missing_on_due_day=missing_on_due_day
            )
            out.append(
                Instance(
                    unit=unit,
                    period=period,
                    due=due,
                    state=state,
                    submitted_on=first,
                    days_late=late,
                    submissions=sum(d <= as_of for d in dates),
                )
            )
    return out


class Totals(NamedTuple):
    """One unit's (or one duty's) instances counted by state."""

    unit: str
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0

    @property
    def due(self) -> int:
        """Instances that count: due already, or submitted early."""
        return self.on_time + self.late + self.missing

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        """On time ÷ due; None when nothing was due yet."""
        return ratio(self.on_time, self.due)


class _Counted(Protocol):
    @property
    def unit(self) -> str: ...
    @property
    def state(self) -> InstanceState: ...


def totals(
    instances: Iterable[_Counted],
    units: Sequence[str],
    by: Callable[[Any], str] = attrgetter("unit"),
) -> list[Totals]:
    """The one count of duty instances by state: per unit (`units` first, in order, even
    with nothing counted), or per whatever `by` names (`duty list` counts per duty)."""
    counts = {unit: dict.fromkeys(STATES, 0) for unit in units}
    for instance in instances:
        counts.setdefault(by(instance), dict.fromkeys(STATES, 0))[instance.state] += 1
    return [Totals(unit, **c) for unit, c in counts.items()]


def choose_periods(
    duty: Duty,
    as_of: date,
    *,
    month: str | None = None,
    first: str | None = None,
    last: str | None = None,
    year: int | None = None,
) -> list[Period]:
    """The periods a report covers; Unreadable when the choice is contradictory or
    malformed, ValueError when a month is outside the duty's span.

    One `month`; or `first`..`last` (from the duty's start, up to the as-of month); or all of
    `year`; by default the as-of year up to the as-of month (for a day after the duty ended,
    its last year). Always clipped to the duty's span.
    """
    if month is not None and (first or last or year is not None):
        raise Unreadable(_("--month cannot be combined with --from, --to or --year"))
    if year is not None and (first or last):
        raise Unreadable(_("--year cannot be combined with --from or --to"))
    if month is not None:
        return [duty.period(month)]
    as_of_month = month_key(as_of.year, as_of.month)
    if first or last:
        lo = month_key(*parse_month(first)) if first else duty.start
        hi = month_key(*parse_month(last)) if last else max(as_of_month, lo)
        if lo > hi:
            raise Unreadable(_("--from {first} is after --to {last}").format(first=lo, last=hi))
        return duty.periods(lo, hi)
    if year is not None:
        return duty.periods(f"{year:04d}-01", f"{year:04d}-12")
    if as_of_month > duty.end:
        return duty.periods(f"{duty.end[:4]}-01", duty.end)
    return duty.periods(f"{as_of.year:04d}-01", as_of_month)
