"""Plain records the domain works with, read from the store."""

from datetime import date
from typing import NamedTuple


class TaskHead(NamedTuple):
    """What a list of items needs to name a task."""

    id: str
    year: int
    seq: int
    title: str


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
