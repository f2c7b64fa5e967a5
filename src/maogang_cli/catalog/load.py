"""Load and check a catalogue: YAML syntax, then each file's schema, then cross-file rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from maogang_cli.catalog.files import UNITS, catalogue_files, kind_of
from maogang_cli.catalog.models import Group, PlanFile, Task, TasksFile, Unit, UnitsFile
from maogang_cli.catalog.yamlsource import Path_, YamlDoc, read_yaml
from maogang_cli.errors import Problem, did_you_mean

M = TypeVar("M", bound=BaseModel)


@dataclass
class Catalogue:
    """A checked catalogue. `lookup` maps every name and alias to its canonical name."""

    units: UnitsFile
    tasks: list[tuple[int, Task, str]] = field(default_factory=list)  # (year, task, file)
    plan: PlanFile | None = None
    lookup: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)

    def expand(self, names: Iterable[str]) -> list[str]:
        """Canonical units behind `names`: groups give their members; a memberless group stays."""
        out: dict[str, None] = {}
        for name in names:
            canonical = self.lookup.get(name, name)
            for unit in self.members.get(canonical) or [canonical]:
                out[unit] = None
        return list(out)


@dataclass
class _Loaded:
    units: tuple[YamlDoc, UnitsFile] | None = None
    plans: list[tuple[YamlDoc, PlanFile]] = field(default_factory=list)
    tasks: list[tuple[YamlDoc, TasksFile]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def gather(paths: list[Path], fallback_dir: Path) -> list[Path]:
    """The files to check: directories expand to their catalogue files; a units.yaml is
    borrowed from beside the given files (else from `fallback_dir`) for cross-file checks."""
    files: list[Path] = []
    for path in paths:
        files.extend(catalogue_files(path) if path.is_dir() else [path])
    if files and not any(kind_of(f) == "units" for f in files):
        for candidate in (files[0].parent / UNITS, fallback_dir / UNITS):
            if candidate.is_file():
                files.insert(0, candidate)
                break
    if files and not any(kind_of(f) == "plan" for f in files):
        plans = [p for p in catalogue_files(files[0].parent) if kind_of(p) == "plan"]
        files[1:1] = plans
    return list(dict.fromkeys(files))


def load_catalogue(files: list[Path]) -> tuple[Catalogue | None, list[Problem]]:
    """Every problem in one pass; the catalogue only when there are none."""
    loaded = _Loaded()
    for path in files:
        _load_file(path, loaded)
    if loaded.units is None:
        if not any(p.message.startswith("cannot read") for p in loaded.problems):
            where = str(files[0].parent / UNITS) if files else UNITS
            loaded.problems.append(Problem(where, 1, 1, "units.yaml is missing"))
        return None, sorted(loaded.problems)
    catalogue = _cross_check(loaded)
    problems = sorted(set(loaded.problems))
    return (None if problems else catalogue), problems


def _load_file(path: Path, loaded: _Loaded) -> None:
    kind = kind_of(path)
    if kind is None:
        loaded.problems.append(
            Problem(
                str(path),
                1,
                1,
                "not a catalogue file: name it units.yaml, plan_*.yaml or tasks_*.yaml",
            )
        )
        return
    doc, problems = read_yaml(path)
    loaded.problems.extend(problems)
    if doc is None:
        return
    if kind == "units":
        units = _validate(UnitsFile, doc, loaded.problems)
        if units is not None:
            loaded.units = (doc, units)
        else:
            loaded.units = (doc, _salvage_units(doc))
    elif kind == "plan":
        plan = _validate(PlanFile, doc, loaded.problems)
        if plan is not None:
            loaded.plans.append((doc, plan))
    else:
        tasks = _validate(TasksFile, doc, loaded.problems)
        if tasks is None:
            tasks = _salvage_tasks(doc)
        if tasks is not None:
            _check_year(path, doc, tasks, loaded.problems)
            loaded.tasks.append((doc, tasks))


def _validate(model: type[M], doc: YamlDoc, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, doc, model))
        return None


def _salvage_tasks(doc: YamlDoc) -> TasksFile | None:
    """The valid tasks of an invalid file, so cross-file checks still report on them."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("tasks") if isinstance(data.get("tasks"), list) else []
    good = []
    for item in items or []:
        try:
            good.append(Task.model_validate(item))
        except ValidationError:
            continue
    year = data.get("year")
    return TasksFile.model_construct(year=year if isinstance(year, int) else 0, tasks=good)


def _salvage_units(doc: YamlDoc) -> UnitsFile:
    data = doc.data if isinstance(doc.data, dict) else {}

    def valid(model: type[M], key: str) -> list[M]:
        out = []
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            try:
                out.append(model.model_validate(item))
            except ValidationError:
                continue
        return out

    return UnitsFile.model_construct(units=valid(Unit, "units"), groups=valid(Group, "groups"))


def _pydantic_problems(
    exc: ValidationError, doc: YamlDoc, model: type[BaseModel]
) -> Iterator[Problem]:
    for error in exc.errors(include_url=False):
        loc: Path_ = tuple(error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden":
            known = _fields_at(model, loc[:-1])
            message = f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), known)}"
            yield doc.problem(loc, message, key=True)
        elif kind == "missing":
            yield doc.problem(loc[:-1], f"missing key '{loc[-1]}'")
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            where = ".".join(str(part) for part in loc)
            yield doc.problem(loc, f"{where}: {message}" if where else message)


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the model found at `loc`, for did-you-mean on unknown keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation


def _check_year(path: Path, doc: YamlDoc, tasks: TasksFile, problems: list[Problem]) -> None:
    match = re.fullmatch(r"tasks_(\d{4})", path.stem)
    if match and tasks.year and int(match[1]) != tasks.year:
        problems.append(
            doc.problem(("year",), f"year {tasks.year} does not match the file name {path.name}")
        )


def _cross_check(loaded: _Loaded) -> Catalogue:
    assert loaded.units is not None
    units_doc, units = loaded.units
    problems = loaded.problems
    catalogue = Catalogue(units=units)
    group_names = {g.name for g in units.groups}

    # Names and aliases must be unique across units and groups.
    sections: list[tuple[str, Sequence[Unit | Group]]] = [
        ("units", units.units),
        ("groups", units.groups),
    ]
    for section, entries in sections:
        for i, entry in enumerate(entries):
            for j, name in enumerate([entry.name, *entry.aliases]):
                path: Path_ = (section, i, "name") if j == 0 else (section, i, "aliases", j - 1)
                if name in catalogue.lookup and catalogue.lookup[name] != entry.name:
                    problems.append(
                        units_doc.problem(
                            path, f"name '{name}' is already used by '{catalogue.lookup[name]}'"
                        )
                    )
                else:
                    catalogue.lookup[name] = entry.name
    known = list(catalogue.lookup)

    for i, group in enumerate(units.groups):
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
                unit_names = [u.name for u in units.units]
                problems.append(
                    units_doc.problem(
                        path, f"member '{member}' is not a unit{did_you_mean(member, unit_names)}"
                    )
                )
            else:
                members.append(canonical)
        catalogue.members[group.name] = members

    def check_units(doc: YamlDoc, path: Path_, names: list[str]) -> None:
        for k, name in enumerate(names):
            if name not in catalogue.lookup:
                problems.append(
                    doc.problem((*path, k), f"unknown unit '{name}'{did_you_mean(name, known)}")
                )

    plan_doc, plan = loaded.plans[0] if loaded.plans else (None, None)
    for extra_doc, _ in loaded.plans[1:]:
        problems.append(extra_doc.problem((), "only one plan_*.yaml file is allowed"))
    measure_numbers: set[int] = set()
    if plan is not None and plan_doc is not None:
        catalogue.plan = plan
        measure_numbers = _check_plan(plan_doc, plan, problems, check_units)

    seen_ids: dict[str, str] = {}
    for doc, tasks_file in loaded.tasks:
        seen_seq: set[int] = set()
        for i, task in enumerate(tasks_file.tasks):
            index = _source_index(doc, task.id, i)
            base: Path_ = ("tasks", index)
            if task.id in seen_ids:
                problems.append(
                    doc.problem(
                        (*base, "id"),
                        f"duplicate task id '{task.id}' (also in {seen_ids[task.id]})",
                    )
                )
            seen_ids[task.id] = doc.file
            if task.seq in seen_seq:
                problems.append(doc.problem((*base, "seq"), f"duplicate seq {task.seq}"))
            seen_seq.add(task.seq)
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


def _source_index(doc: YamlDoc, task_id: str, fallback: int) -> int:
    """Index of the task in the file (salvaged lists skip invalid entries)."""
    items = doc.data.get("tasks") if isinstance(doc.data, dict) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("id") == task_id:
                return i
    return fallback


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
