"""`import` of an exported XLSX whose unit typed over a column the export works out and the
import does not read (是否逾期, 本月进展, 督办 …): said, not dropped without a word (the
tester's T31 note: 是否逾期 changed 否 → 是 was ignored silently)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import Invoke


def count(db: Path) -> int:
    return int(sqlite3.connect(db).execute("SELECT count(*) FROM progress").fetchone()[0])


def _recorded_before(db: Path, task: str, day: date, status: str, percent: int | None) -> None:
    """A record of 城运中心 recorded on its own day: the export of the 25th saw it (records
    typed in after the export's day pass the pair over; tested below)."""
    from maogang_cli.store.progress import NewRecord, append_records

    conn = sqlite3.connect(db)
    with conn:
        append_records(
            conn,
            [
                NewRecord(
                    task_id=task,
                    unit="城运中心",
                    status=status,
                    happened_on=day,
                    recorded_by="张三",
                    recorded_at=f"{day}T10:00:00.000000+08:00",
                    note="",
                    percent=percent,
                    evidence="",
                    source="cli",
                )
            ],
        )
    conn.close()


@pytest.fixture
def exported(invoke: Invoke, tmp_path: Path, isolation: Path) -> Path:
    """城运中心's sheet of June 2024 as of the 25th, 2024-14 at 40% since the 3rd."""
    assert invoke("status", "--as-of", "2024-06-25").exit_code == 0  # the database made
    _recorded_before(isolation / "maogang.db", "2024-14", date(2024, 6, 3), "in_progress", 40)
    path = tmp_path / "cy.xlsx"
    result = invoke(
        "export", "-m", "2024-06", "--as-of", "2024-06-25", "--unit", "城运中心", "-o", str(path)
    )
    assert result.exit_code == 0, result
    return path


def _typed(path: Path, into: Path, *cells: tuple[str, str, object]) -> tuple[Path, list[int]]:
    """The sheet with (序号, heading, value) typed in; the rows' numbers as a sheet shows them."""
    book = load_workbook(path)
    detail = book["明细"]
    heads = [c.value for c in detail[1]]
    numbers = []
    for seq, heading, value in cells:
        for row in detail.iter_rows(min_row=2):
            if str(row[heads.index("序号")].value) == seq:
                row[heads.index(heading)].value = value
                numbers.append(row[0].row)
    book.save(into)
    return into, numbers


def progress_refused(path: Path, row: int) -> list[str]:
    """What import says of a row whose unit wrote progress under 本月进展."""
    return [
        f"{path}:{row}: 本月进展是导出时算出的，不会导入：新的进展请填在“状态”“进度”或“备注”列，"
        "并在“日期”列填写发生的日期",
        "错误：有1行有误，未导入任何记录；请改正后重新导入",
    ]


def test_the_export_untouched_imports_without_a_word(invoke: Invoke, exported: Path) -> None:
    result = invoke("import", str(exported), "--dry-run")
    assert (result.exit_code, result.stderr) == (
        0,
        "试运行，未写入：新增记录0条、已记录而跳过20行\n",
    )


def test_values_typed_over_worked_out_columns_are_warned_and_the_row_imported(
    invoke: Invoke, exported: Path, tmp_path: Path, isolation: Path
) -> None:
    path, rows = _typed(
        exported,
        tmp_path / "typed.xlsx",
        ("14", "是否逾期", "是"),
        ("14", "逾期天数", 5),
        ("1", "督办", "黄"),
        ("2", "月报报送日期", datetime(2024, 6, 24)),
        ("3", "角色", "协办"),
        ("3", "时间节点", "2024/12/31"),  # the same day retyped: nothing new
        ("5", "月报", "按时"),
        ("5", "状态", "推进中"),
        ("5", "日期", "2024-06-20"),
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        0,
        [
            f"警告：{path}:{rows[2]}: 督办“黄”与导出时算出的“绿”不同，不会导入："
            "它由进展记录算出：新的进展请填在“状态”和“日期”列",
            f"警告：{path}:{rows[3]}: 月报报送日期填了“2024-06-24”，导出时此处为空，不会导入："
            "月报报送请用 maogang submit 登记",
            f"警告：{path}:{rows[4]}: 角色“协办”与导出时算出的“主办”不同，不会导入："
            "以任务清单为准；如有误，请联系管理员修改任务清单",
            f"警告：{path}:{rows[6]}: 月报“按时”与导出时算出的“未报”不同，不会导入："
            "月报报送请用 maogang submit 登记",
            f"警告：{path}:{rows[0]}: 是否逾期“是”与导出时算出的“否”不同，不会导入："
            "它由进展记录算出：新的进展请填在“状态”和“日期”列",
            f"警告：{path}:{rows[0]}: 逾期天数“5”与导出时算出的“0”不同，不会导入："
            "它由进展记录算出：新的进展请填在“状态”和“日期”列",
            f"已导入 {path}：新增记录1条、已记录而跳过19行",
        ],
    )
    assert count(isolation / "maogang.db") == 2


def test_progress_typed_under_this_months_progress_refuses_the_row(
    invoke: Invoke, exported: Path, tmp_path: Path, isolation: Path
) -> None:
    path, [row] = _typed(exported, tmp_path / "progress.xlsx", ("10", "本月进展", "已完成调研"))
    result = invoke("import", str(path))
    assert (result.exit_code, result.stderr.splitlines()) == (1, progress_refused(path, row))
    assert count(isolation / "maogang.db") == 1
    english = invoke("import", str(path), "--lang", "en")
    assert english.stderr.splitlines()[0] == (
        f"{path}:{row}: 本月进展 is worked out by the export and not imported: write new "
        "progress under 状态, 进度 or 备注, and its day under 日期"
    )


def test_an_english_export_is_checked_in_its_own_words(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    args = ("export", "-m", "2024-06", "--as-of", "2024-06-25", "-u", "城运中心", "-o", str(path))
    assert invoke(*args, "--lang", "en").exit_code == 0
    untouched = invoke("import", str(path), "--dry-run", "--lang", "en")
    assert (untouched.exit_code, untouched.stderr) == (
        0,
        "dry run, nothing written: 0 new record(s), 20 row(s) skipped as already recorded\n",
    )
    book = load_workbook(path)
    detail = book["Detail"]
    heads = [c.value for c in detail[1]]
    detail.cell(2, heads.index("Overdue?") + 1).value = "yes"
    book.save(path)
    result = invoke("import", str(path), "--dry-run", "--lang", "en")
    assert result.stderr.splitlines()[0] == (
        f"warning: {path}:2: Overdue? 'yes' differs from what the export worked out ('no') "
        "and is not imported: it follows from the records: report progress under 状态 and 日期"
    )
    assert result.exit_code == 0


def test_a_pair_recorded_or_voided_since_the_export_is_passed_over(
    invoke: Invoke, exported: Path, tmp_path: Path
) -> None:
    # What the export wrote for these pairs cannot be worked out again: no false alarm.
    path, _rows = _typed(
        exported,
        tmp_path / "later.xlsx",
        ("1", "督办", "黄"),
        ("14", "督办", "黄"),
        ("2", "督办", "黄"),
    )
    later = ("record", "1", "-u", "城运中心", "-s", "推进中", "-d", "2024-06-10")
    assert invoke(*later).exit_code == 0  # recorded today, dated before the export's day
    assert invoke("void", "P1", "--reason", "录错").exit_code == 0
    result = invoke("import", str(path), "--dry-run")
    assert [line for line in result.stderr.splitlines() if line.startswith("警告")] == [
        f"警告：{path}:3: 督办“黄”与导出时算出的“绿”不同，不会导入："
        "它由进展记录算出：新的进展请填在“状态”和“日期”列"
    ]


def test_a_day_typed_under_last_update_refuses_the_row(
    invoke: Invoke, exported: Path, tmp_path: Path, isolation: Path
) -> None:
    # The import judges what is new by it: a unit that wrote its day of progress there
    # would have the row judged against another day's standing.
    path, rows = _typed(
        exported,
        tmp_path / "moved.xlsx",
        ("14", "最近记录日期", datetime(2024, 6, 20)),
        ("1", "最近记录日期", "2024-06-21"),
        ("14", "状态", "已完成"),
    )
    result = invoke("import", str(path))
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:{rows[1]}: 最近记录日期2024-06-21不是导出时写的（空）：此列是最近一条记录的日期，"
            "导入据此判断哪些内容是新的；请改回原样，新进展的日期请填在“日期”列",
            f"{path}:{rows[0]}: 最近记录日期2024-06-20不是导出时写的2024-06-03：此列是最近一条记录的日期，"
            "导入据此判断哪些内容是新的；请改回原样，新进展的日期请填在“日期”列",
            "错误：有2行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db") == 1


def test_a_sheet_without_its_about_sheet_is_not_checked(
    invoke: Invoke, exported: Path, tmp_path: Path
) -> None:
    path, _rows = _typed(exported, tmp_path / "bare.xlsx", ("1", "督办", "黄"))
    book = load_workbook(path)
    del book["说明"]
    book.save(path)
    result = invoke("import", str(path), "--dry-run")
    assert (result.exit_code, result.stderr) == (
        0,
        "试运行，未写入：新增记录0条、已记录而跳过20行\n",
    )


def test_words_under_this_months_progress_refuse_the_row_whatever_was_recorded_since(
    invoke: Invoke, exported: Path, tmp_path: Path, isolation: Path
) -> None:
    # Tester T60: a pair with a record entered after the export's day (the walkthrough's own
    # row) was passed over whole, and the unit's words under 本月进展 vanished again.
    book = load_workbook(exported)
    heads = [c.value for c in book["明细"][1]]
    shown = next(
        row[heads.index("本月进展")].value
        for row in book["明细"].iter_rows(min_row=2)
        if str(row[heads.index("序号")].value) == "14"
    )
    assert shown  # the export's own line for 2024-14's record of the 3rd
    later = ("record", "14", "-u", "城运中心", "-s", "推进中", "-p", "60", "-d", "2024-06-12")
    assert invoke(*later).exit_code == 0  # recorded today, dated before the export's day
    kept, _rows = _typed(exported, tmp_path / "kept.xlsx", ("14", "本月进展", f"  {shown} "))
    untouched = invoke("import", str(kept), "--dry-run")
    assert (untouched.exit_code, untouched.stderr) == (
        0,
        "试运行，未写入：新增记录0条、已记录而跳过20行\n",
    )
    words, [row] = _typed(
        exported, tmp_path / "words.xlsx", ("14", "本月进展", f"{shown}\n6月28日数据库一期上线")
    )
    result = invoke("import", str(words))
    assert (result.exit_code, result.stderr.splitlines()) == (1, progress_refused(words, row))
    assert count(isolation / "maogang.db") == 2
