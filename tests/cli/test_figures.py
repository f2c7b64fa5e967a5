"""One figure everywhere: rates rounded half up through one function, and the export's
汇总 counting 主办 pairs as `status` and `rank` do, with 协办 in columns of their own."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import Invoke

AS_OF = "2024-12-31"


@pytest.fixture
def year(invoke: Invoke) -> None:
    """城建中心: 2 of its 16 主办 tasks done (12.5%), 7 of 8 monthly reports on time (87.5%);
    镇监察办: task 2024-06 done late, 2024-10 (due 11-30) not done."""
    for task in ("2024-01", "2024-02"):
        assert (
            invoke("record", task, "-u", "城建中心", "-s", "done", "-d", "2024-06-01").exit_code
            == 0
        )
    for month in range(5, 12):
        day = f"2024-{month:02d}-20"
        assert invoke("submit", "-u", "城建中心", "-m", day[:7], "-d", day).exit_code == 0
    assert (
        invoke("record", "2024-06", "-u", "镇监察办", "-s", "done", "-d", "2024-07-05").exit_code
        == 0
    )


def _line(text: str, unit: str) -> str:
    return next(line for line in text.splitlines() if f" {unit} " in f" {line} ")


def test_status_rounds_half_up(invoke: Invoke, year: None) -> None:
    out = invoke("status", "--as-of", AS_OF).stdout
    assert _line(out, "城建中心") == (
        " 城建中心            16     2     0      14     0     3         0     13%  红"
    )


def test_rank_rounds_both_rates_half_up(invoke: Invoke, year: None) -> None:
    out = invoke("rank", "--as-of", "2025-01-01", "--year", "2024").stdout
    # 2nd after 镇监察办 (1 of 2 done); 经发公司 (no task) no longer first (tester T7)
    assert _line(out, "城建中心") == (
        "    2  城建中心            16     2     13%    14         0       7/8     88%"
    )


def test_reports_rounds_half_up(invoke: Invoke, year: None) -> None:
    out = invoke("reports", "--year", "2024", "--as-of", "2025-01-01", "-u", "城建中心").stdout
    assert _line(out, "城建中心") == (
        " 城建中心   ✓    ✓    ✓    ✓    ✓    ✓     ✓     ✗    7   0  1     88%"
    )


def test_every_export_shows_the_rate_as_status_does(
    invoke: Invoke, year: None, tmp_path: Path
) -> None:
    export = ("export", "-m", "2024-12", "--as-of", AS_OF)
    md = invoke(*export, "-f", "md").stdout
    assert "| 城建中心 | 16 | 2 | 0 | 14 | 0 | 3 | 0 | 13% | 4 | 0 | 2 | 0 | 未报 |  |" in md
    text = invoke(*export, "--table", "summary").stdout.lstrip("\ufeff")
    rows = {r[0]: r for r in csv.reader(io.StringIO(text, newline=""))}
    assert rows["城建中心"][8] == "13%"
    out = tmp_path / "m.xlsx"
    assert invoke(*export, "-o", str(out)).exit_code == 0
    sheet = load_workbook(out)["汇总"]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert cells["城建中心"][8].value == 0.13
    assert cells["城建中心"][8].number_format == "0%"


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_the_export_summary_agrees_with_status_and_rank(invoke: Invoke, year: None) -> None:
    body = _json(invoke, "export", "-m", "2024-12", "--as-of", AS_OF, "-f", "json")
    summary = {s["unit"]: s for s in body["summary"]}
    keys = ("done", "in_progress", "not_started", "blocked", "overdue", "done_late")
    status = _json(invoke, "status", "--as-of", AS_OF, "--json")
    assert status  # every unit with a 主办 task
    for s in status:
        mine = summary[s["unit"]]
        assert (mine["lead_tasks"], *(mine[k] for k in keys), mine["completion_rate"]) == (
            s["tasks"],
            *(s[k] for k in keys),
            s["completion_rate"],
        ), s["unit"]
    for r in _json(invoke, "rank", "--as-of", AS_OF, "--json"):
        if r["tasks"]:
            mine = summary[r["unit"]]
            assert (mine["lead_tasks"], mine["done"], mine["overdue"], mine["done_late"]) == (
                r["tasks"],
                r["done"],
                r["overdue"],
                r["done_late"],
            )
            assert mine["completion_rate"] == r["completion_rate"]


def test_done_late_is_not_overdue_in_the_summary(invoke: Invoke, year: None) -> None:
    body = _json(invoke, "export", "-m", "2024-12", "--as-of", AS_OF, "-f", "json")
    summary = {s["unit"]: s for s in body["summary"]}
    # 2024-06 done late (not overdue), 2024-10 overdue since 12-01
    assert {k: summary["镇监察办"][k] for k in ("lead_tasks", "done", "overdue", "done_late")} == {
        "lead_tasks": 2,
        "done": 1,
        "overdue": 1,
        "done_late": 1,
    }
    assert summary["镇监察办"]["completion_rate"] == 0.5


def test_a_unit_with_only_support_pairs_has_no_completion_rate(invoke: Invoke, year: None) -> None:
    body = _json(invoke, "export", "-m", "2024-12", "--as-of", AS_OF, "-f", "json")
    only_support = next(s for s in body["summary"] if s["unit"] == "经发公司")
    assert (only_support["lead_tasks"], only_support["support_tasks"]) == (0, 4)
    assert only_support["completion_rate"] is None
    md = invoke("export", "-m", "2024-12", "--as-of", AS_OF, "-f", "md").stdout
    line = next(line for line in md.splitlines() if line.startswith("| 经发公司 |"))
    assert line.startswith("| 经发公司 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  | 4 | 0 | 1 | 0 |")


def test_naming_a_unit_means_the_same_pairs_in_every_command(invoke: Invoke) -> None:
    """经发公司 is 协办 of 2024-16 (due 2024-06-30): status --unit shows it red, so
    overdue --unit lists it, and agenda --unit owes it."""
    status = _json(invoke, "status", "-u", "经发公司", "--as-of", AS_OF, "--json")
    red = [(p["task"], p["role"]) for p in status if p["overdue"]]
    assert red == [("2024-16", "cooperating")]
    late = _json(invoke, "overdue", "-u", "经发公司", "--as-of", AS_OF, "--json", "-k", "task")
    assert [(i["task"], i["role"]) for i in late] == red
    due = _json(invoke, "agenda", "-u", "经发公司", "-m", "2024-06", "--as-of", AS_OF, "--json")
    assert [(i["ref"], i["unit"]) for i in due if i["kind"] == "task"] == [("2024-16", "经发公司")]
