"""The records a write appends (a progress record, a duty record), defined where only
writes load them: defining a record class cost every read-only command about 1 M
instructions (store/progress.py and store/duties.py still give them by name)."""

from datetime import date
from typing import NamedTuple


class NewRecord(NamedTuple):
    task_id: str
    unit: str
    status: str
    happened_on: date
    recorded_by: str
    recorded_at: str
    note: str = ""
    percent: int | None = None
    evidence: str = ""
    source: str = "cli"


class NewDutyRecord(NamedTuple):
    duty: str
    period: str
    unit: str
    done_on: date
    recorded_by: str
    recorded_at: str
    note: str = ""
    source: str = "cli"
