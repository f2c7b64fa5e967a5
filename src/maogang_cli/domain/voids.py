"""Entry ids and voids: a mistaken entry is put right by a new entry that names it.

Every entry `history` shows carries an id of its kind's letter and its row number: P12 is
progress record 12, D7 duty record 7 (a monthly-report submission, a duty instance or a
plan milestone done), V3 void 3. Hazard entries are voided inside the hazard ledger, by
an event of their own.

The rule: a voided entry claimed something that did not happen. Every figure, for any
as-of day, is worked out as if it had never been recorded; it stays in the database and
in `history`, marked with the void's reason, who voided it and when.
"""

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple, Protocol, TypeVar

KINDS = {"P": "progress", "D": "duty_records", "V": "voids"}
LETTERS = {table: letter for letter, table in KINDS.items()}
_ID = re.compile(r"\s*([A-Za-z])\s*-?\s*(\d{1,18})\s*")


class EntryId(NamedTuple):
    table: str
    row: int

    def __str__(self) -> str:
        return f"{LETTERS[self.table]}{self.row}"


def entry_id(table: str, row: int) -> str:
    return str(EntryId(table, row))


def parse_entry_id(text: str) -> EntryId:
    """P12, p12 or P-12 -> EntryId('progress', 12); ValueError for anything else."""
    match = _ID.fullmatch(text)
    if not match or match[1].upper() not in KINDS:
        raise ValueError(
            f"'{text}' is not an entry id: P12 (a progress record), D7 (a duty record or "
            "submission), as `history` shows them"
        )
    return EntryId(KINDS[match[1].upper()], int(match[2]))


T = TypeVar("T")


def live(entries: Iterable[T], voided: set[int]) -> list[T]:
    """The entries no void names: what every figure counts (the SQL views progress_live
    and duty_records_live say the same; a test pins them together)."""
    return [e for e in entries if getattr(e, "id") not in voided]  # noqa: B009


# --- entries that change nothing ----------------------------------------------------------
# Appending is always allowed, but an entry that cannot change any figure is most often a
# clerk trying to correct an earlier one: say so, and name the entry to void instead.


class _Progress(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def happened_on(self) -> date: ...
    @property
    def recorded_at(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def percent(self) -> int | None: ...


P = TypeVar("P", bound=_Progress)


def same_record(
    records: Iterable[P], status: str, day: date, note: str, percent: int | None
) -> P | None:
    """A stored record saying exactly this (status, day, note, percent): the new one
    repeats it."""
    for r in records:
        if (r.status, r.happened_on, r.note, r.percent) == (status, day, note, percent):
            return r
    return None


def overtaken(records: Iterable[P], day: date) -> P | None:
    """For a new record dated `day`: the pair's latest record dated after it, which stays
    in force from its own day on (the new one changes only the days before it); None when
    the new record is the pair's latest."""
    later = [r for r in records if r.happened_on > day]
    return max(later, key=lambda r: (r.happened_on, r.recorded_at, r.id), default=None)


def done_already(records: Iterable[P], day: date) -> P | None:
    """For a new 'done' dated `day`: the record that began the pair's run of 'done' as of
    that day, if it was done already (then the new one changes neither state nor when it was
    done); None when the new record changes the state."""
    seen = sorted(
        (r for r in records if r.happened_on <= day),
        key=lambda r: (r.happened_on, r.recorded_at, r.id),
    )
    if not seen or seen[-1].status != "done":
        return None
    first = seen[-1]
    for r in reversed(seen):
        if r.status != "done":
            break
        first = r
    return first


class _Done(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def done_on(self) -> date: ...


D = TypeVar("D", bound=_Done)


def decided_already(records: Iterable[D], done_on: date) -> D | None:
    """For a new record of a duty instance: the earliest record done on or before it,
    which keeps deciding on time or late (the new one changes nothing); None otherwise."""
    earlier = [r for r in records if r.done_on <= done_on]
    return min(earlier, key=lambda r: (r.done_on, r.id)) if earlier else None
