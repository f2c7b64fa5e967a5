"""`maogang duty done` / `duty list`, and missed duty instances in `overdue`."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import Invoke

REVIEW = "行业领域、属地治本攻坚行动季度点评"
ASSESS = "每半年开展一次进度评估"
DISPATCH = "原则上每季度组织召开治本攻坚调度会，通报工作进展，分析存在问题，部署推进重点工作"
RELEVANT = ["规建办", "农办", "经发办", "城运中心", "城建中心", "社事办", "绿容所", "环保办",
            "综合行政执法队", "泖港派出所", "泖港市场监管所"]  # fmt: skip


def overdue(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    result = invoke("overdue", "--json", *args)
    assert result.exit_code == 0, result
    items: list[dict[str, object]] = json.loads(result.stdout)
    return items


def duty_item(ref: str, title: str, unit: str, deadline: str, days: int) -> dict[str, object]:
    return {
        "kind": "duty",
        "ref": ref,
        "title": title,
        "unit": unit,
        "deadline": deadline,
        "days_overdue": days,
        "status": "missing",
    }


# The plan's duties by the short names it gives them (data/plan_2024_2026.yaml).
SHORT_NAMES = ("月报", "调度会", "进度评估", "任务清单", "季度专题会", "季度点评", "带队检查",
               "高危带队检查", "疏散演练", "高危疏散演练", "培训计划")  # fmt: skip

# --- duty done ---------------------------------------------------------------------


def test_duty_done_records_and_says_on_time_or_late(invoke: Invoke) -> None:
    r = invoke("duty", "done", "quarterly_review", "--period", "2024-q2", "--unit", "监察办",
               "--date", "2024-07-03", "--note", "第二季度点评", "--by", "李四")  # fmt: skip
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == (
        "已完成：季度点评 2024-Q2 镇监察办，2024-07-03完成，记录人李四——迟3天（截止2024-06-30）\n"
    )
    again = invoke("duty", "done", "quarterly_review", "-p", "2024-Q2", "-u", "镇监察办",
                   "-d", "2024-06-28")  # fmt: skip
    assert again.stderr == (
        "已完成：季度点评 2024-Q2 镇监察办，2024-06-28完成，记录人tester"
        "——按时（截止2024-06-30）\n"
        "提示：此项已有1条较早的记录，均保留；以最早日期判定是否按时\n"
    )


def test_a_group_needs_all_members(invoke: Invoke) -> None:
    r = invoke("duty", "done", "monthly_report", "-p", "2024-06", "-u", "镇安委会有关成员单位")
    assert r.exit_code == 1
    assert r.stderr == (
        "错误：“镇安委会有关成员单位”是单位组：请为一个成员记录，或加 --all-members "
        f"为每个成员记录相同内容：{'、'.join(RELEVANT)}\n"
    )
    r = invoke("duty", "done", "monthly_report", "-p", "2024-06", "-u", "镇安委会有关成员单位",
               "-d", "2024-06-21", "--all-members")  # fmt: skip
    assert r.exit_code == 0
    assert len(r.stderr.splitlines()) == 11
    owed = overdue(invoke, "--as-of", "2024-07-01")
    # 五（六） 各单位、各部门: the other 7 成员单位, 经发公司, 各村居, 镇属企事业单位 still owe it
    assert {i["unit"] for i in owed if i.get("ref") == "monthly_report/2024-06"} == {
        "党政办", "社建办", "平安办", "党群办", "镇监察办", "农业农村服务中心", "拆违办",
        "经发公司", "各村居", "镇属企事业单位",
    }  # fmt: skip


def test_plan_milestone_is_recorded_without_a_period(invoke: Invoke) -> None:
    r = invoke("duty", "done", "m06-2024", "-u", "城运中心", "-d", "2024-12-10")
    assert (
        r.stderr
        == "已完成：判定标准学习 2024-12 城运中心，2024-12-10完成，记录人tester——按时（截止2024-12-31）\n"
    )
    assert (
        invoke(
            "duty", "done", "m06-2024", "-p", "2024-12", "-u", "农办", "-d", "2024-12-10"
        ).exit_code
        == 0
    )
    agenda = json.loads(
        invoke("agenda", "--json", "--month", "2024-12", "--as-of", "2024-12-31").stdout
    )
    done = {i["unit"] for i in agenda if i["ref"] == "m06-2024" and i["done"]}
    assert done == {"城运中心", "农办"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quarterly_review", "-p", "2024-Q5", "-u", "镇安委办"],
         "“2024-Q5”不是每季度的期次（应写作 2024-Q2）"),
        (["monthly_report", "-p", "2024-Q2", "-u", "城运中心"],
         "“2024-Q2”不是每月的期次（应写作 2024-05）"),
        (["monthly_reprot", "-p", "2024-05", "-u", "城运中心"],
         "未知职责或方案节点“monthly_reprot”（是否想输入：monthly_report？）"),
        (["quarterly_review", "-p", "2024-Q1", "-u", "镇安委办"],
         "2024-Q1 不在该职责的期次范围内（2024-04至2026-12）"),
        (["quarterly_review", "-p", "2027-Q1", "-u", "镇安委办"],
         "2027-Q1 不在该职责的期次范围内（2024-04至2026-12）"),
        (["quarterly_review", "-u", "镇安委办"],
         "季度点评是每季度的定期职责：请用 --period 指明期次（如 2024-Q2）"),
        (["half_yearly_progress_assessment", "-u", "镇安委办"],
         "进度评估是每半年的定期职责：请用 --period 指明期次（如 2024-H1）"),
        (["quarterly_review", "-p", "2024-Q2", "-u", "城运中心"],
         "“城运中心”不承担季度点评；承担单位：镇安委办、镇监察办"),
        (["m03-2024", "-u", "镇安委办"],
         "“镇安委办”不承担培树企业；承担单位：经发办、规建办、农办、综合行政执法队、"
         "泖港派出所、泖港市场监管所"),
        (["m03-2024", "-p", "2024-Q4", "-u", "规建办"],
         "培树企业 是方案节点，截止 2024-12-31：只有期次 2024-12（请去掉 --period）"),
        (["monthly_report", "-p", "2024-06", "-u", "城运中心", "-d", "2024-05-31"],
         "日期 2024-05-31 早于期次 2024-06 的开始（2024-06-01）"),
        (["monthly_report", "-p", "2024-06", "-u", "城运中心", "-d", "2099-01-01"],
         "日期2099-01-01在未来"),
        (["m03-2024", "-u", "规建办", "-d", "2099-01-01"], "日期2099-01-01在未来"),
        (["monthly_report", "-p", "2024-06", "-u", "城运"],
         "未知单位“城运”（是否想输入：城运中心？）"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_nothing_is_written(
    invoke: Invoke, args: list[str], message: str
) -> None:
    r = invoke("duty", "done", *args)
    unreadable = "的期次（应写作" in message  # a usage error (README, Exit codes)
    assert (r.exit_code, r.stdout, r.stderr) == (2 if unreadable else 1, "", f"错误：{message}\n")
    listed = json.loads(invoke("duty", "list", "--json", "--as-of", "2026-11-29").stdout)
    assert sum(d["done"] for d in listed) == 0


def test_a_date_that_is_not_a_day_is_a_usage_error(invoke: Invoke) -> None:
    r = invoke(
        "duty", "done", "monthly_report", "-p", "2024-06", "-u", "城运中心", "-d", "2024-6-20"
    )
    assert (r.exit_code, r.stdout) == (2, "")
    assert "“2024-6-20”不是日期（应为 YYYY-MM-DD）" in r.stderr
    assert r.stderr.count("\n") == 1
    listed = json.loads(invoke("duty", "list", "--json", "--as-of", "2026-11-29").stdout)
    assert sum(d["done"] for d in listed) == 0


def test_records_are_append_only(invoke: Invoke, isolation: object) -> None:
    import sqlite3
    from pathlib import Path

    invoke(
        "duty", "done", "quarterly_review", "-p", "2024-Q2", "-u", "镇安委办", "-d", "2024-06-20"
    )
    conn = sqlite3.connect(Path(str(isolation)) / "maogang.db")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM duty_records")


# --- duty list ------------------------------------------------------------------------


def test_duty_list_json(invoke: Invoke) -> None:
    invoke(
        "duty", "done", "quarterly_review", "-p", "2024-Q2", "-u", "镇安委办", "-d", "2024-06-20"
    )
    duties = json.loads(invoke("duty", "list", "--json", "--as-of", "2024-10-01").stdout)
    assert [d["id"] for d in duties] == [
        "monthly_report",
        "quarterly_dispatch_meeting",
        "half_yearly_progress_assessment",
        "yearly_task_list",
        "quarterly_leadership_safety_meeting",
        "quarterly_review",
        "principal_hazard_inspection",
        "principal_hazard_inspection_high_risk",
        "evacuation_drill",
        "evacuation_drill_high_risk",
        "principal_training_plan",
    ]
    assert duties[5] == {
        "id": "quarterly_review",
        "title": REVIEW,
        "frequency": "quarterly",
        "due_day": None,
        "owners": ["镇安委办", "镇监察办"],
        "owner_units": ["镇安委办", "镇监察办"],
        "start": "2024-04",
        "end": "2026-12",
        "measure": 5,
        "in_overdue": True,
        "due": 4,
        "done": 1,
        "missing": 3,
    }
    assert duties[0]["due"] == 5 * 21  # 2024-05 … 2024-09, 21 owing units
    assert [d["id"] for d in duties if not d["in_overdue"]] == [
        "principal_hazard_inspection",
        "principal_hazard_inspection_high_risk",
        "evacuation_drill",
        "evacuation_drill_high_risk",
    ]


def test_duty_list_table(invoke: Invoke) -> None:
    out = invoke("duty", "list", "--as-of", "2024-10-01").stdout
    assert [line.rstrip() for line in out.splitlines()[:8]] == [
        "经常性职责（截至 2024-10-01）",
        "",
        " 职责                                                          频次 起止    完成",
        " -------------------------------------------------------------------------------",
        " 月报                                                          每月25日前  0/105",
        " 每月25日前向镇工作专班报送工作开展情况及任务清单完成情况      2024-05 至",
        " 责任单位：镇安委会成员单位、经发公司、各村居、镇属企事业单位  2026-12",
        " 调度会                                                        每季度        0/2",
    ]
    assert " 责任单位：各生产经营单位 *" in out
    # The rules are lines under the table, not a caption wrapped at its width.
    assert out.splitlines()[-3:] == [
        "完成：已到期的（周期，单位）中，已记录完成的/全部",
        "* 只由无具体成员的集合（各生产经营单位等）承担，",
        "  overdue 默认不列出（--all-duties 列出）",
    ]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_duty_list_keeps_ids_and_names_whole(
    invoke: Invoke, width: Callable[[int], None], columns: int
) -> None:
    duties = json.loads(invoke("duty", "list", "--as-of", "2025-01-05", "--json").stdout)
    width(columns)
    for lang in ("zh", "en"):
        out = invoke("duty", "list", "--as-of", "2025-01-05", "--lang", lang).stdout
        assert max(cell_len(line) for line in out.splitlines()) <= columns
        words = set(out.split())
        # each duty by its short name, what `duty done` takes (ids stay in --json)
        assert len(duties) == len(SHORT_NAMES) and set(SHORT_NAMES) <= words
        for d in duties:
            assert all(owner in out for owner in d["owners"])
        assert not any(line.lstrip().startswith(("、", ",")) for line in out.splitlines())
        ambiguous = {c for c in out.replace("-", "") if unicodedata.east_asian_width(c) == "A"}
        assert ambiguous == set()  # no — in the span: 2024-05 至 2026-12
    en = invoke("duty", "list", "--as-of", "2025-01-05", "--lang", "en").stdout
    assert {"Owed", "by:", "镇安委会成员单位,", "经发公司,", "各村居,", "镇属企事业单位"} <= set(
        en.split()
    )


def test_duty_list_owners_grow_with_the_terminal(
    invoke: Invoke, width: Callable[[int], None]
) -> None:
    width(120)
    out = invoke("duty", "list", "--as-of", "2025-01-05").stdout
    assert " 责任单位：镇安委会成员单位、经发公司、各村居、镇属企事业单位 " in out


# --- overdue ---------------------------------------------------------------------------


def test_missed_duty_instances_appear_in_overdue_beside_tasks(invoke: Invoke) -> None:
    assert overdue(invoke, "--as-of", "2024-07-01", "-u", "镇安委办") == [
        {
            "kind": "task",
            "task": "2024-04",
            "seq": 4,
            "title": "组建专班",
            "unit": "镇安委办",
            "role": "responsible",
            "deadline": "2024-04-30",
            "days_overdue": 62,
            "status": "not_started",
        },
        {
            "kind": "task",
            "task": "2024-16",
            "seq": 16,
            "title": "推动相关行业领域生产经营单位主要负责人教育培训全覆盖",
            "unit": "镇安委办",
            "role": "responsible",
            "deadline": "2024-06-30",
            "days_overdue": 1,
            "status": "not_started",
        },
        duty_item("quarterly_dispatch_meeting/2024-Q2", DISPATCH, "镇安委办", "2024-06-30", 1),
        duty_item("half_yearly_progress_assessment/2024-H1", ASSESS, "镇安委办", "2024-06-30", 1),
        duty_item("quarterly_review/2024-Q2", REVIEW, "镇安委办", "2024-06-30", 1),
    ]


def test_due_day_is_not_overdue_and_done_drops_out(invoke: Invoke) -> None:
    assert overdue(invoke, "--as-of", "2024-05-25", "-u", "城运中心") == [
        {
            "kind": "task",
            "task": "2024-05",
            "seq": 5,
            "title": "细化部署",
            "unit": "城运中心",
            "role": "responsible",
            "deadline": "2024-04-30",
            "days_overdue": 25,
            "status": "not_started",
        }
    ]
    day_after = overdue(invoke, "--as-of", "2024-05-26", "-u", "城运中心")
    assert day_after[-1] == duty_item(
        "monthly_report/2024-05",
        "每月25日前向镇工作专班报送工作开展情况及任务清单完成情况",
        "城运中心",
        "2024-05-25",
        1,
    )
    invoke("duty", "done", "monthly_report", "-p", "2024-05", "-u", "城运中心", "-d", "2024-05-27")
    assert len(overdue(invoke, "--as-of", "2024-05-26", "-u", "城运中心")) == 2  # not yet done
    assert len(overdue(invoke, "--as-of", "2024-05-27", "-u", "城运中心")) == 1  # done late


def test_missed_plan_milestones_are_listed_too(invoke: Invoke) -> None:
    items = overdue(invoke, "--as-of", "2025-01-01", "-u", "规建办")
    assert {
        "kind": "plan_milestone",
        "ref": "m03-2024",
        "title": "各负有安全生产监管职责的部门，培树本行业、本领域2-3家企业",
        "unit": "规建办",
        "deadline": "2024-12-31",
        "days_overdue": 1,
        "status": "missing",
    } in items
    invoke("duty", "done", "m03-2024", "-u", "规建办", "-d", "2024-12-30")
    assert "m03-2024" not in {
        i.get("ref") for i in overdue(invoke, "--as-of", "2025-01-01", "-u", "规建办")
    }


def test_duties_of_memberless_collectives_only_on_request(invoke: Invoke) -> None:
    default = overdue(invoke, "--as-of", "2024-10-01")
    refs = {str(i.get("ref")) for i in default}
    assert not any(r.startswith(("principal_hazard", "evacuation")) for r in refs)
    assert "monthly_report/2024-05" in refs
    assert {i["unit"] for i in default if i.get("ref") == "monthly_report/2024-05"} >= {
        "各村居",
        "镇属企事业单位",
    }
    everything = overdue(invoke, "--as-of", "2024-10-01", "--all-duties")
    extra = [i["ref"] for i in everything if i not in default]
    assert extra == [
        "principal_hazard_inspection_high_risk/2024-05",
        "principal_hazard_inspection/2024-Q2",
        "principal_hazard_inspection_high_risk/2024-06",
        "evacuation_drill_high_risk/2024-H1",
        "principal_hazard_inspection_high_risk/2024-07",
        "principal_hazard_inspection_high_risk/2024-08",
        "principal_hazard_inspection/2024-Q3",
        "principal_hazard_inspection_high_risk/2024-09",
    ]
    named = overdue(invoke, "--as-of", "2024-10-01", "-u", "各生产经营单位")
    assert [i["ref"] for i in named] == extra


def test_counts_and_fail_if_any_include_duties(invoke: Invoke) -> None:
    items = overdue(invoke, "--as-of", "2024-07-01")
    kinds = [i["kind"] for i in items]
    # duties: monthly_report 2024-05 and 2024-06 × 21 owing units, and 5 quarterly/half-yearly
    assert (kinds.count("task"), kinds.count("duty")) == (34, 47)
    days = [i["days_overdue"] for i in items]
    assert days == sorted(days, reverse=True)
    invoke("record", "2024-06", "-u", "镇党政班子成员", "-s", "done", "-d", "2024-06-01")
    r = invoke("overdue", "--as-of", "2024-07-01", "-u", "镇党政班子成员", "--fail-if-any")
    assert r.exit_code == 0  # the quarterly meeting is the 主要负责人's, not the 班子's
    r = invoke("overdue", "--as-of", "2024-07-01", "-u", "镇党委政府主要负责人", "--fail-if-any")
    assert r.exit_code == 1
    assert [line.rstrip() for line in r.stdout.splitlines()[4:]] == [
        " 期间     职责 / 未完成单位                           逾期天数",
        " -------------------------------------------------------------",
        "          季度专题会",
        "          党委、政府主要负责人每季度至少召开一次会议",
        " 2024-Q2  镇党委政府主要负责人                               1",
        "",
        "共1项（按单位计）：职责 1。",
    ]


def test_duty_list_counts_an_instance_due_today_as_due_not_missing(invoke: Invoke) -> None:
    """On 2024-06-25, the June report is due that day: due, not yet missing (May's is)."""
    duties = {
        d["id"]: d
        for d in json.loads(invoke("duty", "list", "--json", "--as-of", "2024-06-25").stdout)
    }
    assert {k: duties["monthly_report"][k] for k in ("due", "done", "missing")} == {
        "due": 2 * 21,
        "done": 0,
        "missing": 21,
    }
    invoke("submit", "-u", "城运中心", "-m", "2024-06", "-d", "2024-06-25")
    invoke("submit", "-u", "城建中心", "-m", "2024-05", "-d", "2024-06-01")  # late
    duties = {
        d["id"]: d
        for d in json.loads(invoke("duty", "list", "--json", "--as-of", "2024-06-25").stdout)
    }
    assert {k: duties["monthly_report"][k] for k in ("due", "done", "missing")} == {
        "due": 2 * 21,
        "done": 2,
        "missing": 20,
    }
