"""`maogang agenda`: what falls due in a window, one item per owing unit, and whether done."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import Invoke, duty_short_names, milestone_short_names

DISPATCH = "原则上每季度组织召开治本攻坚调度会，通报工作进展，分析存在问题，部署推进重点工作"


def agenda(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    result = invoke("agenda", "--json", *args)
    assert result.exit_code == 0, result
    items: list[dict[str, object]] = json.loads(result.stdout)
    return items


def test_agenda_json_contract_for_one_unit(invoke: Invoke) -> None:
    invoke("record", "2024-16", "-u", "镇安委办", "-s", "done", "-d", "2024-06-28")
    invoke(
        "duty",
        "done",
        "quarterly_dispatch_meeting",
        "-p",
        "2024-Q2",
        "-u",
        "镇安委办",
        "-d",
        "2024-06-20",
    )
    items = agenda(invoke, "--month", "2024-06", "--unit", "镇安委办", "--as-of", "2024-07-01")
    assert items == [
        {
            "kind": "task",
            "ref": "2024-16",
            "title": "推动相关行业领域生产经营单位主要负责人教育培训全覆盖",
            "due": "2024-06-30",
            "unit": "镇安委办",
            "done": True,
        },
        {
            "kind": "task_milestone",
            "ref": "2024-16#2",
            "title": "组织开展生产经营单位负责人安全生产培训。",
            "due": "2024-06-30",
            "unit": "镇安委办",
            "done": True,
        },
        {
            "kind": "duty",
            "ref": "quarterly_dispatch_meeting/2024-Q2",
            "title": DISPATCH,
            "due": "2024-06-30",
            "unit": "镇安委办",
            "done": True,
        },
        {
            "kind": "duty",
            "ref": "half_yearly_progress_assessment/2024-H1",
            "title": "每半年开展一次进度评估",
            "due": "2024-06-30",
            "unit": "镇安委办",
            "done": False,
        },
        {
            "kind": "duty",
            "ref": "quarterly_review/2024-Q2",
            "title": "行业领域、属地治本攻坚行动季度点评",
            "due": "2024-06-30",
            "unit": "镇安委办",
            "done": False,
        },
    ]


def test_done_is_as_of_the_day(invoke: Invoke) -> None:
    invoke("record", "2024-16", "-u", "镇安委办", "-s", "done", "-d", "2024-06-28")
    invoke(
        "duty", "done", "quarterly_review", "-p", "2024-Q2", "-u", "镇安委办", "-d", "2024-07-03"
    )
    before = agenda(invoke, "--month", "2024-06", "-u", "镇安委办", "--as-of", "2024-06-27")
    assert [i["done"] for i in before] == [False, False, False, False, False]
    after = agenda(invoke, "--month", "2024-06", "-u", "镇安委办", "--as-of", "2024-07-03")
    assert [(i["ref"], i["done"]) for i in after] == [
        ("2024-16", True),
        ("2024-16#2", True),
        ("quarterly_dispatch_meeting/2024-Q2", False),
        ("half_yearly_progress_assessment/2024-H1", False),
        ("quarterly_review/2024-Q2", True),  # done late is still done
    ]


def test_whole_month_one_item_per_owing_unit_sorted_by_due(invoke: Invoke) -> None:
    items = agenda(invoke, "--month", "2024-06", "--as-of", "2024-06-01")
    assert len(items) == 50
    assert all(list(i) == ["kind", "ref", "title", "due", "unit", "done"] for i in items)
    assert [i["due"] for i in items] == sorted(str(i["due"]) for i in items)
    counts: dict[str, int] = {}
    for i in items:
        counts[str(i["ref"])] = counts.get(str(i["ref"]), 0) + 1
    assert counts == {
        "monthly_report/2024-06": 21,  # 18 镇安委会成员单位, 经发公司, 各村居, 镇属企事业单位
        "2024-06": 19,  # 镇党政班子成员 and the 18 镇安委会成员单位
        "2024-16": 1,
        "2024-16#2": 1,
        "quarterly_dispatch_meeting/2024-Q2": 1,
        "half_yearly_progress_assessment/2024-H1": 1,
        "quarterly_leadership_safety_meeting/2024-Q2": 1,
        "quarterly_review/2024-Q2": 2,
        "principal_hazard_inspection/2024-Q2": 1,
        "principal_hazard_inspection_high_risk/2024-06": 1,
        "evacuation_drill_high_risk/2024-H1": 1,
    }
    assert [i["kind"] for i in items[:22]] == ["duty"] * 21 + ["task"]
    assert items[21]["unit"] == "党政办" and items[39]["unit"] == "镇党政班子成员"


def test_plan_milestones_and_other_windows(invoke: Invoke) -> None:
    dec = agenda(invoke, "--from", "2024-12-31", "--to", "2024-12-31", "--as-of", "2024-12-01")
    kinds = {(i["kind"], i["ref"]) for i in dec}
    assert ("plan_milestone", "m03-2024") in kinds
    assert ("plan_milestone", "m19-2024") in kinds
    assert ("duty", "evacuation_drill/2024") in kinds
    assert ("task", "2024-14") in kinds
    march = agenda(invoke, "--month", "2024-03", "--as-of", "2024-04-10")
    assert [(i["kind"], i["ref"], i["unit"], i["done"]) for i in march] == [
        ("task_milestone", "2024-16#1", "镇安委办", False)
    ]
    year = agenda(invoke, "--year", "2026", "--unit", "农办", "--as-of", "2024-06-01")
    assert {i["ref"] for i in year if i["kind"] != "duty"} == {"m03-2026"}
    assert len([i for i in year if str(i["ref"]).startswith("monthly_report/")]) == 12


def test_default_window_is_the_as_of_month(invoke: Invoke) -> None:
    assert agenda(invoke, "--as-of", "2024-05-10", "-u", "城运中心") == [
        {
            "kind": "duty",
            "ref": "monthly_report/2024-05",
            "title": "每月25日前向镇工作专班报送工作开展情况及任务清单完成情况",
            "due": "2024-05-25",
            "unit": "城运中心",
            "done": False,
        }
    ]


def test_agenda_table_groups_units(invoke: Invoke) -> None:
    invoke(
        "duty", "done", "quarterly_review", "-p", "2024-Q2", "-u", "镇监察办", "-d", "2024-06-20"
    )
    r = invoke(
        "agenda",
        "--from",
        "2024-06-26",
        "--to",
        "2024-06-30",
        "-u",
        "镇监察办",
        "--as-of",
        "2024-07-01",
    )
    assert [line.rstrip() for line in r.stdout.splitlines()] == [
        "到期事项 2024-06-26 至 2024-06-30（截至 2024-07-01）",
        "",
        " 到期        事项                                完成",
        " ----------------------------------------------------",
        " 2024-06-30  任务 2024-06                         0/1",
        "             进一步强化党委政府责任",
        "             未完成：镇监察办",
        " 2024-06-30  职责 季度点评 2024-Q2                1/1",  # its short name
        "             行业领域、属地治本攻坚行动季度点评",
        "",
        "共2项（按单位计），未完成1项",
        "完成：已完成的单位/应完成的单位",
    ]
    whole = invoke("agenda", "--month", "2024-06", "--as-of", "2024-06-01").stdout
    assert max(cell_len(line) for line in whole.splitlines()) <= 80
    assert "共50项（按单位计），未完成50项" in whole.splitlines()


def test_empty_window_in_both_languages(invoke: Invoke) -> None:
    r = invoke("agenda", "--from", "2024-04-01", "--to", "2024-04-02")
    assert r.stdout == "2024-04-01 至 2024-04-02 没有到期事项。\n"
    r = invoke("agenda", "--from", "2024-04-01", "--to", "2024-04-02", "--lang", "en")
    assert r.stdout == "Nothing falls due 2024-04-01 to 2024-04-02.\n"


def unit_lines_of(out: str) -> list[str]:
    """The lines listing the units not done: the labelled one and those continuing it."""
    found, listing = [], False
    for line in out.splitlines():
        item = line[13:].strip()
        for label in ("未完成：", "Not done: "):
            if item.startswith(label):
                listing, item = True, item.removeprefix(label)
        if listing:
            found.append(item)
            listing = item.endswith(("、", ","))
    return found


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_units_and_ids_stay_whole(
    invoke: Invoke, width: Callable[[int], None], columns: int, lang: str
) -> None:
    window = ("--month", "2024-06", "--as-of", "2024-06-20")
    items = agenda(invoke, *window)
    width(columns)
    out = invoke("agenda", *window, "--lang", lang).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    words = set(out.split())
    short = duty_short_names()  # a duty is shown by its short name, which `duty done` takes
    refs = {str(i["ref"]).split("/")[0] for i in items}
    assert {short.get(ref, ref) for ref in refs} <= words  # ids whole
    names = [
        name.strip()
        for line in unit_lines_of(out)
        for name in line.replace("、", ",").split(",")
        if name.strip()
    ]
    assert Counter(names) == Counter(str(i["unit"]) for i in items if not i["done"])
    ambiguous = {c for c in out.replace("-", "") if unicodedata.east_asian_width(c) == "A"}
    assert ambiguous == set()
    if lang == "en":
        assert all(c not in out.splitlines()[0] for c in "：，（）")


def test_the_units_column_grows_with_the_terminal(
    invoke: Invoke, width: Callable[[int], None]
) -> None:
    window = ("--month", "2024-06", "--as-of", "2024-06-20")
    heights = []
    for columns in (60, 80, 120):
        width(columns)
        heights.append(len(unit_lines_of(invoke("agenda", *window).stdout)))
    assert heights[0] > heights[1] > heights[2]
    out = invoke("agenda", *window).stdout  # at 120
    assert (
        "             未完成：党政办、经发办、社事办、社建办、规建办、平安办、党群办、农办、"
        "镇监察办、城运中心、城建中心、\n" in out
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2024-13"], "错误：--month: “2024-13”不是实际存在的月份"),
        (["--from", "2024-06-01"], "错误：--from 和 --to 须同时给出两个日期"),
        (
            ["--from", "2024-06-30", "--to", "2024-06-01"],
            "错误：--from 2024-06-30晚于--to 2024-06-01",
        ),
        (["--month", "2024-06", "--year", "2024"], "错误：--month、--year 只能给出一个"),
        (
            ["--as-of", "yesterday"],
            "错误：--as-of: “yesterday”不是日期（应为 YYYY-MM-DD）",
        ),
    ],
)
def test_bad_windows_are_usage_errors(invoke: Invoke, args: list[str], message: str) -> None:
    r = invoke("agenda", *args)
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", message + "\n")


def test_unknown_unit(invoke: Invoke) -> None:
    r = invoke("agenda", "-u", "城运")
    assert r.exit_code == 1
    assert r.stderr.startswith("错误：未知单位“城运”（是否想输入：")


def test_a_plan_milestone_is_named_by_its_short_name(invoke: Invoke) -> None:
    """培树企业, not m03-2024 (tester T14's plan table; the agenda as well)."""
    short = milestone_short_names()
    out = invoke("agenda", "--month", "2024-12", "--as-of", "2024-12-20").stdout
    lines = [line.split() for line in out.splitlines()]
    assert ["2024-12-31", "方案节点", short["m03-2024"], "0/6"] in lines
    assert "m03-2024" not in out
