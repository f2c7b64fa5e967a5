"""`maogang tasks`: the documented JSON contract, filters, and tables that fit 80 columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from conftest import Invoke

ROW_14: dict[str, Any] = {
    "id": "2024-14",
    "year": 2024,
    "seq": 14,
    "action": "开展重大事故隐患动态清零行动",
    "title": "健全重大事故隐患排查整治动态数据库",
    "description": "健全重大事故隐患数据库，实现企业自查上报、督导检查发现、群众举报查实等"
    "重大事故隐患分级管理、全量汇总。",
    "deadline": "2024-12-31",
    "responsible": ["镇安委办", "泖港派出所", "泖港市场监管所", "城运中心", "规建办"],
    "cooperating": ["各村居", "镇属相关公司", "镇安委会有关成员单位"],
    "responsible_etc": True,
    "cooperating_etc": False,
    "responsible_units": ["镇安委办", "泖港派出所", "泖港市场监管所", "城运中心", "规建办"],
    # the group's members, less those already responsible (a unit reports once, as 主办)
    "cooperating_units": [
        "各村居",
        "镇属相关公司",
        "农办",
        "经发办",
        "城建中心",
        "社事办",
        "绿容所",
        "环保办",
        "综合行政执法队",
    ],
    "measures": [15],
    "milestones": [],
    "retired": False,
}


def tasks(invoke: Invoke, *args: str) -> list[dict[str, Any]]:
    result = invoke("tasks", "--json", *args)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def seqs(invoke: Invoke, *args: str) -> list[int]:
    return [row["seq"] for row in tasks(invoke, *args)]


def test_the_json_contract_for_one_task(invoke: Invoke) -> None:
    rows = tasks(invoke)
    assert [row["seq"] for row in rows] == list(range(1, 27))
    assert rows[13] == ROW_14
    assert list(rows[13]) == list(ROW_14)  # the documented key order too


def test_every_task_has_the_same_keys_and_types(invoke: Invoke) -> None:
    for row in tasks(invoke):
        assert list(row) == list(ROW_14)
        for key, value in ROW_14.items():
            assert type(row[key]) is type(value), (row["id"], key)


def test_deadlines_are_the_last_day_of_the_month(invoke: Invoke) -> None:
    deadlines = {row["seq"]: row["deadline"] for row in tasks(invoke)}
    assert deadlines[4] == "2024-04-30"
    assert deadlines[6] == "2024-06-30"
    assert deadlines[7] == "2024-09-30"
    assert deadlines[8] == "2024-11-30"
    assert deadlines[1] == "2024-12-31"


def test_milestones_and_memberless_groups(invoke: Invoke) -> None:
    row16 = tasks(invoke)[15]
    assert row16["milestones"] == [
        {
            "due": "2024-03-31",
            "text": "组织餐饮企业主要负责人落实主体责任培训；消防重点单位主要负责人消防安全管理培训。",
        },
        {"due": "2024-06-30", "text": "组织开展生产经营单位负责人安全生产培训。"},
    ]
    # 各村居 names no members: it reports as itself
    assert row16["cooperating_units"] == ["各村居", "经发公司"]


def test_aliases_are_stored_canonical(invoke: Invoke) -> None:
    row25 = tasks(invoke)[24]
    # the list writes 镇属各企事业单位, an alias of the group 镇属企事业单位
    assert row25["cooperating"] == ["各村居", "镇属企事业单位"]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("镇监察办", [6, 10]),
        ("监察办", [6, 10]),  # an alias
        ("柳港派出所", [n for n in range(1, 27) if n not in (4, 16)]),
        ("各村居", [5, 9, 14, 15, 16, 25]),  # a memberless group
        ("镇属各企事业单位", [5, 25]),
        ("经发公司", [2, 16, 17, 18]),
        # a group: the tasks any of its members reports for
        ("各负有安全生产监管职责的部门", [n for n in range(1, 27) if n not in (4, 16)]),
        (" 镇监察办 ", [6, 10]),
    ],
)
def test_unit_filter(invoke: Invoke, unit: str, expected: list[int]) -> None:
    assert seqs(invoke, "--unit", unit) == expected


def test_the_unit_filter_matches_the_reporting_units(invoke: Invoke) -> None:
    every = tasks(invoke)
    for unit in ("城运中心", "镇安委办", "各生产经营单位", "农办"):
        reports = [
            r["seq"] for r in every if unit in r["responsible_units"] + r["cooperating_units"]
        ]
        assert seqs(invoke, "-u", unit) == reports


def test_unknown_unit(invoke: Invoke) -> None:
    result = invoke("tasks", "--unit", "镇安委")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "错误：未知单位“镇安委”（是否想输入：镇安委办？）\n"


def test_unknown_unit_with_nothing_near(invoke: Invoke) -> None:
    result = invoke("tasks", "--unit", "区应急局")
    assert (result.exit_code, result.stderr) == (1, "错误：未知单位“区应急局”\n")


def test_empty_unit(invoke: Invoke) -> None:
    result = invoke("tasks", "--unit", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "错误：未给出单位名称\n"


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("全民", [25, 26]),
        ("开展重大事故隐患动态清零行动", [13, 14, 15]),
        ("年度目标", [1, 2, 3]),
        ("没有这个行动", []),
        ("%", []),  # plain text, not a LIKE pattern
        ("_", []),
    ],
)
def test_action_filter(invoke: Invoke, action: str, expected: list[int]) -> None:
    assert seqs(invoke, "--action", action) == expected


def test_filters_combine(invoke: Invoke) -> None:
    assert seqs(invoke, "--action", "责任落实提升", "--unit", "镇监察办") == [6, 10]
    assert seqs(invoke, "--year", "2024", "-a", "全民") == [25, 26]
    no_list = invoke("tasks", "--year", "2025")
    assert (no_list.exit_code, no_list.stderr) == (
        1,
        "错误：没有2025年的任务清单（现有清单：2024）\n",
    )


def test_the_first_command_loads_an_empty_database(invoke: Invoke, isolation: Path) -> None:
    db = isolation / "maogang.db"
    assert not db.exists()
    assert len(tasks(invoke)) == 26
    assert db.is_file()
    assert invoke("load").stdout.startswith("已是最新：任务26项")


# --- tables -----------------------------------------------------------------------------------


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_table(invoke: Invoke) -> None:
    result = invoke("tasks", "--unit", "监察办")
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "任务清单 2024",
        "",
        " 序号  工作目标任务      时间节点    责任单位          配合单位",
        " " + "-" * 74,
        "    6  进一步强化党委政  2024-06-30  镇党政班子成员    -",
        "       府责任                        镇安委会成员单位",
        "   10  进一步强化工作评  2024-11-30  镇安委办          镇安委会有关成员单位",
        "       估考核                        镇监察办",
        "",
        "共2项",
    ]


def test_table_in_english(invoke: Invoke) -> None:
    result = invoke("tasks", "--unit", "监察办", "--lang", "en")
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Tasks 2024",
        "",
        " No.  Task              Deadline    Responsible       Cooperating",
        " " + "-" * 73,
        "   6  进一步强化党委政  2024-06-30  镇党政班子成员    -",
        "      府责任                        镇安委会成员单位",
        "  10  进一步强化工作评  2024-11-30  镇安委办          镇安委会有关成员单位",
        "      估考核                        镇监察办",
        "",
        "2 tasks",
    ]


def test_units_one_per_line_and_etc(invoke: Invoke) -> None:
    text = lines(invoke("tasks", "-a", "动态清零").stdout)
    # At 80 columns the cooperating units go under the responsible ones, names whole.
    assert text[6:15] == [
        "   14  健全重大事故隐患  2024-12-31  镇安委办",
        "       排查整治动态数据              泖港派出所",
        "       库                            泖港市场监管所",
        "                                     城运中心",
        "                                     规建办等",
        "                                       配合单位：",
        "                                       各村居",
        "                                       镇属相关公司",
        "                                       镇安委会有关成员单位",
    ]
    english = lines(invoke("tasks", "-a", "动态清零", "--lang", "en").stdout)
    assert "  规建办 etc.\n" in "\n".join(english) + "\n"


def test_empty_table(invoke: Invoke) -> None:
    result = invoke("tasks", "--unit", "经发公司", "--action", "全民")
    assert lines(result.stdout)[0] == "任务清单"
    assert lines(result.stdout)[-1] == "共0项"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_full_table_fits_80_columns(invoke: Invoke, lang: str) -> None:
    result = invoke("tasks", "--lang", lang)
    assert result.exit_code == 0
    widths = [cell_len(line) for line in result.stdout.splitlines()]
    assert max(widths) <= 80
    cells = [part for line in result.stdout.splitlines() for part in line.split()]
    for row in tasks(invoke):
        assert row["title"][:4] in cells[cells.index(str(row["seq"])) + 1]
        # unit names of up to 10 characters are never cut (nor cropped at the edge)
        for name in row["responsible"] + row["cooperating"]:
            if len(name) <= 10:
                assert name in cells or f"{name}等" in cells


def test_json_does_not_draw(invoke: Invoke) -> None:
    result = invoke("tasks", "--json", "--lang", "en")
    assert result.stdout.startswith("[")
    assert " ---" not in result.stdout  # no table rule in machine output
