"""The 重大事故隐患 ledger's rules: a hazard's life (上账 → 整改 → 审核销号), the deadline
in force on a day, lateness, and the credit-code check. Plain functions, no terminal.

A hazard's events are appended in date order: an event may not be dated before the
latest one. Each event carries the state and the deadline in force once it took effect,
so the state on any day is that of the last event dated on or before it.
"""

from datetime import date
from typing import NamedTuple

from maogang_cli.hazard_words import event_word
from maogang_cli.i18n import N_, _
from maogang_cli.words import names

STATES = ("registered", "rectifying", "rectified", "verified", "closed")
VOIDED = "voided"  # a hazard registered by mistake; it leaves every list and count
OPEN_STATES = frozenset(STATES[:4])  # 挂账: on the ledger until closed (销号)

# The events a clerk records (registered is written by `hazard add` itself).
EVENTS = (
    "rectifying",
    "rectified",
    "verified",
    "rejected",
    "closed",
    "extended",
    "explained",
    "notified",
    "voided",
)
EVENT_WORDS = {
    "上账": "registered",
    "整改中": "rectifying",
    "整改完成": "rectified",
    "审核通过": "verified",
    "验收不合格": "rejected",
    "销号": "closed",
    "延期": "extended",
    "书面说明": "explained",
    "通知": "notified",
    "作废": "voided",
}
SOURCES = ("self_report", "inspection", "public_report", "other")
SOURCE_WORDS = {
    "企业自查上报": "self_report",
    "自查上报": "self_report",
    "督导检查发现": "inspection",
    "检查发现": "inspection",
    "群众举报查实": "public_report",
    "举报查实": "public_report",
    "其他": "other",
}
LEVELS = ("major", "general")
LEVEL_WORDS = {"重大": "major", "重大隐患": "major", "一般": "general", "一般隐患": "general"}

# The steps that move a hazard on: event -> (states it may follow, state it leads to).
# 即查即改: a hazard may be reported rectified straight from registration.
STEPS: dict[str, tuple[frozenset[str], str]] = {
    "rectifying": (frozenset({"registered", "rectifying"}), "rectifying"),
    "rectified": (frozenset({"registered", "rectifying"}), "rectified"),
    "verified": (frozenset({"rectified"}), "verified"),
    "rejected": (frozenset({"rectified"}), "rectifying"),  # 验收不合格: back to 整改中
    "closed": (frozenset({"verified"}), "closed"),
}
# Events that keep the state; recorded only while the hazard is open.
REMARKS = frozenset({"extended", "explained", "notified"})
NEEDS_REASON = frozenset({"rejected", "extended", "explained", "voided"})

# The plan's first overall target, in three parts (plan targets target-2024/2025/2026).
STOCK_FOUND_BY = date(2023, 12, 31)  # 2023年及以前排查发现的 …存量
STOCK_DUE = date(2024, 12, 31)  # … 2024年底前基本消除
INCREMENT_DUE = date(2025, 12, 31)  # 2025年底前有效遏制增量 (2025 against 2024)
DYNAMIC_ZERO_DUE = date(2026, 12, 31)  # 2026年底前形成动态清零的常态化机制


class Refused(ValueError):
    """An event (or a hazard) that must not be recorded; the message says why."""


class Event(NamedTuple):
    """One stored event of a hazard, as the rules need it."""

    seq: int
    event: str
    happened_on: date
    recorded_by: str
    state: str  # the hazard's state once this event took effect
    deadline: date  # the deadline in force once this event took effect
    voids: int | None = None  # the seq this event voids (None: the hazard itself)


class NewEvent(NamedTuple):
    """An event as given, before the rules have judged it."""

    event: str
    happened_on: date
    recorded_by: str
    note: str = ""
    new_deadline: date | None = None
    approved_by: str = ""
    voids: int | None = None


class Outcome(NamedTuple):
    """What a judged event leads to: the state and the deadline in force after it."""

    state: str
    deadline: date


class HazardView(NamedTuple):
    """A hazard as it stood on a day."""

    id: str
    found_on: date
    level: str
    source: str
    department: str
    village: str
    sector: str
    entity: str
    description: str
    state: str
    deadline: date  # in force on the day
    last_on: date
    overdue: bool
    days_overdue: int

    @property
    def closed_on(self) -> date | None:
        return self.last_on if self.state == "closed" else None


def parse_word(text: str, allowed: tuple[str, ...], words: dict[str, str], what: str) -> str:
    """An English value or its Chinese word; ValueError naming the choices otherwise."""
    value = text.strip()
    if value in allowed:
        return value
    if value in words and words[value] in allowed:
        return words[value]
    lowered = value.lower().replace("-", "_").replace(" ", "_")
    if lowered in allowed:
        return lowered
    chinese = [w for w, v in words.items() if v in allowed]
    raise ValueError(
        _("unknown {what} '{text}': use one of {choices} (or {words})").format(
            what=what, text=text, choices=names(allowed), words=names(chinese)
        )
    )


def parse_event(text: str) -> str:
    return parse_word(text, EVENTS, EVENT_WORDS, _("hazard event"))


def parse_source(text: str) -> str:
    return parse_word(text, SOURCES, SOURCE_WORDS, _("hazard source"))


def parse_level(text: str) -> str:
    return parse_word(text, LEVELS, LEVEL_WORDS, _("hazard level"))


def hazard_id(year: int, number: int) -> str:
    """YH-YYYY-NNNN: 隐患, the year it was found, its number within that year."""
    return f"YH-{year:04d}-{number:04d}"


def effective(events: list[Event]) -> list[Event]:
    """The events still in effect: neither a void nor voided."""
    voided = {e.voids for e in events if e.event == "voided"}
    return [e for e in events if e.event != "voided" and e.seq not in voided]


def judge(events: list[Event], new: NewEvent, *, found_on: date, today: date) -> Outcome:
    """The state and deadline after `new`, or Refused with the reason. `events` are the
    hazard's stored events in order (the first is its registration)."""
    if not events:
        raise Refused(_("the hazard has no registration event"))
    last = events[-1]
    if last.state == VOIDED:
        raise Refused(
            _("it was voided on {day}: nothing more can be recorded").format(day=last.happened_on)
        )
    day = new.happened_on
    if day > today:
        raise Refused(_("date {day} is in the future").format(day=day))
    if day < found_on:
        raise Refused(
            _("date {day} is before the hazard was found ({found})").format(day=day, found=found_on)
        )
    if day < last.happened_on:
        raise Refused(
            _(
                "date {day} is before its latest step ({event}, {last}): "
                "steps are recorded in the order they happened"
            ).format(day=day, event=event_word(last.event), last=last.happened_on)
        )
    if new.event in NEEDS_REASON and not new.note.strip():
        raise Refused(_("{event} needs a reason (--note)").format(event=event_word(new.event)))
    state, deadline = last.state, last.deadline
    if new.event == "voided":
        return _judge_void(events, new)
    if state == "closed":
        raise Refused(_("it was closed (销号) on {day}").format(day=last.happened_on))
    if new.event in STEPS:
        allowed, after = STEPS[new.event]
        if state not in allowed:
            raise Refused(_step_refusal(new.event, state))
        if new.event == "verified":
            reporter = _rectified_by(events)
            if reporter is not None and reporter == new.recorded_by:
                raise Refused(
                    _(
                        "verification must be recorded by someone other than {who}, "
                        "who reported it rectified"
                    ).format(who=reporter)
                )
        return Outcome(after, deadline)
    if new.event == "extended":
        if day > deadline:
            # An extension is approved before the deadline runs out; once it has, the
            # hazard is overdue and stays so (挂账, with a 书面说明) until closed: a late
            # extension would wipe the days overdue and turn 动态清零 green.
            raise Refused(
                _(
                    "the deadline in force ({deadline}) had passed by {day}: an overdue "
                    "hazard cannot be extended; record a written explanation (explained) "
                    "and keep it on the ledger until closed"
                ).format(deadline=deadline, day=day)
            )
        if new.new_deadline is None:
            raise Refused(_("extended needs the new deadline (--deadline)"))
        if not new.approved_by.strip():
            raise Refused(_("extended needs who approved it (--approved-by)"))
        if new.new_deadline <= deadline:
            raise Refused(
                _("new deadline {new} is not after the deadline in force ({old})").format(
                    new=new.new_deadline, old=deadline
                )
            )
        return Outcome(state, new.new_deadline)
    if new.event == "explained" and day <= deadline:
        raise Refused(
            _(
                "a written explanation (书面说明) is for an overdue hazard; on {day} its "
                "deadline {deadline} has not passed"
            ).format(day=day, deadline=deadline)
        )
    if new.event in REMARKS:
        return Outcome(state, deadline)
    raise Refused(_("unknown event '{event}'").format(event=new.event))


def _judge_void(events: list[Event], new: NewEvent) -> Outcome:
    """Voiding the hazard (no target), or its latest step still in effect."""
    if new.voids is None:
        return Outcome(VOIDED, events[-1].deadline)
    chain = effective(events)
    target = next((e for e in events if e.seq == new.voids), None)
    if target is None or target.event == "voided":
        raise Refused(_("it has no step {n} to void").format(n=new.voids))
    if target.seq == events[0].seq:
        raise Refused(_("step 1 is the registration: void the hazard itself (no --event)"))
    if target not in chain:
        raise Refused(_("step {n} is already voided").format(n=new.voids))
    if target != chain[-1]:
        raise Refused(
            _(
                "only its latest step in effect ({n}, {event}) can be voided: "
                "void the later ones first"
            ).format(n=chain[-1].seq, event=event_word(chain[-1].event))
        )
    before = chain[-2]
    return Outcome(before.state, before.deadline)


def _rectified_by(events: list[Event]) -> str | None:
    for e in reversed(effective(events)):
        if e.event == "rectified":
            return e.recorded_by
    return None


_STATE_WORDS = {
    "registered": N_("registered (上账)"),
    "rectifying": N_("rectifying (整改中)"),
    "rectified": N_("rectified (整改完成)"),
    "verified": N_("verified (审核通过)"),
    "closed": N_("closed (销号)"),
}


def _step_refusal(event: str, state: str) -> str:
    if event == "closed":
        return _("it cannot be closed before it is verified (审核通过): it is {state}").format(
            state=_(_STATE_WORDS[state])
        )
    if event in ("verified", "rejected"):
        return _("only a rectified hazard (整改完成) can be {event}: it is {state}").format(
            event=event_word(event), state=_(_STATE_WORDS[state])
        )
    return _("it is already {state}: {event} no longer applies").format(
        state=_(_STATE_WORDS[state]), event=event_word(event)
    )


def is_overdue(state: str, deadline: date, day: date) -> bool:
    """Past its deadline in force and not closed (nor voided) on `day`."""
    return state in OPEN_STATES and day > deadline


def days_overdue(state: str, deadline: date, day: date) -> int:
    return (day - deadline).days if is_overdue(state, deadline, day) else 0


# --- 统一社会信用代码 (GB 32100-2015) ------------------------------------------------
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """The 18th character of a credit code whose first 17 are given (GB 32100 §4.5)."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def check_uscc(text: str) -> str:
    """The code, upper-cased; ValueError saying what is wrong with it otherwise."""
    code = text.strip().upper()
    if len(code) != 18:
        raise ValueError(
            _("credit code '{code}' has {n} characters, not 18").format(code=text, n=len(code))
        )
    bad = [c for c in code if c not in USCC_CHARS]
    if bad:
        raise ValueError(
            _(
                "credit code '{code}' has '{char}', which no credit code uses "
                "(I, O, S, V and Z are never used)"
            ).format(code=text, char=bad[0])
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValueError(
            _(
                "credit code '{code}' fails its check character (GB 32100): "
                "the 18th should be {expected}, not {got}"
            ).format(code=text, expected=expected, got=code[17])
        )
    return code
