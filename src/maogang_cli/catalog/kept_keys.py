"""A unit key that holds records is never changed: the catalogue against the database.

Records store a unit's key, so a key changed in units.yaml would silently hand a unit's
records to a retired twin (the old key) or, with two keys swapped, to another unit.
`validate` reads only the files and cannot see this; the load (`maogang load`, and every
command's load of a changed catalogue) compares with what the database holds and refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.errors import Problem
from maogang_cli.i18n import ngettext

if TYPE_CHECKING:
    from maogang_cli.catalog.catalogue import Catalogue
    from maogang_cli.catalog.yamlsource import Path_


class StoredUnit(NamedTuple):
    """A unit key that holds records, as the database knows it."""

    key: str
    name: str  # its name today (a retired unit: its label)
    names: frozenset[str]  # every name it answers to: name, aliases, names recorded under it
    retired: bool
    records: int
    # what it owes in the stored catalogue: "task ID", "duty ID", "milestone ID", "group KEY"
    holdings: frozenset[str] = frozenset()


def holdings_of(catalogue: Catalogue) -> dict[str, set[str]]:
    """Unit key -> what it owes in the catalogue, in StoredUnit.holdings' words."""
    keys = catalogue.keys
    out: dict[str, set[str]] = {}

    def give(units: list[str], what: str) -> None:
        for unit in units:
            if unit in keys:
                out.setdefault(keys[unit], set()).add(what)

    for task_id, unit, _role in catalogue.task_pairs():
        give([unit], f"task {task_id}")
    if catalogue.plan is not None:
        for duty in catalogue.plan.duties:
            give(catalogue.expand(duty.owners), f"duty {duty.id}")
        for action in catalogue.plan.actions:
            for measure in action.measures:
                for milestone in measure.milestones:
                    give(catalogue.expand(milestone.responsible), f"milestone {milestone.id}")
    for group, members in catalogue.members.items():
        if group in keys:
            give(members, f"group {keys[group]}")
    return out


def key_changes(
    stored: list[StoredUnit], catalogue: Catalogue, before: dict[str, set[str]] | None = None
) -> list[tuple[str, str]]:
    """(the catalogue entry at fault, by its name; what is wrong) for each stored key whose
    records the catalogue would hand to another unit:

    - a live key left out while another key takes its name or an alias (a key changed), or
      a live key whose name now names another key (keys swapped, or a name moved over);
    - a live key, left out or not, while a key holding no records takes over more than
      half of what it owed (each key's dues `before`, in the stored catalogue, are not
      taken over): a rename done with the key (tester T46), in one edit, after a rename
      under the old key, or after the new key was added with nothing to do;
    - a retired key given to a unit that answers to none of the names it had.

    Left alone, on purpose: a key without records (nothing moves), a retired unit's name
    taken by a new key (the old records keep their own key), a unit renamed under its key,
    a key left out whose names leave with it and whose tasks go to units holding records
    (the unit retires into them), a few of its tasks given to a new unit."""
    lookup, keys = catalogue.lookup, catalogue.keys
    held = holdings_of(catalogue) if any(u.holdings for u in stored) else {}
    holding = frozenset(u.key for u in stored)
    names_of: dict[str, set[str]] = {}
    for name, canonical in lookup.items():
        names_of.setdefault(canonical, set()).add(name)
    owner = {key: canonical for canonical, key in keys.items()}
    found: list[tuple[str, str]] = []
    for unit in stored:
        if unit.retired:
            taker = owner.get(unit.key)
            if taker is not None and not (names_of.get(taker, {taker}) & unit.names):
                found.append((taker, _given_away(unit)))
            continue
        if unit.key in owner:
            # Still in the catalogue: only its own name going to another key moves records.
            taken = [unit.name] if unit.name in lookup else []
        else:
            taken = sorted(n for n in unit.names if n in lookup)
        for name in taken:
            taker = lookup[name]
            if keys[taker] != unit.key:
                found.append((taker, _changed(unit)))
                break
        else:
            heir = _heir(unit, held, holding, before or {})
            if heir is not None:
                found.append((owner[heir], _handed_over(unit, heir)))
    return found


def _heir(
    unit: StoredUnit,
    held: dict[str, set[str]],
    holding: frozenset[str],
    before: dict[str, set[str]],
) -> str | None:
    """The key holding no records that took over, from the unit, more than half of what
    it owed that still exists (judged by records, not by when the key came; what a key
    already owed with the unit is no taking over)."""
    remaining = set().union(*held.values()) & unit.holdings if held else set()
    lost = remaining - held.get(unit.key, set())
    best, most = None, 0
    for key, holdings in held.items():
        if key in holding:
            continue
        overlap = len((holdings - before.get(key, set())) & lost)
        if overlap > most:
            best, most = key, overlap
    return best if remaining and most * 2 > len(remaining) else None


def _changed(unit: StoredUnit) -> str:
    return ngettext(
        "unit {name} had the key {key} ({n} record); a key in use is never changed",
        "unit {name} had the key {key} ({n} records); a key in use is never changed",
        unit.records,
    ).format(name=unit.name, key=unit.key, n=unit.records)


def _handed_over(unit: StoredUnit, heir: str) -> str:
    return ngettext(
        "unit {name} ({key}, {n} record) would hand its tasks to the new key {new}: "
        "keep the key when renaming a unit",
        "unit {name} ({key}, {n} records) would hand its tasks to the new key {new}: "
        "keep the key when renaming a unit",
        unit.records,
    ).format(name=unit.name, key=unit.key, n=unit.records, new=heir)


def _given_away(unit: StoredUnit) -> str:
    return ngettext(
        "the key {key} is the retired unit {name}'s ({n} record); a key is never given "
        "to another unit",
        "the key {key} is the retired unit {name}'s ({n} records); a key is never given "
        "to another unit",
        unit.records,
    ).format(name=unit.name, key=unit.key, n=unit.records)


def locate(units_file: Path, found: list[tuple[str, str]]) -> list[Problem]:
    """Each problem at the `key:` line of its entry in units.yaml. Read again with
    positions: a valid catalogue is loaded without them, and this is the rare case."""
    from maogang_cli.catalog.yamlsource import read_yaml

    doc, _problems = read_yaml(units_file, positions=True)
    if doc is None:  # changed under us since it was loaded: at least name the file
        return [Problem(str(units_file), 1, 1, message) for _name, message in found]
    data = doc.data if isinstance(doc.data, dict) else {}
    paths: dict[str, Path_] = {}
    for section in ("units", "groups"):
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str):
                paths.setdefault(name.strip(), (section, i, "key"))
    return [doc.problem(paths.get(name, ()), message) for name, message in found]
