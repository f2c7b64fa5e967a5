"""`maogang rank`: units ranked for 通报, with the rule under the table."""

from __future__ import annotations

import json

import pytest

from conftest import Invoke

AS_OF = "2024-07-01"


@pytest.fixture
def progress(invoke: Invoke) -> None:
    for step in [
        ("record", "16", "-u", "镇安委办", "-s", "done", "-d", "2024-06-20"),  # 1 of 12
        ("record", "2024-04", "-u", "镇安委办", "-s", "done", "-d", "2024-05-10"),  # late
        ("record", "6", "-u", "党政办", "-s", "done", "-d", "2024-06-28"),  # 1 of 1
        ("submit", "-u", "规建办", "-m", "2024-05", "-d", "2024-05-24"),
        ("submit", "-u", "规建办", "-m", "2024-06", "-d", "2024-06-25"),
        ("submit", "-u", "农办", "-m", "2024-05", "-d", "2024-05-27"),
    ]:
        result = invoke(*step)
        assert result.exit_code == 0, result


def test_rank_json_exactly(invoke: Invoke, progress: None) -> None:
    result = invoke("rank", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)
    assert rows[:4] == [
        {
            "rank": 1,
            "unit": "党政办",
            "tasks": 1,
            "done": 1,
            "completion_rate": 1.0,
            "overdue": 0,
            "done_late": 0,
            "reports_due": 0,
            "reports_on_time": 0,
            "on_time_report_rate": None,
        },
        {
            "rank": 2,
            "unit": "镇安委办",
            "tasks": 12,
            "done": 2,
            "completion_rate": 0.1667,
            "overdue": 0,
            "done_late": 1,
            "reports_due": 0,
            "reports_on_time": 0,
            "on_time_report_rate": None,
        },
        {
            "rank": 3,
            "unit": "社建办",
            "tasks": 1,
            "done": 0,
            "completion_rate": 0.0,
            "overdue": 1,
            "done_late": 0,
            "reports_due": 0,
            "reports_on_time": 0,
            "on_time_report_rate": None,
        },
        {
            "rank": 3,
            "unit": "平安办",
            "tasks": 1,
            "done": 0,
            "completion_rate": 0.0,
            "overdue": 1,
            "done_late": 0,
            "reports_due": 0,
            "reports_on_time": 0,
            "on_time_report_rate": None,
        },
    ]
    by_unit = {r["unit"]: r for r in rows}
    assert (by_unit["规建办"]["reports_due"], by_unit["规建办"]["on_time_report_rate"]) == (2, 1.0)
    assert by_unit["农办"]["on_time_report_rate"] == 0.0
    assert by_unit["规建办"]["rank"] < by_unit["农办"]["rank"]  # same tasks, better reports
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks)
    assert len(rows) == 22  # every unit with 主办 tasks, and every monthly reporter


def test_rank_table_states_the_rule(invoke: Invoke, progress: None) -> None:
    result = invoke("rank", "--as-of", AS_OF)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0].startswith("晾晒排名（截至 2024-07-01，主办）")
    assert lines[2].split() == [
        "名次", "单位", "任务", "完成", "完成率", "逾期", "逾期完成", "月报按时", "按时率",
    ]  # fmt: skip
    assert lines[4].split() == ["1", "党政办", "1", "1", "100%", "0", "0", "0/0", "—"]
    assert "".join(lines[-3:]).replace(" ", "").startswith("排名规则：依次比较完成率（高者在前）")
    english = invoke("rank", "--as-of", AS_OF, "--lang", "en").stdout
    assert "Rule: completion rate (higher first)" in english


def test_cooperating_and_year(invoke: Invoke, progress: None) -> None:
    lead = {r["unit"]: r for r in json.loads(invoke("rank", "--json", "--as-of", AS_OF).stdout)}
    both = {
        r["unit"]: r
        for r in json.loads(
            invoke("rank", "--json", "--as-of", AS_OF, "--include-cooperating").stdout
        )
    }
    assert (lead["经发办"]["tasks"], both["经发办"]["tasks"]) == (20, 24)
    assert "经发公司" in both and "经发公司" not in lead  # 协办 only
    none = json.loads(invoke("rank", "--json", "--as-of", AS_OF, "--year", "2025").stdout)
    assert {r["tasks"] for r in none} == {0}  # no 2025 tasks in the bundled catalogue
    assert {r["reports_due"] for r in none} == {0}
