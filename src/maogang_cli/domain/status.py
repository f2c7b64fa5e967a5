"""What a (task, unit) pair's state is on a given day, and how units add up.

A month deadline is due on its last day; an item is overdue from the following day,
never on the deadline day itself. Records dated after the as-of day are ignored, so any
past view can be reproduced. Done after the deadline counts as done late.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, NamedTuple

from maogang_cli.domain.rates import ratio

STATUSES = ("not_started", "in_progress", "done", "blocked")
ROLES = ("responsible", "cooperating")
DEFAULT_WARN_DAYS = 15

Signal = Literal["red", "yellow", "green"]

# Chinese labels a clerk may type instead of the English keys.
STATUS_ALIASES = {
    "未开始": "not_started",
    "推进中": "in_progress",
    "进行中": "in_progress",
    "已完成": "done",
    "完成": "done",
    "受阻": "blocked",
}


def parse_status(text: str) -> str:
    """An English status key from a key or its Chinese label; ValueError otherwise."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key in STATUSES:
        return key
    if text.strip() in STATUS_ALIASES:
        return STATUS_ALIASES[text.strip()]
    from maogang_cli.i18n import NC_, _, pgettext

    # Each status once: its Chinese label, or in English its key with the label beside it.
    choices = (
        NC_("status choice", "not_started (未开始)"),
        NC_("status choice", "in_progress (推进中)"),
        NC_("status choice", "done (已完成)"),
        NC_("status choice", "blocked (受阻)"),
    )
    raise ValueError(
        _("unknown status '{text}'; choose one of: {choices}").format(
            text=text,
            choices=pgettext("list", ", ").join(pgettext("status choice", c) for c in choices),
        )
    )


def percent_contradiction(status: str, percent: int | None) -> str:
    """Why a status and a percent cannot go together in one record, "" when they can.
    已完成 means the whole task (100%); 未开始 means nothing done yet (0%); a percent left
    out says nothing either way. 推进中 and 受阻 take any percent. Checked when a record is
    written (`record`, `import`), never on reading: records stored before the rule stand."""
    if percent is None:
        return ""
    from maogang_cli.i18n import _

    if status == "done" and percent != 100:
        return _(
            "the status is done but the percent is {percent}%: "
            "a done task's percent is 100 or left empty"
        ).format(percent=percent)
    if status == "not_started" and percent != 0:
        return _(
            "the status is not started but the percent is {percent}%: "
            "a task not started has percent 0 or left empty"
        ).format(percent=percent)
    return ""


def roles(include_cooperating: bool, unit_named: bool = False) -> tuple[str, ...]:
    """The roles counted: 主办 always; 协办 when asked for, or when a unit is named: a
    named unit means all its pairs, 主办 and 协办, in every command (`status --unit` and
    `overdue --unit` list the same pairs)."""
    return ROLES if include_cooperating or unit_named else ("responsible",)


class Record(NamedTuple):
    """The part of a progress record that decides a pair's state, note and percent."""

    status: str
    happened_on: date
    recorded_at: str = ""
    id: int = 0
    note: str = ""
    percent: int | None = None

    @property
    def order(self) -> tuple[date, str, int]:
        # The later event wins; for the same day, the later recording (a correction), and
        # for the same recording time, the later entry.
        return (self.happened_on, self.recorded_at, self.id)


def in_effect(records: Iterable[Record], on: date | None = None) -> list[Record]:
    """The records dated on or before `on` (every one when None), in the order they took
    effect: the one rule for which record is a pair's latest (store.progress's SQL orders
    by the same three columns)."""
    return sorted((r for r in records if on is None or r.happened_on <= on), key=lambda r: r.order)


def latest_state(records: Iterable[Record], as_of: date) -> tuple[str, date | None]:
    """(status, done_on) as of a day: done_on is when the current run of 'done' began."""
    seen = in_effect(records, as_of)
    if not seen:
        return "not_started", None
    status = seen[-1].status
    if status != "done":
        return status, None
    done_on = seen[-1].happened_on
    for record in reversed(seen):
        if record.status != "done":
            break
        done_on = record.happened_on
    return status, done_on


class PairState(NamedTuple):
    """One (task, unit) pair on the as-of day."""

    task_id: str
    unit: str
    role: str
    deadline: date
    status: str
    done_on: date | None
    as_of: date
    warn_days: int = DEFAULT_WARN_DAYS
    note: str = ""
    percent: int | None = None

    @property
    def days_left(self) -> int:
        """Days from the as-of day to the deadline; negative once past it."""
        return (self.deadline - self.as_of).days

    @property
    def overdue(self) -> bool:
        return self.status != "done" and self.as_of > self.deadline

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.overdue else 0

    @property
    def done_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.deadline

    @property
    def days_late(self) -> int:
        return (self.done_on - self.deadline).days if self.done_on and self.done_late else 0

    @property
    def signal(self) -> Signal:
        """督办 three colours: red overdue, yellow due within warn_days and not done."""
        if self.overdue:
            return "red"
        if self.status != "done" and self.days_left <= self.warn_days:
            return "yellow"
        return "green"


class UnitSummary(NamedTuple):
    unit: str
    tasks: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    blocked: int = 0
    overdue: int = 0
    done_late: int = 0
    due_soon: int = 0

    @property
    def completion_rate(self) -> float | None:
        """Done ÷ tasks; None with no task (no basis for a rate)."""
        return ratio(self.done, self.tasks)

    @property
    def signal(self) -> Signal:
        if self.overdue:
            return "red"
        return "yellow" if self.due_soon else "green"


COUNTS = ("tasks", *STATUSES, "overdue", "done_late", "due_soon")  # UnitSummary's counts


def count_states(states: Iterable[PairState]) -> dict[str, dict[str, int]]:
    """unit -> its COUNTS over the pairs given."""
    counts: dict[str, dict[str, int]] = {}
    for state in states:
        c = counts.setdefault(state.unit, dict.fromkeys(COUNTS, 0))
        c["tasks"] += 1
        c[state.status] += 1
        c["overdue"] += state.overdue
        c["done_late"] += state.done_late
        c["due_soon"] += state.signal == "yellow"
    return counts


def in_unit_order(units: Iterable[str], unit_order: Sequence[str]) -> list[str]:
    """`units` in the catalogue's order (`unit_order`); any others after it, by name."""
    rank = {name: i for i, name in enumerate(unit_order)}
    return sorted(units, key=lambda u: (rank.get(u, len(rank)), u))


def summaries(counts: dict[str, dict[str, int]], unit_order: Sequence[str]) -> list[UnitSummary]:
    """One summary per unit counted, in `unit_order` (others after, by name)."""
    return [UnitSummary(unit=u, **counts[u]) for u in in_unit_order(counts, unit_order)]


def summarise(states: Iterable[PairState], unit_order: Sequence[str]) -> list[UnitSummary]:
    """One summary per unit that has pairs, in `unit_order` (others after, by name).
    `store.progress.unit_summaries` gives the same from SQL, without a loop over pairs."""
    return summaries(count_states(states), unit_order)
