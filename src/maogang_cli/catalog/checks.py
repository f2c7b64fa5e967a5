"""Rules across the catalogue files: names, groups, ids, row numbers, measures."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from maogang_cli.catalog.catalogue import Catalogue, Loaded
from maogang_cli.catalog.files import UNITS
from maogang_cli.catalog.models import (
    Group,
    HazardsFile,
    PlanFile,
    PlanMilestone,
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


class Check(NamedTuple):
    """One rule across the catalogue files, by name (hledger's `check` lists its own so)."""

    name: str
    rule: str
    run: Callable[[Across], None]


@dataclass
class Across:
    """The files as read, the catalogue built from them, and the problems found so far."""

    loaded: Loaded
    units_doc: YamlDoc
    units: UnitsFile
    catalogue: Catalogue
    problems: list[Problem]

    def entries(self) -> list[tuple[str, int, Unit | Group]]:
        """Every unit then every group, with its section and its index in the file."""
        sections: list[tuple[str, Sequence[Unit | Group]]] = [
            ("units", self.units.units),
            ("groups", self.units.groups),
        ]
        return [
            (section, i, entry)
            for section, entries in sections
            for entry, i in zip(
                entries, _source_indices(self.units_doc, section, entries), strict=True
            )
        ]

    def unknown_units(self, doc: YamlDoc, path: Path_, names: list[str]) -> None:
        if self.loaded.units is None:  # without units.yaml, unit names go unchecked
            return
        for k, name in enumerate(names):
            if name not in self.catalogue.lookup:
                self.problems.append(
                    doc.problem((*path, k), _unknown_unit(name, self.catalogue.lookup))
                )

    def plan(self) -> tuple[YamlDoc, PlanFile] | None:
        return self.loaded.plans[0] if self.loaded.plans else None

    def measure_numbers(self) -> set[int]:
        found = self.plan()
        return {m.number for a in found[1].actions for m in a.measures} if found else set()


def cross_check(loaded: Loaded) -> Catalogue:
    """Build the catalogue from the files, then run every named check (CHECKS) on it."""
    units_doc, units = loaded.units or (YamlDoc(UNITS, {}), UnitsFile(units=[]))
    across = Across(loaded, units_doc, units, Catalogue(units=units), loaded.problems)
    _build(across)
    for check in CHECKS:
        check.run(across)
    return across.catalogue


def _build(across: Across) -> None:
    """Names to canonical names (the first entry claiming a name keeps it), keys, each
    group's members that are units, the plan, every task."""
    catalogue = across.catalogue
    for _section, _i, entry in across.entries():
        catalogue.keys.setdefault(entry.name, entry.key)
        for name in [entry.name, *entry.aliases]:
            catalogue.lookup.setdefault(name, entry.name)
    group_names = {g.name for g in across.units.groups}
    for group in across.units.groups:
        canonical = [catalogue.lookup.get(m) for m in group.members]
        catalogue.members[group.name] = [
            c for c in canonical if c is not None and c != group.name and c not in group_names
        ]
    found = across.plan()
    if found is not None:
        catalogue.plan = found[1]
    for _doc, tasks_file, _indices in across.loaded.tasks:
        catalogue.tasks += [(tasks_file.year, task, _doc.file) for task in tasks_file.tasks]


def check_unit_keys(across: Across) -> None:
    keyed: dict[str, tuple[str, int]] = {}  # key -> (section, index) of the entry using it
    doc = across.units_doc
    for section, i, entry in across.entries():
        first = keyed.setdefault(entry.key, (section, i))
        if first != (section, i) and entry.key:
            line = doc.locate((*first, "key"))[0]
            across.problems.append(
                doc.problem(
                    (section, i, "key"),
                    _(
                        "key '{key}' is already used (line {line}): "
                        "every unit keeps a key of its own, never reused"
                    ).format(key=entry.key, line=line),
                )
            )


def check_unit_names(across: Across) -> None:
    claimed: dict[str, tuple[str, int]] = {}  # name -> (section, index) of the entry using it
    doc = across.units_doc
    for section, i, entry in across.entries():
        for j, name in enumerate([entry.name, *entry.aliases]):
            path: Path_ = (section, i, "name") if j == 0 else (section, i, "aliases", j - 1)
            owner = claimed.setdefault(name, (section, i))
            if owner != (section, i):
                line = doc.locate((*owner, "name"))[0]
                across.problems.append(
                    doc.problem(
                        path,
                        f"name '{name}' is already used by '{across.catalogue.lookup[name]}' "
                        f"(line {line})",
                    )
                )


def check_group_members(across: Across) -> None:
    doc, units = across.units_doc, across.units
    group_names = {g.name for g in units.groups}
    unit_names = [u.name for u in units.units]
    for group, i in zip(units.groups, _source_indices(doc, "groups", units.groups), strict=True):
        for j, member in enumerate(group.members):
            path = ("groups", i, "members", j)
            canonical = across.catalogue.lookup.get(member)
            if canonical == group.name:
                message = f"group '{group.name}' contains itself"
            elif canonical in group_names:
                message = f"member '{member}' is a group; members must be units"
            elif canonical is None:
                hint = did_you_mean(member, unit_names, english=True)
                message = f"member '{member}' is not a unit{hint}"
            else:
                continue
            across.problems.append(doc.problem(path, message))


def check_known_units(across: Across) -> None:
    found = across.plan()
    if found is not None:
        doc, plan = found
        for path, milestone in _milestones(plan):
            across.unknown_units(doc, (*path, "responsible"), milestone.responsible)
        for d, duty in enumerate(plan.duties):
            across.unknown_units(doc, ("duties", d, "owners"), duty.owners)
    for doc, tasks_file, indices in across.loaded.tasks:
        for task, index in zip(tasks_file.tasks, indices, strict=True):
            across.unknown_units(doc, ("tasks", index, "responsible"), task.responsible)
            across.unknown_units(doc, ("tasks", index, "cooperating"), task.cooperating)


def check_one_plan(across: Across) -> None:
    for extra_doc, _plan in across.loaded.plans[1:]:
        across.problems.append(extra_doc.problem((), "only one plan_*.yaml file is allowed"))


def check_measure_numbers(across: Across) -> None:
    found = across.plan()
    if found is None:
        return
    doc, plan = found
    numbers: set[int] = set()
    for a, action in enumerate(plan.actions):
        for m, measure in enumerate(action.measures):
            if measure.number in numbers:
                across.problems.append(
                    doc.problem(
                        ("actions", a, "measures", m, "number"),
                        f"duplicate measure number {measure.number}",
                    )
                )
            numbers.add(measure.number)


def check_milestone_ids(across: Across) -> None:
    found = across.plan()
    if found is None:
        return
    doc, plan = found
    ids: set[str] = {t.id for t in plan.targets}
    for path, milestone in _milestones(plan):
        if milestone.id in ids:
            across.problems.append(doc.problem((*path, "id"), f"duplicate id '{milestone.id}'"))
        ids.add(milestone.id)


def check_short_names(across: Across) -> None:
    """A short name stands for one duty or milestone, and is nobody's id."""
    found = across.plan()
    if found is None:
        return
    doc, plan = found
    entries: list[tuple[Path_, str, str | None]] = [
        (path, ms.id, ms.short_name) for path, ms in _milestones(plan)
    ] + [(("duties", d), duty.id, duty.short_name) for d, duty in enumerate(plan.duties)]
    ids = {ident for _, ident, _ in entries}
    seen: dict[str, str] = {}
    for path, ident, short in entries:
        if short is None:
            continue
        if short in ids:
            across.problems.append(
                doc.problem((*path, "short_name"), f"'{short}' is already an id")
            )
        elif short in seen:
            across.problems.append(
                doc.problem((*path, "short_name"), f"short name '{short}' is also {seen[short]}'s")
            )
        seen.setdefault(short, ident)


def check_duties(across: Across) -> None:
    """A duty's id is its own, it ends after it starts, and its measure is in the plan."""
    found = across.plan()
    if found is None:
        return
    doc, plan = found
    numbers = across.measure_numbers()
    duty_ids: set[str] = set()
    for d, duty in enumerate(plan.duties):
        path: Path_ = ("duties", d)
        if duty.id in duty_ids:
            across.problems.append(doc.problem((*path, "id"), f"duplicate duty id '{duty.id}'"))
        duty_ids.add(duty.id)
        if duty.start > duty.end:
            across.problems.append(doc.problem((*path, "end"), "duty ends before it starts"))
        if duty.measure is not None and duty.measure not in numbers:
            across.problems.append(
                doc.problem((*path, "measure"), f"measure {duty.measure} is not in the plan")
            )


def check_task_ids(across: Across) -> None:
    """A task id is unique across every year's file."""
    first_id: dict[str, str] = {}
    for doc, tasks_file, indices in across.loaded.tasks:
        for task, index in zip(tasks_file.tasks, indices, strict=True):
            path: Path_ = ("tasks", index, "id")
            if task.id in first_id:
                across.problems.append(
                    doc.problem(
                        path, f"duplicate task id '{task.id}' (first at {first_id[task.id]})"
                    )
                )
            else:
                first_id[task.id] = f"{doc.file}:{doc.locate(path)[0]}"


def check_task_seqs(across: Across) -> None:
    """A row number is unique within its year's file."""
    for doc, tasks_file, indices in across.loaded.tasks:
        first_seq: dict[int, int] = {}
        for task, index in zip(tasks_file.tasks, indices, strict=True):
            path: Path_ = ("tasks", index, "seq")
            if task.seq is None:  # an invalid seq, already reported
                continue
            if task.seq in first_seq:
                across.problems.append(
                    doc.problem(
                        path, f"duplicate seq {task.seq} (first at line {first_seq[task.seq]})"
                    )
                )
            else:
                first_seq[task.seq] = doc.locate(path)[0]


def check_task_measures(across: Across) -> None:
    """The measures a task cites are in the plan (unchecked without a plan file)."""
    if across.plan() is None:
        return
    numbers = across.measure_numbers()
    for doc, tasks_file, indices in across.loaded.tasks:
        for task, index in zip(tasks_file.tasks, indices, strict=True):
            for k, number in enumerate(task.measures):
                if number not in numbers:
                    across.problems.append(
                        doc.problem(
                            ("tasks", index, "measures", k), f"measure {number} is not in the plan"
                        )
                    )


def _milestones(plan: PlanFile) -> list[tuple[Path_, PlanMilestone]]:
    return [
        (("actions", a, "measures", m, "milestones", k), milestone)
        for a, action in enumerate(plan.actions)
        for m, measure in enumerate(action.measures)
        for k, milestone in enumerate(measure.milestones)
    ]


# Every rule across the files, in the order `validate` runs them (docs/catalogue.md lists
# them; each has its own test in tests/catalog/test_checks.py).
CHECKS: tuple[Check, ...] = (
    Check("unit-keys", "a key is one unit's or group's only", check_unit_keys),
    Check("unit-names", "a name or alias names one unit or group", check_unit_names),
    Check("group-members", "a group's members are units, not groups", check_group_members),
    Check("known-units", "every unit a task, milestone or duty names exists", check_known_units),
    Check("one-plan", "one plan_*.yaml file at most", check_one_plan),
    Check("measure-numbers", "a measure number is used once", check_measure_numbers),
    Check("milestone-ids", "a milestone id is its own (targets included)", check_milestone_ids),
    Check("short-names", "a short name is one duty's or milestone's, no id", check_short_names),
    Check(
        "duties", "a duty id is its own; it ends after it starts; its measure exists", check_duties
    ),
    Check("task-ids", "a task id is unique across every year's file", check_task_ids),
    Check("task-seqs", "a row number is unique within its file", check_task_seqs),
    Check("task-measures", "the measures a task cites are in the plan", check_task_measures),
)


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
    return f"unknown unit '{name}'{did_you_mean(name, list(lookup), english=True)}"


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
