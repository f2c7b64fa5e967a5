"""`maogang bulletin`: the month's 通报; every figure is what status, rank, reports and
overdue print for the same day."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chart_page import AS_OF, BULLETIN_SECTIONS, record_progress
from conftest import Invoke
from maogang_cli.domain.rates import rate_text

MONTH = "2024-06"  # its report: 规建办 on time, 农办 late, the rest missing by AS_OF


@pytest.fixture
def progress(invoke: Invoke) -> None:
    record_progress(invoke)


def bulletin(invoke: Invoke, *args: str) -> str:
    result = invoke("bulletin", "--month", MONTH, "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result
    return result.stdout


def section(text: str, heading: str) -> str:
    """The Markdown under a first-level heading, up to the next one."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def as_json(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_sections_in_order(invoke: Invoke, progress: None) -> None:
    text = bulletin(invoke)
    headings = re.findall(r"^(#+) (.*)$", text, flags=re.M)
    assert headings[0] == ("#", "关于泖港镇安全生产治本攻坚三年行动2024年6月工作进展情况的通报")
    assert [h for level, h in headings if level == "##"] == BULLETIN_SECTIONS
    assert "（泖府字〔2024〕35号）" in text
    assert text.endswith(
        "*（由镇工作专班填写。）*\n\n"
        '<p align="right">泖港镇安全生产治本攻坚三年行动工作专班</p>\n\n'
        '<p align="right">2024年12月20日</p>\n'
    )


def test_overall_figures_are_status_totals(invoke: Invoke, progress: None) -> None:
    status = as_json(invoke, "status", "--as-of", AS_OF)
    total = {
        k: sum(int(s[k]) for s in status) for k in status[0] if k not in ("unit", "completion_rate")
    }  # type: ignore[call-overload]
    text = section(bulletin(invoke), "一、总体情况")
    rate = rate_text(total["done"] / total["tasks"])
    assert (
        f"截至2024年12月20日，各主办单位共承担责任事项{total['tasks']}项，已完成{total['done']}项，"
        f"完成率{rate}；推进中{total['in_progress']}项，未开始{total['not_started']}项，"
        f"受阻{total['blocked']}项；逾期未完成{total['overdue']}项，逾期完成{total['done_late']}项。"
    ) in text
    assert "黄色（15天内到期）1个单位（各村居）" in text


def test_ranking_is_rank(invoke: Invoke, progress: None) -> None:
    rank = as_json(invoke, "rank", "--as-of", AS_OF)
    text = section(bulletin(invoke), "二、晾晒排名")
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| ") and "---" not in line
    ]
    assert rows[0] == [
        "排名",
        "单位",
        "主办任务",
        "已完成",
        "完成率",
        "逾期",
        "逾期完成",
        "月报应报",
        "按时",
        "按时率",
    ]
    keys = (
        "rank",
        "unit",
        "tasks",
        "done",
        "overdue",
        "done_late",
        "reports_due",
        "reports_on_time",
    )
    got = [[r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[8]] for r in rows[1:]]
    assert got == [[str(row[k]) for k in keys] for row in rank]
    assert rows[-1] == ["23", "经发公司", "0", "0", "-", "0", "0", "7", "0", "0%"]  # no task: last
    assert text.splitlines()[2] == (
        "有主办任务的单位排在前面，依次比较完成率（高者在前）、逾期事项（少者在前）、"
        "逾期完成事项（少者在前）、月报按时报送率（高者在前，只在有应报月报的单位之间比较，"
        "无应报月报的单位与前三项相同的单位中最好者并列），"
        "四项均相同的单位名次并列；无主办任务的单位排在其后，只比较月报按时报送率；"
        "既无任务又无应报月报的单位列在最后，不排名（-）。"
    )


def test_overdue_tasks_by_unit_are_overdue(invoke: Invoke, progress: None) -> None:
    items = as_json(invoke, "overdue", "--as-of", AS_OF, "--kind", "task")
    per_unit: dict[str, list[str]] = {}
    for item in items:
        per_unit.setdefault(str(item["unit"]), []).append(f"{item['task']} ")
    text = section(bulletin(invoke), "三、逾期事项")
    assert f"个单位共有{len(items)}项任务逾期未完成" in text
    for unit, tasks in per_unit.items():
        line = next(x for x in text.splitlines() if x.startswith(f"{unit}（"))
        assert line.startswith(f"{unit}（{len(tasks)}项）：")
        assert [t.strip() for t in re.findall(r"(?:：|；)(\d{4}-\d{2}) ", line)] == [
            t.strip() for t in tasks
        ]


def test_reports_are_reports(invoke: Invoke, progress: None) -> None:
    grid = as_json(invoke, "reports", "--month", MONTH, "--as-of", AS_OF)
    by_state: dict[str, list[str]] = {}
    for row in grid:
        by_state.setdefault(str(row["state"]), []).append(str(row["unit"]))
    text = section(bulletin(invoke), "四、月报报送情况")
    assert by_state["on_time"] == ["规建办"]
    assert "按时报送1个单位（规建办）；迟报0个单位；" in text
    missing = by_state["missing"]
    assert f"未报{len(missing)}个单位（{'、'.join(missing)}）；尚未到期0个单位。" in text
    rank = as_json(invoke, "rank", "--as-of", AS_OF)
    due, on_time = (
        sum(int(r["reports_due"]) for r in rank),
        sum(int(r["reports_on_time"]) for r in rank),
    )  # type: ignore[call-overload]
    assert (
        f"累计应报月报{due}份，按时报送{on_time}份，按时报送率{rate_text(on_time / due)}。" in text
    )


def test_missed_duties_and_milestones_are_overdue(invoke: Invoke, progress: None) -> None:
    items = as_json(invoke, "overdue", "--as-of", AS_OF, "--kind", "duty,plan_milestone")
    expected = {
        (i["ref"], i["unit"]) for i in items if not str(i["ref"]).startswith("monthly_report/")
    }
    text = section(bulletin(invoke), "五、职责和方案节点落实情况")
    lines = [x for x in text.splitlines() if "未完成单位：" in x]
    got = set()
    for line in lines:
        period = re.search(r"（(\d{4}(?:-[QH]\d)?)）：", line)
        units = line.split("未完成单位：")[1].rstrip("。").split("、")
        got |= {(period.group(1) if period else "", u) for u in units}
    assert {(str(r).split("/")[1] if "/" in str(r) else "", u) for r, u in expected} == got
    assert "调度会，通报工作进展，分析存在问题，部署推进重点工作（2024-Q3）" in text
    assert "调度会，通报工作进展，分析存在问题，部署推进重点工作（2024-Q2）" not in text  # held


def test_english(invoke: Invoke) -> None:
    text = bulletin(invoke, "--lang", "en")
    assert text.startswith(
        "# Bulletin on the progress of 泖港镇安全生产治本攻坚三年行动 in 2024-06\n"
    )
    # F14: numbered as English numbers its sections; its own lists and brackets English
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[1:4] == ["## 1. Overall progress", "### (1) Tasks", "### (2) 督办 colours"]
    assert headings[-1] == "## 7. Next steps"
    assert "Red (overdue): 22 units (镇安委办, 党政办, 经发办," in text
    assert (
        "季度点评 (2024-Q2): due 2024-06-30, 173 days overdue; not done by 镇安委办, 镇监察办."
        in text
    )


def test_usage_and_refusals(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("bulletin", "--month", "2024-13").exit_code == 2
    result = invoke("bulletin", "--month", MONTH, "-o", str(tmp_path / "x.pdf"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：-o {tmp_path / 'x.pdf'}：请给出 .docx 或 .md 文件\n",
    )
    result = invoke("bulletin", "--month", MONTH, "--as-of", "2024-05-31")
    assert result.exit_code == 2
    out = tmp_path / "b.md"
    out.write_text("mine")
    assert invoke("bulletin", "--month", MONTH, "--as-of", AS_OF, "-o", str(out)).exit_code == 1
    assert out.read_text() == "mine"
    result = invoke("bulletin", "--month", MONTH, "--as-of", AS_OF, "-o", str(out), "--force")
    assert result.exit_code == 0
    assert result.stderr == f"已写入 {out}：2024-06 通报，截至 2024-12-20\n"
    assert out.read_text(encoding="utf-8") == bulletin(invoke)


def test_hazards_are_hazard_stats_and_targets(invoke: Invoke, progress: None) -> None:
    day = "2025-01-02"
    stats = json.loads(
        invoke("hazard", "stats", "--level", "major", "--as-of", day, "--json").stdout
    )
    targets = json.loads(invoke("hazard", "targets", "--as-of", day, "--json").stdout)
    result = invoke("bulletin", "--month", "2024-12", "--as-of", day)
    text = section(result.stdout, "六、重大事故隐患整治情况")
    assert (
        f"截至2025年1月2日：发现{stats['total']}项，未销号{stats['open']}项，已销号{stats['closed']}项，"
        f"逾期{stats['overdue']}项，按期销号{stats['closed_on_time']}项；销号天数中位数-天。"
    ) in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    shown = [d for d in stats["by_department"] if d["total"]]
    assert rows[2:] == [
        f"| {d['name']} | {d['total']} | {d['open']} | {d['closed']} | {d['overdue']} | {d['closed_on_time']} |"
        for d in shown
    ]
    stock = targets["stock"]
    assert stock["met"] is False
    assert (
        f"存量清零（期限2024-12-31）：未达成。2023年及以前发现{stock['found']}项，"
        f"2024-12-31已销号{stock['closed']}项、未销号{stock['open']}项。"
    ) in text
    assert "增量遏制（期限2025-12-31）：未到期。" in text


def test_a_month_outside_the_plan_is_refused_as_export_refuses_it(invoke: Invoke) -> None:
    # F13: 1999-01 and 2023-12 printed a full 通报; 2027-01 was a usage error (2)
    for command in ("bulletin", "export"):
        for month in ("2023-12", "2027-01"):
            result = invoke(command, "--month", month, "--as-of", "2024-06-30")
            assert (result.exit_code, result.stdout, result.stderr) == (
                1,
                "",
                f"错误：{month} 不在方案期内（2024-04至2026-12）\n",
            )
    english = invoke("--lang", "en", "bulletin", "--month", "1999-01")
    assert english.stderr == "error: 1999-01 is outside the plan (2024-04 to 2026-12)\n"


def test_export_refuses_a_year_without_a_task_list(invoke: Invoke, tmp_path: Path) -> None:
    # F23: it wrote an empty report titled "治本攻坚月报 2024-06 2025"
    out = tmp_path / "y.md"
    result = invoke("export", "--month", "2024-06", "--year", "2025", "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        1,
        "错误：没有2025年的任务清单（现有清单：2024）\n",
    )
    assert not out.exists()


def test_english_counts_one_as_one(invoke: Invoke) -> None:
    """Tester T15: "1 days overdue", and "every lead unit has done 0 of them", which said
    the opposite of the Chinese (of the tasks due, how many every lead unit has done)."""
    assert invoke("submit", "-u", "农办", "-m", "2024-06", "-d", "2024-06-26").exit_code == 0
    args = ("bulletin", "--month", "2024-06", "--as-of", "2024-07-01")
    text = invoke(*args, "--lang", "en").stdout
    lines = text.splitlines()
    assert "4 tasks have fallen due; done by all their lead units: 0." in lines
    assert "As of 2024-07-01, overdue tasks not done: 34, held by 22 units:" in lines
    assert "党政办 (1): 2024-06 进一步强化党委政府责任 (1 day overdue)." in lines
    assert (
        "经发办 (2): 2024-05 细化部署 (62 days overdue); 2024-06 进一步强化党委政府责任 (1 day overdue)."
        in lines
    )
    assert "late 1 unit (农办 (1 day late)); missing 20 units (" in text
    chinese = invoke(*args).stdout.splitlines()
    assert "已到期任务4项，其中全部主办单位均已完成的0项。" in chinese
    assert "截至2024年7月1日，22个单位共有34项任务逾期未完成：" in chinese
    assert "党政办（1项）：2024-06 进一步强化党委政府责任（逾期1天）。" in chinese
    assert "迟报1个单位（农办（迟报1天））" in "".join(chinese)
    # 党政办's only task done in time: the one green unit
    assert (
        invoke("record", "2024-06", "-u", "党政办", "-s", "done", "-d", "2024-06-28").exit_code == 0
    )
    english = invoke(*args, "--lang", "en").stdout
    assert "; green: 1 unit." in english
    assert "；绿色1个单位。" in invoke(*args).stdout
