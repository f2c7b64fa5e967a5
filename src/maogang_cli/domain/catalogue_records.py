"""The catalogue's tasks and units in full, as read from the store (domain/models.py
gives both names too). Defined where a command shows tasks or units: `overdue` and the
hazard ledger name tasks by `models.TaskHead` alone, and each record class cost every
run about 1 M instructions."""

from datetime import date
from typing import NamedTuple


class TaskInfo(NamedTuple):
    id: str
    year: int
    seq: int
    action: str
    title: str
    description: str
    deadline: date
    deadline_text: str
    responsible: list[str]
    cooperating: list[str]
    responsible_etc: bool
    cooperating_etc: bool
    responsible_units: list[str]
    cooperating_units: list[str]
    measures: list[int]
    milestones: list[dict[str, str]]
    retired: bool


class UnitInfo(NamedTuple):
    name: str
    full_name: str
    kind: str
    is_group: bool
    members: list[str]
    aliases: list[str]
    retired: bool = False
