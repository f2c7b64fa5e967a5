import json
from datetime import date

import pytest

from conftest import Invoke


def test_record_then_history_keeps_who_and_when(invoke: Invoke) -> None:
    r = invoke(
        "record",
        "14",
        "--unit",
        "城运中心",
        "--status",
        "推进中",
        "--date",
        "2024-05-01",
        "--note",
        "数据库建设中",
        "--percent",
        "40",
        "--by",
        "张三",
        "--evidence",
        "scan.pdf",
    )
    assert r.exit_code == 0, r
    assert r.stderr == "已记录：2024-14 城运中心 推进中（2024-05-01），记录人张三\n"
    rows = json.loads(invoke("history", "2024-14", "--json").stdout)
    assert len(rows) == 1
    row = rows[0]
    assert row["recorded_at"][:2] == "20"
    row.pop("recorded_at")
    assert row == {
        "id": "P1",
        "task": "2024-14",
        "unit": "城运中心",
        "role": "responsible",
        "status": "in_progress",
        "date": "2024-05-01",
        "percent": 40,
        "note": "数据库建设中",
        "evidence": "scan.pdf",
        "recorded_by": "张三",
        "source": "cli",
        "voided": None,
    }


def test_a_correction_is_a_new_record(invoke: Invoke) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-05-01", "--by", "a")
    invoke("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-05-01", "--by", "b")
    rows = json.loads(invoke("history", "14", "--json").stdout)
    assert [(r["status"], r["recorded_by"]) for r in rows] == [("done", "a"), ("in_progress", "b")]
    shown = json.loads(invoke("show", "14", "--as-of", "2024-05-02", "--json").stdout)
    mine = next(u for u in shown["units"] if u["unit"] == "城运中心")
    assert mine["status"] == "in_progress"


def test_alias_and_by_default_to_os_user(invoke: Invoke) -> None:
    r = invoke(
        "record", "2024-14", "--unit", "柳港派出所", "--status", "done", "--date", "2024-06-01"
    )
    assert r.exit_code == 0, r
    assert r.stderr == "已记录：2024-14 泖港派出所 已完成（2024-06-01），记录人tester\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["99", "-u", "城运中心", "-s", "done"], 1, "错误：未知任务“99”"),
        (
            ["14", "-u", "城运", "-s", "done"],
            1,
            "错误：未知单位“城运”（是否想输入：城运中心？）",
        ),
        (
            ["4", "-u", "城运中心", "-s", "done"],
            1,
            "错误：“城运中心”不承担任务 2024-04；承担单位：镇安委办",
        ),
        (
            ["14", "-u", "城运中心", "-s", "done", "-d", "2999-01-01"],
            1,
            "错误：日期2999-01-01在未来",
        ),
        (
            ["1", "-u", "镇安委会有关成员单位", "-s", "done"],
            1,
            "错误：“镇安委会有关成员单位”是单位组：请为一个成员记录，或加 --all-members",
        ),
        # A value that cannot be read is a usage error (README, Exit codes).
        (
            ["14", "-u", "城运中心", "-s", "finished"],
            2,
            "错误：--status / -s 的值无效：未知状态“finished”",
        ),
        (
            ["14", "-u", "城运中心", "-s", "done", "-p", "140"],
            2,
            "错误：--percent / -p 的值无效：140 不在范围 0<=x<=100 内",
        ),
    ],
)
def test_bad_input_is_one_line_and_nothing_written(
    invoke: Invoke, args: list[str], code: int, message: str
) -> None:
    r = invoke("record", *args)
    assert r.exit_code == code
    assert r.stderr.startswith(message)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert json.loads(invoke("history", "14", "--json").stdout) == []


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        ("2024-02-30", "“2024-02-30”不是实际存在的日期"),
        ("2024/05/01", "“2024/05/01”不是日期（应为 YYYY-MM-DD）"),
    ],
)
def test_a_date_that_is_not_a_day_is_a_usage_error(invoke: Invoke, day: str, problem: str) -> None:
    """Like --as-of: exit 2 for a malformed option value, before anything is looked up."""
    r = invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", day)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (f"错误：--date / -d 的值无效：{problem}（见 maogang record --help）\n")
    assert json.loads(invoke("history", "14", "--json").stdout) == []


def test_all_members_records_one_row_per_member(invoke: Invoke) -> None:
    r = invoke(
        "record",
        "1",
        "-u",
        "镇安委会有关成员单位",
        "-s",
        "done",
        "-d",
        "2024-12-01",
        "--all-members",
    )
    assert r.exit_code == 0, r
    rows = json.loads(invoke("history", "1", "--json").stdout)
    assert len(rows) == 11 and {row["status"] for row in rows} == {"done"}


def test_missing_status_is_a_usage_error(invoke: Invoke) -> None:
    r = invoke("record", "14", "--unit", "城运中心")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "错误：缺少选项 --status / -s（见 maogang record --help）\n"
    assert json.loads(invoke("history", "14", "--json").stdout) == []  # nothing stored


def test_history_filters_by_unit_and_says_when_empty(invoke: Invoke) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-05-01")
    invoke("record", "14", "-u", "规建办", "-s", "done", "-d", "2024-05-02")
    rows = json.loads(invoke("history", "14", "-u", "规建办", "--json").stdout)
    assert [r["unit"] for r in rows] == ["规建办"]
    assert invoke("history", "15").stdout == "2024-15 还没有进展记录。\n"


def test_a_date_before_the_tasks_year_is_refused(invoke: Invoke) -> None:
    r = invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2023-12-31")
    assert r.exit_code == 1
    assert r.stderr == "错误：日期 2023-12-31 早于2024年，即任务 2024-14 所在清单的年份\n"


def test_status_choices_are_listed_once_each(invoke: Invoke) -> None:
    r = invoke("record", "14", "-u", "城运中心", "-s", "finished")
    assert r.stderr == (
        "错误：--status / -s 的值无效：未知状态“finished”；可选：未开始、推进中、已完成、受阻"
        "（见 maogang record --help）\n"
    )


def test_all_members_says_which_members_were_not_recorded(invoke: Invoke) -> None:
    r = invoke(
        "record", "6", "-u", "镇安委会成员单位", "-s", "done", "-d", "2024-06-01", "--all-members"
    )
    assert r.exit_code == 0, r
    assert r.stderr.count("已记录：2024-06 ") == 18
    r = invoke(
        "record", "7", "-u", "镇安委会成员单位", "-s", "done", "-d", "2024-06-01", "--all-members"
    )
    assert r.stderr.splitlines()[-1] == (
        "未记录（以下单位不承担此任务）："
        "党政办、社建办、平安办、党群办、镇监察办、农业农村服务中心、拆违办"
    )


def test_history_of_a_unit_that_does_not_report_says_so(invoke: Invoke) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-05-01")
    r = invoke("history", "14", "--unit", "党政办")
    assert r.exit_code == 1
    assert r.stderr.startswith("错误：“党政办”不承担任务 2024-14")
    assert (
        invoke("history", "14", "--unit", "规建办").stdout == "2024-14 还没有规建办的进展记录。\n"
    )


class _June30(date):
    """The clock of the tests below: 2024-06-30, whatever day they run."""

    @classmethod
    def today(cls) -> "_June30":
        return cls(2024, 6, 30)


@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("record", ["record", "14", "-u", "城运中心", "-s", "推进中"]),
        ("submit", ["submit", "-u", "城运中心", "-m", "2024-06"]),
        ("duty", ["duty", "done", "quarterly_dispatch_meeting", "-p", "2024-Q2", "-u", "镇安委办"]),
    ],
)
def test_a_record_without_a_date_says_it_was_dated_today(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, module: str, args: list[str]
) -> None:
    # F17: a hurried clerk entering last month's progress got today's date without a word
    import importlib

    monkeypatch.setattr(importlib.import_module(f"maogang_cli.cli.{module}"), "date", _June30)
    result = invoke(*args, "--by", "张三")
    assert result.exit_code == 0, result
    assert result.stderr.splitlines()[-1] == (
        "提示：未给 --date，按今天（2024-06-30）记录；如不是今天发生的，请作废此条"
        "（maogang void 编号，编号见 maogang history）后加 --date 重新记录"
    )
    dated = invoke(*args, "--date", "2024-06-20", "--by", "张三")
    assert dated.exit_code == 0, dated
    assert "--date" not in dated.stderr
