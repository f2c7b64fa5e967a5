"""Load and check a catalogue: YAML syntax, then each file's schema, then cross-file rules."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

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
    # (document, file, index of each task in the file's `tasks` list)
    tasks: list[tuple[YamlDoc, TasksFile, list[int]]] = field(default_factory=list)
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
    """Every problem in one pass; the catalogue only when there are none.

    A valid catalogue needs no line numbers, so it is first read the fast way; only when
    something is wrong is it read again keeping every value's position, to locate it.
    """
    catalogue, problems = _load_catalogue(files, positions=False)
    if problems:
        catalogue, problems = _load_catalogue(files, positions=True)
    return catalogue, problems


def _load_catalogue(
    files: list[Path], *, positions: bool
) -> tuple[Catalogue | None, list[Problem]]:
    loaded = _Loaded()
    for path in files:
        _load_file(path, loaded, positions=positions)
    if loaded.units is None and not any(kind_of(f) == "units" for f in files):
        where = str(files[0].parent / UNITS) if files else UNITS
        loaded.problems.append(Problem(where, 1, 1, "units.yaml is missing"))
    catalogue = _cross_check(loaded)
    problems = sorted(set(loaded.problems))
    return (None if problems else catalogue), problems


def _load_file(path: Path, loaded: _Loaded, *, positions: bool = True) -> None:
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
    doc, problems = read_yaml(path, positions=positions)
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
        if tasks is not None:
            indices = list(range(len(tasks.tasks)))
        else:
            tasks, indices = _salvage_tasks(doc)
        _check_year(path, doc, tasks, loaded.problems)
        loaded.tasks.append((doc, tasks, indices))


def _validate(model: type[M], doc: YamlDoc, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, doc, model))
        return None


def _salvage_tasks(doc: YamlDoc) -> tuple[TasksFile, list[int]]:
    """The tasks of an invalid file (and where they are), so cross-file checks still report
    on them: an invalid task keeps the keys that are valid on their own."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("tasks")
    good: list[Task] = []
    indices: list[int] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            good.append(Task.model_validate(item))
        except ValidationError:
            partial = _partial_task(item)
            if partial is None:
                continue
            good.append(partial)
        indices.append(i)
    year = data.get("year")
    tasks = TasksFile.model_construct(year=year if isinstance(year, int) else 0, tasks=good)
    return tasks, indices


def _partial_task(item: Any) -> Task | None:
    """A task built from the keys of `item` that are valid by themselves; None without an id.
    Its seq is None when the seq itself is invalid."""
    if not isinstance(item, dict):
        return None
    fields: dict[str, Any] = {"seq": None, "responsible": [], "cooperating": [], "measures": []}
    for name in Task.model_fields:
        if name in item:
            try:
                fields[name] = _field_adapter(name).validate_python(item[name])
            except ValidationError:
                if name in ("responsible", "cooperating") and isinstance(item[name], list):
                    fields[name] = [v for v in item[name] if isinstance(v, str) and v.strip()]
    if not isinstance(fields.get("id"), str):
        return None
    return Task.model_construct(**fields)


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    info = Task.model_fields[name]
    form: Any = Annotated[info.annotation, info]  # the field's type with its constraints
    return TypeAdapter(form)


def _salvage_units(doc: YamlDoc) -> UnitsFile:
    """The units and groups of an invalid units.yaml. An entry that fails only on, say, its
    kind still lends its name, so the tasks naming it are not reported as unknown too."""
    data = doc.data if isinstance(doc.data, dict) else {}

    def names(value: Any) -> list[str]:
        items = value if isinstance(value, list) else []
        return [v.strip() for v in items if isinstance(v, str) and v.strip()]

    def salvage(model: type[M], key: str, lists: tuple[str, ...]) -> list[M]:
        out = []
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            try:
                out.append(model.model_validate(item))
                continue
            except ValidationError:
                pass
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and name.strip():
                fields: dict[str, Any] = {k: names(item.get(k)) for k in lists}
                out.append(model.model_construct(name=name.strip(), **fields))
        return out

    return UnitsFile.model_construct(
        units=salvage(Unit, "units", ("aliases",)),
        groups=salvage(Group, "groups", ("aliases", "members")),
    )


def _pydantic_problems(
    exc: ValidationError, doc: YamlDoc, model: type[BaseModel]
) -> Iterator[Problem]:
    errors = exc.errors(include_url=False)
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    explained: set[Path_] = set()
    for error in errors:
        loc: Path_ = tuple(error["loc"])
        if error["type"] != "extra_forbidden":
            continue
        key, parent = str(loc[-1]), loc[:-1]
        # A misspelt key usually also leaves a required key missing: say it once.
        absent = [str(m[-1]) for m in missing if m[:-1] == parent]
        close = difflib.get_close_matches(key, absent, n=1, cutoff=0.6)
        if close:
            explained.add((*parent, close[0]))
            message = f"unknown key '{key}' (did you mean: {close[0]}?)"
        else:
            message = f"unknown key '{key}'{did_you_mean(key, _fields_at(model, parent))}"
        yield doc.problem(loc, message, key=True)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" or loc in explained:
            continue
        if error["type"] == "missing":
            yield doc.problem(loc[:-1], f"missing key '{loc[-1]}'")
        else:
            yield doc.problem(loc, _describe(error, model))


def _describe(error: Any, model: type[BaseModel]) -> str:
    """A pydantic error as the clerk should read it: the key, what is wrong, what was there."""
    loc: Path_ = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        message = (
            f"the file must be a mapping with the keys {', '.join(model.model_fields)}"
            if not loc
            else "expected 'key: value' lines here"
        )
    elif kind == "list_type":
        message = "expected a list, written [A, B] or as one '- A' line per item"
        if isinstance(value, str) and re.search(r"[、，,;；\s]", value.strip()):
            message = "expected a list: write [A, B] with ASCII commas, not one text"
    elif kind == "string_type":
        message = "is empty" if value is None else "expected text: put it in quotes"
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = "expected a whole number"
    elif kind in ("bool_parsing", "bool_type"):
        message = "expected true or false"
    elif kind == "string_pattern_mismatch" and field == "id":
        message = "an id is letters, digits, '.', '_' or '-', starting with a letter or digit"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "too_short":
        message = "needs at least one entry"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    # Our own validators quote the value already; containers are too long to repeat.
    quiet = kind == "value_error" or isinstance(value, dict | list) or message == "is empty"
    got = "" if quiet else f" (got {_show(value)})"
    return f"{field}: {message}{got}" if field else f"{message}{got}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = f"'{value}'" if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
    for section, entries in sections:
        for entry, i in zip(entries, _source_indices(units_doc, section, entries), strict=True):
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
    for extra_doc, _ in loaded.plans[1:]:
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
