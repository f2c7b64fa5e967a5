"""`maogang hazard`: the ledger through the command line; JSON compared exactly."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli import output
from readable import check_readable


@pytest.fixture(autouse=True)
def fresh_console() -> Iterator[None]:
    """The console caches its width: each test starts, and leaves, at 80 columns."""
    output._console.cache_clear()
    yield
    output._console.cache_clear()


COLD_STORE = [
    "--found-on", "2024-06-03", "--source", "inspection", "--entity", "某冷库有限公司",
    "--village", "腰泾村", "--sector", "冷库", "--department", "经发办",
    "--description", "冷库未设置泄压口", "--deadline", "2024-07-31",
]  # fmt: skip
DUST = [
    "--found-on", "2023-11-03", "--source", "群众举报查实", "--entity", "某某五金厂",
    "--village", "茹塘", "--sector", "粉尘涉爆", "--department", "综合行政执法队",
    "--description", "除尘系统未设置锁气卸灰装置", "--deadline", "2024-03-31",
    "--uscc", "91350100m000100y43",
]  # fmt: skip


def ok(result: object) -> object:
    assert result.exit_code == 0, result
    return result


@pytest.fixture
def ledger(invoke: Invoke) -> Invoke:
    """Two hazards: a 2024 cold store closed on time, a 2023 dust hazard extended and late."""
    assert ok(invoke("hazard", "add", *COLD_STORE, "--by", "张三")).stdout == "YH-2024-0001\n"
    assert ok(invoke("hazard", "add", *DUST, "--by", "王五")).stdout == "YH-2023-0001\n"
    for args in [
        ("YH-2024-0001", "整改中", "--date", "2024-06-10", "--note", "已采购", "--by", "张三"),
        ("YH-2024-0001", "rectified", "--date", "2024-07-20", "--by", "张三"),
        ("YH-2024-0001", "verified", "--date", "2024-07-22", "--by", "李四"),
        ("YH-2024-0001", "closed", "--date", "2024-07-25", "--by", "李四"),
        ("YH-2023-0001", "延期", "--date", "2024-03-20", "--deadline", "2024-06-30",
         "--approved-by", "镇安委办", "--note", "设备采购周期长", "--by", "王五"),
    ]:  # fmt: skip
        ok(invoke("hazard", "event", *args))
    return invoke


def test_list_json(ledger: Invoke) -> None:
    result = ok(ledger("hazard", "list", "--json", "--as-of", "2024-12-31"))
    assert json.loads(result.stdout) == [  # type: ignore[attr-defined]
        {
            "id": "YH-2023-0001", "state": "registered", "found_on": "2023-11-03",
            "deadline": "2024-06-30", "department": "综合行政执法队", "village": "茹塘村",
            "sector": "粉尘涉爆", "source": "public_report", "level": "major",
            "overdue": True, "days_overdue": 184, "closed_on": None,
            "entity": "某某五金厂", "description": "除尘系统未设置锁气卸灰装置",
        },
        {
            "id": "YH-2024-0001", "state": "closed", "found_on": "2024-06-03",
            "deadline": "2024-07-31", "department": "经发办", "village": "腰泾村",
            "sector": "冷库", "source": "inspection", "level": "major", "overdue": False,
            "days_overdue": 0, "closed_on": "2024-07-25", "entity": "某冷库有限公司",
            "description": "冷库未设置泄压口",
        },
    ]  # fmt: skip


def test_time_travel_and_the_deadline_in_force(ledger: Invoke) -> None:
    def dust(day: str) -> dict[str, object]:
        out = ok(ledger("hazard", "list", "--json", "--as-of", day)).stdout  # type: ignore[attr-defined]
        return next(h for h in json.loads(out) if h["id"] == "YH-2023-0001")

    # before the extension the original deadline is in force
    assert (dust("2024-03-19")["deadline"], dust("2024-03-19")["overdue"]) == ("2024-03-31", False)
    assert dust("2024-04-01")["deadline"] == "2024-06-30"
    assert dust("2024-06-30")["overdue"] is False  # due on its deadline day
    assert dust("2024-07-01")["days_overdue"] == 1

    def overdue(day: str) -> list[str]:
        out = ok(ledger("hazard", "list", "--json", "--overdue", "--as-of", day)).stdout  # type: ignore[attr-defined]
        return [h["id"] for h in json.loads(out)]

    assert (overdue("2024-06-30"), overdue("2024-07-01")) == ([], ["YH-2023-0001"])
    cold = json.loads(ok(ledger("hazard", "list", "--json", "--as-of", "2024-07-21")).stdout)  # type: ignore[attr-defined]
    assert [h["state"] for h in cold] == ["registered", "rectified"]
    assert ok(ledger("hazard", "list", "--json", "--as-of", "2023-11-02")).stdout == "[]\n"  # type: ignore[attr-defined]
    found = ok(ledger("hazard", "list", "--json", "--as-of", "2023-11-03")).stdout  # type: ignore[attr-defined]
    assert [h["id"] for h in json.loads(found)] == ["YH-2023-0001"]  # on the day it was found


def test_of_two_events_on_one_day_the_later_entry_stands_that_day(invoke: Invoke) -> None:
    # Rectifying and rectified entered on 06-10, verified on 06-12: as of 06-10 (a past
    # day, read from the events rather than the latest one) it was rectified.
    ok(invoke("hazard", "add", *COLD_STORE, "--by", "张三"))
    for step, day, by in [("rectifying", "2024-06-10", "张三"), ("rectified", "2024-06-10", "张三"),
                          ("verified", "2024-06-12", "李四")]:  # fmt: skip
        ok(invoke("hazard", "event", "YH-2024-0001", step, "--date", day, "--by", by))
    out = ok(invoke("hazard", "list", "--json", "--as-of", "2024-06-10")).stdout  # type: ignore[attr-defined]
    assert [h["state"] for h in json.loads(out)] == ["rectified"]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--open"], ["YH-2023-0001"]),
        (["--closed"], ["YH-2024-0001"]),
        (["--overdue"], ["YH-2023-0001"]),
        (["--state", "销号"], ["YH-2024-0001"]),
        (["--department", "经发办"], ["YH-2024-0001"]),
        (["--village", "茹塘"], ["YH-2023-0001"]),
        (["--sector", "冷库", "--sector", "粉尘涉爆"], ["YH-2023-0001", "YH-2024-0001"]),
        (["--source", "inspection"], ["YH-2024-0001"]),
        (["--level", "general"], []),
        (["--found-from", "2024-01-01"], ["YH-2024-0001"]),
        (["--found-to", "2023-12-31"], ["YH-2023-0001"]),
        # both bounds take the day itself: found on 2024-06-03 and 2023-11-03
        (["--found-from", "2024-06-03"], ["YH-2024-0001"]),
        (["--found-to", "2023-11-03"], ["YH-2023-0001"]),
    ],
)
def test_filters(ledger: Invoke, args: list[str], ids: list[str]) -> None:
    out = ok(ledger("hazard", "list", "--json", "--as-of", "2024-12-31", *args)).stdout  # type: ignore[attr-defined]
    assert [h["id"] for h in json.loads(out)] == ids


def test_show_json(ledger: Invoke) -> None:
    out = ok(ledger("hazard", "show", "yh-2023-0001", "--json", "--as-of", "2024-12-31")).stdout  # type: ignore[attr-defined]
    shown = json.loads(out)
    events = shown.pop("events")
    for e in events:
        assert e.pop("recorded_at")
    assert shown.pop("recorded_at")
    assert shown == {
        "id": "YH-2023-0001", "state": "registered", "found_on": "2023-11-03",
        "deadline": "2024-06-30", "department": "综合行政执法队", "village": "茹塘村",
        "sector": "粉尘涉爆", "source": "public_report", "level": "major", "overdue": True,
        "days_overdue": 184, "closed_on": None, "entity": "某某五金厂",
        "description": "除尘系统未设置锁气卸灰装置", "original_deadline": "2024-03-31",
        "uscc": "91350100M000100Y43", "address": "", "basis": "", "responsible_person": "",
        "measures": "", "funds": None, "contingency_plan": "", "supervisor": "综合行政执法队",
        "recorded_by": "王五",
    }  # fmt: skip
    assert events == [
        {"seq": 1, "event": "registered", "date": "2023-11-03", "state": "registered",
         "deadline": "2024-03-31", "note": "", "new_deadline": None, "approved_by": None,
         "voids": None, "voided": False, "voided_by": None, "recorded_by": "王五",
         "source": "cli"},
        {"seq": 2, "event": "extended", "date": "2024-03-20", "state": "registered",
         "deadline": "2024-06-30", "note": "设备采购周期长", "new_deadline": "2024-06-30",
         "approved_by": "镇安委办", "voids": None, "voided": False, "voided_by": None,
         "recorded_by": "王五",
         "source": "cli"},
    ]  # fmt: skip


def test_stats_json(ledger: Invoke) -> None:
    out = ok(ledger("hazard", "stats", "--json", "--as-of", "2024-12-31")).stdout  # type: ignore[attr-defined]
    stats = json.loads(out)
    assert list(stats) == [
        "as_of", "total", "open", "closed", "overdue", "closed_on_time",
        "median_days_to_close", "by_department", "by_village", "by_sector", "by_source",
        "by_level", "by_month",
    ]  # fmt: skip
    assert {k: stats[k] for k in list(stats)[:7]} == {
        "as_of": "2024-12-31", "total": 2, "open": 1, "closed": 1, "overdue": 1,
        "closed_on_time": 1, "median_days_to_close": 52.0,
    }  # fmt: skip
    line = {"total": 0, "open": 0, "closed": 0, "overdue": 0, "closed_on_time": 0}
    assert stats["by_department"][:2] == [
        {"name": "规建办", **line},
        {"name": "经发办", **line, "total": 1, "closed": 1, "closed_on_time": 1},
    ]
    assert [d["name"] for d in stats["by_department"]] == [
        "规建办", "经发办", "农办", "综合行政执法队", "泖港派出所", "泖港市场监管所",
    ]  # fmt: skip
    assert stats["by_month"] == [
        {"name": "2023-11", **line, "total": 1, "open": 1, "overdue": 1},
        {"name": "2024-06", **line, "total": 1, "closed": 1, "closed_on_time": 1},
    ]
    assert [s["name"] for s in stats["by_source"]] == [
        "self_report", "inspection", "public_report", "other",
    ]  # fmt: skip
    assert len(stats["by_village"]) == 17


def test_targets_json(ledger: Invoke) -> None:
    out = ok(ledger("hazard", "targets", "--json", "--as-of", "2025-01-01")).stdout  # type: ignore[attr-defined]
    assert json.loads(out) == {
        "as_of": "2025-01-01",
        "stock": {"due": "2024-12-31", "judged_on": "2024-12-31", "met": False, "found": 1,
                  "closed": 0, "open": 1},
        "increment": {"due": "2025-12-31", "judged_on": "2025-01-01", "met": None,
                      "found_2024": 1, "found_2025": 0},
        "dynamic_zero": {"due": "2026-12-31", "judged_on": "2025-01-01", "met": None,
                         "open_overdue": 1, "closed": 0, "closed_on_time": 0,
                         "on_time_rate": None},
    }  # fmt: skip


def _add(invoke: Invoke, found: str, deadline: str, closed_on: str | None = None) -> None:
    """A major hazard found and due on these days; closed on `closed_on` if given."""
    args = [*COLD_STORE, "--found-on", found, "--deadline", deadline, "--entity", f"厂{found}"]
    hid = ok(invoke("hazard", "add", *args, "--by", "张三")).stdout.strip()  # type: ignore[attr-defined]
    if closed_on:
        for step, by in [("rectified", "张三"), ("verified", "李四"), ("closed", "李四")]:
            ok(invoke("hazard", "event", hid, step, "--date", closed_on, "--by", by))


def test_counts_at_the_deadline_day_and_the_stock_cut_off(invoke: Invoke) -> None:
    # Closed on its deadline day: on time. Open on its deadline day: not yet overdue.
    # Found on 2023-12-31: part of the stock.
    _add(invoke, "2023-12-31", "2024-06-30", closed_on="2024-06-30")
    _add(invoke, "2024-05-06", "2024-09-30")
    _add(invoke, "2026-01-05", "2026-03-31", closed_on="2026-03-31")
    _add(invoke, "2026-02-02", "2026-06-30")
    out = ok(invoke("hazard", "stats", "--json", "--as-of", "2024-09-30")).stdout  # type: ignore[attr-defined]
    stats = json.loads(out)
    assert {k: stats[k] for k in ("total", "open", "closed", "overdue", "closed_on_time")} == {
        "total": 2, "open": 1, "closed": 1, "overdue": 0, "closed_on_time": 1,
    }  # fmt: skip
    out = ok(invoke("hazard", "targets", "--json", "--as-of", "2026-06-30")).stdout  # type: ignore[attr-defined]
    targets = json.loads(out)
    assert targets["stock"] == {"due": "2024-12-31", "judged_on": "2024-12-31", "met": True,
                                "found": 1, "closed": 1, "open": 0}  # fmt: skip
    # open overdue: the 2024 one (due 2024-09-30), not the one due this very day
    assert targets["dynamic_zero"] == {
        "due": "2026-12-31", "judged_on": "2026-06-30", "met": None, "open_overdue": 1,
        "closed": 1, "closed_on_time": 1, "on_time_rate": 1.0,
    }  # fmt: skip


def test_targets_table_at_60_and_80_columns(
    ledger: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    for columns in ("60", "80"):
        monkeypatch.setenv("COLUMNS", columns)
        output._console.cache_clear()
        out = ok(ledger("hazard", "targets", "--as-of", "2025-01-01")).stdout  # type: ignore[attr-defined]
        assert max(_width(line) for line in out.splitlines()) <= int(columns)
        assert out == (
            "方案重大事故隐患目标（截至2025-01-01）\n"
            "\n"
            "存量清零（期限2024-12-31）：未达成\n"
            "  2023年及以前发现1项，2024-12-31已销号0项、未销号1项\n"
            "增量遏制（期限2025-12-31）：未到期\n"
            "  2024年发现1项，2025年发现0项（截至2025-01-01）\n"
            "动态清零（期限2026-12-31）：未到期\n"
            "  2025-01-01逾期未销号1项；2026年销号0项中按期0项（-）\n"
            "\n"
            "数据只计重大事故隐患；已作废的不计。\n"
        )


def _width(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_list_table_fits(ledger: Invoke, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    output._console.cache_clear()
    out = ok(ledger("hazard", "list", "--as-of", "2024-12-31")).stdout  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert max(_width(line) for line in lines) <= int(columns)
    assert lines[0] == "截至2024-12-31的隐患"
    assert "YH-2023-0001" in out and "逾期184天" in out
    for name in ("茹塘村", "粉尘涉爆", "已销号"):  # names are never cut in two
        assert name in out


def test_list_table_exact_at_80(ledger: Invoke) -> None:
    out = ok(ledger("hazard", "list", "--as-of", "2024-12-31")).stdout  # type: ignore[attr-defined]
    assert out == (
        "截至2024-12-31的隐患\n"
        "\n"
        " 编号          状态/期限   属地/行业/部门  单位/隐患\n"
        " " + "-" * 68 + "\n"
        " YH-2023-0001  已上账      茹塘村          某某五金厂\n"
        "               2024-06-30  粉尘涉爆        除尘系统未设置锁气卸灰装置\n"
        "               逾期184天   综合行政执法队\n"
        " YH-2024-0001  已销号      腰泾村          某冷库有限公司\n"
        "               2024-07-31  冷库            冷库未设置泄压口\n"
        "                           经发办\n"
        "\n"
        "共2项，逾期1项；属地/行业/部门依次为属地、行业领域、监管部门\n"
    )


def test_english(ledger: Invoke) -> None:
    out = ok(ledger("hazard", "targets", "--as-of", "2027-01-01", "--lang", "en")).stdout  # type: ignore[attr-defined]
    assert "Stock cleared (due 2024-12-31): not met\n" in out
    assert "Increment contained (due 2025-12-31): met\n" in out


def rows(tmp_path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(tmp_path / "maogang.db")
    out = conn.execute("SELECT * FROM hazard_events ORDER BY id").fetchall()
    out += conn.execute("SELECT * FROM hazards ORDER BY id").fetchall()
    return out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["YH-2024-0001", "closed", "--date", "2024-07-21", "--by", "李四"],
         "错误：YH-2024-0001：拒绝记录销号：未经审核通过不能销号：目前为整改完成\n"),
        (["YH-2024-0001", "verified", "--date", "2024-07-21", "--by", "张三"],
         "错误：YH-2024-0001：拒绝记录审核通过：审核通过须由报告整改完成的张三以外的人记录\n"),
        (["YH-2024-0001", "rectifying", "--date", "2024-06-02"],
         "错误：YH-2024-0001：拒绝记录整改中：日期2024-06-02早于隐患发现日期（2024-06-03）\n"),
        (["YH-2024-0001", "rectifying", "--date", "2099-01-01"],
         "错误：YH-2024-0001：拒绝记录整改中：日期2099-01-01在未来\n"),
        (["YH-2024-0001", "rejected", "--date", "2024-07-21"],
         "错误：YH-2024-0001：拒绝记录验收不合格：验收不合格须写明理由（--note）\n"),
        (["YH-2024-0009", "rectified"], "错误：未知隐患“YH-2024-0009”（是否想输入：YH-2024-0001？）\n"),
        (["YH-2024-0001", "延期", "--date", "2024-08-01", "--deadline", "2024-09-30",
          "--approved-by", "镇安委办", "--note", "补批"],
         "错误：YH-2024-0001：拒绝记录延期：至2024-08-01现行整改期限（2024-07-31）已过："
         "逾期隐患不能延期；请记录书面说明，挂账至销号\n"),
    ],
)  # fmt: skip
def test_refusals_write_nothing(
    invoke: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    ok(invoke("hazard", "add", *COLD_STORE, "--by", "张三"))
    ok(
        invoke(
            "hazard", "event", "YH-2024-0001", "rectified", "--date", "2024-07-20", "--by", "张三"
        )
    )
    before = rows(tmp_path)
    result = invoke("hazard", "event", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert rows(tmp_path) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--village", "腰泾村", "腰泾材"), "错误：未知属地“腰泾材”（是否想输入：腰泾村？）\n"),
        (("--sector", "冷库", "仓库"), "错误：未知行业领域“仓库”（是否想输入：厂房仓库、冷库？）\n"),
        (("--department", "经发办", "城运中心"),
         "错误：“城运中心”不是负有安全生产监管职责的部门（各负有安全生产监管职责的部门："
         "规建办、经发办、农办、综合行政执法队、泖港派出所、泖港市场监管所）\n"),
        (("--department", "经发办", "经发"), "错误：未知监管部门“经发”（是否想输入：经发办？）\n"),
        (("--deadline", "2024-07-31", "2024-06-01"),
         "错误：整改期限2024-06-01早于发现日期（2024-06-03）\n"),
        (("--found-on", "2024-06-03", "2099-06-03"),
         "错误：发现日期2099-06-03在未来；整改期限2024-07-31早于发现日期（2099-06-03）\n"),
    ],
)  # fmt: skip
def test_add_refusals(
    invoke: Invoke, tmp_path: Path, change: tuple[str, str, str], message: str
) -> None:
    args = list(COLD_STORE)
    i = args.index(change[0])
    assert args[i + 1] == change[1]
    args[i + 1] = change[2]
    result = invoke("hazard", "add", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert rows(tmp_path) == []


def test_a_malformed_credit_code(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("hazard", "add", *COLD_STORE, "--uscc", "91350100M000100Y44")
    assert (result.exit_code, result.stderr) == (
        1,
        "错误：统一社会信用代码“91350100M000100Y44”校验码不符（GB 32100）：第18位应为3，不是4\n",
    )


def test_a_bad_date_is_a_usage_error(invoke: Invoke) -> None:
    args = list(COLD_STORE)
    args[args.index("2024-07-31")] = "2024-13-01"
    result = invoke("hazard", "add", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：--deadline 的值无效")
    assert "Traceback" not in result.stderr


def test_the_same_hazard_twice_and_ids_never_reused(invoke: Invoke) -> None:
    ok(invoke("hazard", "add", *COLD_STORE))
    again = invoke("hazard", "add", *COLD_STORE)
    assert (again.exit_code, again.stderr) == (
        1,
        "错误：已上账为YH-2024-0001（单位、隐患描述和发现日期相同）\n",
    )
    ok(invoke("hazard", "event", "YH-2024-0001", "作废", "--date", "2024-06-04", "--note", "重复"))
    # Voiding and registering again is how a mistake is corrected: the voided one is not
    # "already registered" (tester T43).
    assert ok(invoke("hazard", "add", *COLD_STORE)).stdout == "YH-2024-0002\n"  # type: ignore[attr-defined]
    other = list(COLD_STORE)
    other[other.index("冷库未设置泄压口")] = "冷库泄压口被堵"
    assert ok(invoke("hazard", "add", *other)).stdout == "YH-2024-0003\n"  # type: ignore[attr-defined]
    listed = json.loads(ok(invoke("hazard", "list", "--json", "--as-of", "2024-12-31")).stdout)  # type: ignore[attr-defined]
    assert [h["id"] for h in listed] == ["YH-2024-0002", "YH-2024-0003"]  # voided ones leave
    voided = ok(invoke("hazard", "list", "--json", "--as-of", "2024-12-31", "--state", "作废"))
    assert [h["id"] for h in json.loads(voided.stdout)] == ["YH-2024-0001"]  # type: ignore[attr-defined]


def test_the_tables_refuse_edits(invoke: Invoke, tmp_path: Path) -> None:
    ok(invoke("hazard", "add", *COLD_STORE))
    conn = sqlite3.connect(tmp_path / "maogang.db")
    for sql in (
        "UPDATE hazards SET entity = 'x'",
        "DELETE FROM hazards",
        "UPDATE hazard_events SET state = 'closed'",
        "DELETE FROM hazard_events",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)


def test_a_renamed_department_keeps_its_hazards(
    invoke: Invoke, tmp_path: Path, data_copy: Path
) -> None:
    """The department is stored by its unit key: a rename changes only the label."""
    ok(invoke("hazard", "add", *COLD_STORE, "--data", str(data_copy)))
    conn = sqlite3.connect(tmp_path / "maogang.db")
    assert conn.execute("SELECT department FROM hazards").fetchone() == ("jfb",)
    units = data_copy / "units.yaml"
    units.write_text(units.read_text("utf-8").replace("经发办", "经济发展办"), "utf-8")
    listed = ok(
        invoke("hazard", "list", "--json", "--as-of", "2024-12-31", "--data", str(data_copy))
    )
    assert [h["department"] for h in json.loads(listed.stdout)] == ["经济发展办"]  # type: ignore[attr-defined]


def test_overdue_and_agenda_list_hazards_under_their_department(ledger: Invoke) -> None:
    result = ok(ledger("overdue", "--json", "--kind", "hazard", "--as-of", "2024-12-31"))
    assert json.loads(result.stdout) == [  # type: ignore[attr-defined]
        {"kind": "hazard", "ref": "YH-2023-0001", "title": "某某五金厂：除尘系统未设置锁气卸灰装置",
         "unit": "综合行政执法队", "deadline": "2024-06-30", "days_overdue": 184,
         "status": "missing"},
    ]  # fmt: skip
    assert ok(ledger("overdue", "--json", "--kind", "hazard", "--unit", "经发办",
                     "--as-of", "2024-12-31")).stdout == "[]\n"  # type: ignore[attr-defined]  # fmt: skip
    everything = ledger("overdue", "--as-of", "2024-12-31", "--fail-if-any")
    assert everything.exit_code == 1
    assert "隐患（按单位计1项）" in everything.stdout
    assert "监管部门：综合行政执法队" in everything.stdout
    agenda = ok(ledger("agenda", "--json", "--month", "2024-07", "--as-of", "2024-07-21"))
    hazards = [i for i in json.loads(agenda.stdout) if i["kind"] == "hazard"]  # type: ignore[attr-defined]
    assert hazards == [
        {"kind": "hazard", "ref": "YH-2024-0001", "title": "某冷库有限公司：冷库未设置泄压口",
         "due": "2024-07-31", "unit": "经发办", "done": False},
    ]  # fmt: skip
    closed = ok(ledger("agenda", "--json", "--month", "2024-07", "--as-of", "2024-07-31"))
    assert [i["done"] for i in json.loads(closed.stdout) if i["kind"] == "hazard"] == [True]  # type: ignore[attr-defined]


def test_the_monthly_export_has_a_hazard_sheet(ledger: Invoke, tmp_path: Path) -> None:
    body = json.loads(
        ok(
            ledger("export", "--month", "2024-07", "--format", "json", "--as-of", "2024-07-31")
        ).stdout  # type: ignore[attr-defined]
    )
    # the dust hazard is open and overdue; the cold store was closed within the month
    assert [(h["id"], h["state"], h["overdue"]) for h in body["hazards"]] == [
        ("YH-2023-0001", "registered", True),
        ("YH-2024-0001", "closed", False),
    ]
    august = json.loads(
        ok(
            ledger("export", "--month", "2024-08", "--format", "json", "--as-of", "2024-08-25")
        ).stdout  # type: ignore[attr-defined]
    )
    assert [h["id"] for h in august["hazards"]] == ["YH-2023-0001"]  # closed before August
    out = tmp_path / "2024-07.xlsx"
    ok(ledger("export", "--month", "2024-07", "-o", str(out), "--as-of", "2024-07-31"))
    from openpyxl import load_workbook

    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["汇总", "明细", "隐患", "说明"]
    rows = list(book["隐患"].iter_rows(values_only=True))
    assert rows[0][:4] == ("隐患编号", "状态", "发现日期", "整改期限")
    assert rows[1][:2] == ("YH-2023-0001", "已上账")
    book.close()
    # the sheet goes back in: its hazards are found by id and skipped
    back = ok(ledger("hazard", "import", str(out), "--sheet", "隐患"))
    assert back.stderr == "已上账0项，已在台账中2项\n"  # type: ignore[attr-defined]
    md = ok(ledger("export", "--month", "2024-07", "--format", "md", "--as-of", "2024-07-31"))
    assert "\n## 隐患\n" in md.stdout  # type: ignore[attr-defined]


def test_a_voided_step_says_so_in_words(invoke: Invoke) -> None:
    """F30: piped, redirected or NO_COLOR, a voided 销号 must not read as a valid one."""
    ok(invoke("hazard", "add", *COLD_STORE, "--by", "张三"))
    for args in [
        ("rectified", "--date", "2024-07-20", "--by", "张三"),
        ("verified", "--date", "2024-07-22", "--by", "李四"),
        ("销号", "--date", "2024-07-25", "--by", "李四"),
        ("作废", "--event", "4", "--date", "2024-07-26", "--note", "误销号", "--by", "赵六"),
    ]:
        ok(invoke("hazard", "event", "YH-2024-0001", *args))
    out = ok(invoke("hazard", "show", "YH-2024-0001", "--as-of", "2024-08-01")).stdout  # type: ignore[attr-defined]
    assert "\x1b" not in out
    assert out.split("截至2024-08-01的过程\n")[1] == (
        "\n"
        " 环节  事项        日期        记录人  备注\n"
        " " + "-" * 54 + "\n"
        "    1  上账        2024-06-03  张三    -\n"
        "    2  整改完成    2024-07-20  张三    -\n"
        "    3  审核通过    2024-07-22  李四    -\n"
        "    4  销号        2024-07-25  李四    已由第5环节作废\n"
        "       （已作废）                      2024-07-26，赵六\n"
        "                                       理由：误销号\n"
        "    5  作废        2024-07-26  赵六    作废第4环节\n"
        "                                       误销号\n"
        "\n"
    )
    shown = json.loads(
        ok(invoke("hazard", "show", "YH-2024-0001", "--json", "--as-of", "2024-08-01")).stdout  # type: ignore[attr-defined]
    )
    voided = [(e["seq"], e["voided"], e["voided_by"]) for e in shown["events"]]
    assert voided[3] == (
        4,
        True,
        {"seq": 5, "date": "2024-07-26", "note": "误销号", "recorded_by": "赵六"},
    )
    assert [v[2] for v in voided if v[0] != 4] == [None] * 4
    before = ok(invoke("hazard", "show", "YH-2024-0001", "--json", "--as-of", "2024-07-25")).stdout  # type: ignore[attr-defined]
    assert [e["voided_by"] for e in json.loads(before)["events"]] == [None] * 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["整改中", "--date", "2024-06-10", "--deadline", "2024-12-31"],
         "错误：--deadline只用于延期，不用于整改中\n"),
        (["rectifying", "--date", "2024-06-10", "--approved-by", "镇安委办"],
         "错误：--approved-by只用于延期，不用于整改中\n"),
        (["整改完成", "--date", "2024-06-10", "--event", "1"],
         "错误：--event只用于作废，不用于整改完成\n"),
        (["作废", "--date", "2024-06-10", "--note", "误", "--deadline", "2024-12-31"],
         "错误：--deadline只用于延期，不用于作废\n"),
    ],
)  # fmt: skip
def test_an_option_of_another_event_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    """F40: `整改中 --deadline D` must not be recorded as if the deadline moved."""
    ok(invoke("hazard", "add", *COLD_STORE, "--by", "张三"))
    before = rows(tmp_path)
    result = invoke("hazard", "event", "YH-2024-0001", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert rows(tmp_path) == before


def test_the_on_time_rate_is_a_whole_percent_as_everywhere(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """F37: 1 of 8 on time is 13% (half up), as the 通报 prints it; it read 12.5%."""
    from datetime import date

    from maogang_cli.cli.render_hazards import targets_lines
    from maogang_cli.domain import hazard_figures as figures

    day = date(2027, 1, 1)
    targets = figures.Targets(
        figures.stock(0, 0, day), figures.increment(0, 0, day), figures.dynamic_zero(0, 8, 1, day)
    )
    targets_lines(targets, day)
    assert "  2026-12-31逾期未销号0项；2026年销号8项中按期1项（13%）\n" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--open", "--closed"], "错误：--open与--closed互相矛盾：只给一个\n"),
        (["--closed", "--overdue"], "错误：--closed与--overdue互相矛盾：只给一个\n"),
        (["--open", "--state", "closed"], "错误：--state 已销号与--open互相矛盾：只给一个\n"),
        (["--state", "整改中", "--closed"], "错误：--state 整改中与--closed互相矛盾：只给一个\n"),
        (["--overdue", "--state", "已作废"], "错误：--state 已作废与--overdue互相矛盾：只给一个\n"),
        (["--found-from", "2025-01-01", "--found-to", "2024-01-01"],
         "错误：--found-from 2025-01-01晚于--found-to 2024-01-01\n"),
        (["--state", "finished"],
         "错误：未知状态“finished”：可选 上账、已上账、整改中、整改完成、审核通过、销号、已销号、作废、"
         "已作废（或 registered、rectifying、rectified、verified、closed、voided）\n"),
    ],
)  # fmt: skip
def test_contradictory_filters_are_usage_errors(
    ledger: Invoke, args: list[str], message: str
) -> None:
    """F39: they listed nothing with exit 0, which reads as "no such hazard"."""
    result = ledger("hazard", "list", "--as-of", "2024-12-31", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_the_filters_that_agree_still_narrow(ledger: Invoke) -> None:
    out = ok(ledger("hazard", "list", "--json", "--as-of", "2024-12-31", "--open", "--overdue",
                    "--state", "上账")).stdout  # type: ignore[attr-defined]  # fmt: skip
    assert [h["id"] for h in json.loads(out)] == ["YH-2023-0001"]
    stats = ledger("hazard", "stats", "--found-from", "2025-01-01", "--found-to", "2024-01-01")
    assert (stats.exit_code, stats.stderr) == (
        2,
        "错误：--found-from 2025-01-01晚于--found-to 2024-01-01\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hazard", "event", "YH-2024-0001", "done"],
         "错误：未知环节“done”：可选 整改中、整改完成、审核通过、验收不合格、销号、延期、书面说明、"
         "通知、作废（或 rectifying、rectified、verified、rejected、closed、extended、explained、"
         "notified、voided）\n"),
        (["hazard", "add", *COLD_STORE[:2], "--source", "自查", *COLD_STORE[4:]],
         "错误：未知隐患来源“自查”：可选 企业自查上报、自查上报、督导检查发现、检查发现、群众举报查实、"
         "举报查实、其他（或 self_report、inspection、public_report、other）\n"),
        (["hazard", "add", *COLD_STORE, "--level", "较大"],
         "错误：未知隐患等级“较大”：可选 重大、重大隐患、一般、一般隐患（或 major、general）\n"),
        (["hazard", "list", "--source", "自查"],
         "错误：未知隐患来源“自查”：可选 企业自查上报、自查上报、督导检查发现、检查发现、群众举报查实、"
         "举报查实、其他（或 self_report、inspection、public_report、other）\n"),
        (["hazard", "stats", "--level", "big"],
         "错误：未知隐患等级“big”：可选 重大、重大隐患、一般、一般隐患（或 major、general）\n"),
    ],
)  # fmt: skip
def test_an_unknown_value_of_a_fixed_list_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    """F12/F16: like an unknown status or --kind (README, exit codes): 2, not 1."""
    ok(invoke("hazard", "add", *COLD_STORE, "--by", "张三"))
    before = rows(tmp_path)
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert rows(tmp_path) == before


def test_add_help_gives_the_default_level_in_chinese(invoke: Invoke) -> None:
    """Tester T8: the Chinese help showed （默认：major）, the stored key."""
    help_text = invoke("hazard", "add", "--help").stdout
    assert "不写即为重大。" in help_text.replace("\n", "").replace(" ", "")
    assert "major）" not in help_text and "默认：major" not in help_text


def test_show_keeps_the_approver_whole_at_60_columns(
    ledger: Invoke, width: Callable[[int], None]
) -> None:
    """Tester T8: the 延期 note cut the approver's name (批准人王 / 镇长)."""
    width(60)
    out = ok(ledger("hazard", "show", "YH-2023-0001", "--as-of", "2024-12-31")).stdout
    check_readable(out, 60, whole=["镇安委办", "2024-06-30"])
