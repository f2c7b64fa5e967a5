"""Load and check a catalogue: YAML syntax, then each file's schema, then cross-file rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from maogang_cli.catalog.catalogue import Catalogue, Loaded
from maogang_cli.catalog.checks import check_hazards, check_year, cross_check
from maogang_cli.catalog.files import UNITS, catalogue_files, kind_of
from maogang_cli.catalog.messages import pydantic_problems
from maogang_cli.catalog.models import (
    Group,
    HazardsFile,
    PlanFile,
    Task,
    TasksFile,
    Unit,
    UnitsFile,
)
from maogang_cli.catalog.yamlsource import YamlDoc, read_yaml
from maogang_cli.errors import Problem

__all__ = ["Catalogue", "gather", "load_catalogue"]

M = TypeVar("M", bound=BaseModel)


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
    loaded = Loaded()
    for path in files:
        _load_file(path, loaded, positions=positions)
    if loaded.units is None and not any(kind_of(f) == "units" for f in files):
        where = str(files[0].parent / UNITS) if files else UNITS
        loaded.problems.append(Problem(where, 1, 1, "units.yaml is missing"))
    catalogue = cross_check(loaded)
    catalogue.hazards = check_hazards(loaded.hazards, loaded.problems)
    problems = sorted(set(loaded.problems))
    return (None if problems else catalogue), problems


def _load_file(path: Path, loaded: Loaded, *, positions: bool = True) -> None:
    kind = kind_of(path)
    if kind is None:
        loaded.problems.append(
            Problem(
                str(path),
                1,
                1,
                "not a catalogue file: name it units.yaml, hazards.yaml, plan_*.yaml "
                "or tasks_*.yaml",
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
    elif kind == "hazards":
        hazards = _validate(HazardsFile, doc, loaded.problems)
        if hazards is not None:
            loaded.hazards.append((doc, hazards))
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
        check_year(path, doc, tasks, loaded.problems)
        loaded.tasks.append((doc, tasks, indices))


def _validate(model: type[M], doc: YamlDoc, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, doc, model))
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
                key = item.get("key")  # only to check that the valid keys differ
                fields["key"] = key.strip() if isinstance(key, str) else ""
                out.append(model.model_construct(name=name.strip(), **fields))
        return out

    return UnitsFile.model_construct(
        units=salvage(Unit, "units", ("aliases",)),
        groups=salvage(Group, "groups", ("aliases", "members")),
    )
