"""`maogang submit`: a unit's monthly report arrived; checked, appended, never changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke


def test_submit_on_the_25th_is_on_time(invoke: Invoke) -> None:
    result = invoke("submit", "-u", "城运中心", "-m", "2024-06", "-d", "2024-06-25")
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr == (
        "已报送：城运中心 2024-06 月报，2024-06-25报送，记录人tester——按时（截止2024-06-25）\n"
    )


def test_submit_on_the_26th_is_late_and_a_resubmission_is_kept(
    invoke: Invoke, isolation: Path
) -> None:
    late = invoke("submit", "--unit", "规建办", "--month", "2024-06", "--date", "2024-06-26")
    assert late.exit_code == 0, late
    assert "迟1天（截止2024-06-25）" in late.stderr
    again = invoke(
        "submit", "-u", "镇规建办", "-m", "2024-06", "-d", "2024-07-02", "-n", "补充材料"
    )
    assert again.exit_code == 0, again
    assert again.stderr.splitlines()[-1] == (
        "D1（2024-06-26）更早，仍由它决定是否按时：D2 不改变任何结果；"
        "如该日期有误：maogang void D1 --reason 原因"
    )
    conn = sqlite3.connect(isolation / "maogang.db")
    rows = conn.execute(
        "SELECT duty, period, unit, done_on, note, recorded_by, source FROM duty_records"
    ).fetchall()
    assert rows == [
        ("monthly_report", "2024-06", "规建办", "2024-06-26", "", "tester", "cli"),
        ("monthly_report", "2024-06", "规建办", "2024-07-02", "补充材料", "tester", "cli"),
    ]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM duty_records")
    report = json.loads(
        invoke("reports", "-m", "2024-06", "-u", "规建办", "--json", "--as-of", "2024-07-10").stdout
    )
    assert report[0]["state"] == "late" and report[0]["submitted_on"] == "2024-06-26"


def test_submit_by_and_alias(invoke: Invoke) -> None:
    result = invoke("submit", "-u", "柳港派出所", "-m", "2024-05", "-d", "2024-05-20", "--by", "王")
    assert result.exit_code == 0, result
    assert result.stderr.startswith("已报送：泖港派出所 2024-05 月报，2024-05-20报送，记录人王")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-u", "镇安委办", "-m", "2024-06"],
            "错误：“镇安委办”不承担月报（每月25日前向镇工作专班报送工作开展情况"
            "及任务清单完成情况）；承担单位：党政办、经发办、"
            "社事办、社建办、规建办、平安办、党群办、农办、镇监察办、城运中心、城建中心、"
            "农业农村服务中心、绿容所、拆违办、环保办、综合行政执法队、泖港派出所、泖港市场监管所、"
            "经发公司、各村居、镇属企事业单位",
        ),
        (
            ["-u", "镇安委会有关成员单位", "-m", "2024-06"],
            "错误：“镇安委会有关成员单位”是单位组：请为每个成员分别记录月报："
            "规建办、农办、经发办、城运中心、城建中心、社事办、绿容所、环保办、综合行政执法队、"
            "泖港派出所、泖港市场监管所",
        ),
        (
            ["-u", "城运中心", "-m", "2024-04"],
            "错误：2024-04 不在该职责的期次范围内（2024-05至2026-12）",
        ),
        (
            ["-u", "城运中心", "-m", "2027-01"],
            "错误：2027-01 不在该职责的期次范围内（2024-05至2026-12）",
        ),
        (
            ["-u", "城运中心", "-m", "2024-07", "-d", "2024-06-30"],
            "错误：日期 2024-06-30 早于期次 2024-07 的开始（2024-07-01）",
        ),
        (
            ["-u", "城运中心", "-m", "2024-07", "-d", "2099-07-01"],
            "错误：日期2099-07-01在未来",
        ),
        (["-u", "城运", "-m", "2024-07"], "错误：未知单位“城运”（是否想输入：城运中心？）"),
    ],
)
def test_submit_refuses_bad_input_with_one_line(
    invoke: Invoke, isolation: Path, args: list[str], message: str
) -> None:
    result = invoke("submit", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")
    conn = sqlite3.connect(isolation / "maogang.db")
    assert conn.execute("SELECT count(*) FROM duty_records").fetchone() == (0,)


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2024-13", "错误：“2024-13”不是实际存在的月份"),
        ("2024-6", "错误：“2024-6”不是每月的期次（应写作 2024-05）"),
    ],
)
def test_a_month_that_cannot_be_read_is_a_usage_error(
    invoke: Invoke, isolation: Path, month: str, message: str
) -> None:
    result = invoke("submit", "-u", "城运中心", "-m", month)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")
    conn = sqlite3.connect(isolation / "maogang.db")
    assert conn.execute("SELECT count(*) FROM duty_records").fetchone() == (0,)


def test_a_date_that_is_not_a_day_is_a_usage_error(invoke: Invoke, isolation: Path) -> None:
    result = invoke("submit", "-u", "城运中心", "-m", "2024-07", "-d", "7/1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("错误：--date / -d 的值无效：“7/1”不是日期")
    assert not (isolation / "maogang.db").exists()  # refused before anything was opened


def test_submit_without_month_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("submit", "-u", "城运中心")
    assert result.exit_code == 2
    assert "缺少选项 --month" in result.stderr
    assert "Traceback" not in result.stderr
