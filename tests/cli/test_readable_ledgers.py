"""Issue #12's narrow-terminal rules (tests/readable.py) on the tables of history,
history --duty, reports, plan, duty list, hazard list/show/stats/targets, import
--dry-run: each at 60, 80 and 120 columns in Chinese, and at 60 in English. The data
gives every column something to show: long notes with punctuation, voided entries, an
imported record, late and missing reports, hazards overdue, extended and voided."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli import output
from readable import check_readable, render

NOTE = "数据库建设中，已完成需求调研、平台选型，正在与各负有安全生产监管职责的部门对接数据接口。"
BLOCKED = "等待区里下发数据标准（《重大事故隐患判定标准》），预计七月。"
COLD_STORE = [
    "--found-on", "2024-06-03", "--source", "inspection", "--entity", "某冷库有限公司",
    "--village", "腰泾村", "--sector", "冷库", "--department", "经发办",
    "--description", "冷库未设置泄压口，氨制冷机房未设置气体浓度报警装置",
    "--deadline", "2024-07-31",
]  # fmt: skip
DUST = [
    "--found-on", "2023-11-03", "--source", "群众举报查实", "--entity", "上海某某五金制品有限公司",
    "--village", "茹塘", "--sector", "粉尘涉爆", "--department", "综合行政执法队",
    "--description", "除尘系统未设置锁气卸灰装置", "--deadline", "2024-03-31",
]  # fmt: skip
GAS = [
    "--found-on", "2024-08-03", "--source", "self_report", "--entity", "泖港镇某某燃气供应站",
    "--village", "泖港居委", "--sector", "城镇燃气", "--department", "泖港市场监管所",
    "--description", "液化气钢瓶存放区未设置可燃气体报警器", "--deadline", "2024-09-30",
    "--level", "general",
]  # fmt: skip
UNITS = [
    "城运中心",
    "城建中心",
    "泖港派出所",
    "综合行政执法队",
    "泖港市场监管所",
    "农业农村服务中心",
]
HAZARD_IDS = ["YH-2023-0001", "YH-2024-0001", "YH-2024-0002"]


@pytest.fixture(autouse=True)
def fresh_console() -> Iterator[None]:
    """The console caches its width: each test starts, and leaves, at 80 columns."""
    output._console.cache_clear()
    yield
    output._console.cache_clear()


def ok(invoke: Invoke, *args: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result


@pytest.fixture
def ledger(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.chdir(tmp_path)  # import --dry-run names its sheet as given: july.csv
    ok(invoke, "record", "14", "-u", "城运中心", "-s", "推进中", "--percent", "30",
       "-d", "2024-06-01", "--note", NOTE, "--by", "张三")  # fmt: skip
    ok(
        invoke,
        "record",
        "14",
        "-u",
        "城运中心",
        "-s",
        "推进中",
        "-d",
        "2024-06-20",
        "--note",
        "录错",
    )
    ok(invoke, "void", "P2", "--reason", "日期录错，应为 2024-06-21，重新录入", "--by", "李四")
    ok(
        invoke,
        "record",
        "14",
        "-u",
        "泖港派出所",
        "-s",
        "受阻",
        "-d",
        "2024-06-22",
        "--note",
        BLOCKED,
    )
    Path("城建中心-2024-06.csv").write_text(
        "编号,单位,状态,日期,备注\n2024-14,城建中心,已完成,45455,数据库已上线\n"
    )
    ok(invoke, "import", "城建中心-2024-06.csv", "--by", "王五")
    ok(invoke, "submit", "-u", "城建中心", "-m", "2024-05", "-d", "2024-05-20")
    ok(invoke, "submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-28",
       "--note", "迟报，因负责人出差，补报。")  # fmt: skip
    ok(invoke, "void", "D2", "--reason", "补报日期录错")
    ok(invoke, "submit", "-u", "城建中心", "-m", "2024-06", "-d", "2024-06-27")
    ok(invoke, "submit", "-u", "城运中心", "-m", "2024-06", "-d", "2024-06-24")
    ok(
        invoke,
        "duty",
        "done",
        "quarterly_review",
        "-p",
        "2024-Q2",
        "-u",
        "监察办",
        "-d",
        "2024-07-05",
    )
    for hazard in (COLD_STORE, DUST, GAS):
        ok(invoke, "hazard", "add", *hazard, "--by", "张三")
    for args in [
        ("YH-2024-0001", "整改中", "--date", "2024-06-10", "--note", "已采购"),
        ("YH-2024-0001", "rectified", "--date", "2024-07-20"),
        ("YH-2024-0001", "verified", "--date", "2024-07-22", "--by", "李四"),
        ("YH-2024-0001", "closed", "--date", "2024-07-25", "--by", "李四"),
        ("YH-2024-0001", "作废", "--event", "5", "--date", "2024-07-26",
         "--note", "销号材料不全，退回重新审核"),
        ("YH-2023-0001", "延期", "--date", "2024-03-20", "--deadline", "2024-06-30",
         "--approved-by", "镇安委办", "--note", "设备采购周期长"),
    ]:  # fmt: skip
        ok(invoke, "hazard", "event", *args)
    Path("july.csv").write_text(
        "编号,单位,状态,进度,日期,备注\n"
        f"2024-14,综合行政执法队,推进中,40,2024/7/1,{NOTE}\n"
        f"2024-15,综合行政执法队,受阻,,2024-07-02,{BLOCKED}\n"
    )
    return invoke


AS_OF = ("--as-of", "2024-12-31")
TABLES: list[tuple[tuple[str, ...], list[str]]] = [
    (("history", "14"), ["城运中心", "城建中心", "泖港派出所", "2024-06-01", "2024-06-21"]),
    (("history", "14", "-u", "城运中心"), ["城运中心", "2024-06-01", "2024-06-20"]),
    (("history", "--duty", "月报"), ["城建中心", "城运中心", "2024-06-27", "2024-06-28"]),
    (("history", "--duty", "月报", "--unit", "城建中心"), ["城建中心", "2024-06-28"]),
    (("reports", "--year", "2024", *AS_OF), [*UNITS, "13%"]),
    (("plan", *AS_OF), ["2024-12-31", "培树企业", "推广长效机制", "2024-14"]),
    (("duty", "list", *AS_OF), ["高危带队检查", "镇党委政府主要负责人"]),
    (("hazard", "list", *AS_OF), [*HAZARD_IDS, "综合行政执法队", "上海某某五金制品有限公司"]),
    (("hazard", "show", "YH-2024-0001", *AS_OF), ["YH-2024-0001", "2024-07-26", "经发办"]),
    (("hazard", "stats", *AS_OF), ["综合行政执法队", "违规占用消防车通道"]),
    (("hazard", "targets", *AS_OF), ["2024-12-31", "2025-12-31"]),
    (("import", "july.csv", "--dry-run"), ["综合行政执法队", "2024-07-01", "2024-07-02"]),
]


# Ids given by pytest.param: mutmut collects a module twice in one process, and pytest
# escapes a Chinese `ids=` list a second time then (CONTRIBUTING, "Mutation testing").
CASES = [
    pytest.param(args, whole, id=" ".join(a for a in args if a not in AS_OF))
    for args, whole in TABLES
]


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize(("args", "whole"), CASES)
def test_readable_in_chinese(
    ledger: Invoke,
    width: Callable[[int], None],
    columns: int,
    args: tuple[str, ...],
    whole: list[str],
) -> None:
    check_readable(render(ledger, width, columns, *args), columns, whole=whole)


@pytest.mark.parametrize(("args", "whole"), CASES)
def test_readable_in_english_at_60(
    ledger: Invoke, width: Callable[[int], None], args: tuple[str, ...], whole: list[str]
) -> None:
    check_readable(render(ledger, width, 60, *args, "--lang", "en"), 60, whole=whole)
