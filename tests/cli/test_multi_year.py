"""A later year's task list dropped beside the 2024 one is validated and loaded with no code
change; status, overdue, agenda, plan, export and reports cover every year and take --year."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import Invoke

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tasks_2025.yaml"
REPORT = "每月25日前向镇工作专班报送工作开展情况及任务清单完成情况"


@pytest.fixture
def two_years(data_copy: Path) -> Path:
    shutil.copy(FIXTURE, data_copy / "tasks_2025.yaml")
    return data_copy


def run_json(invoke: Invoke, *args: str) -> object:
    result = invoke(*args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_validated_with_the_bundled_files(invoke: Invoke, two_years: Path) -> None:
    r = invoke("validate", str(two_years))
    assert (r.exit_code, r.stdout) == (
        0,
        "校验通过：5个文件、29项任务、22个单位、7个单位组、30项措施、\n17个村居、25个行业领域\n",
    )


def test_cross_file_errors_in_the_new_year_are_located(invoke: Invoke, two_years: Path) -> None:
    path = two_years / "tasks_2025.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("responsible: [农办]", "responsible: [农委]").replace(
            "measures: [27]", "measures: [31]"
        ),
        "utf-8",
    )
    r = invoke("validate", str(two_years))
    assert r.exit_code == 1
    assert r.stdout.splitlines()[:2] == [
        f"{path}:25:19: unknown unit '农委' (did you mean: 农办?)",
        f"{path}:27:16: measure 31 is not in the plan",
    ]


def test_status_covers_every_year_and_takes_year(invoke: Invoke, two_years: Path) -> None:
    data = ("--data", str(two_years), "--as-of", "2025-07-01")
    assert run_json(invoke, "status", "--json", "--year", "2025", *data) == [
        {"unit": "经发办", "tasks": 1, "done": 0, "in_progress": 0, "not_started": 1,
         "blocked": 0, "overdue": 0, "done_late": 0, "completion_rate": 0.0},
        {"unit": "规建办", "tasks": 2, "done": 0, "in_progress": 0, "not_started": 2,
         "blocked": 0, "overdue": 0, "done_late": 0, "completion_rate": 0.0},
        {"unit": "农办", "tasks": 1, "done": 0, "in_progress": 0, "not_started": 1,
         "blocked": 0, "overdue": 1, "done_late": 0, "completion_rate": 0.0},
        {"unit": "城建中心", "tasks": 1, "done": 0, "in_progress": 0, "not_started": 1,
         "blocked": 0, "overdue": 0, "done_late": 0, "completion_rate": 0.0},
    ]  # fmt: skip
    every = run_json(invoke, "status", "--json", *data)
    only_2024 = run_json(invoke, "status", "--json", "--year", "2024", *data)
    assert isinstance(every, list) and isinstance(only_2024, list)
    by_unit = {row["unit"]: row["tasks"] for row in every}
    assert by_unit["规建办"] == {r["unit"]: r["tasks"] for r in only_2024}["规建办"] + 2


def test_overdue_covers_every_year_and_takes_year(invoke: Invoke, two_years: Path) -> None:
    data = ("--data", str(two_years), "--as-of", "2025-07-01", "--unit", "农办")
    items = run_json(invoke, "overdue", "--json", "--year", "2025", *data)
    assert items == [
        {"kind": "duty", "ref": f"monthly_report/2025-{m:02d}", "title": REPORT, "unit": "农办",
         "deadline": f"2025-{m:02d}-25", "days_overdue": days, "status": "missing"}
        for m, days in [(1, 157), (2, 126), (3, 98), (4, 67), (5, 37), (6, 6)]
    ] + [
        {"kind": "task", "task": "2025-02", "seq": 2, "title": "变型拖拉机淘汰退出",
         "unit": "农办", "role": "responsible", "deadline": "2025-06-30", "days_overdue": 1,
         "status": "not_started"},
    ]  # fmt: skip
    older = run_json(invoke, "overdue", "--json", "--year", "2024", *data)
    assert isinstance(older, list)
    assert {i["kind"] for i in older} == {"task", "duty", "plan_milestone"}
    assert {i["task"][:4] for i in older if i["kind"] == "task"} == {"2024"}
    assert all(str(i["deadline"]).startswith("2024-") for i in older)
    every = run_json(invoke, "overdue", "--json", *data)
    assert isinstance(every, list) and len(every) == len(older) + len(items)


def test_overdue_table_names_tasks_by_id_so_years_differ(invoke: Invoke, two_years: Path) -> None:
    data = ("--data", str(two_years), "--as-of", "2025-07-01", "--unit", "农办", "-k", "task")
    out = invoke("overdue", *data).stdout
    ids = [line.split()[0] for line in out.splitlines() if line.startswith(" 202")]
    assert ids[-1] == "2025-02"  # row 2 of 2025, not to be confused with 2024-02
    assert "2024-02" in ids
    assert out.splitlines()[-1] == f"共{len(ids)}项（按单位计）：任务 {len(ids)}。"


def test_agenda_and_plan_see_the_new_year(invoke: Invoke, two_years: Path) -> None:
    data = ("--data", str(two_years))
    june = run_json(invoke, "agenda", "--json", "--month", "2025-06", "-u", "经发办",
                    "--as-of", "2025-06-01", *data)  # fmt: skip
    assert june == [
        {"kind": "duty", "ref": "monthly_report/2025-06", "title": REPORT, "due": "2025-06-25",
         "unit": "经发办", "done": False},
        {"kind": "task_milestone", "ref": "2025-01#1", "title": "确定标杆企业培育名单。",
         "due": "2025-06-30", "unit": "经发办", "done": False},
    ]  # fmt: skip
    plan = run_json(invoke, "plan", "--json", "--as-of", "2025-06-01", *data)
    assert isinstance(plan, list)
    tasks = {m["number"]: m["tasks"] for a in plan for m in a["measures"]}
    assert (tasks[21], tasks[27], tasks[28]) == (["2025-01"], ["2025-02"], ["2024-24", "2025-03"])


def test_export_and_reports_take_year(invoke: Invoke, two_years: Path) -> None:
    data = ("--data", str(two_years))
    export = ("export", "--month", "2025-06", "--format", "json", "--as-of", "2025-07-01", *data)
    one = run_json(invoke, *export, "--year", "2025")
    both = run_json(invoke, *export)
    assert isinstance(one, dict) and isinstance(both, dict)
    assert {r["task"] for r in one["rows"]} == {"2025-01", "2025-02", "2025-03"}
    assert {r["task"][:4] for r in both["rows"]} == {"2024", "2025"}
    reports = run_json(invoke, "reports", "--json", "--year", "2025", "-u", "农办",
                       "--as-of", "2025-07-01", *data)  # fmt: skip
    assert isinstance(reports, list)
    assert [r["month"] for r in reports][:6] == [f"2025-{m:02d}" for m in range(1, 7)]


def test_a_row_number_in_several_years_names_the_latest_year_first(
    invoke: Invoke, two_years: Path
) -> None:
    result = invoke("show", "1", "--data", str(two_years))
    assert (result.exit_code, result.stderr) == (
        2,
        "错误：序号 1 在多个年度都有（2025-01、2024-01）：请给出编号或加 --year\n",
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["overdue", "--fail-if-any"], id="overdue"),
        pytest.param(["reports", "--fail-if-missing"], id="reports"),
        pytest.param(["rank"], id="rank"),
        pytest.param(["agenda"], id="agenda"),
        pytest.param(["chart"], id="chart"),
        pytest.param(["--json", "status"], id="status"),
        pytest.param(["tasks"], id="tasks"),
    ],
)
def test_a_year_outside_the_plan_is_refused_by_every_command(
    invoke: Invoke, args: list[str]
) -> None:
    """A mistyped year (2042 for 2024) in a cron line is one line and exit 1 everywhere, not
    "nothing overdue" with exit 0 (export always refused it)."""
    as_of = [] if args == ["tasks"] else ["--as-of", "2024-07-01"]  # tasks has no day
    r = invoke(*args, "--year", "2042", *as_of)
    tasks_only = args[-1] in ("status", "tasks")
    expected = (
        "错误：没有2042年的任务清单（现有清单：2024）\n"
        if tasks_only
        else "错误：2042年不在方案期内（2024-04至2026-12）\n"
    )
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", expected)


def test_a_year_of_the_plan_without_a_task_list_still_lists_its_duties(invoke: Invoke) -> None:
    r = invoke("overdue", "--year", "2025", "--as-of", "2025-03-01", "--kind", "常态工作")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[:3] == ["逾期事项（截至 2025-03-01）", "", "职责（按单位计42项）"]
