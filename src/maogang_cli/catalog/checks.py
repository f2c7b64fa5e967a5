"""Rules across the catalogue files: names, groups, ids, row numbers, measures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from maogang_cli.catalog.catalogue import Catalogue, Loaded
from maogang_cli.catalog.files import UNITS
from maogang_cli.catalog.models import (
    Group,
    HazardsFile,
    PlanFile,
    Sector,
    TasksFile,
    Unit,
    UnitsFile,
    Village,
)
from maogang_cli.catalog.yamlsource import Path_, YamlDoc
from maogang_cli.errors import Problem, did_you_mean
from maogang_cli.i18n import _


def check_year(path: Path, doc: YamlDoc, tasks: TasksFile, problems: list[Problem]) -> None:
    match = re.fullmatch(r"tasks_(\d{4})", path.stem)
    if match and tasks.year and int(match[1]) != tasks.year:
        problems.append(
            doc.problem(("year",), f"year {tasks.year} does not match the file name {path.name}")
        )


def cross_check(loaded: Loaded) -> Catalogue:
    """Rules across files. Without a readable units.yaml, unit names go unchecked."""
    units_doc, units = loaded.units or (YamlDoc(UNITS, {}), UnitsFile(units=[]))
    problems = loaded.problems
    catalogue = Catalogue(units=units)
    group_names = {g.name for g in units.groups}

    # Names and aliases must be unique across units and groups.
    sections: list[tuple[str, Sequence[Unit | Group]]] = [
        ("units", units.units),
        ("groups", units.groups),
    ]
    claimed: dict[str, tuple[str, int]] = {}  # name -> (section, index) of the entry using it
    keyed: dict[str, tuple[str, int]] = {}  # key -> (section, index) of the entry using it
    for section, entries in sections:
        for entry, i in zip(entries, _source_indices(units_doc, section, entries), strict=True):
            first = keyed.setdefault(entry.key, (section, i))
            if first != (section, i) and entry.key:
                line = units_doc.locate((*first, "key"))[0]
                problems.append(
                    units_doc.problem(
                        (section, i, "key"),
                        _(
                            "key '{key}' is already used (line {line}): "
                            "every unit keeps a key of its own, never reused"
                        ).format(key=entry.key, line=line),
                    )
                )
            catalogue.keys.setdefault(entry.name, entry.key)
            for j, name in enumerate([entry.name, *entry.aliases]):
                path: Path_ = (section, i, "name") if j == 0 else (section, i, "aliases", j - 1)
                owner = claimed.setdefault(name, (section, i))
                if owner != (section, i):
                    line = units_doc.locate((*owner, "name"))[0]
                    problems.append(
                        units_doc.problem(
                            path,
                            f"name '{name}' is already used by '{catalogue.lookup[name]}' "
                            f"(line {line})",
                        )
                    )
                else:
                    catalogue.lookup[name] = entry.name

    unit_names = [u.name for u in units.units]
    for group, i in zip(
        units.groups, _source_indices(units_doc, "groups", units.groups), strict=True
    ):
        members: list[str] = []
        for j, member in enumerate(group.members):
            path = ("groups", i, "members", j)
            canonical = catalogue.lookup.get(member)
            if canonical == group.name:
                problems.append(units_doc.problem(path, f"group '{group.name}' contains itself"))
            elif canonical in group_names:
                problems.append(
                    units_doc.problem(path, f"member '{member}' is a group; members must be units")
                )
            elif canonical is None:
                problems.append(
                    units_doc.problem(
                        path, f"member '{member}' is not a unit{did_you_mean(member, unit_names)}"
                    )
                )
            else:
                members.append(canonical)
        catalogue.members[group.name] = members

    def check_units(doc: YamlDoc, path: Path_, names: list[str]) -> None:
        if loaded.units is None:
            return
        for k, name in enumerate(names):
            if name not in catalogue.lookup:
                problems.append(doc.problem((*path, k), _unknown_unit(name, catalogue.lookup)))

    plan_doc, plan = loaded.plans[0] if loaded.plans else (None, None)
    for extra_doc, _plan in loaded.plans[1:]:
        problems.append(extra_doc.problem((), "only one plan_*.yaml file is allowed"))
    measure_numbers: set[int] = set()
    if plan is not None and plan_doc is not None:
        catalogue.plan = plan
        measure_numbers = _check_plan(plan_doc, plan, problems, check_units)

    first_id: dict[str, str] = {}
    for doc, tasks_file, indices in loaded.tasks:
        first_seq: dict[int, int] = {}
        for task, index in zip(tasks_file.tasks, indices, strict=True):
            base: Path_ = ("tasks", index)
            line = doc.locate((*base, "id"))[0]
            if task.id in first_id:
                problems.append(
                    doc.problem(
                        (*base, "id"),
                        f"duplicate task id '{task.id}' (first at {first_id[task.id]})",
                    )
                )
            else:
                first_id[task.id] = f"{doc.file}:{line}"
            if task.seq is None:  # an invalid seq, already reported
                pass
            elif task.seq in first_seq:
                problems.append(
                    doc.problem(
                        (*base, "seq"),
                        f"duplicate seq {task.seq} (first at line {first_seq[task.seq]})",
                    )
                )
            else:
                first_seq[task.seq] = doc.locate((*base, "seq"))[0]
            check_units(doc, (*base, "responsible"), task.responsible)
            check_units(doc, (*base, "cooperating"), task.cooperating)
            if plan is not None:
                for k, number in enumerate(task.measures):
                    if number not in measure_numbers:
                        problems.append(
                            doc.problem(
                                (*base, "measures", k), f"measure {number} is not in the plan"
                            )
                        )
            catalogue.tasks.append((tasks_file.year, task, doc.file))
    return catalogue


def _source_indices(doc: YamlDoc, section: str, entries: Sequence[Unit | Group]) -> list[int]:
    """Where each entry sits in the file's list: salvaged lists skip the invalid items."""
    raw = doc.data.get(section) if isinstance(doc.data, dict) else None
    items = raw if isinstance(raw, list) else []
    out: list[int] = []
    k = 0
    for entry in entries:
        while k < len(items) and not (
            isinstance(items[k], dict) and str(items[k].get("name", "")).strip() == entry.name
        ):
            k += 1
        out.append(k)
        k += 1
    return out


def _unknown_unit(name: str, lookup: dict[str, str]) -> str:
    """Say what is wrong with a unit name: several names in one, or the nearest known ones."""
    parts = [p for p in re.split(r"[、，,;；\s]+", name) if p]
    if len(parts) > 1 and all(p in lookup for p in parts):
        return f"'{name}' is several units in one name: write them as [{', '.join(parts)}]"
    return f"unknown unit '{name}'{did_you_mean(name, list(lookup))}"


def _check_plan(
    doc: YamlDoc, plan: PlanFile, problems: list[Problem], check_units: Any
) -> set[int]:
    numbers: set[int] = set()
    ids: set[str] = {t.id for t in plan.targets}
    for a, action in enumerate(plan.actions):
        for m, measure in enumerate(action.measures):
            path: Path_ = ("actions", a, "measures", m)
            if measure.number in numbers:
                problems.append(
                    doc.problem((*path, "number"), f"duplicate measure number {measure.number}")
                )
            numbers.add(measure.number)
            for k, milestone in enumerate(measure.milestones):
                mpath: Path_ = (*path, "milestones", k)
                if milestone.id in ids:
                    problems.append(doc.problem((*mpath, "id"), f"duplicate id '{milestone.id}'"))
                ids.add(milestone.id)
                check_units(doc, (*mpath, "responsible"), milestone.responsible)
    _check_short_names(doc, plan, problems)
    duty_ids: set[str] = set()
    for d, duty in enumerate(plan.duties):
        path = ("duties", d)
        if duty.id in duty_ids:
            problems.append(doc.problem((*path, "id"), f"duplicate duty id '{duty.id}'"))
        duty_ids.add(duty.id)
        if duty.start > duty.end:
            problems.append(doc.problem((*path, "end"), "duty ends before it starts"))
        if duty.measure is not None and duty.measure not in numbers:
            problems.append(
                doc.problem((*path, "measure"), f"measure {duty.measure} is not in the plan")
            )
        check_units(doc, (*path, "owners"), duty.owners)
    return numbers


def _check_short_names(doc: YamlDoc, plan: PlanFile, problems: list[Problem]) -> None:
    """A short name stands for one duty or milestone, and is nobody's id."""
    entries: list[tuple[Path_, str, str | None]] = [
        (("actions", a, "measures", m, "milestones", k), ms.id, ms.short_name)
        for a, action in enumerate(plan.actions)
        for m, measure in enumerate(action.measures)
        for k, ms in enumerate(measure.milestones)
    ] + [(("duties", d), duty.id, duty.short_name) for d, duty in enumerate(plan.duties)]
    ids = {ident for _, ident, _ in entries}
    seen: dict[str, str] = {}
    for path, ident, short in entries:
        if short is None:
            continue
        if short in ids:
            problems.append(doc.problem((*path, "short_name"), f"'{short}' is already an id"))
        elif short in seen:
            problems.append(
                doc.problem((*path, "short_name"), f"short name '{short}' is also {seen[short]}'s")
            )
        seen.setdefault(short, ident)


def check_hazards(
    files: list[tuple[YamlDoc, HazardsFile]], problems: list[Problem]
) -> HazardsFile | None:
    """Villages and sectors: every name and alias names one entry of its list."""
    for extra_doc, _file in files[1:]:
        problems.append(extra_doc.problem((), "only one hazards.yaml file is allowed"))
    if not files:
        return None
    doc, hazards = files[0]
    sections: list[tuple[str, Sequence[Village | Sector]]] = [
        ("villages", hazards.villages),
        ("sectors", hazards.sectors),
    ]
    for section, entries in sections:
        claimed: dict[str, int] = {}  # name -> index of the entry using it
        for i, entry in enumerate(entries):
            for j, name in enumerate([entry.name, *entry.aliases]):
                path: Path_ = (section, i, "name") if j == 0 else (section, i, "aliases", j - 1)
                owner = claimed.setdefault(name, i)
                if owner != i:
                    line = doc.locate((section, owner, "name"))[0]
                    problems.append(
                        doc.problem(
                            path,
                            f"name '{name}' is already used by '{entries[owner].name}' "
                            f"(line {line})",
                        )
                    )
    return hazards
