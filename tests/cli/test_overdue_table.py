"""The overdue list as people read it: one table per kind, one row per task, duty period
or plan milestone with the units that missed it, at 60, 80 and 120 columns; and --kind."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import Invoke, duty_short_names

BIG = ("--as-of", "2025-01-05", "--all-duties", "--include-cooperating")


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_one_table_per_kind_and_a_row_per_duty_period(invoke: Invoke) -> None:
    r = invoke("overdue", "--as-of", "2024-07-01", "-u", "镇安委办")
    assert lines_of(r.stdout) == [
        "逾期事项（截至 2024-07-01）",
        "",
        "任务（按单位计2项）",
        "",
        " 编号     任务                                              时间节点    逾期天数",
        " -------------------------------------------------------------------------------",
        " 2024-04  组建专班                                          2024-04-30        62",
        "          未完成：镇安委办",
        " 2024-16  推动相关行业领域生产经营单位主要负责人教育培训全  2024-06-30         1",
        "          覆盖",  # the title's end: the units are led by 未完成：
        "          未完成：镇安委办",
        "",
        "",
        "职责（按单位计3项）",
        "",
        " 期间     职责 / 未完成单位                   逾期天数",
        " -----------------------------------------------------",
        "          调度会",
        "          原则上每季度组织召开治本攻坚调度会",
        " 2024-Q2  镇安委办                                   1",
        "          进度评估",
        "          每半年开展一次进度评估",
        " 2024-H1  镇安委办                                   1",
        "          季度点评",
        "          行业领域、属地治本攻坚行动季度点评",
        " 2024-Q2  镇安委办                                   1",
        "",
        "共5项（按单位计）：任务 2，职责 3。",
    ]


def test_units_that_missed_a_period_share_its_row(
    invoke: Invoke, width: Callable[[int], None]
) -> None:
    width(60)
    r = invoke("overdue", "--as-of", "2024-06-01", "--kind", "duty")
    assert lines_of(r.stdout)[5:] == [
        " -----------------------------------------------------------",
        "          月报",
        "          每月25日前向镇工作专班报送工作开展情况及",
        "          任务清单完成情况",  # the first clause, whole: no '...'
        " 2024-05  党政办、经发办、社事办、社建办、规建办、         7",
        "          平安办、党群办、农办、镇监察办、",
        "          城运中心、城建中心、农业农村服务中心、",
        "          绿容所、拆违办、环保办、综合行政执法队、",
        "          泖港派出所、泖港市场监管所、经发公司、",
        "          各村居、镇属企事业单位",
        "",
        "共21项（按单位计）：职责 21。",
    ]
    items = json.loads(
        invoke("overdue", "--as-of", "2024-06-01", "--kind", "duty", "--json").stdout
    )
    assert len(items) == 21  # the JSON stays one item per unit
    assert {i["ref"] for i in items} == {"monthly_report/2024-05"}


def test_task_rows_note_the_state_and_role_of_each_unit(invoke: Invoke) -> None:
    invoke("record", "2024-05", "-u", "城运中心", "-s", "推进中", "-d", "2024-05-10")
    invoke("record", "2024-05", "-u", "农办", "-s", "受阻", "-d", "2024-05-10")
    args = ("overdue", "--as-of", "2024-07-01", "--include-cooperating", "-k", "task")
    out = invoke(*args).stdout
    assert "农办（受阻）、\n          城运中心（推进中）、城建中心、" in out
    assert "未完成：镇安委办、经发公司（协办）、" in out and "\n          各村居（协办）\n" in out
    en = invoke(*args, "--lang", "en").stdout
    assert {"农办(blocked),", "城运中心(doing),"} <= set(en.split())
    assert "Not done: 镇安委办, 经发公司(support),\n          各村居(support)\n" in en


def test_milestones_in_english(invoke: Invoke) -> None:
    r = invoke(
        "overdue", "--as-of", "2025-01-01", "-k", "plan_milestone", "-u", "规建办", "--lang", "en"
    )
    assert lines_of(r.stdout) == [
        "Overdue as of 2025-01-01",
        "",
        "Plan milestones: 3 items, one per unit",
        "",
        " ID        Milestone                                            Deadline    Days",
        " -------------------------------------------------------------------------------",
        " m03-2024  各负有安全生产监管职责的部门，培树本行业、本领       2024-12-31     1",
        "           域2-3家企业",  # 2-3 stays whole
        "           Not done: 规建办",
        " m06-2024  按要求组织开展重大事故隐患判定标准专题学习培训       2024-12-31     1",
        "           Not done: 规建办",
        " m19-2024  全面细化完善生产经营单位各类从业人员安全生产教育培   2024-12-31     1",
        "           训的频次、内容、范围、时间等规定要求",
        "           Not done: 规建办",
        "",
        "3 items, one per unit: plan milestones 3. Days: days overdue.",
    ]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_names_and_ids_stay_whole_at_any_width(
    invoke: Invoke, width: Callable[[int], None], columns: int
) -> None:
    items = json.loads(invoke("overdue", *BIG, "--json").stdout)
    width(columns)
    out = invoke("overdue", *BIG).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    assert len(out.splitlines()) < len(items)  # 379 items: no longer 4-5 lines each
    refs = {i.get("ref", i.get("task")) for i in items}
    short = duty_short_names()  # a duty is shown by its short name, which `duty done` takes
    ids = {short.get(i, i) for i in (str(ref).split("/")[0] for ref in refs)}
    periods = {str(ref).split("/")[1] for ref in refs if "/" in str(ref)}
    words = set(out.split())
    assert ids <= words  # every task, duty and milestone id whole, once
    assert periods <= words
    # Each unit named once per task, duty period or milestone it missed, never cut.
    groups = Counter(
        i["unit"]
        for i in {(i["unit"], str(i.get("ref", i.get("task")))): i for i in items}.values()
    )
    for unit, count in groups.items():
        assert out.count(unit) == count, unit
    assert not any(line.lstrip().startswith(("、", ",")) for line in out.splitlines())


def test_no_ambiguous_width_characters_in_cells(invoke: Invoke) -> None:
    for lang in ("zh", "en"):
        out = invoke("overdue", *BIG, "--lang", lang).stdout.replace("-", "")  # the rule: output.py
        assert {c for c in out if unicodedata.east_asian_width(c) == "A"} == set()


# --- --kind ------------------------------------------------------------------------------


def kinds_of(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = json.loads(
        invoke("overdue", "--as-of", "2025-01-05", "--json", *args).stdout
    )
    return items


def test_kind_filters_json_and_table(invoke: Invoke) -> None:
    every = kinds_of(invoke)
    duties = kinds_of(invoke, "--kind", "duty")
    assert duties == [i for i in every if i["kind"] == "duty"] != []
    others = [i for i in every if i["kind"] != "duty"]
    assert kinds_of(invoke, "--kind", "task,plan_milestone") == others
    assert kinds_of(invoke, "-k", "plan_milestone", "-k", "task") == others
    out = invoke("overdue", "--as-of", "2025-01-05", "--kind", "plan_milestone").stdout
    assert out.splitlines()[2].startswith("方案节点（按单位计28项）")
    assert "任务（" not in out and "职责（" not in out
    assert out.splitlines()[-1] == "共28项（按单位计）：方案节点 28。"


def test_kind_with_fail_if_any(invoke: Invoke) -> None:
    assert invoke("overdue", "--as-of", "2024-05-10", "-k", "duty", "--fail-if-any").exit_code == 0
    assert invoke("overdue", "--as-of", "2024-05-10", "-k", "task", "--fail-if-any").exit_code == 1


def test_unknown_kind_is_a_usage_error(invoke: Invoke) -> None:
    r = invoke("overdue", "--kind", "duty,milestone")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(
        "错误：--kind: 未知类别“milestone”；可选：任务、常态工作、方案节点、隐患"
    )
