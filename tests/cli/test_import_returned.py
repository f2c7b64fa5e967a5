"""`maogang import` of sheets as units send them back: exported before a void, rows pasted
twice, thousands of bad rows."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join(f"{','.join(row)}\r\n" for row in rows), "utf-8-sig")
    return path


def count(db: Path, table: str) -> int:
    return int(sqlite3.connect(db).execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _exported(invoke: Invoke, tmp_path: Path) -> list[list[str]]:
    exported = tmp_path / "export.csv"
    result = invoke(
        "export",
        "-m",
        "2024-06",
        "--unit",
        "城运中心",
        "--as-of",
        "2024-06-25",
        "-o",
        str(exported),
    )
    assert result.exit_code == 0, result
    return list(csv.reader(io.StringIO(exported.read_bytes().decode("utf-8-sig"), newline="")))


def _fill(rows: list[list[str]], seq: str, **cells: str) -> int:
    """Fill the row of 序号 `seq`; its row number as a spreadsheet shows it."""
    heads = rows[0]
    number, row = next((n, r) for n, r in enumerate(rows, 1) if r[heads.index("序号")] == seq)
    for heading, value in cells.items():
        row[heads.index(heading)] = value
    return number


@pytest.fixture
def voided_after_export(invoke: Invoke, tmp_path: Path) -> list[list[str]]:
    """P1 (2024-14 城运中心 推进中 30%) exported on the 25th, voided on the 26th."""
    recorded = invoke(
        "record", "14", "-u", "城运中心", "-s", "推进中", "-p", "30", "-d", "2024-06-12"
    )
    assert recorded.exit_code == 0, recorded
    rows = _exported(invoke, tmp_path)
    assert invoke("void", "P1", "--reason", "录错", "--by", "李四").exit_code == 0
    return rows


def test_a_row_left_as_exported_before_a_void_is_skipped_not_recorded_again(
    invoke: Invoke, tmp_path: Path, isolation: Path, voided_after_export: list[list[str]]
) -> None:
    # T42: it was refused for a change nobody made, and its advice re-recorded P1
    rows = voided_after_export
    filled = _fill(rows, "10", 状态="推进中", 日期="2024-06-20", 进度="40")
    voided = _fill(rows, "14")
    path = write_csv(tmp_path / "returned.csv", rows)
    result = invoke("import", str(path), "--by", "王五")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [
        f"第{voided}行与已作废的P1相同，已跳过",
        f"已导入 {path}：新增记录1条、已记录而跳过18行、与已作废记录相同而跳过1行",
    ]
    assert filled != voided
    assert count(isolation / "maogang.db", "progress") == 2  # P1 (voided) and row 10's
    assert [r["id"] for r in json.loads(invoke("history", "14", "--json").stdout)] == ["P1"]

    english = invoke("import", str(path), "--again", "--dry-run", "--lang", "en")
    assert english.exit_code == 0, english
    assert (
        english.stderr.splitlines()[0]
        == f"row {voided} is the same as P1, which was voided: skipped"
    )


def test_the_same_row_from_an_export_older_than_its_last_update_column(
    invoke: Invoke, tmp_path: Path, voided_after_export: list[list[str]]
) -> None:
    """Without 最近记录日期 the row is compared with every record, voided ones too."""
    drop = voided_after_export[0].index("最近记录日期")
    rows = [r[:drop] + r[drop + 1 :] for r in voided_after_export]
    voided = _fill(rows, "14")
    path = write_csv(tmp_path / "older.csv", rows)
    result = invoke("import", str(path), "--dry-run")
    assert result.exit_code == 0, result
    assert result.stderr.splitlines() == [
        f"第{voided}行与已作废的P1相同，已跳过",
        "试运行，未写入：新增记录0条、已记录而跳过19行、与已作废记录相同而跳过1行",
    ]


def test_a_row_changed_from_the_voided_record_still_needs_its_date(
    invoke: Invoke, tmp_path: Path, voided_after_export: list[list[str]]
) -> None:
    rows = voided_after_export
    changed = _fill(rows, "14", 进度="60")
    path = write_csv(tmp_path / "changed.csv", rows)
    result = invoke("import", str(path), "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:{changed}: 状态（未开始 → 推进中）和进度（无 → 60%）有变化但日期为空："
        "请在“日期”列填写发生的日期",
        "错误：有1行有误，未导入任何记录；请改正后重新导入",
    ]


def test_an_unchanged_row_pasted_again_is_skipped_like_its_original(
    invoke: Invoke, tmp_path: Path
) -> None:
    # T21: it was refused as a second record of today's date, which nobody typed
    rows = _exported(invoke, tmp_path)
    rows.append(list(rows[1]))
    path = write_csv(tmp_path / "pasted.csv", rows)
    result = invoke("import", str(path), "--dry-run")
    assert result.exit_code == 0, result
    assert result.stderr == "试运行，未写入：新增记录0条、已记录而跳过21行\n"


def test_many_bad_rows_show_the_first_twenty_lines_and_a_count(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T21: a sheet of 150,000 bad rows printed 150,000 lines
    rows = [["编号", "单位", "状态", "日期"]] + [["2024-14", "", "推进中", "2024-06-10"]] * 30
    path = write_csv(tmp_path / "bad.csv", rows)
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(f"{path}:{n}: 单位为空" for n in range(2, 22)),
        "…另有10行有误",
        "错误：有30行有误，未导入任何记录；请改正后重新导入",
    ]
    english = invoke("import", str(path), "--lang", "en")
    assert english.stderr.splitlines()[-2:] == [
        "… and 10 more rows with problems",
        "error: nothing was imported (30 bad rows); fix and rerun",
    ]
    assert count(isolation / "maogang.db", "progress") == 0


def test_thousands_of_bad_rows_are_counted_alike(invoke: Invoke, tmp_path: Path) -> None:
    rows = [["编号", "单位", "状态", "日期"]] + [["2024-14", "", "推进中", "2024-06-10"]] * 1500
    result = invoke("import", str(write_csv(tmp_path / "bad.csv", rows)))
    assert (result.exit_code, result.stderr.splitlines()[-2:]) == (
        1,
        ["…另有1,480行有误", "错误：有1,500行有误，未导入任何记录；请改正后重新导入"],
    )


def test_a_day_typed_under_done_on_is_refused_pointing_to_the_date_column(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T31: 完成日期 2024-06-01 was dropped and the task recorded done on the row's 日期
    rows = _exported(invoke, tmp_path)
    typed = _fill(rows, "10", 状态="已完成", 日期="2024-06-20", 完成日期="2024-06-01")
    agreed = _fill(rows, "11", 状态="已完成", 日期="2024-06-21", 完成日期="2024-06-21")
    assert typed != agreed
    path = write_csv(tmp_path / "done_on.csv", rows)
    result = invoke("import", str(path))
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:{typed}: 完成日期2024-06-01是导出时算出的，不会导入：请把完成的日期填在“日期”列",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db", "progress") == 0
    english = invoke("import", str(path), "--lang", "en")
    assert english.stderr.splitlines()[0] == (
        f"{path}:{typed}: 完成日期 2024-06-01 is worked out by the export and not imported: "
        "put the day it was done under 日期 (date)"
    )


@pytest.mark.parametrize("command", ["record", "import"])
def test_an_empty_by_is_refused_not_taken_for_the_os_user(
    invoke: Invoke, tmp_path: Path, isolation: Path, command: str
) -> None:
    # T31: --by "" recorded the OS account as who recorded the evidence
    path = write_csv(
        tmp_path / "one.csv",
        [["编号", "单位", "状态", "日期"], ["14", "城运中心", "推进中", "2024-06-20"]],
    )
    args = {
        "record": ["record", "14", "-u", "城运中心", "-s", "推进中", "-d", "2024-06-20"],
        "import": ["import", str(path)],
    }[command]
    for empty in ("", " "):
        result = invoke(*args, "--by", empty)
        assert (result.exit_code, result.stderr) == (
            2,
            "错误：--by 为空：请填写记录人姓名，或省略 --by 以使用系统用户名\n",
        )
    db = isolation / "maogang.db"  # import refuses it before opening the database
    assert (count(db, "progress") if db.exists() else 0) == 0


@pytest.mark.parametrize("command", [["import"], ["hazard", "import"]])
def test_a_big_file_is_announced_before_the_wait(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # T32: for two minutes the clerk saw nothing
    from maogang_cli.cli import render_import

    path = write_csv(
        tmp_path / "big.csv", [["编号", "单位", "状态", "日期"]] + [["", "", "", ""]] * 99
    )
    monkeypatch.setattr(render_import, "BIG_FILE", path.stat().st_size - 1)
    result = invoke(*command, str(path), "--dry-run")
    assert result.stderr.splitlines()[0] == "正在读取big.csv（0.0 MiB）：文件较大，需要一些时间"
    monkeypatch.setattr(render_import, "BIG_FILE", path.stat().st_size)
    result = invoke(*command, str(path), "--dry-run")
    assert not result.stderr.startswith("正在读取")
