"""A status and a percent that contradict each other (已完成 at 50%, 未开始 at 80%): refused
by `record` (usage, 2) and by `import` (the row, 1), by one rule; records stored before
the rule are read and re-exported as they are."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from conftest import Invoke


def count(db: Path) -> int:
    return int(sqlite3.connect(db).execute("SELECT count(*) FROM progress").fetchone()[0])


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join(f"{','.join(row)}\r\n" for row in rows), "utf-8-sig")
    return path


def history(invoke: Invoke, task: str) -> list[tuple[str, str, object]]:
    rows = json.loads(invoke("history", task, "-u", "城运中心", "--json").stdout)
    return [(r["status"], r["date"], r["percent"]) for r in rows]


@pytest.mark.parametrize(
    ("status", "percent", "line"),
    [
        pytest.param(
            "已完成",
            "50",
            "错误：状态为已完成，进度却是50%：已完成的进度应为100或留空",
            id="done-50",
        ),
        pytest.param(
            "done", "0", "错误：状态为已完成，进度却是0%：已完成的进度应为100或留空", id="done-0"
        ),
        pytest.param(
            "已完成",
            "99",
            "错误：状态为已完成，进度却是99%：已完成的进度应为100或留空",
            id="done-99",
        ),
        pytest.param(
            "未开始", "80", "错误：状态为未开始，进度却是80%：未开始的进度应为0或留空", id="ns-80"
        ),
        pytest.param(
            "not_started", "1", "错误：状态为未开始，进度却是1%：未开始的进度应为0或留空", id="ns-1"
        ),
    ],
)
def test_record_refuses_a_contradiction_as_usage(
    invoke: Invoke, isolation: Path, status: str, percent: str, line: str
) -> None:
    args = ("record", "14", "-u", "城运中心", "-s", status, "-p", percent, "-d", "2024-06-01")
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (2, line + "\n")
    db = isolation / "maogang.db"
    assert (count(db) if db.exists() else 0) == 0


def test_record_says_it_in_english(invoke: Invoke) -> None:
    result = invoke(
        "record",
        "14",
        "-u",
        "城运中心",
        "-s",
        "done",
        "-p",
        "50",
        "-d",
        "2024-06-01",
        "--lang",
        "en",
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "error: the status is done but the percent is 50%: "
        "a done task's percent is 100 or left empty\n",
    )


@pytest.mark.parametrize(
    ("status", "percent"),
    [
        ("已完成", "100"),
        ("已完成", None),
        ("未开始", "0"),
        ("未开始", None),
        ("推进中", "0"),
        ("推进中", "100"),
        ("受阻", "80"),
    ],
)
def test_record_takes_what_goes_together(invoke: Invoke, status: str, percent: str | None) -> None:
    given = ["-p", percent] if percent is not None else []
    result = invoke("record", "14", "-u", "城运中心", "-s", status, *given, "-d", "2024-06-01")
    assert result.exit_code == 0, result
    [(_status, day, stored)] = history(invoke, "14")
    assert (day, stored) == ("2024-06-01", None if percent is None else int(percent))


def test_import_refuses_the_row_typed_so_with_file_row(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    path = write_csv(
        tmp_path / "sheet.csv",
        [
            ["编号", "单位", "状态", "日期", "进度"],
            ["14", "城运中心", "已完成", "2024-06-10", "50"],
            ["10", "城运中心", "未开始", "2024-06-10", "80%"],
            ["11", "城运中心", "已完成", "2024-06-10", "100"],
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:2: 状态为已完成，进度却是50%：已完成的进度应为100或留空",
            f"{path}:3: 状态为未开始，进度却是80%：未开始的进度应为0或留空",
            "错误：有2行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db") == 0


def _exported(invoke: Invoke, tmp_path: Path, as_of: str) -> list[list[str]]:
    out = tmp_path / f"export-{as_of}.csv"
    result = invoke(
        "export", "-m", as_of[:7], "--unit", "城运中心", "--as-of", as_of, "-o", str(out), "--force"
    )
    assert result.exit_code == 0, result
    return list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))


def _row(rows: list[list[str]], seq: str) -> list[str]:
    return next(r for r in rows if r[rows[0].index("序号")] == seq)


def test_a_unit_marking_done_leaves_the_exported_percent_and_is_not_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    # The sheet shows 进度 50 from the last record; the unit changes 状态 and 日期 only:
    # the 50 is no claim of its own, so the done record is stored without a percent.
    assert (
        invoke(
            "record", "14", "-u", "城运中心", "-s", "推进中", "-p", "50", "-d", "2024-06-03"
        ).exit_code
        == 0
    )
    rows = _exported(invoke, tmp_path, "2024-06-25")
    row = _row(rows, "14")
    assert row[rows[0].index("进度")] == "50"
    row[rows[0].index("状态")] = "已完成"
    row[rows[0].index("日期")] = "2024-06-20"
    result = invoke("import", str(write_csv(tmp_path / "done.csv", rows)), "--by", "张三")
    assert result.exit_code == 0, result
    assert history(invoke, "14") == [
        ("in_progress", "2024-06-03", 50),
        ("done", "2024-06-20", None),
    ]
    # but 进度 typed anew beside 已完成 is the unit's claim, and contradicts it
    rows = _exported(invoke, tmp_path, "2024-06-25")
    row = _row(rows, "10")
    row[rows[0].index("状态")] = "已完成"
    row[rows[0].index("日期")] = "2024-06-21"
    row[rows[0].index("进度")] = "60"
    result = invoke("import", str(write_csv(tmp_path / "typed.csv", rows)), "--by", "张三")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        ": 状态为已完成，进度却是60%：已完成的进度应为100或留空"
    )


def test_records_stored_before_the_rule_are_read_and_re_exported(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    from maogang_cli.store.progress import NewRecord, append_records

    assert invoke("status", "--as-of", "2024-06-25").exit_code == 0  # the database made
    conn = sqlite3.connect(isolation / "maogang.db")
    with conn:
        append_records(
            conn,
            [
                NewRecord(
                    task_id="2024-14",
                    unit="城运中心",
                    status="done",
                    happened_on=date(2024, 6, 3),
                    recorded_by="旧版",
                    recorded_at="2024-06-03T10:00:00.000000+08:00",
                    note="",
                    percent=50,
                    evidence="",
                    source="cli",
                )
            ],
        )
    conn.close()
    assert history(invoke, "14") == [("done", "2024-06-03", 50)]
    assert invoke("check").exit_code == 0
    rows = _exported(invoke, tmp_path, "2024-06-25")
    assert _row(rows, "14")[rows[0].index("状态")] == "已完成"
    result = invoke("import", str(write_csv(tmp_path / "old.csv", rows)), "--by", "张三")
    assert (result.exit_code, count(isolation / "maogang.db")) == (0, 1)
