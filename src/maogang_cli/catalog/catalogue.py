"""A checked catalogue, and what is gathered while checking one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from maogang_cli.catalog.models import HazardsFile, PlanFile, Task, TasksFile, UnitsFile
from maogang_cli.catalog.yamlsource import YamlDoc
from maogang_cli.errors import Problem


@dataclass
class Catalogue:
    """A checked catalogue. `lookup` maps every name and alias to its canonical name,
    `keys` every canonical name to its unit key."""

    units: UnitsFile
    tasks: list[tuple[int, Task, str]] = field(default_factory=list)  # (year, task, file)
    plan: PlanFile | None = None
    lookup: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    hazards: HazardsFile | None = None  # villages and sectors; None without hazards.yaml
    keys: dict[str, str] = field(default_factory=dict)

    def expand(self, names: Iterable[str]) -> list[str]:
        """Canonical units behind `names`: groups give their members; a memberless group stays."""
        out: dict[str, None] = {}
        for name in names:
            canonical = self.lookup.get(name, name)
            for unit in self.members.get(canonical) or [canonical]:
                out[unit] = None
        return list(out)

    def task_pairs(self) -> list[tuple[str, str, str]]:
        """(task id, canonical unit, "responsible" or "cooperating") for every unit that
        reports on a task; a unit both responsible and cooperating reports once, as 主办."""
        pairs: list[tuple[str, str, str]] = []
        for _year, task, _source in self.tasks:
            lead = self.expand(self.lookup[n] for n in task.responsible)
            support = [
                u for u in self.expand(self.lookup[n] for n in task.cooperating) if u not in lead
            ]
            pairs += [(task.id, u, "responsible") for u in lead]
            pairs += [(task.id, u, "cooperating") for u in support]
        return pairs


@dataclass
class Loaded:
    units: tuple[YamlDoc, UnitsFile] | None = None
    plans: list[tuple[YamlDoc, PlanFile]] = field(default_factory=list)
    hazards: list[tuple[YamlDoc, HazardsFile]] = field(default_factory=list)
    # (document, file, index of each task in the file's `tasks` list)
    tasks: list[tuple[YamlDoc, TasksFile, list[int]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
