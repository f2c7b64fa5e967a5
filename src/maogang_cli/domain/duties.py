"""What the plan asks of units besides tasks: recurring duties (monthly reports, quarterly
meetings …) with their periods, and dated plan milestones.

A duty runs from its `start` month to its `end` month (YYYY-MM, inclusive); its instances
are the periods of its frequency that overlap that span, each due on `due_day` of the
period's last month (or that month's last day).
"""

from datetime import date
from typing import NamedTuple

from maogang_cli.domain.dates import month_end, parse_month
from maogang_cli.domain.periods import Period, parse_period, periods_between

MONTHLY_REPORT = "monthly_report"


class Duty(NamedTuple):
    id: str
    title: str
    frequency: str
    due_day: int | None
    start: str  # YYYY-MM
    end: str  # YYYY-MM
    owners: list[str]  # as the plan names them
    owner_units: list[str]  # groups expanded to members

    @property
    def first_day(self) -> date:
        return date(*parse_month(self.start), 1)

    @property
    def last_day(self) -> date:
        return month_end(*parse_month(self.end))

    def due(self, period: Period) -> date:
        return period.due(self.due_day)

    def periods(self, first: str | None = None, last: str | None = None) -> list[Period]:
        """The duty's periods overlapping the months first..last (YYYY-MM), within its span."""
        lo = max(self.start, first) if first else self.start
        hi = min(self.end, last) if last else self.end
        if lo > hi:
            return []
        return periods_between(self.frequency, lo, hi)

    def period(self, text: str) -> Period:
        """One period of this duty from its key; ValueError if malformed or outside the span."""
        period = parse_period(self.frequency, text)
        if period.last < self.first_day or period.first > self.last_day:
            from maogang_cli.i18n import _

            raise ValueError(
                _("{period} is outside this duty's periods ({start} to {end})").format(
                    period=period.key, start=self.start, end=self.end
                )
            )
        return period


class PlanMilestone(NamedTuple):
    """A dated step the plan sets for a measure (m03-2024: 2024年底前培树2-3家企业)."""

    id: str
    measure: int
    due: date
    text: str
    responsible: list[str]  # as the plan names them (groups kept)
    responsible_units: list[str]  # groups expanded to their members

    @property
    def period(self) -> str:
        """The period key its records are stored under: the due month."""
        return f"{self.due.year:04d}-{self.due.month:02d}"
