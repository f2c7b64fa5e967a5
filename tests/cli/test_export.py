"""`maogang export`: the monthly report in four formats that agree with each other."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import Invoke
from maogang_cli.domain.rates import percent, rate_text

HOSTILE = '=HYPERLINK("http://x","y")'
AS_OF = "2024-06-30"


@pytest.fixture
def month(invoke: Invoke) -> None:
    """June 2024: records around the month, a hostile note, two monthly reports."""
    steps = [
        (
            "record",
            "14",
            "-u",
            "城运中心",
            "-s",
            "in_progress",
            "-d",
            "2024-05-20",
            "-n",
            "开始建库",
            "-p",
            "20",
        ),
        (
            "record",
            "14",
            "-u",
            "城运中心",
            "-s",
            "in_progress",
            "-d",
            "2024-06-10",
            "-n",
            HOSTILE,
            "-p",
            "50",
        ),
        ("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-24"),
        ("record", "14", "-u", "城运中心", "-s", "blocked", "-d", "2024-07-02", "-n", "after"),
        ("record", "5", "-u", "规建办", "-s", "done", "-d", "2024-06-05", "-n", "@SUM(A1)"),
        ("record", "16", "-u", "各村居", "-s", "in_progress", "-d", "2024-06-12", "-n", "+1"),
        ("record", "16", "-u", "经发公司", "-s", "blocked", "-d", "2024-06-13", "-n", "-1"),
        ("submit", "-u", "城运中心", "-m", "2024-06", "-d", "2024-06-25"),
        ("submit", "-u", "规建办", "-m", "2024-06", "-d", "2024-06-27"),
    ]
    for step in steps:
        result = invoke(*step)
        assert result.exit_code == 0, result


def export_json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke("export", "-m", "2024-06", "--format", "json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_export_json_shape_exactly(invoke: Invoke, month: None) -> None:
    body = export_json(invoke, "--as-of", AS_OF)
    assert list(body) == ["month", "as_of", "year", "report_due", "summary", "rows", "hazards"]
    assert (body["month"], body["as_of"], body["year"], body["report_due"]) == (
        "2024-06",
        AS_OF,
        None,
        "2024-06-25",
    )
    assert len(body["rows"]) == 280  # every (task, unit) pair, 主办 and 协办
    row = next(r for r in body["rows"] if (r["task"], r["unit"]) == ("2024-14", "城运中心"))
    assert row == {
        "task": "2024-14",
        "year": 2024,
        "seq": 14,
        "title": "健全重大事故隐患排查整治动态数据库",
        "unit": "城运中心",
        "role": "responsible",
        "deadline": "2024-12-31",
        "status": "done",
        "last_update": "2024-06-24",
        "percent": None,  # 50 was reported on the way; a done pair shows only a 100
        "note": HOSTILE,
        "done_on": "2024-06-24",
        "overdue": False,
        "days_overdue": 0,
        "done_late": False,
        "days_late": 0,
        "records_this_month": [
            {"date": "2024-06-10", "status": "in_progress", "percent": 50, "note": HOSTILE},
            {"date": "2024-06-24", "status": "done", "percent": None, "note": ""},
        ],
        "report": {"state": "on_time", "submitted_on": "2024-06-25", "days_late": 0},
    }
    late = next(r for r in body["rows"] if (r["task"], r["unit"]) == ("2024-05", "规建办"))
    assert (late["done_on"], late["done_late"], late["days_late"], late["overdue"]) == (
        "2024-06-05",
        True,
        36,
        False,
    )
    assert late["report"] == {"state": "late", "submitted_on": "2024-06-27", "days_late": 2}
    summary = {s["unit"]: s for s in body["summary"]}
    assert summary["城运中心"] == {
        "unit": "城运中心",
        # 主办 pairs, counted as status and rank count them
        "lead_tasks": 18,
        "done": 1,
        "in_progress": 0,
        "not_started": 17,
        "blocked": 0,
        "overdue": 1,  # 2024-05 (due 04-30); 2024-06 is due on the as-of day itself
        "done_late": 0,
        "completion_rate": 0.0556,
        # 协办 pairs, in columns of their own
        "support_tasks": 2,
        "support_done": 0,
        "support_overdue": 0,
        "records_this_month": 2,
        "report": {"state": "on_time", "submitted_on": "2024-06-25", "days_late": 0},
    }
    assert summary["镇安委办"]["report"] is None  # receives the reports, owes none
    assert summary["农办"]["report"] == {"state": "missing", "submitted_on": None, "days_late": 5}
    assert list(summary)[:3] == ["镇安委办", "党政办", "经发办"]  # catalogue order


def test_default_as_of_is_the_25th_and_later_records_are_left_out(
    invoke: Invoke, month: None
) -> None:
    body = export_json(invoke)
    assert body["as_of"] == "2024-06-25"
    summary = {s["unit"]: s for s in body["summary"]}
    # its report came on the 27th: not received by the report day
    assert summary["规建办"]["report"] == {"state": "missing", "submitted_on": None, "days_late": 0}
    row = next(r for r in body["rows"] if (r["task"], r["unit"]) == ("2024-14", "城运中心"))
    assert row["status"] == "done"  # the 07-02 'blocked' is after the as-of day


def test_a_record_on_the_as_of_day_is_the_last_update(invoke: Invoke, month: None) -> None:
    # 2024-14/城运中心 was recorded done on 2024-06-24: as of that day it is its last update.
    body = export_json(invoke, "--as-of", "2024-06-24")
    row = next(r for r in body["rows"] if (r["task"], r["unit"]) == ("2024-14", "城运中心"))
    assert (row["status"], row["last_update"], row["done_on"]) == (
        "done",
        "2024-06-24",
        "2024-06-24",
    )


def test_the_report_column_says_what_the_report_day_had(invoke: Invoke, month: None) -> None:
    """On the due day (the default report day) and after it, a report not received by the
    as-of day is missing; before it, not due. `reports` waits until the day after."""

    def report(*args: str) -> dict[str, dict[str, Any]]:
        body = export_json(invoke, *args)
        return {s["unit"]: s["report"] for s in body["summary"] if s["report"] is not None}

    on_the_day = report()  # as of the 25th, however late the export is run
    assert {u: r["state"] for u, r in on_the_day.items()} == {
        u: "on_time" if u == "城运中心" else "missing" for u in on_the_day
    }
    before = report("--as-of", "2024-06-24")
    assert {r["state"] for r in before.values()} == {"not_due"}
    after = report("--as-of", "2024-07-10")
    assert (after["规建办"], after["农办"]) == (
        {"state": "late", "submitted_on": "2024-06-27", "days_late": 2},
        {"state": "missing", "submitted_on": None, "days_late": 15},
    )
    rows = export_json(invoke)["rows"]
    assert {r["report"]["state"] for r in rows if r["unit"] == "农办"} == {"missing"}
    grid = invoke("reports", "-m", "2024-06", "-u", "农办", "--json", "--as-of", "2024-06-25")
    assert json.loads(grid.stdout)[0]["state"] == "not_due"  # the grid keeps its rule


def test_a_month_outside_the_plan_is_named(invoke: Invoke) -> None:
    result = invoke("export", "-m", "9999-12")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "错误：9999-12 不在方案期内（2024-04至2026-12）\n",
    )
    given = invoke("export", "-m", "2026-12", "--as-of", "2026-11-30")
    assert given.stderr == "错误：--as-of 2026-11-30 早于 2026-12 月初\n"


# The words the sheets write for stored values, as the office reads them (written out here,
# not looked up in the program's catalogue, so a wrong translation fails these tests).
WORDS = {
    "zh": {
        "responsible": "主办", "cooperating": "协办",
        "not_started": "未开始", "in_progress": "推进中", "done": "已完成", "blocked": "受阻",
        "on_time": "按时", "missing": "未报", "not_due": "未到期",
    },
    "en": {
        "responsible": "lead", "cooperating": "support",
        "not_started": "not started", "in_progress": "in progress", "done": "done",
        "blocked": "blocked",
    },
}  # fmt: skip


def t(key: str, lang: str = "zh") -> str:
    return WORDS[lang][key]


def _csv_row(row: dict[str, Any]) -> list[str]:
    """A JSON row as the Chinese CSV writes it (the CSV contract)."""

    def safe(text: str) -> str:
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text

    def text(value: object) -> str:
        return "" if value is None else str(value)

    progress = "\n".join(
        " ".join(
            [m["date"], t(m["status"])]
            + ([f"{m['percent']}%"] if m["percent"] is not None else [])
            + ([m["note"]] if m["note"] else [])
        )
        for m in row["records_this_month"]
    )
    report = row["report"]
    if report is None:
        report_text = "无需报送"
    elif report["state"] == "late":
        report_text = f"迟报{report['days_late']}天"
    else:
        report_text = t(report["state"])
    return [
        row["task"],
        str(row["seq"]),
        row["title"],
        row["unit"],
        t(row["role"]),
        row["deadline"],
        text(row["last_update"]),
        t(row["status"]),
        "",  # 日期: for the unit to fill in
        text(row["percent"]),
        safe(row["note"]),
        text(row["done_on"]),
        "是" if row["overdue"] else "否",
        str(row["days_overdue"]),
        "是" if row["done_late"] else "否",
        str(len(row["records_this_month"])),
        progress,
        report_text,
        text(report and report["submitted_on"]),
    ]


def test_csv_round_trip_matches_json(invoke: Invoke, month: None, tmp_path: Path) -> None:
    body = export_json(invoke, "--as-of", AS_OF)
    out = tmp_path / "june.csv"
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result
    assert result.stderr == f"已写入 {out}：280行，2024-06，截至{AS_OF}\n"
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [
        "编号", "序号", "任务", "单位", "角色", "时间节点", "最近记录日期", "状态", "日期", "进度",
        "备注",
        "完成日期", "是否逾期", "逾期天数", "逾期完成", "本月记录数", "本月进展", "月报",
        "月报报送日期", "督办",
    ]  # fmt: skip
    assert [r[:-1] for r in rows[1:]] == [_csv_row(r) for r in body["rows"]]
    flags = {(r[0], r[3]): r[-1] for r in rows[1:]}
    # 督办 as `status --unit` shows it: 阻 beside the colour for a blocked pair, due or not
    assert (flags[("2024-16", "经发公司")], flags[("2024-14", "城运中心")]) == ("黄 阻", "绿")
    notes = {(r[0], r[3]): r[10] for r in rows[1:]}
    assert notes[("2024-14", "城运中心")] == "'" + HOSTILE
    assert notes[("2024-05", "规建办")] == "'@SUM(A1)"
    assert notes[("2024-16", "各村居")] == "'+1"
    assert notes[("2024-16", "经发公司")] == "'-1"


def test_csv_summary_round_trip(invoke: Invoke, month: None) -> None:
    body = export_json(invoke, "--as-of", AS_OF)
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "--table", "summary")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"), newline="")))
    assert [r[0] for r in rows[1:]] == [s["unit"] for s in body["summary"]]
    for r, s in zip(rows[1:], body["summary"], strict=True):
        assert [int(x) for x in r[1:8] + r[9:12]] == [
            s["lead_tasks"], s["done"], s["in_progress"], s["not_started"], s["blocked"],
            s["overdue"], s["done_late"],
            s["support_tasks"], s["support_done"], s["support_overdue"],
        ]  # fmt: skip
        rate = s["completion_rate"]  # whole percents, as status shows; none: an empty cell
        assert r[8] == ("" if rate is None else rate_text(rate))


def test_xlsx_round_trip_matches_json(invoke: Invoke, month: None, tmp_path: Path) -> None:
    body = export_json(invoke, "--as-of", AS_OF, "--lang", "en")
    out = tmp_path / "june.xlsx"
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Detail", "About"]
    detail = book["Detail"]
    assert detail.freeze_panes == "A2"
    heads = [c.value for c in detail[1]]
    assert heads[:11] == [
        "Task ID", "No.", "Title", "Unit", "Role", "Deadline", "Last update", "Status", "Date",
        "Percent", "Note",
    ]  # fmt: skip
    got = [[c.value for c in row] for row in detail.iter_rows(min_row=2)]

    def day(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    expected = [
        [
            r["task"],
            r["seq"],
            r["title"],
            r["unit"],
            t(r["role"], "en"),
            day(r["deadline"]),
            day(r["last_update"]),
            t(r["status"], "en"),
            None,  # Date: for the unit to fill in
            r["percent"],
            r["note"] or None,
            day(r["done_on"]),
            "yes" if r["overdue"] else "no",
            r["days_overdue"],
            "yes" if r["done_late"] else "no",
            len(r["records_this_month"]),
        ]
        for r in body["rows"]
    ]
    assert [row[:16] for row in got] == expected
    for row in detail.iter_rows(min_row=2):
        note = row[heads.index("Note")]
        if note.value:
            assert note.data_type == "s"  # never 'f', whatever the text starts with
    hostile = next(
        row
        for row in detail.iter_rows(min_row=2)
        if (row[0].value, row[3].value) == ("2024-14", "城运中心")
    )
    assert hostile[10].value == HOSTILE and hostile[10].data_type == "s"
    assert hostile[16].data_type == "s"
    summary = book["Summary"]
    sums = [[c.value for c in row] for row in summary.iter_rows(min_row=2)]
    assert [s[0] for s in sums] == [s["unit"] for s in body["summary"]]
    # The rate as every other output shows it (whole percents, half up), formatted 0%
    rates = [
        None if r is None else percent(r) / 100
        for r in (s["completion_rate"] for s in body["summary"])
    ]
    assert [s[8] for s in sums] == rates
    rated = next(row for row in summary.iter_rows(min_row=2) if row[8].value is not None)
    assert rated[8].number_format == "0%"


def test_markdown_to_stdout(invoke: Invoke, month: None) -> None:
    result = invoke("export", "-m", "2024-06", "-f", "md", "--as-of", AS_OF)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0] == f"# 治本攻坚月报 2024-06（截至 {AS_OF}）"
    # 主办: 18 tasks, 1 done, 17 not started, 1 overdue, 1/18 = 6%; 协办: 2 tasks
    assert (
        "| 城运中心 | 18 | 1 | 0 | 17 | 0 | 1 | 0 | 6% | 2 | 0 | 0 | 2 | 按时 | 2024-06-25 |"
        in lines
    )


def test_same_month_and_as_of_give_identical_files(
    invoke: Invoke, month: None, tmp_path: Path
) -> None:
    for suffix in ("csv", "json", "md", "xlsx"):
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        for out in (first, second):
            result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-o", str(out))
            assert result.exit_code == 0, result
        assert first.read_bytes() == second.read_bytes(), suffix


def test_gb18030(invoke: Invoke, month: None, tmp_path: Path) -> None:
    out = tmp_path / "june.csv"
    result = invoke(
        "export", "-m", "2024-06", "--as-of", AS_OF, "-o", str(out), "--encoding", "gb18030"
    )
    assert result.exit_code == 0, result
    utf8 = tmp_path / "utf8.csv"
    assert invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-o", str(utf8)).exit_code == 0
    assert out.read_bytes().decode("gb18030") == utf8.read_bytes().decode("utf-8-sig")


def test_existing_file_needs_force(invoke: Invoke, month: None, tmp_path: Path) -> None:
    out = tmp_path / "june.json"
    out.write_text("keep me")
    refused = invoke("export", "-m", "2024-06", "-o", str(out))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"错误：{out} 已存在：如要覆盖，请加 --force\n",
    )
    assert out.read_text() == "keep me"
    forced = invoke("export", "-m", "2024-06", "-o", str(out), "--force")
    assert forced.exit_code == 0, forced
    assert json.loads(out.read_text())["month"] == "2024-06"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_write_leaves_no_half_file(
    invoke: Invoke, month: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "june.xlsx"
    out.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("maogang_cli.outfiles.os.replace", broken)
    result = invoke("export", "-m", "2024-06", "-o", str(out), "--force")
    assert (result.exit_code, result.stderr) == (
        1,
        f"错误：无法写入 {out}：磁盘已满\n",
    )
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".june")] == []


def test_year_and_later_years(invoke: Invoke, data_copy: Path) -> None:
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "tasks_2025.yaml", data_copy)
    everything = export_json(invoke, "--data", str(data_copy), "--as-of", "2024-06-25")
    only_2024 = export_json(invoke, "--data", str(data_copy), "--year", "2024")
    only_2025 = export_json(invoke, "--data", str(data_copy), "--year", "2025")
    assert len(only_2024["rows"]) == 280
    assert {r["year"] for r in only_2025["rows"]} == {2025}
    assert len(everything["rows"]) == len(only_2024["rows"]) + len(only_2025["rows"])
    assert only_2025["year"] == 2025


def test_a_month_without_a_monthly_report(invoke: Invoke) -> None:
    result = invoke("export", "-m", "2024-04", "-f", "json")
    body = json.loads(result.stdout)
    assert (body["as_of"], body["report_due"]) == ("2024-04-30", None)
    assert {json.dumps(s["report"]) for s in body["summary"]} == {"null"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-f", "xlsx"], 2, "错误：xlsx 是文件而不是文本：请用 -o 文件.xlsx 给出文件"),
        (
            ["-o", "june.txt"],
            2,
            "错误：无法从“june.txt”看出格式：请命名为 .csv、.json、.xlsx 或 .md，或用 --format 指定",
        ),
        (
            ["-f", "json", "--encoding", "gb18030"],
            2,
            "错误：--encoding 和 --table 只用于 csv",
        ),
        (["-o", "/no/such/dir/june.csv"], 2, "错误：目录不存在：/no/such/dir"),
        (
            ["--as-of", "2024-05-31"],
            2,
            "错误：--as-of 2024-05-31 早于 2024-06 月初",
        ),
        (
            ["--as-of", "yesterday"],
            2,
            "错误：--as-of: “yesterday”不是日期（应为 YYYY-MM-DD）",
        ),
    ],
)
def test_bad_options(invoke: Invoke, args: list[str], code: int, message: str) -> None:
    result = invoke("export", "-m", "2024-06", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", message + "\n")


def test_bad_month_and_format(invoke: Invoke) -> None:
    bad = invoke("export", "-m", "June")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "错误：“JUNE”不是每月的期次（应写作 2024-05）\n",
    )
    unknown = invoke("export", "-m", "2024-06", "-f", "pdf")
    assert unknown.exit_code == 2 and "Traceback" not in unknown.stderr


def test_today_caps_the_default_as_of(invoke: Invoke) -> None:
    this_month = date.today().strftime("%Y-%m")
    if not "2024-05" <= this_month <= "2026-12":
        pytest.skip("the plan's months are over")
    body = json.loads(invoke("export", "-m", this_month, "-f", "json").stdout)
    assert body["as_of"] == min(f"{this_month}-25", date.today().isoformat())
