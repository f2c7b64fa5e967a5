"""Pydantic models of the catalogue files. Unknown keys are errors, so typos are caught."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from maogang_cli.domain.dates import deadline_date, parse_day, parse_month

# The pattern is for editors (JSON Schema); the validators give the clerk a better message.
DEADLINE_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"


def _deadline_hint(text: str) -> str:
    """How to write a deadline that the clerk wrote the way the document prints it."""
    text = text.strip()
    unquoted = text.strip("“”‘’「」\"'")
    if unquoted != text and re.match(DEADLINE_PATTERN, unquoted):
        return f': use straight quotes, "{unquoted}"'
    month_only = re.fullmatch(r"(\d{1,2})\s*月(?:底|末)?", text)
    if month_only and 1 <= int(month_only[1]) <= 12:
        return f': add the year, as "YYYY-{int(month_only[1]):02d}"'
    parts = re.fullmatch(
        r"(\d{4})\s*[-./／年]\s*(\d{1,2})\s*月?(?:\s*[-./／]?\s*(\d{1,2})\s*日?)?(?:底|末)?", text
    )
    if not parts:
        return ""
    suggestion = f"{parts[1]}-{int(parts[2]):02d}" + (f"-{int(parts[3]):02d}" if parts[3] else "")
    try:
        deadline_date(suggestion)
    except ValueError:
        return ""
    return f': write "{suggestion}"' if suggestion != text else ""


def _is_deadline(text: str) -> str:
    try:
        deadline_date(text)
    except ValueError as exc:
        raise ValueError(f"{exc}{_deadline_hint(text)}") from None
    return text.strip()


def _text_only(value: object) -> object:
    """YAML reads 2024.12 as a number and 2024-12-31 as a date: insist on quoted text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f'{value} is a number, not a month or date: write it in quotes, "YYYY-MM"')
    return value


def _is_month(text: str) -> str:
    parse_month(text)
    return text.strip()


def _is_day(text: str) -> str:
    parse_day(text)
    return text.strip()


# Row, action and measure numbers: small, and always storable (SQLite holds 64 bits).
MAX_NUMBER = 99_999
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Deadline = Annotated[
    str,
    BeforeValidator(_text_only),
    AfterValidator(_is_deadline),
    Field(
        description="A month YYYY-MM (due on its last day) or a date YYYY-MM-DD",
        json_schema_extra={"pattern": DEADLINE_PATTERN},
    ),
]
Month = Annotated[
    str,
    BeforeValidator(_text_only),
    AfterValidator(_is_month),
    Field(description="A month YYYY-MM"),
]
Day = Annotated[
    str,
    BeforeValidator(_text_only),
    AfterValidator(_is_day),
    Field(description="A date YYYY-MM-DD"),
]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
# A unit's identity in the database: short, never reused, kept when the unit is renamed.
UnitKey = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,23}$"),
    Field(
        description="Stable key: lowercase letters, digits and _, up to 24, starting with a "
        "letter; kept when the unit is renamed, never given to another unit"
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Unit(Strict):
    """A unit that reports progress: a department, a stationed agency, a company."""

    name: Name = Field(description="Canonical name, as the task list writes it")
    key: UnitKey
    full_name: str = ""
    kind: Literal["office", "department", "station", "company", "leadership"]
    aliases: list[Name] = []


class Group(Strict):
    """A collective name (镇安委会有关成员单位 …); with no members it is tracked as one unit."""

    name: Name
    key: UnitKey
    full_name: str = ""
    aliases: list[Name] = []
    members: list[Name] = []


class UnitsFile(Strict):
    units: list[Unit]
    groups: list[Group] = []


class Milestone(Strict):
    due: Deadline
    text: Name


class Task(Strict):
    id: TaskId
    seq: int = Field(ge=1, le=MAX_NUMBER, description="Row number in the year's task list")
    action: Name
    title: Name
    description: str = ""
    deadline: Deadline
    responsible: list[Name] = Field(min_length=1)
    cooperating: list[Name] = []
    responsible_etc: bool = Field(False, description="The 责任单位 list ends in 等")
    cooperating_etc: bool = Field(False, description="The 配合单位 list ends in 等")
    milestones: list[Milestone] = []
    measures: list[Annotated[int, Field(ge=1, le=MAX_NUMBER)]] = []


class TasksFile(Strict):
    year: int = Field(ge=2000, le=2100)
    tasks: list[Task]


class PlanMilestone(Strict):
    id: TaskId
    short_name: Name | None = Field(
        None, description="A short Chinese name accepted wherever the id is (调度会, 月报)"
    )
    due: Deadline
    text: Name
    responsible: list[Name] = []


class Measure(Strict):
    number: int = Field(ge=1, le=MAX_NUMBER)
    title: Name
    summary: str = ""
    milestones: list[PlanMilestone] = []


class Action(Strict):
    number: int = Field(ge=1, le=MAX_NUMBER)
    title: Name
    measures: list[Measure]


class Target(Strict):
    id: TaskId
    due: Deadline
    text: Name


class Duty(Strict):
    """A recurring duty: every period, each owner owes one instance by its due day."""

    id: TaskId
    short_name: Name | None = Field(
        None, description="A short Chinese name accepted wherever the id is (调度会, 月报)"
    )
    title: Name
    frequency: Literal["monthly", "quarterly", "half_yearly", "yearly"]
    due_day: int | None = Field(
        None, ge=1, le=31, description="Day of the period's last month; none: its last day"
    )
    owners: list[Name] = Field(min_length=1)
    start: Month
    end: Month
    measure: int | None = Field(None, ge=1, le=MAX_NUMBER)
    source: str = ""


class PlanFile(Strict):
    title: Name
    document: str = ""
    issued: Day | None = None
    start: Month
    end: Month
    targets: list[Target] = []
    actions: list[Action]
    duties: list[Duty] = []


class Village(Strict):
    """A 属地 of the hazard ledger: an administrative village or a residents' committee."""

    name: Name = Field(description="Canonical name, e.g. 腰泾村")
    kind: Literal["village", "community"] = Field(
        description="village: 村民委员会; community: 居民委员会"
    )
    aliases: list[Name] = []


class Sector(Strict):
    """A 行业领域 a hazard belongs to, as the plan document names it."""

    name: Name
    aliases: list[Name] = []


class HazardsFile(Strict):
    """hazards.yaml: the vocabularies of the 重大事故隐患 ledger."""

    villages: list[Village] = Field(min_length=1)
    sectors: list[Sector] = Field(min_length=1)
