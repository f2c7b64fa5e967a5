"""`maogang void`: a mistaken entry is put right by a new entry; the old one stays, marked,
and no figure counts it, for any --as-of."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke


def history_json(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    r = invoke("history", *args, "--json")
    assert r.exit_code == 0, r
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def pair(invoke: Invoke, as_of: str, task: str = "2024-14", unit: str = "城运中心") -> object:
    rows = json.loads(invoke("status", "--unit", unit, "--as-of", as_of, "--json").stdout)
    return next(r for r in rows if r["task"] == task)


def test_a_voided_done_date_no_longer_counts_for_any_as_of(invoke: Invoke) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05", "--by", "张三")
    late = invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-07-05")
    # the later done changes nothing, and says which record to void
    assert late.stderr.splitlines()[-1] == (
        "2024-14 城运中心 自 2024-06-05 起已完成（P1）：P2 不改变任何结果；"
        "如该日期有误：maogang void P1 --reason 原因"
    )
    assert pair(invoke, "2024-06-30")["status"] == "done"  # type: ignore[index]
    r = invoke("void", "P1", "--reason", "日期录错，应为 2024-07-05", "--by", "李四")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == (
        "已作废 P1（2024-14 城运中心 已完成 2024-06-05），作废记录为 V1；history 中仍保留并标注\n"
    )
    before, after = pair(invoke, "2024-06-30"), pair(invoke, "2024-07-31")
    assert before["status"] == "not_started"  # type: ignore[index]
    assert (after["status"], after["done_on"]) == ("done", "2024-07-05")  # type: ignore[index]
    rows = history_json(invoke, "14")
    assert [r["id"] for r in rows] == ["P1", "P2"]
    voided = rows[0]["voided"]
    assert isinstance(voided, dict)
    assert voided["recorded_at"][:2] == "20"  # type: ignore[index]
    assert {k: v for k, v in voided.items() if k != "recorded_at"} == {
        "id": "V1",
        "reason": "日期录错，应为 2024-07-05",
        "recorded_by": "李四",
    }
    assert rows[1]["voided"] is None


def test_the_export_of_a_past_month_made_again_shows_the_corrected_state(
    invoke: Invoke,
) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05")

    def june() -> dict[str, object]:
        r = invoke("export", "--month", "2024-06", "--as-of", "2024-06-30", "--format", "json")
        export = json.loads(r.stdout)
        return next(  # type: ignore[no-any-return]
            row for row in export["rows"] if (row["task"], row["unit"]) == ("2024-14", "城运中心")
        )

    assert june()["status"] == "done"
    invoke("void", "P1", "--reason", "录错")
    again = june()
    assert (again["status"], again["records_this_month"]) == ("not_started", [])


def test_a_voided_submission_no_longer_decides(invoke: Invoke) -> None:
    invoke("submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-05", "--by", "王五")
    again = invoke("submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-28")
    assert again.stderr.splitlines()[-1] == (
        "D1（2024-06-05）更早，仍由它决定是否按时：D2 不改变任何结果；"
        "如该日期有误：maogang void D1 --reason 原因"
    )
    assert invoke("void", "D1", "--reason", "应为 2024-06-28").exit_code == 0
    reports = json.loads(
        invoke("reports", "--unit", "城建中心", "--as-of", "2024-07-01", "--json").stdout
    )
    june = next(r for r in reports if r["month"] == "2024-06")
    assert (june["state"], june["submitted_on"], june["days_late"]) == ("late", "2024-06-28", 3)
    rows = history_json(invoke, "--duty", "monthly_report", "--unit", "城建中心")
    for row in rows:
        row.pop("recorded_at")
        if isinstance(row["voided"], dict):
            row["voided"].pop("recorded_at")
    assert rows == [
        {
            "id": "D1",
            "duty": "monthly_report",
            "period": "2024-06",
            "unit": "城建中心",
            "done_on": "2024-06-05",
            "note": "",
            "recorded_by": "王五",
            "source": "cli",
            "voided": {"id": "V1", "reason": "应为 2024-06-28", "recorded_by": "tester"},
        },
        {
            "id": "D2",
            "duty": "monthly_report",
            "period": "2024-06",
            "unit": "城建中心",
            "done_on": "2024-06-28",
            "note": "",
            "recorded_by": "tester",
            "source": "cli",
            "voided": None,
        },
    ]


def test_the_same_record_twice_says_so(invoke: Invoke) -> None:
    args = ("record", "15", "-u", "规建办", "-s", "in_progress", "-d", "2024-08-05", "-n", "a")
    assert invoke(*args).stderr.count("\n") == 1
    assert invoke(*args).stderr.splitlines()[-1] == (
        "P2 与 P1 完全相同，不改变任何结果；如需撤销：maogang void P2 --reason 原因"
    )


def test_history_tables_mark_the_voided_entry(invoke: Invoke) -> None:
    invoke("submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-05", "--by", "王五")
    invoke("void", "D1", "--reason", "录错", "--by", "李四")
    out = invoke("history", "--duty", "月报", "--unit", "城建中心").stdout
    lines = out.splitlines()
    assert lines[0] == "月报 城建中心 记录"  # named once (by its short name), not on every row
    cells = lines[4].split()
    assert cells[:4] + cells[-1:] == ["D1", "2024-06", "2024-06-05", "王五", "V1"]
    assert "V1 作废了 D1：录错（李四，" in out
    en = invoke("history", "--duty", "monthly_report", "--lang", "en").stdout
    assert "V1 voids D1: 录错 (李四, " in en


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("X1", "--reason", "r"), 2, "“X1”不是条目编号"),
        (("P1", "--reason", " "), 2, "请用 --reason 说明原因"),
        (("P9", "--reason", "r"), 1, "没有条目 P9"),
        (("V1", "--reason", "r"), 1, "V1 是作废记录，不能再作废"),
    ],
)
def test_refusals(invoke: Invoke, args: tuple[str, ...], code: int, message: str) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05")
    invoke("void", "P1", "--reason", "first")
    r = invoke("void", *args)
    assert r.exit_code == code, r
    assert r.stderr.startswith("错误：" + message) or message in r.stderr, r


def test_voiding_twice_is_refused_and_names_the_void(invoke: Invoke) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05")
    invoke("void", "P1", "--reason", "first", "--by", "李四")
    r = invoke("void", "p1", "--reason", "again")
    assert r.exit_code == 1
    assert "P1 已被 V1 作废（李四，" in r.stderr and "：first" in r.stderr


def test_history_needs_a_task_or_a_duty(invoke: Invoke) -> None:
    r = invoke("history")
    assert r.exit_code == 2
    assert "请给出任务，或用 --duty <职责> 查看职责记录（二者只选其一）" in r.stderr


def test_a_void_is_evidence_too(invoke: Invoke, isolation: Path) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05")
    invoke("void", "P1", "--reason", "r")
    conn = sqlite3.connect(isolation / "maogang.db")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM voids")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE voids SET reason = 'x'")
    conn.close()


def test_a_back_dated_correction_says_the_later_record_stays_in_force(invoke: Invoke) -> None:
    invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-20", "--by", "张三")
    fix = invoke(
        "record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-06-15",
        "--note", "更正：误报完成",
    )  # fmt: skip
    assert fix.exit_code == 0
    assert fix.stderr.splitlines()[-1] == (
        "2024-14 城运中心：P1（2024-06-20）晚于 P2，自该日起仍然有效；"
        "如 P1 有误：maogang void P1 --reason 原因"
    )
    assert pair(invoke, "2024-06-30")["status"] == "done"  # type: ignore[index]
    assert pair(invoke, "2024-06-17")["status"] == "in_progress"  # type: ignore[index]
    # the pair's latest record: no notice
    later = invoke("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-06-25")
    assert "P1" not in later.stderr


def test_a_voided_report_is_named_by_its_duty_short_name(invoke: Invoke) -> None:
    invoke("submit", "-u", "城运中心", "-m", "2024-06", "-d", "2024-06-20", "--by", "张三")
    r = invoke("void", "D1", "--reason", "报错单位", "--by", "李四")
    assert (r.exit_code, r.stderr) == (
        0,
        "已作废 D1（月报 2024-06 城运中心 2024-06-20），作废记录为 V1；history 中仍保留并标注\n",
    )
