import json
from collections.abc import Callable

from rich.cells import cell_len

from conftest import Invoke


def seed(invoke: Invoke) -> None:
    for args in (
        ["14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-05-01", "-n", "建设中"],
        ["14", "-u", "城运中心", "-s", "done", "-d", "2025-01-10"],  # late: due 2024-12-31
        ["4", "-u", "镇安委办", "-s", "done", "-d", "2024-04-20"],
        ["7", "-u", "镇安委办", "-s", "blocked", "-d", "2024-09-01", "-n", "待区里答复"],
    ):
        assert invoke("record", *args).exit_code == 0


def test_status_json_contract(invoke: Invoke) -> None:
    seed(invoke)
    rows = json.loads(invoke("status", "--as-of", "2025-01-15", "--json").stdout)
    assert [r["unit"] for r in rows][:3] == ["镇安委办", "党政办", "经发办"]
    office = rows[0]
    assert office == {
        "unit": "镇安委办",
        "tasks": 12,
        "done": 1,
        "in_progress": 0,
        "not_started": 10,
        "blocked": 1,
        "overdue": 11,
        "done_late": 0,
        "completion_rate": round(1 / 12, 4),
    }
    city = next(r for r in rows if r["unit"] == "城运中心")
    assert (city["tasks"], city["done"], city["done_late"], city["overdue"]) == (18, 1, 1, 17)
    for row in rows:
        assert (
            row["done"] + row["in_progress"] + row["not_started"] + row["blocked"] == row["tasks"]
        )


def test_status_as_of_ignores_later_records(invoke: Invoke) -> None:
    seed(invoke)
    rows = json.loads(invoke("status", "--as-of", "2024-06-01", "--json").stdout)
    city = next(r for r in rows if r["unit"] == "城运中心")
    assert (city["in_progress"], city["done"], city["overdue"]) == (1, 0, 1)  # row 5 due 04-30


def test_status_table_fits_80_columns_and_marks_colour_in_words(invoke: Invoke) -> None:
    seed(invoke)
    out = invoke("status", "--as-of", "2024-12-20").stdout
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    assert "督办状态（截至 2024-12-20，主办）" in out
    assert " 红\n" in out and "●" not in out and "\x1b[" not in out
    first = next(line for line in out.splitlines() if line.strip().startswith("镇安委办"))
    assert first.split() == [
        "镇安委办",
        "12",
        "1",
        "0",
        "10",
        "1",
        "4",
        "0",
        "8%",
        "红",
        "阻",
    ]  # 1 blocked: marked beside the colour


def test_status_for_one_unit_lists_its_tasks(invoke: Invoke) -> None:
    seed(invoke)
    items = json.loads(invoke("status", "-u", "城运中心", "--as-of", "2024-12-25", "--json").stdout)
    by_seq = {i["seq"]: i for i in items}
    assert by_seq[14] == {
        "task": "2024-14",
        "seq": 14,
        "title": "健全重大事故隐患排查整治动态数据库",
        "unit": "城运中心",
        "role": "responsible",
        "status": "in_progress",
        "deadline": "2024-12-31",
        "days_left": 6,
        "overdue": False,
        "days_overdue": 0,
        "done_on": None,
        "done_late": False,
        "percent": None,
        "note": "建设中",
    }
    assert by_seq[10]["role"] == "cooperating"  # --unit shows 协办 pairs too
    out = invoke("status", "-u", "城运中心", "--as-of", "2024-12-25").stdout
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    assert "剩6天" in out and "逾期239天" in out


def test_english_headings(invoke: Invoke) -> None:
    out = invoke("status", "--as-of", "2024-12-20", "--lang", "en").stdout
    assert "Status as of 2024-12-20 (lead units)" in out
    assert "RED: overdue" in out


def test_include_cooperating_adds_pairs(invoke: Invoke) -> None:
    lead = json.loads(invoke("status", "--as-of", "2024-12-20", "--json").stdout)
    both = json.loads(
        invoke("status", "--as-of", "2024-12-20", "--json", "--include-cooperating").stdout
    )
    count = lambda rows: sum(r["tasks"] for r in rows)  # noqa: E731
    # Counted apart from the status query: the pairs the task list itself names (a unit
    # both 主办 and 协办 of a task reports once, as 主办).
    tasks = json.loads(invoke("tasks", "--json").stdout)
    lead_pairs = sum(len(t["responsible_units"]) for t in tasks)
    all_pairs = sum(len({*t["responsible_units"], *t["cooperating_units"]}) for t in tasks)
    assert (count(lead), count(both)) == (lead_pairs, all_pairs) == (232, 280)
    title = invoke("status", "--as-of", "2024-12-20", "--include-cooperating").stdout
    assert title.splitlines()[0] == "督办状态（截至 2024-12-20，主办+协办）"
    english = invoke("status", "--as-of", "2024-12-20", "--include-cooperating", "--lang", "en")
    assert english.stdout.splitlines()[0] == "Status as of 2024-12-20 (all units)"


def test_bad_as_of_is_a_usage_error(invoke: Invoke) -> None:
    r = invoke("status", "--as-of", "2024-13-01")
    assert r.exit_code == 2
    assert r.stderr == "错误：--as-of: “2024-13-01”不是实际存在的日期\n"


def test_a_year_without_a_task_list_is_refused(invoke: Invoke) -> None:
    # as export refuses it: a mistyped year is not "nothing to report" (exit 0)
    for args in (["--year", "2031"], ["--year", "2025", "--unit", "城运中心"]):
        r = invoke("status", *args, "--as-of", "2024-06-01")
        year = args[1]
        assert (r.exit_code, r.stdout, r.stderr) == (
            1,
            "",
            f"错误：没有{year}年的任务清单（现有清单：2024）\n",
        )


def test_a_done_pair_says_on_time_or_how_late_not_a_date_under_when(invoke: Invoke) -> None:
    seed(invoke)
    out = invoke("status", "-u", "镇安委办", "--as-of", "2025-01-15").stdout
    row = next(line for line in out.splitlines() if line.split()[:1] == ["4"])
    assert row.split()[3:6] == ["已完成", "2024-04-30", "按时完成"]  # status, deadline, when
    late = invoke("status", "-u", "城运中心", "--as-of", "2025-01-15", "--lang", "en").stdout
    assert "done 10d late" in late
    english = invoke("status", "-u", "镇安委办", "--as-of", "2025-01-15", "--lang", "en").stdout
    assert "done on time" in english and "2024-04-20" not in english


def test_warn_days_is_a_window_of_up_to_a_year(invoke: Invoke) -> None:
    r = invoke("status", "--warn-days", "366")
    assert (r.exit_code, r.stdout) == (2, "")
    assert "366 不在范围 0<=x<=365 内" in r.stderr and r.stderr.count("\n") == 1
    assert invoke("status", "--warn-days", "365", "--as-of", "2024-06-01").exit_code == 0


def test_the_notes_under_the_table_break_after_a_clause(
    invoke: Invoke, width: Callable[[int], None]
) -> None:
    """Tester T14: the legend broke 已完/成 at 80 columns, 有受阻事/项 and 查/看 at 60. A line
    of prose now ends after a clause when the words left over are short, and the hint in
    brackets is kept on one line."""
    width(80)
    assert invoke("status", "--as-of", "2024-12-20").stdout.splitlines()[-2:] == [
        "红：逾期未完成；黄：15天内到期未完成；绿：其他；阻：有受阻事项。",
        "完成率＝已完成÷任务数。",
    ]
    width(60)
    assert invoke("status", "--as-of", "2024-12-20").stdout.splitlines()[-4:] == [
        "红：逾期未完成；黄：15天内到期未完成；绿：其他；阻：",
        "有受阻事项。完成率＝已完成÷任务数。",
        "此宽度未显示：推进、未开始、",
        "受阻（加宽终端或用 --json 查看）。",
    ]
    english = invoke("status", "--as-of", "2024-12-20", "--lang", "en").stdout.splitlines()
    assert english[-2:] == [
        "Not shown at this width: Doing, Block",
        "(widen the terminal, or use --json).",
    ]
