"""What a report covers, in one value carried from the command to the renderer (hledger's
ReportOptions): the day, the year's list, the roles counted, the units, the due-soon
window."""

from datetime import date
from typing import NamedTuple

from maogang_cli.domain.status import DEFAULT_WARN_DAYS


class ReportOptions(NamedTuple):
    as_of: date
    year: int | None = None  # only this year's task list; None: every loaded year
    roles: tuple[str, ...] = ("responsible",)  # 主办, and 协办 when counted
    units: list[str] | None = None  # only these units (a group's members); None: all
    warn_days: int = DEFAULT_WARN_DAYS  # yellow when due within this many days

    @property
    def cooperating(self) -> bool:
        """Whether 协办 pairs are counted."""
        return "cooperating" in self.roles
