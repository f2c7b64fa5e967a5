"""`maogang chart`: the wall chart page, read back; its figures equal `status` and `rank`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chart_page import AS_OF, ChartPage, record_progress, status_colours
from conftest import Invoke, duty_short_names, milestone_short_names
from maogang_cli.domain.rates import rate_text


@pytest.fixture
def progress(invoke: Invoke) -> None:
    record_progress(invoke)


def chart(invoke: Invoke, *args: str) -> str:
    result = invoke("chart", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result
    return result.stdout


def test_every_task_and_unit_is_on_the_chart_in_status_colours(
    invoke: Invoke, progress: None
) -> None:
    page = ChartPage(chart(invoke))
    tasks = json.loads(invoke("tasks", "--json").stdout)
    shown = [r["data-key"] for r in page.rows if r["data-kind"] == "task"]
    assert sorted(shown) == sorted(t["id"] for t in tasks)
    colours = status_colours(invoke("status", "--as-of", AS_OF).stdout)
    units = {r["data-key"]: r["data-signal"] for r in page.rows if r["data-kind"] == "unit"}
    assert units == colours
    assert set(colours.values()) == {"red", "yellow", "green"}  # the day shows all three


def test_task_colours_follow_their_pairs(invoke: Invoke, progress: None) -> None:
    """A task is red when one of its lead units is overdue, yellow when due soon, green
    when every lead unit is done; its figure is done/lead units."""
    page = ChartPage(chart(invoke))
    rows = {r["data-key"]: r for r in page.rows if r["data-kind"] == "task"}
    assert rows["2024-04"]["data-signal"] == "green"  # done by its only lead unit
    assert rows["2024-05"]["data-signal"] == "red"  # 13 lead units, one done
    assert rows["2024-01"]["data-signal"] == "yellow"  # due 2024-12-31, 11 days on
    assert rows["2024-19"]["data-signal"] == "green"
    marks = {m["data-ref"]: m for m in page.marks}
    assert marks["2024-04"]["data-done"] == "true"
    assert marks["2024-05"]["data-done"] == "false"
    assert "未完成：" in marks["2024-05"].hover


def test_summary_band_equals_status_and_rank(invoke: Invoke, progress: None) -> None:
    page = ChartPage(chart(invoke))
    status = json.loads(invoke("status", "--json", "--as-of", AS_OF).stdout)
    rank = json.loads(invoke("rank", "--json", "--as-of", AS_OF).stdout)
    tasks, done = sum(s["tasks"] for s in status), sum(s["done"] for s in status)
    overdue = sum(s["overdue"] for s in status)
    late = sum(s["done_late"] for s in status)
    assert page.figures["completion_rate"] == f"完成率 {rate_text(done / tasks)}"
    assert page.figures["tasks_done"] == f"责任事项完成 {done}/{tasks}"
    assert page.figures["overdue"] == f"逾期 {overdue}"
    assert page.figures["done_late"] == f"逾期完成 {late}"
    colours = list(status_colours(invoke("status", "--as-of", AS_OF).stdout).values())
    red, yellow, green = (colours.count(c) for c in ("red", "yellow", "green"))
    assert page.figures["units"] == f"单位：红 {red} · 黄 {yellow} · 绿 {green}"
    due, on_time = sum(r["reports_due"] for r in rank), sum(r["reports_on_time"] for r in rank)
    hazards = json.loads(
        invoke("hazard", "stats", "--level", "major", "--as-of", AS_OF, "--json").stdout
    )
    assert (hazards["total"], hazards["open"], hazards["overdue"]) == (2, 2, 2)
    assert page.figures["hazards"] == "重大隐患：发现 2 · 未销号 2 · 逾期 2"
    assert (
        page.figures["hazard_targets"]
        == "目标：存量清零（未到期）· 增量遏制（未到期）· 动态清零（未到期）"
    )
    assert page.figures["reports"] == f"月报按时 {on_time}/{due}（{rate_text(on_time / due)}）"


def test_the_page_is_self_contained_and_its_bytes_are_stable(
    invoke: Invoke, progress: None, tmp_path: Path
) -> None:
    first = chart(invoke)
    assert chart(invoke) == first
    out = tmp_path / "chart.html"
    result = invoke("chart", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result
    assert out.read_text(encoding="utf-8") == first
    assert result.stderr.startswith(f"已写入 {out}：26项任务，")
    page = ChartPage(first)
    assert page.tags.isdisjoint({"script", "link", "img", "iframe", "object", "embed"})
    lowered = first.lower()
    for outside in ("url(", "@import", "@font-face", "src=", "href="):
        assert outside not in lowered
    assert re.findall(r"https?://[^\"' ]+", first) == ["http://www.w3.org/2000/svg"] * 2
    assert "@page { size: A3 landscape;" in first
    assert "泖府字〔2024〕35号" in first
    assert "泖港镇安全生产治本攻坚三年行动实施方案（2024—2026年）挂图作战" in first
    assert 'data-as-of="2024-12-20"' in first


def test_existing_file_is_kept_without_force(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "chart.html"
    out.write_text("mine")
    result = invoke("chart", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code != 0
    assert "已存在" in result.stderr
    assert out.read_text() == "mine"
    assert invoke("chart", "--as-of", AS_OF, "-o", str(out), "--force").exit_code == 0


def test_year_unit_and_action_narrow_it(invoke: Invoke, progress: None) -> None:
    page = ChartPage(chart(invoke, "--action", "3"))
    assert {r["data-key"] for r in page.rows if r["data-kind"] == "task"} == {
        "2024-13",
        "2024-14",
        "2024-15",
    }
    page = ChartPage(chart(invoke, "--action", "部署发动"))
    assert {r["data-key"] for r in page.rows if r["data-kind"] == "task"} == {
        "2024-04",
        "2024-05",
    }
    page = ChartPage(chart(invoke, "--unit", "党政办"))
    assert [r["data-key"] for r in page.rows if r["data-kind"] == "unit"] == ["党政办"]
    assert [r["data-key"] for r in page.rows if r["data-kind"] == "task"] == ["2024-06"]
    assert page.figures["tasks_done"] == "责任事项完成 1/1"
    page = ChartPage(chart(invoke, "--year", "2025"))
    assert [r for r in page.rows if r["data-kind"] == "task"] == []
    assert {m["data-due"][:4] for m in page.marks} == {"2025"}


def test_a_plan_year_without_a_task_list_says_what_its_chart_holds(
    invoke: Invoke, tmp_path: Path
) -> None:
    """2025 has no task list yet, but milestones and duties fall due in it: the chart is
    drawn (a leader plans the year by it) and says, on the page and after writing it,
    that it holds only those; `status --year 2025` refuses, having nothing else to show."""
    out = tmp_path / "2025.html"
    result = invoke("chart", "--as-of", AS_OF, "--year", "2025", "-o", str(out))
    page = ChartPage(out.read_text(encoding="utf-8"))
    assert [r for r in page.rows if r["data-kind"] == "task"] == []
    milestones = [m for m in page.marks if m["data-kind"] == "plan_milestone"]
    duties = [r for r in page.rows if r["data-kind"] == "duty"]
    assert (len(milestones), len(duties)) == (3, 11)
    assert (result.exit_code, result.stderr) == (
        0,
        f"已写入 {out}：2025年尚无任务清单，只有3项方案节点和11项常态化工作，截至 {AS_OF}\n",
    )
    filters = re.search(r'<span class="filters">([^<]*)</span>', out.read_text(encoding="utf-8"))
    assert filters is not None
    assert filters.group(1) == "范围：2025年；2025年尚无任务清单：只有方案节点和常态化工作"
    shown = invoke("chart", "--as-of", AS_OF, "--year", "2025")
    assert (
        shown.stderr == f"2025年尚无任务清单：图中只有3项方案节点和11项常态化工作，截至 {AS_OF}\n"
    )
    english = invoke("--lang", "en", "chart", "--as-of", AS_OF, "--year", "2025")
    assert english.stderr == (
        f"no task list for 2025: the chart shows only 3 plan milestones and 11 duties, "
        f"as of {AS_OF}\n"
    )
    with_list = invoke("chart", "--as-of", AS_OF, "--year", "2024", "-o", str(out), "--force")
    assert with_list.stderr.startswith(f"已写入 {out}：26项任务，")
    assert "尚无任务清单" not in out.read_text(encoding="utf-8")


def test_bad_narrowing_is_refused(invoke: Invoke) -> None:
    result = invoke("chart", "--as-of", AS_OF, "--action", "99")
    assert (result.exit_code, result.stderr) == (
        1,
        "错误：--action 99：没有这个行动（方案中的行动：1、2、3、4、5、6、7、8、9）\n",
    )
    result = invoke("chart", "--as-of", AS_OF, "--action", "没有这个")
    assert result.exit_code == 1
    assert result.stderr == "错误：--action 没有这个：没有哪个行动或任务清单标题包含它\n"
    result = invoke("chart", "--as-of", AS_OF, "--unit", "城运")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：未知单位“城运”")
    assert invoke("chart", "--as-of", "2024-13-01").exit_code == 2


def test_english(invoke: Invoke) -> None:
    page = ChartPage(chart(invoke, "--lang", "en"))
    assert page.figures["overdue"].startswith("overdue ")
    english = chart(invoke, "--lang", "en")
    assert "By action" in english
    # the page says its language, and its day as the language writes one
    assert '<html lang="en">' in english and "As of 2024-12-20<" in english
    chinese = chart(invoke)
    assert '<html lang="zh-CN">' in chinese and "截至2024年12月20日<" in chinese


def test_hazard_targets_are_judged_as_hazard_targets_judges_them(
    invoke: Invoke, progress: None
) -> None:
    day = "2025-01-02"  # the stock target was due 2024-12-31: one of 2023 is still open
    targets = json.loads(invoke("hazard", "targets", "--as-of", day, "--json").stdout)
    assert (targets["stock"]["met"], targets["increment"]["met"]) == (False, None)
    page = ChartPage(invoke("chart", "--as-of", day).stdout)
    assert (
        page.figures["hazard_targets"]
        == "目标：存量清零（未达成）· 增量遏制（未到期）· 动态清零（未到期）"
    )
    narrowed = ChartPage(invoke("chart", "--as-of", day, "--unit", "党政办").stdout)
    assert "hazards" not in narrowed.figures  # town-wide figures: not on one unit's chart


def test_a_duty_or_milestone_mark_names_it_by_its_short_name(invoke: Invoke) -> None:
    """Tester T8: every duty mark's hover text began with the English duty id
    (monthly_report/2024-05); now the short name overdue and agenda show (月报/2024-05).
    data-ref keeps the id for scripts."""
    duties, milestones = duty_short_names(), milestone_short_names()
    page = chart(invoke)
    marks = re.findall(r'<g class="mark" data-kind="(duty|plan_milestone)" data-ref="([^"]*)"'
                       r'[^>]*><title>([^<]*)</title>', page)  # fmt: skip
    assert {kind for kind, _ref, _title in marks} == {"duty", "plan_milestone"}
    for kind, ref, title in marks:
        ident, slash, period = ref.partition("/")
        named = (duties if kind == "duty" else milestones).get(ident, ident)
        assert title.startswith(f"{named}{slash}{period} · "), title
    assert "月报/2024-05 · 2024-05-25 · " in page
    assert not re.search(r"<title>[a-z_]+/", page)
