"""Each named rule across the catalogue files (catalog.checks.CHECKS) has its own test: an
edit of the small catalogue that breaks that rule alone, the problem it gives, and proof
that the problem comes from that check (without it, the problem is gone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.mini_catalogue import Mini
from maogang_cli.catalog import checks

MILESTONES_AND_A_DUTY = """\
        milestones:
          - {id: m01, due: "2024-12", text: 节点一, responsible: [城运中心]}
          - {id: m02, due: "2025-12", text: 节点二, responsible: [城运中心]}
duties:
  - {id: d1, title: 职责一, frequency: monthly, owners: [城运中心], start: "2024-05", \
end: "2024-12", measure: 1}
"""

Edit = tuple[str, str, str]  # file, old text, new text
BREAKS: dict[str, tuple[list[Edit], list[str]]] = {
    "unit-keys": (
        [("units.yaml", "key: gjb", "key: cyzx")],
        ["units.yaml:13:10: 键“cyzx”已被使用（第9行）：每个单位的键只属于它自己，永不复用"],
    ),
    "unit-names": (
        [("units.yaml", "aliases: [镇规建办]", "aliases: [城运中心]")],
        ["units.yaml:12:15: name '城运中心' is already used by '城运中心' (line 7)"],
    ),
    "group-members": (
        [("units.yaml", "members: [城运中心, 镇规建办]", "members: [城运中心, 规建]")],
        ["units.yaml:16:21: member '规建' is not a unit (did you mean: 规建办?)"],
    ),
    "known-units": (
        [("tasks_2024.yaml", "cooperating: [各村居]", "cooperating: [区应急局]")],
        ["tasks_2024.yaml:9:19: unknown unit '区应急局'"],
    ),
    "one-plan": (
        [("plan_2025.yaml", "", "")],  # a copy of the plan file
        ["plan_2025.yaml:1:1: only one plan_*.yaml file is allowed"],
    ),
    "measure-numbers": (
        [("plan_2024_2026.yaml", "      - number: 2", "      - number: 1")],
        ["plan_2024_2026.yaml:10:17: duplicate measure number 1"],
    ),
    "milestone-ids": (
        [("plan_2024_2026.yaml", "{id: m02,", "{id: m01,")],
        ["plan_2024_2026.yaml:14:18: duplicate id 'm01'"],
    ),
    "short-names": (
        [("plan_2024_2026.yaml", "{id: m02,", "{id: m02, short_name: d1,")],
        ["plan_2024_2026.yaml:14:35: 'd1' is already an id"],
    ),
    "duties": (
        [("plan_2024_2026.yaml", 'end: "2024-12", measure: 1}', 'end: "2024-04", measure: 3}')],
        [
            "plan_2024_2026.yaml:16:85: duty ends before it starts",
            "plan_2024_2026.yaml:16:105: measure 3 is not in the plan",
        ],
    ),
    "task-ids": (
        [("tasks_2024.yaml", 'id: "2024-02"', 'id: "2024-01"')],
        ["tasks_2024.yaml:11:9: duplicate task id '2024-01' (first at {root}/tasks_2024.yaml:3)"],
    ),
    "task-seqs": (
        [("tasks_2024.yaml", "seq: 2", "seq: 1")],
        ["tasks_2024.yaml:12:10: duplicate seq 1 (first at line 4)"],
    ),
    "task-measures": (
        [("tasks_2024.yaml", "measures: [1]", "measures: [1, 31]")],
        ["tasks_2024.yaml:10:19: measure 31 is not in the plan"],
    ),
}


def broken(tmp_path: Path, name: str) -> tuple[Mini, list[str]]:
    mini = Mini(tmp_path / "mini")
    mini.edit(
        "plan_2024_2026.yaml",
        "        title: 措施二\n",
        "        title: 措施二\n" + MILESTONES_AND_A_DUTY,
    )
    assert mini.problems() == []
    edits, expected = BREAKS[name]
    for file, old, new in edits:
        if old:
            mini.edit(file, old, new)
        else:
            mini.write(file, (mini.root / "plan_2024_2026.yaml").read_text("utf-8"))
    return mini, [line.format(root=mini.root) for line in expected]


def test_every_check_has_a_name_a_rule_and_a_test() -> None:
    names = [check.name for check in checks.CHECKS]
    assert len(names) == len(set(names))
    assert all(check.rule for check in checks.CHECKS)
    assert sorted(names) == sorted(BREAKS)


def test_every_check_is_listed_in_the_docs() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "catalogue.md").read_text("utf-8")
    for check in checks.CHECKS:
        assert f"| `{check.name}` | {check.rule} |" in docs


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_check_finds_what_breaks_its_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    mini, expected = broken(tmp_path, name)
    found = mini.problems()
    assert [line for line in expected if line not in found] == []
    # Without this check the problem is not reported: it is this check's.
    others = tuple(check for check in checks.CHECKS if check.name != name)
    monkeypatch.setattr(checks, "CHECKS", others)
    _catalogue, without = mini.load()
    assert [line for line in expected if line in without] == []
