"""A duty or plan milestone named by its short name wherever its id is taken."""

from __future__ import annotations

from conftest import Invoke


def test_duty_done_takes_a_short_name(invoke: Invoke) -> None:
    by_name = invoke("duty", "done", "调度会", "--period", "2024-Q2", "--unit", "镇安委办",
                     "--date", "2024-06-20", "--by", "李四")  # fmt: skip
    assert by_name.exit_code == 0, by_name
    assert by_name.stderr.startswith("已完成：调度会 2024-Q2 镇安委办，")
    review = invoke("duty", "done", "季度点评", "--period", "2024-Q2", "--unit", "镇安委办",
                    "--date", "2024-06-20")  # fmt: skip
    assert review.stderr.startswith("已完成：季度点评 2024-Q2 镇安委办，")


def test_a_plan_milestone_by_its_short_name(invoke: Invoke) -> None:
    result = invoke("duty", "done", "培树企业", "--unit", "经发办", "--date", "2024-11-20")
    assert result.exit_code == 0, result
    assert result.stderr.startswith("已完成：培树企业 2024-12 经发办，2024-11-20完成")


def test_an_unknown_short_name_suggests_the_known_ones(invoke: Invoke) -> None:
    result = invoke("duty", "done", "调度", "--period", "2024-Q2", "--unit", "镇安委办")
    assert result.exit_code == 1
    assert "调度会" in result.stderr


def test_a_mistyped_milestone_short_name_suggests_it(invoke: Invoke) -> None:
    # Milestones' short names are suggested as well as duties' (a separate query).
    result = invoke("duty", "done", "消防供", "--unit", "镇安委办", "--date", "2024-06-20")
    assert result.exit_code == 1
    assert result.stderr == "错误：未知职责或方案节点“消防供”（是否想输入：消防供水？）\n"
