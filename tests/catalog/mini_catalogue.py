"""A small catalogue written line by line, so tests can name exact lines and columns."""

from __future__ import annotations

from pathlib import Path

from maogang_cli.catalog.files import catalogue_files
from maogang_cli.catalog.load import Catalogue, load_catalogue

UNITS = """\
units:
  - name: 镇安委办
    full_name: 泖港镇安全生产委员会办公室
    kind: office
    aliases: [镇安委会办公室]
    key: zawb
  - name: 城运中心
    kind: department
    key: cyzx
  - name: 规建办
    kind: department
    aliases: [镇规建办]
    key: gjb
groups:
  - name: 有关成员单位
    members: [城运中心, 镇规建办]
    key: ygcy
  - name: 各村居
    key: cj
"""

PLAN = """\
title: 方案
start: "2024-04"
end: "2026-12"
actions:
  - number: 1
    title: 行动一
    measures:
      - number: 1
        title: 措施一
      - number: 2
        title: 措施二
"""

TASKS = """\
year: 2024
tasks:
  - id: "2024-01"
    seq: 1
    action: 年度目标
    title: 任务一
    deadline: "2024-12"
    responsible: [有关成员单位]
    cooperating: [各村居]
    measures: [1]
  - id: "2024-02"
    seq: 2
    action: 部署发动
    title: 任务二
    deadline: "2024-04-30"
    responsible: [镇安委会办公室, 城运中心]
    responsible_etc: true
"""


class Mini:
    """The files of a small valid catalogue in a directory; edit them, then check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.write("units.yaml", UNITS)
        self.write("plan_2024_2026.yaml", PLAN)
        self.write("tasks_2024.yaml", TASKS)

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def load(self) -> tuple[Catalogue | None, list[str]]:
        catalogue, problems = load_catalogue(catalogue_files(self.root))
        prefix = f"{self.root}/"
        return catalogue, [str(p).removeprefix(prefix) for p in problems]

    def problems(self) -> list[str]:
        catalogue, problems = self.load()
        assert (catalogue is None) == bool(problems)
        return problems
