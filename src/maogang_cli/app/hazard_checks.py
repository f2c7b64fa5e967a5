"""A hazard as the clerk typed it or a sheet row gave it, checked field by field against
the catalogue (villages, sectors, supervising departments), and a hazard id resolved:
what `hazard add` and every row of `hazard import` share, and `hazard event`/`show`
look up.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from maogang_cli.domain.dates import parse_day
from maogang_cli.domain.hazards import check_uscc, parse_level, parse_source
from maogang_cli.errors import InvalidRecordError, NotFoundError, nearest
from maogang_cli.i18n import N_, _
from maogang_cli.store import hazard_ledger as store
from maogang_cli.words import names as names_of

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable


T = TypeVar("T")


class HazardRefused(InvalidRecordError):
    """A hazard or an event that must not be recorded (exit 1); nothing was written."""


class HazardInput(NamedTuple):
    """A hazard as typed or as a spreadsheet row: every field as text, unchecked."""

    found_on: str
    entity: str
    village: str
    sector: str
    department: str
    description: str
    deadline: str
    source: str = "other"
    level: str = "major"
    uscc: str = ""
    address: str = ""
    basis: str = ""
    responsible_person: str = ""
    measures: str = ""
    funds: str = ""
    contingency_plan: str = ""
    notified_on: str = ""
    id: str = ""


class Checked(NamedTuple):
    """A hazard whose every field passed; not yet numbered or stored."""

    found_on: date
    source: str
    level: str
    entity: str
    uscc: str
    address: str
    village: str
    sector: str
    department: str
    basis: str
    description: str
    deadline: date
    responsible_person: str
    measures: str
    funds: float | None
    contingency_plan: str
    notified_on: date | None
    match_key: str
    department_key: str


class Vocabulary(NamedTuple):
    """The names a hazard may use, read once per command."""

    villages: dict[str, str]
    sectors: dict[str, str]
    units: dict[str, str]  # every unit name and alias -> canonical
    departments: list[str]  # members of 各负有安全生产监管职责的部门
    keys: dict[str, str]  # canonical unit name -> key, as the hazards table stores it


def vocabulary(conn: sqlite3.Connection) -> Vocabulary:
    villages = store.vocabulary(conn, "village")
    if not villages:
        raise HazardRefused(
            _("the catalogue has no villages or sectors: add hazards.yaml to the data directory")
        )
    units = {name: unit for name, unit in conn.execute("SELECT name, unit FROM unit_names")}
    return Vocabulary(
        villages,
        store.vocabulary(conn, "sector"),
        units,
        store.supervising_departments(conn),
        store.unit_keys(conn),
    )


def one_of(value: str, names: dict[str, str], what: str) -> str:
    """The name `value` stands for; ValueError naming `what` (a message id, N_("village"):
    translated only when refused, so a filter that matches loads no message catalogue)."""
    text = value.strip()
    if text in names:
        return names[text]
    what = _(what)
    canonical = list(dict.fromkeys(names.values()))
    close = [names[n] for n in nearest(text, list(names))] if text else []
    hint = (
        _(" (did you mean: {names}?)").format(names=names_of(dict.fromkeys(close)))
        if close
        else _("; known: {names}").format(names=names_of(canonical))
    )
    if not text:
        return _raise(_("{what} is empty").format(what=what) + hint)
    return _raise(_("unknown {what} '{name}'").format(what=what, name=text) + hint)


def suggest(text: str, candidates: list[str]) -> str:
    close = nearest(text, candidates) if text else []
    return _(" (did you mean: {names}?)").format(names=names_of(close)) if close else ""


def _raise(message: str) -> str:
    raise ValueError(message)


def department_of(vocab: Vocabulary, name: str) -> str:
    """The canonical supervising department behind a name or alias; ValueError otherwise."""
    text = name.strip()
    canonical = vocab.units.get(text)
    if canonical in vocab.departments:
        return canonical
    members = "、".join(vocab.departments)
    if canonical is not None:
        raise ValueError(
            _(
                "'{name}' is not a department with supervisory duty "
                "(各负有安全生产监管职责的部门: {members})"
            ).format(name=text, members=members)
        )
    if not text:
        raise ValueError(_("department is empty; one of: {members}").format(members=members))
    raise ValueError(
        _("unknown department '{name}'").format(name=text)
        + (suggest(text, vocab.departments) or _("; one of: {m}").format(m=members))
    )


def _day(text: str, what: str) -> date:
    if not text.strip():
        raise ValueError(_("{what} is empty").format(what=what))
    try:
        return parse_day(text)
    except ValueError:
        raise ValueError(
            _("{what} '{text}' is not a real date (YYYY-MM-DD)").format(what=what, text=text)
        ) from None


def _funds(text: str) -> float | None:
    raw = text.strip().removesuffix("万元").removesuffix("万").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(
            _("funds '{text}' is not a number of 万元").format(text=text.strip())
        ) from None
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise ValueError(_("funds '{text}' is not a number of 万元").format(text=text.strip()))
    return value


def norm(text: str) -> str:
    """Text as the match key compares it: spacing and case ignored."""
    return re.sub(r"\s+", "", text).casefold()


def match_key(entity: str, description: str, found_on: date) -> str:
    """What identifies a hazard in a sheet without ids: the business, the description
    and the day found, with spacing and case ignored."""
    return f"{norm(entity)}|{norm(description)}|{found_on.isoformat()}"


class RowProblems(ValueError):
    """Every problem of one hazard (a sheet row), in the order a clerk fills the fields
    in: a row is fixed in one pass, not one problem per rerun."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("; ").join(problems))
        self.problems = problems


def check_hazard(vocab: Vocabulary, given: HazardInput, *, today: date) -> Checked:
    """Every field checked, in the order a clerk fills them in; RowProblems with every
    problem found."""
    problems: list[str] = []

    def get(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except ValueError as exc:
            problems.append(str(exc))
            return None

    found_on = get(lambda: _day(given.found_on, _("found on")))
    if found_on is not None and found_on > today:
        problems.append(_("found on {day} is in the future").format(day=found_on))
    entity = given.entity.strip()
    if not entity:
        problems.append(_("the business or place (entity) is empty"))
    description = given.description.strip()
    if not description:
        problems.append(_("the description is empty"))
    source = get(lambda: parse_source(given.source or "other"))
    level = get(lambda: parse_level(given.level or "major"))
    uscc = get(lambda: check_uscc(given.uscc) if given.uscc.strip() else "")
    village = get(lambda: one_of(given.village, vocab.villages, N_("village")))
    sector = get(lambda: one_of(given.sector, vocab.sectors, N_("sector")))
    department = get(lambda: department_of(vocab, given.department))
    deadline = get(lambda: _day(given.deadline, _("deadline")))
    if deadline is not None and found_on is not None and deadline < found_on:
        problems.append(
            _("deadline {deadline} is before the hazard was found ({found})").format(
                deadline=deadline, found=found_on
            )
        )
    notified_on = None
    if given.notified_on.strip():
        notified_on = get(lambda: _day(given.notified_on, _("notified on")))
        if (
            notified_on is not None
            and found_on is not None
            and (not found_on <= notified_on <= today)
        ):
            problems.append(
                _("notified on {day} is not between the day found and today").format(
                    day=notified_on
                )
            )
    funds = get(lambda: _funds(given.funds))
    if problems:
        raise RowProblems(problems)
    assert found_on and source and level and uscc is not None and village and sector
    assert department and deadline
    return Checked(
        found_on,
        source,
        level,
        entity,
        uscc,
        given.address.strip(),
        village,
        sector,
        department,
        given.basis.strip(),
        description,
        deadline,
        given.responsible_person.strip(),
        given.measures.strip(),
        funds,
        given.contingency_plan.strip(),
        notified_on,
        match_key(entity, description, found_on),
        vocab.keys.get(department, department),
    )


def find_hazard(conn: sqlite3.Connection, ref: str) -> sqlite3.Row:
    row = store.hazard_row(conn, ref)
    if row is None:
        known = store.all_hazard_ids(conn)
        raise NotFoundError(
            _("unknown hazard '{ref}'").format(ref=ref.strip())
            + suggest(ref.strip().upper(), known)
        )
    return row
