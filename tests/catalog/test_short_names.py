"""Duties and plan milestones have Chinese short names, each unique and no one's id."""

from __future__ import annotations

from pathlib import Path

from catalog.mini_catalogue import Mini

DUTIES = """\
      - number: 2
        title: 措施二
        milestones:
          - id: m02-2024
            short_name: 培树企业
            due: "2024-12"
            text: 培树企业
duties:
  - id: quarterly_review
    short_name: 季度点评
    title: 季度点评
    frequency: quarterly
    owners: [镇安委办]
    start: "2024-04"
    end: "2026-12"
  - id: quarterly_dispatch_meeting
    short_name: 调度会
    title: 调度会
    frequency: quarterly
    owners: [镇安委办]
    start: "2024-04"
    end: "2026-12"
"""


def mini_with_duties(tmp_path: Path) -> Mini:
    mini = Mini(tmp_path / "mini")
    mini.edit("plan_2024_2026.yaml", "      - number: 2\n        title: 措施二\n", DUTIES)
    return mini


def test_short_names_are_valid(tmp_path: Path) -> None:
    assert mini_with_duties(tmp_path).problems() == []


def test_a_short_name_used_twice_is_refused(tmp_path: Path) -> None:
    mini = mini_with_duties(tmp_path)
    mini.edit("plan_2024_2026.yaml", "short_name: 调度会", "short_name: 季度点评")
    assert mini.problems() == [
        "plan_2024_2026.yaml:26:17: short name '季度点评' is also quarterly_review's"
    ]


def test_a_short_name_that_is_an_id_is_refused(tmp_path: Path) -> None:
    mini = mini_with_duties(tmp_path)
    mini.edit("plan_2024_2026.yaml", "short_name: 培树企业", "short_name: quarterly_review")
    assert mini.problems() == ["plan_2024_2026.yaml:14:25: 'quarterly_review' is already an id"]
