"""`maogang rank`: units ranked for 通报, with the rule under the table."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import Invoke
from maogang_cli.domain.rates import rate_text

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
    # Every 成员单位 and 经发公司 owe the monthly report (五（六）), so 党政办's two missing
    # reports count. 经发公司 has no 主办 task: it is ranked after every unit with tasks, on
    # its reports only (tester T7: as "100% done" it tied for first).
    assert rows[:3] == [
        {
            "rank": 1,
            "unit": "党政办",
            "tasks": 1,
            "done": 1,
            "completion_rate": 1.0,
            "overdue": 0,
            "done_late": 0,
            "reports_due": 2,
            "reports_on_time": 0,
            "on_time_report_rate": 0.0,
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
            "reports_due": 2,
            "reports_on_time": 0,
            "on_time_report_rate": 0.0,
        },
    ]
    assert rows[-1] == {
        "rank": 23,
        "unit": "经发公司",
        "tasks": 0,
        "done": 0,
        "completion_rate": None,
        "overdue": 0,
        "done_late": 0,
        "reports_due": 2,
        "reports_on_time": 0,
        "on_time_report_rate": 0.0,
    }
    by_unit = {r["unit"]: r for r in rows}
    # 镇党政班子成员 owes no report: it ties with the units of its task figures (tester T40:
    # counted as 100% it ranked 3rd alone, above them all)
    leaders = by_unit["镇党政班子成员"]
    assert (leaders["rank"], leaders["reports_due"], leaders["on_time_report_rate"]) == (
        3,
        0,
        None,
    )
    assert [r["unit"] for r in rows if r["rank"] == 3] == [
        "社建办", "平安办", "党群办", "镇监察办", "农业农村服务中心", "拆违办", "镇党政班子成员",
        "各村居", "镇属企事业单位",
    ]  # fmt: skip
    assert (by_unit["规建办"]["reports_due"], by_unit["规建办"]["on_time_report_rate"]) == (2, 1.0)
    assert by_unit["农办"]["on_time_report_rate"] == 0.0
    assert by_unit["规建办"]["rank"] < by_unit["农办"]["rank"]  # same tasks, better reports
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks)
    assert len(rows) == 23  # every unit with 主办 tasks, and every monthly reporter


def test_rank_table_states_the_rule(invoke: Invoke, progress: None) -> None:
    result = invoke("rank", "--as-of", AS_OF)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0].startswith("晾晒排名（截至 2024-07-01，主办）")
    assert lines[2].split() == [
        "名次", "单位", "任务", "完成", "完成率", "逾期", "逾期完成", "月报按时", "按时率",
    ]  # fmt: skip
    assert lines[4].split() == ["1", "党政办", "1", "1", "100%", "0", "0", "0/2", "0%"]
    assert lines[5].split() == ["2", "镇安委办", "12", "2", "17%", "0", "1", "0/0", "-"]
    assert lines[-7].split() == ["23", "经发公司", "0", "0", "-", "0", "0", "0/2", "0%"]
    # the rule is lines under the table, wrapped at the terminal (no line starts with 、)
    # (lines end after a clause where the words left over are short: 四项均相同者 whole)
    assert lines[-5:] == [
        "排名规则：有主办任务的单位在前，依次比较完成率（高者在前）、",
        "逾期数（少者在前）、逾期完成数（少者在前）、月报按时率（高者在前，",
        "只在有应报月报的单位之间比较，无应报月报的单位与前三项相同的单位中最好者并列），",
        "四项均相同者并列；无主办任务的单位排在其后，只比较月报按时率；",
        "既无任务又无应报月报的单位列在最后，不排名（-）。",
    ]
    english = invoke("rank", "--as-of", AS_OF, "--lang", "en").stdout
    assert "Rule: units with lead tasks first, by completion rate (higher first)" in english


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rank_fits_the_terminal_with_every_figure_whole(
    invoke: Invoke, progress: None, width: Callable[[int], None], columns: int, lang: str
) -> None:
    rows = json.loads(invoke("rank", "--json", "--as-of", AS_OF).stdout)
    width(columns)
    out = invoke("rank", "--as-of", AS_OF, "--lang", lang).stdout
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= columns  # nothing cropped
    chrome = [line for line in lines if set(line) - {" ", "-"}]  # the rule is the table style's
    assert {c for line in chrome for c in line if unicodedata.east_asian_width(c) == "A"} == set()
    heads = " ".join(line for line in lines[1:5] if "-" not in line).split()
    if lang == "zh":
        assert {"名次", "单位", "任务", "逾期"} <= set(heads)
    else:
        assert {"Rank", "Unit", "Tasks", "Over", "Late"} <= set(heads)
    # At 60 columns the counts not ranked on (完成, 月报按时) are left out, and it says so.
    full = columns >= 80
    figures = [line.split() for line in lines if line.strip()[:1].isdigit()]
    assert [f[-7 if full else -5 :] for f in figures] == [
        [
            str(r["tasks"]),
            *([str(r["done"])] if full else []),
            rate_text(r["completion_rate"]),
            str(r["overdue"]),
            str(r["done_late"]),
            *([f"{r['reports_on_time']}/{r['reports_due']}"] if full else []),
            rate_text(r["on_time_report_rate"]),
        ]
        for r in rows
    ]
    left_out = {
        "zh": "此宽度未显示：完成、月报按时（加宽终端或用 --json 查看）。",
        "en": "Not shown at this width: Done, Reports (widen the terminal, or use --json).",
    }[lang]
    assert (left_out in out.replace("\n", " " if lang == "en" else "")) is not full


def test_cooperating_and_year(invoke: Invoke, progress: None) -> None:
    lead = {r["unit"]: r for r in json.loads(invoke("rank", "--json", "--as-of", AS_OF).stdout)}
    both = {
        r["unit"]: r
        for r in json.loads(
            invoke("rank", "--json", "--as-of", AS_OF, "--include-cooperating").stdout
        )
    }
    assert (lead["经发办"]["tasks"], both["经发办"]["tasks"]) == (20, 24)
    assert (lead["经发公司"]["tasks"], both["经发公司"]["tasks"]) == (0, 4)  # 协办 only
    only_2025 = json.loads(
        invoke("rank", "--json", "--as-of", "2025-06-01", "--year", "2025").stdout
    )
    assert {r["tasks"] for r in only_2025} == {0}  # no 2025 tasks in the bundled catalogue
    assert {r["reports_due"] for r in only_2025} == {5}  # but five monthly reports due


def test_nothing_to_rank_says_so(invoke: Invoke, progress: None) -> None:
    # 2025 has no task list, and its first report falls due on 2025-01-25
    table = invoke("rank", "--as-of", "2025-01-10", "--year", "2025")
    assert (table.exit_code, table.stdout) == (
        0,
        "截至 2025-01-10 没有可排名的内容：没有2025年的任务，也没有到期的月报。\n",
    )
    machine = invoke("rank", "--as-of", "2025-01-10", "--year", "2025", "--json", "--lang", "en")
    assert (machine.exit_code, machine.stdout, machine.stderr) == (
        0,
        "[]\n",
        "Nothing to rank as of 2025-01-10: no tasks of 2025 and no monthly report due.\n",
    )
    outside = invoke("rank", "--as-of", AS_OF, "--year", "2031")
    assert (outside.exit_code, outside.stdout, outside.stderr) == (
        1,
        "",
        "错误：2031年不在方案期内（2024-04至2026-12）\n",
    )


def test_units_with_nothing_due_are_listed_last_without_a_rank(invoke: Invoke) -> None:
    """2025 has no task list; before the first report is due only 规建办, who reported
    early, has anything to be ranked on: the others follow it with no rank."""
    assert invoke("submit", "-u", "规建办", "-m", "2025-01", "-d", "2025-01-05").exit_code == 0
    args = ("rank", "--year", "2025", "--as-of", "2025-01-10")
    rows = json.loads(invoke(*args, "--json").stdout)
    assert [(r["rank"], r["unit"]) for r in rows[:3]] == [
        (1, "规建办"),
        (None, "党政办"),
        (None, "经发办"),
    ]
    assert {r["rank"] for r in rows[1:]} == {None}
    lines = invoke(*args).stdout.splitlines()
    assert lines[4:6] == [
        "    1  规建办               0     0       -     0         0       1/1    100%",
        "    -  党政办               0     0       -     0         0       0/0       -",
    ]
