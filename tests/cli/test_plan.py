"""`maogang plan`: the nine actions and 30 measures with tasks and milestone states."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import Invoke, milestone_short_names

GUARDED = ("pydantic", "yaml", "sqlite_utils", "openpyxl")
DEPARTMENTS = ["经发办", "规建办", "农办", "综合行政执法队", "泖港派出所", "泖港市场监管所"]


def units(states: dict[str, tuple[str, str | None]]) -> list[dict[str, object]]:
    """The milestone's `units` for 各负有安全生产监管职责的部门, not_due unless given."""
    return [
        {
            "unit": u,
            "state": states.get(u, ("not_due", None))[0],
            "done_on": states.get(u, ("", None))[1],
        }
        for u in DEPARTMENTS
    ]


M03_TEXT = "各负有安全生产监管职责的部门，培树本行业、本领域2-3家企业"
M03_2026_TEXT = (
    "各负有安全生产监管职责的部门总结经验做法，在本行业、本领域企业进行推广，形成长效机制"
)


def test_plan_json_first_action_exactly(invoke: Invoke) -> None:
    done = invoke("duty", "done", "m03-2024", "-u", "规建办", "-d", "2024-11-20")
    assert done.exit_code == 0, done
    result = invoke("plan", "--json", "--as-of", "2024-12-01")
    assert result.exit_code == 0, result
    actions = json.loads(result.stdout)
    assert actions[0] == {
        "number": 1,
        "title": "开展安全生产责任落实提升行动",
        "measures": [
            {
                "number": 1,
                "title": "进一步强化党委政府责任",
                "milestones": [],
                "tasks": ["2024-06"],
            },
            {
                "number": 2,
                "title": "进一步夯实部门监管责任",
                "milestones": [],
                "tasks": ["2024-07"],
            },
            {
                "number": 3,
                "title": "进一步压实企业主体责任",
                "milestones": [
                    {
                        "id": "m03-2024",
                        "due": "2024-12-31",
                        "text": M03_TEXT,
                        "responsible": ["各负有安全生产监管职责的部门"],
                        "state": "open",
                        "units": units({"规建办": ("on_time", "2024-11-20")}),
                    },
                    {
                        "id": "m03-2026",
                        "due": "2026-12-31",
                        "text": M03_2026_TEXT,
                        "responsible": ["各负有安全生产监管职责的部门"],
                        "state": "open",
                        "units": units({}),
                    },
                ],
                "tasks": ["2024-08"],
            },
            {
                "number": 4,
                "title": "进一步夯实属地管理责任",
                "milestones": [],
                "tasks": ["2024-09"],
            },
            {
                "number": 5,
                "title": "进一步强化工作评估考核",
                "milestones": [],
                "tasks": ["2024-10"],
            },
        ],
    }


def test_plan_json_has_nine_actions_and_thirty_measures_in_document_order(invoke: Invoke) -> None:
    actions = json.loads(invoke("plan", "--json", "--as-of", "2024-12-01").stdout)
    assert [(a["number"], [m["number"] for m in a["measures"]]) for a in actions] == [
        (1, [1, 2, 3, 4, 5]),
        (2, [6, 7, 8, 9, 10, 11, 12]),
        (3, [13, 14, 15, 16]),
        (4, [17]),
        (5, [18, 19, 20]),
        (6, [21]),
        (7, [22, 23, 24, 25]),
        (8, [26, 27, 28]),
        (9, [29, 30]),
    ]
    measures = {m["number"]: m for a in actions for m in a["measures"]}
    assert all(list(m) == ["number", "title", "milestones", "tasks"] for m in measures.values())
    assert measures[25]["tasks"] == ["2024-21", "2024-22"]
    assert [m for m in (13, 14, 18, 21, 27) if measures[m]["tasks"]] == []
    milestones = {s["id"]: (n, s["due"]) for n, m in measures.items() for s in m["milestones"]}
    assert milestones == {
        "m03-2024": (3, "2024-12-31"),
        "m03-2026": (3, "2026-12-31"),
        "m06-2024": (6, "2024-12-31"),
        "m19-2024": (19, "2024-12-31"),
        "m21-2025": (21, "2025-12-31"),
        "m27-2025": (27, "2025-12-31"),
        "m28-2025": (28, "2025-12-31"),
    }


def test_milestone_state_follows_the_as_of_day(invoke: Invoke) -> None:
    for unit in DEPARTMENTS[:-1]:
        invoke("duty", "done", "m03-2024", "-u", unit, "-d", "2024-12-20")
    invoke("duty", "done", "m03-2024", "-u", "泖港市场监管所", "-d", "2025-01-06")

    def m03(as_of: str) -> dict[str, object]:
        actions = json.loads(invoke("plan", "--json", "--as-of", as_of).stdout)
        step: dict[str, object] = actions[0]["measures"][2]["milestones"][0]
        return step

    assert m03("2024-12-19")["state"] == "open"
    assert m03("2025-01-01")["state"] == "overdue"
    assert m03("2025-01-01")["units"] == units(
        {u: ("on_time", "2024-12-20") for u in DEPARTMENTS[:-1]}
        | {"泖港市场监管所": ("missing", None)}
    )
    after = m03("2025-01-06")
    assert after["state"] == "done"
    assert after["units"] == units(
        {u: ("on_time", "2024-12-20") for u in DEPARTMENTS[:-1]}
        | {"泖港市场监管所": ("late", "2025-01-06")}
    )


def test_plan_table_at_80_columns(invoke: Invoke) -> None:
    invoke("record", "2024-08", "-u", "规建办", "-s", "done", "-d", "2024-11-01")
    out = invoke("plan", "--as-of", "2025-01-01").stdout
    lines = out.splitlines()
    assert lines[:4] == [
        "三年行动计划（截至 2025-01-01）",
        "目标 2024-12-31  基本消除2023年及以前排查发现的重大事故隐患存量",
        "目标 2025-12-31  有效遏制重大事故隐患增量",
        "目标 2026-12-31  形成重大事故隐患动态清零的常态化机制",
    ]
    assert lines[4:11] == [
        "（一）开展安全生产责任落实提升行动",
        "",
        " 序号  措施                      任务          方案节点",
        " " + "-" * 79,
        "    1  进一步强化党委政府责任    2024-06 0/19  -",
        "    2  进一步夯实部门监管责任    2024-07 0/12  -",
        "    3  进一步压实企业主体责任    2024-08 1/6   培树企业 2024-12-31 逾期 0/6",
    ]
    # a milestone by its short name, not its id (m03-2026); 未到期 0/6 not broken (T14)
    assert lines[11:13] == [
        "                                               推广长效机制 2026-12-31",
        "                                               未到期 0/6",
    ]
    assert "（九）开展全民安全素质提升行动" in out
    assert lines[-1] == "n/m：已完成的单位数/责任单位数（任务按主办单位计）。"
    assert max(cell_len(line) for line in lines) <= 80  # display width: 汉字 take two


def test_plan_table_in_english(invoke: Invoke) -> None:
    out = invoke("plan", "--as-of", "2025-01-01", "--lang", "en").stdout
    assert out.startswith("The three-year plan as of 2025-01-01\nTarget 2024-12-31  ")
    assert "培树企业 2024-12-31 overdue 0/6" in out
    assert "判定标准学习 2024-12-31\n" in out and " overdue 0/11\n" in out
    headings = [line.rstrip() for line in out.splitlines() if line[:2].rstrip(". ").isdigit()]
    actions = json.loads(invoke("plan", "--json", "--as-of", "2025-01-01").stdout)
    assert headings == [f"{a['number']}. {a['title']}" for a in actions]
    assert headings[0] == "1. 开展安全生产责任落实提升行动"
    # Words the program writes (not the plan's Chinese text) use ASCII punctuation.
    chrome = [line for line in out.splitlines() if not line[:2].rstrip(". ").isdigit()]
    chrome = [line for line in chrome if not any("\u4e00" <= c <= "\u9fff" for c in line)]
    assert chrome and not any(c in line for line in chrome for c in "：，（）。")


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_fits_the_terminal_and_keeps_milestones_whole(
    invoke: Invoke, width: Callable[[int], None], columns: int, lang: str
) -> None:
    actions = json.loads(invoke("plan", "--json", "--as-of", "2025-01-01").stdout)
    width(columns)
    out = invoke("plan", "--as-of", "2025-01-01", "--lang", lang).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= columns  # nothing cropped
    words = set(out.split())
    short = milestone_short_names()
    for measure in (m for a in actions for m in a["measures"]):
        for step in measure["milestones"]:
            assert {short[step["id"]], step["due"]} <= words
        assert set(measure["tasks"]) <= words
    ambiguous = {c for c in out.replace("-", "") if unicodedata.east_asian_width(c) == "A"}
    assert ambiguous == set()  # '-' for an empty cell, not '—'


def test_plan_bad_as_of_is_a_usage_error(invoke: Invoke) -> None:
    r = invoke("plan", "--as-of", "2024-02-30")
    assert (r.exit_code, r.stderr) == (2, "错误：--as-of: “2024-02-30”不是实际存在的日期\n")
