"""wrap.py: prose prefers to end a line after a clause; cells fill their lines."""

from __future__ import annotations

from maogang_cli.wrap import wrap

LEGEND = "红：逾期未完成；黄：15天内到期未完成；绿：其他；阻：有受阻事项。完成率＝已完成÷任务数。"


def test_prose_ends_a_line_after_a_clause_when_the_rest_is_short() -> None:
    # Filled greedily, a line ends 已完 or 有受阻事 (tester T14); as prose, after 。 or ；.
    assert wrap(LEGEND, 80)[0].endswith("完成率＝已完")
    assert wrap(LEGEND, 80, clauses=True) == [
        "红：逾期未完成；黄：15天内到期未完成；绿：其他；阻：有受阻事项。",
        "完成率＝已完成÷任务数。",
    ]
    assert wrap(LEGEND, 60)[0].endswith("阻：有受阻事")
    assert wrap(LEGEND, 60, clauses=True) == [
        "红：逾期未完成；黄：15天内到期未完成；绿：其他；阻：",
        "有受阻事项。完成率＝已完成÷任务数。",
    ]
    # an indented paragraph keeps its indent on the line the clause's rest moves to
    indented = "  一二三四五六七八九十，甲乙丙丁戊己"
    assert wrap(indented, 28) == ["  一二三四五六七八九十，甲乙", "  丙丁戊己"]
    assert wrap(indented, 28, clauses=True) == ["  一二三四五六七八九十，", "  甲乙丙丁戊己"]


def test_a_clause_break_is_taken_only_near_the_end_of_the_line() -> None:
    # The clause ends 24 cells back, more than a quarter of the line: the line fills.
    assert wrap("甲乙；" + "丙" * 30, 30, clauses=True) == [
        "甲乙；" + "丙" * 12,
        "丙" * 15,
        "丙" * 3,
    ]
