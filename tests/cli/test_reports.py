"""`maogang reports`: the grid of reporting units × months, its JSON, and cron's exit code."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import Invoke
from maogang_cli.cli.render_reports import MONTH_NAMES

# 五（六） 各单位、各部门: the 18 镇安委会成员单位, 经发公司, 各村居, 镇属企事业单位 (the
# duty's comment in plan_2024_2026.yaml says why), in catalogue order.
OWNERS = [
    "党政办", "经发办", "社事办", "社建办", "规建办", "平安办", "党群办", "农办", "镇监察办",
    "城运中心", "城建中心", "农业农村服务中心", "绿容所", "拆违办", "环保办", "综合行政执法队",
    "泖港派出所", "泖港市场监管所", "经发公司", "各村居", "镇属企事业单位",
]  # fmt: skip


@pytest.fixture
def submitted(invoke: Invoke) -> None:
    for unit, month, day in [
        ("城运中心", "2024-05", "2024-05-25"),  # the 25th itself: on time
        ("城运中心", "2024-06", "2024-06-26"),  # the 26th: one day late
        ("城运中心", "2024-07", "2024-07-03"),  # early
        ("规建办", "2024-05", "2024-05-31"),
        ("规建办", "2024-05", "2024-05-20"),  # a correction dated earlier: now on time
    ]:
        result = invoke("submit", "-u", unit, "-m", month, "-d", day)
        assert result.exit_code == 0, result


def test_reports_json_exactly(invoke: Invoke, submitted: None) -> None:
    result = invoke(
        "reports",
        "--from",
        "2024-05",
        "--to",
        "2024-07",
        "--unit",
        "城运中心",
        "--json",
        "--as-of",
        "2024-07-26",
    )
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == [
        {
            "unit": "城运中心",
            "month": "2024-05",
            "due": "2024-05-25",
            "state": "on_time",
            "submitted_on": "2024-05-25",
            "days_late": 0,
        },
        {
            "unit": "城运中心",
            "month": "2024-06",
            "due": "2024-06-25",
            "state": "late",
            "submitted_on": "2024-06-26",
            "days_late": 1,
        },
        {
            "unit": "城运中心",
            "month": "2024-07",
            "due": "2024-07-25",
            "state": "on_time",
            "submitted_on": "2024-07-03",
            "days_late": 0,
        },
    ]


def test_missing_and_not_due_around_the_due_day(invoke: Invoke, submitted: None) -> None:
    def state(as_of: str) -> str:
        out = invoke("reports", "-m", "2024-06", "-u", "农办", "--json", "--as-of", as_of)
        assert out.exit_code == 0, out
        [cell] = json.loads(out.stdout)
        return f"{cell['state']}:{cell['days_late']}"

    assert state("2024-06-24") == "not_due:0"
    assert state("2024-06-25") == "not_due:0"
    assert state("2024-06-26") == "missing:1"


def test_records_after_as_of_are_ignored(invoke: Invoke, submitted: None) -> None:
    out = invoke("reports", "-m", "2024-07", "-u", "城运中心", "--json", "--as-of", "2024-07-02")
    assert json.loads(out.stdout)[0]["state"] == "not_due"


def test_a_report_submitted_on_the_as_of_day_counts(invoke: Invoke, submitted: None) -> None:
    # 城运中心's June report came on 2024-06-26: as of that very day it is there, one day late.
    out = invoke("reports", "-m", "2024-06", "-u", "城运中心", "--json", "--as-of", "2024-06-26")
    [cell] = json.loads(out.stdout)
    assert (cell["state"], cell["submitted_on"], cell["days_late"]) == ("late", "2024-06-26", 1)


def test_every_owner_in_catalogue_order_and_a_corrected_date(
    invoke: Invoke, submitted: None
) -> None:
    result = invoke("reports", "-m", "2024-05", "--json", "--as-of", "2024-06-01")
    cells = json.loads(result.stdout)
    assert [c["unit"] for c in cells] == OWNERS
    planning = next(c for c in cells if c["unit"] == "规建办")
    assert (planning["state"], planning["submitted_on"]) == ("on_time", "2024-05-20")


def test_reports_table(invoke: Invoke, submitted: None) -> None:
    result = invoke("reports", "-u", "城运中心", "--as-of", "2024-07-26")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        "月报报送 2024-05至2024-07（截至 2024-07-26）",
        "",
        " 单位      5月  6月  7月  ✓  迟  ✗  按时率",
        " -----------------------------------------",
        " 城运中心   ✓   迟1   ✓   2   1  0     67%",
        "",
        "✓ 按时（25日当天或之前）；迟N 迟报N天；✗ 未报；- 未到期。",
        "按时率＝按时／应报。",
    ]


def test_a_full_year_fits_80_columns(invoke: Invoke) -> None:
    """Months headed 1月 … 12月 in as few tables as fit 80 columns, then the totals."""
    result = invoke("reports", "--year", "2025", "--as-of", "2025-12-31")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    heads = [line.split()[1:] for line in lines if line.startswith(" 单位")]
    assert heads[-1] == ["✓", "迟", "✗", "按时率"]
    assert [h for head in heads[:-1] for h in head] == [f"{m}月" for m in range(1, 13)]
    assert len(heads) == 2  # the months in one table, then the totals
    first = [line.split() for line in lines if line.startswith(" 党政办")]
    assert [mark for row in first[:-1] for mark in row[1:]] == ["✗"] * 12
    assert first[-1] == ["党政办", "0", "0", "12", "0%"]


@pytest.fixture
def late_year(invoke: Invoke) -> None:
    """2025 with late reports every month, some of them weeks late."""
    for month in range(1, 12):
        day = f"2025-{month:02d}-28"
        assert invoke("submit", "-u", "综合行政执法队", "-m", day[:7], "-d", day).exit_code == 0
    assert invoke("submit", "-u", "城运中心", "-m", "2025-03", "-d", "2025-04-30").exit_code == 0


def _no_ambiguous_width(text: str) -> None:
    """No mark, heading or legend a Chinese terminal may draw double width (East Asian
    Width 'A'). The rule under the headings is the table style's own line, shared by every
    table, and stands on its own line, so it cannot shift a column."""
    lines = [line for line in text.splitlines() if set(line) - {" ", "-"}]
    assert {c for line in lines for c in line if unicodedata.east_asian_width(c) == "A"} == set()


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_year_of_late_reports_fits_the_terminal_with_every_heading_whole(
    invoke: Invoke, width: Callable[[int], None], late_year: None, columns: int, lang: str
) -> None:
    width(columns)
    result = invoke("reports", "--year", "2025", "--as-of", "2025-11-30", "--lang", lang)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns  # nothing cropped
    _no_ambiguous_width(result.stdout)
    heads = [line.split() for line in lines if line.startswith((" 单位", " Unit"))]
    names = [f"{m}月" for m in range(1, 13)] if lang == "zh" else list(MONTH_NAMES)
    months = [h for head in heads for h in head[1:] if h in names]
    assert months == names  # "12月" never cut to "1"
    assert [h for head in heads for h in head[1:] if h not in names] == (
        ["✓", "迟", "✗", "按时率"] if lang == "zh" else ["✓", "+", "✗", "Rate"]
    )
    marks = "".join(lines)
    assert ("迟36" if lang == "zh" else "+36") in marks and (
        "迟3 " if lang == "zh" else "+3 "
    ) in marks
    enforcement = [line.split() for line in lines if line.startswith(" 综合行政执法队")]
    assert enforcement[-1][-4:] == ["0", "11", "0", "0%"]  # the totals, whole


def test_the_legend_keeps_each_mark_with_its_meaning_at_60_columns(
    invoke: Invoke, width: Callable[[int], None], submitted: None
) -> None:
    """The marks on one line (no '-' left at a line's end without 未到期), the rate below."""
    width(60)
    lines = invoke("reports", "-u", "城运中心", "--as-of", "2024-07-26").stdout.splitlines()
    assert lines[-2:] == [
        "✓ 按时（25日当天或之前）；迟N 迟报N天；✗ 未报；- 未到期。",
        "按时率＝按时／应报。",
    ]


def test_reports_table_splits_years_and_speaks_english(invoke: Invoke, submitted: None) -> None:
    result = invoke(
        "reports",
        "-u",
        "城运中心",
        "--from",
        "2024-12",
        "--to",
        "2025-01",
        "--lang",
        "en",
        "--as-of",
        "2025-02-01",
    )
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    titles = [line for line in lines if line.startswith("Monthly reports")]
    assert titles == [
        "Monthly reports 2024-12, as of 2025-02-01",
        "Monthly reports 2025-01, as of 2025-02-01",
    ]
    assert " ".join(" ".join(lines[-2:]).split()) == (
        "✓ on time (by day 25); +N: N days late; ✗ missing; - not due. Rate = on time / due."
    )
    assert [line.split() for line in lines if line.startswith(" 城运中心")] == [
        ["城运中心", "✗", "0", "0", "1", "0%"],
        ["城运中心", "✗", "0", "0", "1", "0%"],
    ]


def test_fail_if_missing(invoke: Invoke, submitted: None) -> None:
    ok = invoke("reports", "-u", "城运中心", "--as-of", "2024-07-26", "--fail-if-missing")
    assert ok.exit_code == 0, ok
    missing = invoke(
        "reports", "-u", "农办", "--as-of", "2024-07-26", "--fail-if-missing", "--json"
    )
    assert missing.exit_code == 1
    assert [c["state"] for c in json.loads(missing.stdout)] == ["missing"] * 3
    not_yet = invoke(
        "reports", "-u", "农办", "-m", "2024-07", "--as-of", "2024-07-25", "--fail-if-missing"
    )
    assert not_yet.exit_code == 0


def test_year_covers_the_year_and_a_group_narrows_to_members(invoke: Invoke) -> None:
    result = invoke(
        "reports", "--year", "2025", "-u", "镇安委会有关成员单位", "--json", "--as-of", "2025-02-01"
    )
    cells = json.loads(result.stdout)
    assert len(cells) == 11 * 12
    assert {c["state"] for c in cells} == {"missing", "not_due"}
    assert [c["state"] for c in cells[:2]] == ["missing", "not_due"]


def test_empty_range_says_so(invoke: Invoke) -> None:
    result = invoke("reports", "--as-of", "2024-04-30")
    assert result.exit_code == 0, result
    assert result.stdout == "所选范围内没有月报（月报自 2024-05 至 2026-12）。\n"
    machine = invoke("reports", "--from", "2031-01", "--to", "2031-03", "--json", "--lang", "en")
    assert (machine.exit_code, machine.stdout, machine.stderr) == (
        0,
        "[]\n",
        "No monthly reports in that range (they run 2024-05 to 2026-12).\n",
    )
    # a year outside the plan is refused, as in every command (--fail-if-missing would pass)
    outside = invoke("reports", "--year", "2031", "--fail-if-missing", "--lang", "en")
    assert (outside.exit_code, outside.stdout, outside.stderr) == (
        1,
        "",
        "error: 2031 is outside the plan (2024-04 to 2026-12)\n",
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["-m", "2024-06", "--year", "2024"],
            2,
            "错误：--month 不能与 --from、--to 或 --year 同时使用",
        ),
        (
            ["--from", "2024-09", "--to", "2024-06"],
            2,
            "错误：--from 2024-09晚于--to 2024-06",
        ),
        (["-m", "2024-04"], 1, "错误：2024-04 不在该职责的期次范围内（2024-05至2026-12）"),
        (["--from", "24-06"], 2, "错误：“24-06”不是月份（应为 YYYY-MM）"),
        (["--as-of", "2024-02-30"], 2, "错误：--as-of: “2024-02-30”不是实际存在的日期"),
        (
            ["-u", "镇安委办"],
            1,
            "错误：“镇安委办”不承担月报；承担单位：" + "、".join(OWNERS),
        ),
    ],
)
def test_bad_options(invoke: Invoke, args: list[str], code: int, message: str) -> None:
    result = invoke("reports", *args)
    assert (result.exit_code, result.stderr) == (code, message + "\n")
