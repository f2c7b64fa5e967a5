"""`maogang import`: a unit's spreadsheet, checked like `record`, written all or nothing."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import Invoke


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def count(db: Path, table: str) -> int:
    return int(sqlite3.connect(db).execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def history(invoke: Invoke, task: str, unit: str) -> list[dict[str, object]]:
    result = invoke("history", task, "-u", unit, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_english_csv_is_recorded_with_by_and_file_name(invoke: Invoke, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "units.csv",
        [
            ["task", "unit", "status", "date", "note", "percent", "extra column"],
            ["2024-14", "城运中心", "in_progress", "2024-06-10", "建库", "40", "ignored"],
            ["", "", "", "", "", "", ""],  # blank: skipped
            ["14", "泖港派出所", "已完成", "2024/6/12", "=1+1", "", ""],
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert result.exit_code == 0, result
    assert result.stderr == f"已导入 {path}：新增记录2条\n"
    [first] = history(invoke, "14", "城运中心")
    assert {
        k: first[k] for k in ("status", "date", "note", "percent", "recorded_by", "source")
    } == {
        "status": "in_progress",
        "date": "2024-06-10",
        "note": "建库",
        "percent": 40,
        "recorded_by": "张三",
        "source": "import:units.csv",
    }
    [second] = history(invoke, "14", "泖港派出所")
    assert (second["status"], second["date"], second["note"]) == ("done", "2024-06-12", "=1+1")


def test_bad_rows_abort_everything_with_file_row_lines(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["任务编号", "单位", "状态", "日期", "备注", "进度"],
            ["2024-14", "城运中心", "推进中", "2024-06-10", "ok", ""],
            ["2024-99", "城运中心", "推进中", "2024-06-10", "", ""],
            ["2024-14", "城运", "推进中", "2024-06-10", "", ""],
            ["2024-14", "城运中心", "finished", "2024-06-10", "", ""],
            ["2024-14", "城运中心", "推进中", "2024-06-31", "", ""],
            ["2024-14", "城运中心", "推进中", "2099-01-01", "", ""],
            ["2024-14", "城运中心", "推进中", "2024-06-10", "", "120"],
            ["2024-14", "城运中心", "推进中", "2024-06-10", "", "half"],
            ["2024-14", "城运中心", "推进中", "", "a note", ""],
            ["2024-14", "城运中心", "", "2024-06-10", "", ""],
            ["2024-14", "", "推进中", "2024-06-10", "", ""],
            ["2024-02", "党政办", "推进中", "2024-06-10", "", ""],
            ["2024-14", "镇安委会有关成员单位", "推进中", "2024-06-10", "", ""],
        ],
    )
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:3: 未知任务“2024-99”（是否想输入：2024-09、2024-19、2024-01？）",
        f"{path}:4: 未知单位“城运”（是否想输入：城运中心？）",
        f"{path}:5: 未知状态“finished”；可选：未开始、推进中、已完成、受阻",
        f"{path}:6: 日期：“2024-06-31”不是实际存在的日期",
        f"{path}:7: 日期2099-01-01在未来",
        f"{path}:8: 进度 120 不在 0 到 100 之间",
        f"{path}:9: 进度“half”不是 0 到 100 之间的整数",
        f"{path}:10: 状态（未开始 → 推进中）和备注有变化但日期为空：请在“日期”列填写发生的日期",
        f"{path}:11: 状态为空",
        f"{path}:12: 单位为空",
        f"{path}:13: “党政办”不承担任务 2024-02（是否想输入：农办？）；承担单位：规建办、农办、经发办、城运中心、城建中心、社事办、绿容所、环保办、"
        "综合行政执法队、泖港派出所、泖港市场监管所、经发公司",
        f"{path}:14: “镇安委会有关成员单位”是单位组：请为任务 2024-14 的每个成员各填一行、各写状态："
        "规建办、农办、经发办、城运中心、城建中心、社事办、绿容所、"
        "环保办、综合行政执法队、泖港派出所、泖港市场监管所",
        "错误：有12行有误，未导入任何记录；请改正后重新导入",
    ]
    db = isolation / "maogang.db"
    assert (count(db, "progress"), count(db, "imports")) == (0, 0)
    assert "Traceback" not in result.stderr


def test_same_file_twice_is_refused_unless_again(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    path = write_csv(
        tmp_path / "june.csv",
        [["task", "unit", "status", "date"], ["14", "城运中心", "in_progress", "2024-06-10"]],
    )
    assert invoke("import", str(path)).exit_code == 0
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(path.read_bytes())
    again = invoke("import", str(copy))
    assert again.exit_code == 1
    assert again.stderr.startswith(f"错误：{copy} 已导入过（文件名 june.csv，")
    assert again.stderr.endswith("，导入人tester，1条记录）：如要再导入一次，请加 --again\n")
    forced = invoke("import", str(copy), "--again")
    assert forced.exit_code == 0, forced
    # the row says what is now recorded: nothing new, but the import itself is kept
    assert forced.stderr == f"已导入 {copy}：新增记录0条、已记录而跳过1行\n"
    db = isolation / "maogang.db"
    assert (count(db, "progress"), count(db, "imports")) == (1, 2)
    # a third time names the latest import: the copy, imported with --again, 0 records
    third = invoke("import", str(path))
    assert third.exit_code == 1
    assert third.stderr.startswith(f"错误：{path} 已导入过（文件名 renamed.csv，")
    assert third.stderr.endswith("，导入人tester，0条记录）：如要再导入一次，请加 --again\n")


def test_dry_run_shows_and_writes_nothing(invoke: Invoke, tmp_path: Path, isolation: Path) -> None:
    path = write_csv(
        tmp_path / "june.csv",
        [
            ["task", "unit", "status", "date", "percent"],
            ["14", "城运中心", "推进中", "2024-06-10", "30"],
        ],
    )
    result = invoke("import", str(path), "--dry-run")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[-4:-1] == [
        " 行  编号     单位      状态    日期        进度  备注",
        " -----------------------------------------------------",
        "  2  2024-14  城运中心  推进中  2024-06-10   30%",
    ]
    assert result.stderr == "试运行，未写入：新增记录1条\n"
    db = isolation / "maogang.db"
    assert (count(db, "progress"), count(db, "imports")) == (0, 0)
    assert invoke("import", str(path)).exit_code == 0  # a dry run does not count as imported


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings(invoke: Invoke, tmp_path: Path, encoding: str) -> None:
    path = write_csv(
        tmp_path / "units.csv",
        [
            ["编号", "单位", "状态", "日期", "备注"],
            ["2024-14", "城运中心", "推进中", "2024-06-10", "数据库建设中"],
        ],
        encoding=encoding,
    )
    assert invoke("import", str(path)).exit_code == 0
    assert history(invoke, "14", "城运中心")[0]["note"] == "数据库建设中"


def test_an_exported_csv_imports_as_it_is_and_a_filled_in_one_records_the_changes(
    invoke: Invoke, tmp_path: Path
) -> None:
    for step in [
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
            "@SUM(A1)",
            "-p",
            "50",
        ),
        ("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-06-20"),
    ]:
        assert invoke(*step).exit_code == 0
    exported = tmp_path / "june.csv"
    assert invoke("export", "-m", "2024-06", "-o", str(exported)).exit_code == 0
    as_is = invoke("import", str(exported), "--dry-run")
    assert as_is.exit_code == 0, as_is
    assert as_is.stderr == "试运行，未写入：新增记录0条、已记录而跳过280行\n"

    text = exported.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    heads = rows[0]
    for row in rows[1:]:
        if (row[0], row[3]) == ("2024-14", "城运中心"):
            row[heads.index("状态")] = "已完成"
            row[heads.index("日期")] = "2024/6/28"  # as Excel saves a date
        if (row[0], row[3]) == ("2024-01", "规建办"):
            row[0] = "2024/1/1"  # Excel turned the id 2024-01 into a date; 序号 still says 1
            row[heads.index("状态")] = "推进中"
            row[heads.index("日期")] = "2024-06-15"
            row[heads.index("备注")] = "'=cmd"  # typed protected, as our export writes it
    filled = write_csv(tmp_path / "june-filled.csv", rows, encoding="gb18030")
    result = invoke("import", str(filled))
    assert result.exit_code == 0, result
    assert result.stderr == f"已导入 {filled}：新增记录2条、已记录而跳过278行\n"
    latest = history(invoke, "14", "城运中心")[-1]
    # the note cell still showed the latest note: not repeated on the new record
    assert (latest["status"], latest["date"], latest["note"]) == ("done", "2024-06-28", "")
    # nor the 进度 50 it still showed: no claim of the unit's, and 已完成 is not 50%
    assert latest["percent"] is None
    [planning] = history(invoke, "2024-01", "规建办")
    assert (planning["status"], planning["note"]) == ("in_progress", "=cmd")


def _export_rows(invoke: Invoke, tmp_path: Path, *args: str) -> list[list[str]]:
    exported = tmp_path / "export.csv"
    result = invoke("export", "-m", "2024-06", "-o", str(exported), "--force", *args)
    assert result.exit_code == 0, result
    text = exported.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _edit(rows: list[list[str]], task: str, unit: str, **cells: str) -> None:
    heads = rows[0]
    [row] = [
        r for r in rows[1:] if (r[heads.index("编号")], r[heads.index("单位")]) == (task, unit)
    ]
    for heading, value in cells.items():
        row[heads.index(heading)] = value


@pytest.fixture
def june(invoke: Invoke) -> None:
    for step in [
        ("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-06-10", "-p", "50"),
        ("record", "16", "-u", "镇安委办", "-s", "in_progress", "-d", "2024-06-12", "-n", "培训中"),
    ]:
        assert invoke(*step).exit_code == 0


def test_the_export_keeps_the_last_update_apart_from_the_date_to_fill_in(
    invoke: Invoke, tmp_path: Path, june: None
) -> None:
    rows = _export_rows(invoke, tmp_path)
    heads = rows[0]
    assert heads[5:10] == ["时间节点", "最近记录日期", "状态", "日期", "进度"]
    _edit(rows, "2024-14", "城运中心")  # the row is there once
    row = next(r for r in rows if r[0] == "2024-14" and r[3] == "城运中心")
    assert (row[heads.index("最近记录日期")], row[heads.index("日期")]) == ("2024-06-10", "")


def test_a_changed_row_without_a_date_is_refused_not_backdated(
    invoke: Invoke, tmp_path: Path, isolation: Path, june: None
) -> None:
    rows = _export_rows(invoke, tmp_path)
    _edit(rows, "2024-14", "城运中心", 状态="已完成")  # 日期 left empty
    _edit(rows, "2024-16", "镇安委办", 备注="名单已报")
    _edit(rows, "2024-01", "规建办", 进度="20")
    path = write_csv(tmp_path / "filled.csv", rows)
    numbers = {(r[0], r[3]): n for n, r in enumerate(rows, start=1)}
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:{numbers['2024-01', '规建办']}: 进度（无 → 20%）有变化但日期为空："
        "请在“日期”列填写发生的日期",
        f"{path}:{numbers['2024-14', '城运中心']}: 状态（推进中 → 已完成）有变化但日期为空："
        "请在“日期”列填写发生的日期",
        f"{path}:{numbers['2024-16', '镇安委办']}: 备注有变化但日期为空："
        "请在“日期”列填写发生的日期",
        "错误：有3行有误，未导入任何记录；请改正后重新导入",
    ]
    assert count(isolation / "maogang.db", "progress") == 2


def test_unchanged_rows_are_compared_with_what_the_export_showed(
    invoke: Invoke, tmp_path: Path, june: None
) -> None:
    rows = _export_rows(invoke, tmp_path)
    # recorded after the export went out; the unit's sheet still shows the old standing
    assert invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-28").exit_code == 0
    assert invoke("record", "5", "-u", "规建办", "-s", "done", "-d", "2024-06-28").exit_code == 0
    path = write_csv(tmp_path / "returned.csv", rows)
    result = invoke("import", str(path))
    assert result.exit_code == 0, result
    assert result.stderr == f"已导入 {path}：新增记录0条、已记录而跳过280行\n"


def test_an_older_export_whose_date_is_the_last_update_does_not_backdate(
    invoke: Invoke, tmp_path: Path, isolation: Path, june: None
) -> None:
    """Before 最近记录日期, an export put the latest record's day under 日期."""
    new = _export_rows(invoke, tmp_path)
    drop = new[0].index("日期")
    old = [[c for i, c in enumerate(r) if i != drop] for r in new]
    old[0][old[0].index("最近记录日期")] = "日期"
    unchanged = write_csv(tmp_path / "old.csv", old)
    assert invoke("import", str(unchanged), "--dry-run").exit_code == 0

    _edit(old, "2024-14", "城运中心", 状态="已完成")  # 日期 still 2024-06-10
    _edit(old, "2024-16", "镇安委办", 状态="已完成", 日期="2024-06-27")  # the real day
    path = write_csv(tmp_path / "old-filled.csv", old)
    row = next(n for n, r in enumerate(old, start=1) if (r[0], r[3]) == ("2024-14", "城运中心"))
    refused = invoke("import", str(path))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{path}:{row}: 状态（推进中 → 已完成）有变化，但日期 2024-06-10 与最近一条记录同日："
        "请填写实际发生的日期（没有“最近记录日期”列的表格可能是旧版导出的，"
        "其“日期”是最近一条记录的日期）"
    )
    assert count(isolation / "maogang.db", "progress") == 2
    _edit(old, "2024-14", "城运中心", 日期="2024-06-26")
    fixed = write_csv(tmp_path / "old-fixed.csv", old)
    assert invoke("import", str(fixed)).exit_code == 0
    assert [(r["status"], r["date"]) for r in history(invoke, "14", "城运中心")] == [
        ("in_progress", "2024-06-10"),
        ("done", "2024-06-26"),
    ]
    assert history(invoke, "16", "镇安委办")[-1]["date"] == "2024-06-27"


def test_a_new_export_may_date_a_change_on_the_day_of_the_last_record(
    invoke: Invoke, tmp_path: Path, june: None
) -> None:
    """With 最近记录日期 beside it, a 日期 the unit typed is the day it happened."""
    rows = _export_rows(invoke, tmp_path)
    _edit(rows, "2024-14", "城运中心", 状态="已完成", 日期="2024-06-10")
    path = write_csv(tmp_path / "same-day.csv", rows)
    result = invoke("import", str(path))
    assert result.exit_code == 0, result
    assert history(invoke, "14", "城运中心")[-1]["status"] == "done"


def test_an_exported_xlsx_filled_in_imports_from_its_detail_sheet(
    invoke: Invoke, tmp_path: Path
) -> None:
    exported = tmp_path / "june.xlsx"
    assert invoke("export", "-m", "2024-06", "-o", str(exported)).exit_code == 0
    book = load_workbook(exported)
    detail = book["明细"]
    heads = [c.value for c in detail[1]]
    for row in detail.iter_rows(min_row=2):
        if (row[0].value, row[3].value) == ("2024-16", "镇安委办"):
            row[heads.index("状态")].value = "受阻"
            row[heads.index("日期")].value = __import__("datetime").datetime(2024, 6, 20)
            row[heads.index("备注")].value = "等待培训名单"
            row[heads.index("进度")].value = 10
    book.save(exported)
    result = invoke("import", str(exported), "--dry-run")
    assert result.exit_code == 0, result
    assert "[明细]" in result.stdout
    assert " 165  2024-16  镇安委办  受阻  2024-06-20   10%  等待培训名单\n" in result.stdout
    assert invoke("import", str(exported)).exit_code == 0
    [record] = history(invoke, "16", "镇安委办")
    assert (record["status"], record["date"], record["percent"], record["note"]) == (
        "blocked",
        "2024-06-20",
        10,
        "等待培训名单",
    )


def test_xlsx_with_english_headings_and_a_chosen_sheet(invoke: Invoke, tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "cover"
    book.active.append(["nothing here"])
    sheet = book.create_sheet("data")
    sheet.append(["Task", "Unit", "Status", "Date", "Percent"])
    sheet.append([14, "城运中心", "in progress", "2024-06-10", 0.0])
    path = tmp_path / "units.xlsx"
    book.save(path)
    wrong = invoke("import", str(path), "--sheet", "cover")
    assert wrong.exit_code == 1
    assert wrong.stderr.splitlines()[0] == (
        f"{path}:1: 缺少列（工作表 cover）：编号、单位、状态、日期"
    )
    missing = invoke("import", str(path), "--sheet", "nope")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "错误：文件中没有名为“nope”的工作表；现有：cover、data\n",
    )
    assert invoke("import", str(path)).exit_code == 0  # finds the sheet that fits
    assert history(invoke, "14", "城运中心")[0]["percent"] == 0


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("empty.csv", b"", 1, "{path}: 文件是空的"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0",
            1,
            "{path}: 无法读取.xls文件：请另存为 .xlsx 或 .csv",
        ),
        ("broken.xlsx", b"PK\x03\x04broken", 1, "{path}: 不是可读取的 XLSX 文件（BadZipFile）"),
        (
            "cols.csv",
            "单位,状态\n".encode(),
            1,
            "{path}:1: 缺少列：编号、日期",
        ),
    ],
)
def test_unreadable_files(
    invoke: Invoke, tmp_path: Path, name: str, content: bytes, code: int, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("import", str(path))
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == message.format(path=path)
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(tmp_path / "nope.csv"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：文件不存在：{tmp_path / 'nope.csv'}\n",
    )


def test_a_title_above_the_headings_is_passed_over(invoke: Invoke, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "titled.csv",
        [
            ["城运中心 6月进展", "", "", ""],
            ["", "", "", ""],
            ["任务编号", "单位", "状态", "日期"],
            ["2024-14", "城运中心", "推进中", "2024-06-10"],
            ["2024-14", "城运", "推进中", "2024-06-11"],
        ],
    )
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{path}:5: 未知单位“城运”（是否想输入：城运中心？）"


def test_a_task_id_that_disagrees_with_its_row_number_is_a_row_error(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # F8: 2024-99 fell back to 序号 18, and 2024-17 beside 序号 18 went to 2024-17, silently
    heads = ["编号", "序号", "单位", "状态", "日期"]
    path = write_csv(
        tmp_path / "typo.csv",
        [
            heads,
            ["2024-99", "18", "城建中心", "已完成", "2024-06-10"],
            ["2024-17", "18", "城建中心", "已完成", "2024-06-10"],
            ["2024-18", "18", "城建中心", "已完成", "2024-06-10"],  # agrees: fine
            ["2024/2/1", "1", "规建办", "推进中", "2024-06-10"],  # a date of 2024-02, seq 1
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{path}:2: 未知任务“2024-99”（是否想输入：2024-09、2024-19、2024-01？）",
        f"{path}:3: 编号 2024-17 是清单第17项，本行序号却为 18：请改正有误的一项",
        f"{path}:5: 编号 2024-02 是清单第2项，本行序号却为 1：请改正有误的一项",
        "错误：有3行有误，未导入任何记录；请改正后重新导入",
    ]
    assert count(isolation / "maogang.db", "progress") == 0
    # an id turned into a date, with no 序号 beside it, is still the id it was
    alone = write_csv(
        tmp_path / "alone.csv", [heads, ["2024-02-01", "", "规建办", "推进中", "2024-06-10"]]
    )
    assert invoke("import", str(alone), "--by", "张三").exit_code == 0
    assert [h["status"] for h in history(invoke, "2024-02", "规建办")] == ["in_progress"]


def test_two_rows_for_one_task_unit_and_day_are_refused_naming_both(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # F29: the later of two contradicting rows silently won; a row pasted twice was doubled
    path = write_csv(
        tmp_path / "twice.csv",
        [
            ["编号", "单位", "状态", "日期"],
            ["2024-05", "环保办", "已完成", "2024-06-05"],
            ["2024-05", "环保办", "受阻", "2024-06-05"],
            ["5", "环保办", "已完成", "2024-06-05"],  # by its row number: the same pair
            ["2024-05", "社事办", "已完成", "2024-06-05"],
            ["2024-05", "社事办", "受阻", "2024-06-06"],  # another day: its history, kept
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{path}:3: 2024-05 环保办 2024-06-05 的记录已在第2行：两行只保留一行",
        f"{path}:4: 2024-05 环保办 2024-06-05 的记录已在第2行：两行只保留一行",
        "错误：有2行有误，未导入任何记录；请改正后重新导入",
    ]
    assert count(isolation / "maogang.db", "progress") == 0
