"""history, hazard list and import --dry-run stack two values in one cell where the flat
table would squeeze its text (60 and 80 columns), and stay flat where it has room (120):
a unit's name, a date, a hazard id is never cut in two. Outputs compared exactly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli import output
from maogang_cli.app import recording


class _Frozen(datetime):
    """The recording clock, fixed: history shows when each entry was recorded."""

    @classmethod
    def now(cls, tz: object = None) -> _Frozen:  # type: ignore[override]
        return cls(2024, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))

    def astimezone(self, tz: object = None) -> _Frozen:  # type: ignore[override]
        return self


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch, time_zone: Callable[[str], None]) -> Iterator[None]:
    monkeypatch.setattr(recording, "datetime", _Frozen)
    time_zone("CST-8")  # the recording times are shown in local time
    output._console.cache_clear()
    yield
    output._console.cache_clear()


LONG_NOTE = (
    "数据库建设中，已完成需求调研、平台选型，正在与各负有安全生产监管职责的部门对接数据接口。"
)


@pytest.fixture
def records(invoke: Invoke, tmp_path: Path) -> Invoke:
    """Task 14: two units' records (one voided, one imported); two monthly reports."""
    for args in [
        ("-s", "推进中", "--percent", "30", "-d", "2024-06-01", "--note", LONG_NOTE),
        ("-s", "推进中", "--percent", "60", "-d", "2024-06-20", "--note", "录错"),
    ]:
        assert invoke("record", "14", "-u", "城运中心", *args, "--by", "张三").exit_code == 0
    assert invoke("void", "P2", "--reason", "日期录错", "--by", "李四").exit_code == 0
    sheet = tmp_path / "城建中心-2024-06.csv"
    sheet.write_text("编号,单位,状态,日期,备注\n2024-14,城建中心,已完成,2024-06-12,已上线\n")
    assert invoke("import", str(sheet), "--by", "王五").exit_code == 0
    for month, day, note in [
        ("2024-05", "2024-05-20", ""),
        ("2024-06", "2024-06-28", "迟报，补报。"),
    ]:
        r = invoke(
            "submit", "-u", "城建中心", "-m", month, "-d", day, "--note", note, "--by", "张三"
        )
        assert r.exit_code == 0, r
    return invoke


def test_history_stacks_at_60_columns(records: Invoke, width: Callable[[int], None]) -> None:
    width(60)
    assert records("history", "14").stdout.splitlines() == [
        "2024-14 进展记录",
        "",
        " 编号  日期/状态     单位/备注              记录人/记录时间",
        " -----------------------------------------------------------",
        " P1    2024-06-01    城运中心               张三 手工录入",
        "       推进中 30%    数据库建设中，已完成   2024-07-01 09:30",
        "                     需求调研、平台选型，",
        "                     正在与各负有安全生产",
        "                     监管职责的部门对接数",
        "                     据接口。",
        " P3    2024-06-12    城建中心               王五 导入",
        "       已完成        已上线                 2024-07-01 09:30",
        " P2    2024-06-20    城运中心               张三 手工录入",
        "       推进中 60%    录错                   2024-07-01 09:30",
        "       已由 V1 作废",
        "",
        "导入自 城建中心-2024-06.csv：P3",
        "V1 作废了 P2：日期录错（李四，2024-07-01 09:30）",
    ]


def test_history_is_flat_at_120_columns(records: Invoke, width: Callable[[int], None]) -> None:
    width(120)
    lines = records("history", "14").stdout.splitlines()
    assert lines[2:8] == [
        " 编号  日期        单位      状态    进度  备注                                         "
        "记录人    记录时间          作废",
        " " + "-" * 119,
        " P1    2024-06-01  城运中心  推进中   30%  数据库建设中，已完成需求调研、平台选型，正   "
        "张三      2024-07-01 09:30",
        "                                           在与各负有安全生产监管职责的部门对接数据接   "
        "手工录入",
        "                                           口。",
        " P3    2024-06-12  城建中心  已完成        已上线                                       "
        "王五      2024-07-01 09:30",
    ]
    assert lines[9].endswith("2024-07-01 09:30  V1")


def test_history_of_one_unit_names_it_once(records: Invoke, width: Callable[[int], None]) -> None:
    width(80)
    assert records("history", "14", "-u", "城建中心", "--lang", "en").stdout.splitlines() == [
        "Records of 2024-14 for 城建中心",
        "",
        " ID  Date        Status  Percent  Note    By        Recorded at",
        " " + "-" * 67,
        " P3  2024-06-12  done             已上线  王五      2024-07-01 09:30",
        "                                          imported",
        "",
        "imported from 城建中心-2024-06.csv: P3",
    ]


def test_duty_history_at_60_columns(records: Invoke, width: Callable[[int], None]) -> None:
    width(60)
    assert records("history", "--duty", "月报").stdout.splitlines() == [
        "月报 记录",
        "",
        " 编号  期次/完成日期  单位/备注     记录人/记录时间",
        " ---------------------------------------------------",
        " D1    2024-05        城建中心      张三",
        "       2024-05-20                   2024-07-01 09:30",
        " D2    2024-06        城建中心      张三",
        "       2024-06-28     迟报，补报。  2024-07-01 09:30",
        "",
    ]


HAZARD = [
    "--found-on", "2023-11-03", "--source", "群众举报查实", "--entity", "上海某某五金制品有限公司",
    "--village", "茹塘", "--sector", "粉尘涉爆", "--department", "综合行政执法队",
    "--description", "除尘系统未设置锁气卸灰装置，未配备泄爆片", "--deadline", "2024-03-31",
]  # fmt: skip


def test_hazard_list_stacks_the_id_over_the_state_at_60_columns(
    invoke: Invoke, width: Callable[[int], None]
) -> None:
    assert invoke("hazard", "add", *HAZARD).exit_code == 0
    width(60)
    assert invoke("hazard", "list", "--as-of", "2024-06-30").stdout.splitlines() == [
        "截至2024-06-30的隐患",
        "",
        " 编号/状态     属地/行业/部门  单位/隐患",
        " -----------------------------------------------------------",
        " YH-2023-0001  茹塘村          上海某某五金制品有限公司",
        " 已上账        粉尘涉爆        除尘系统未设置锁气卸灰装置，",
        " 2024-03-31    综合行政执法队  未配备泄爆片",
        " 逾期91天",
        "",
        "共1项，逾期1项；属地/行业/部门依次为属地、行业领域、监管部门",
    ]
    width(80)
    assert invoke("hazard", "list", "--as-of", "2024-06-30").stdout.splitlines()[2:7] == [
        " 编号          状态/期限   属地/行业/部门  单位/隐患",
        " " + "-" * 79,
        " YH-2023-0001  已上账      茹塘村          上海某某五金制品有限公司",
        "               2024-03-31  粉尘涉爆        除尘系统未设置锁气卸灰装置，未配备泄",
        "               逾期91天    综合行政执法队  爆片",
    ]


def test_import_dry_run_stacks_at_60_and_is_flat_at_80(
    invoke: Invoke, width: Callable[[int], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheet = Path("july.csv")
    sheet.write_text(
        "编号,单位,状态,进度,日期,备注\n"
        "2024-14,综合行政执法队,推进中,40,2024/7/1,已完成需求调研、平台选型，正在对接数据接口。\n"
    )
    width(60)
    assert invoke("import", str(sheet), "--dry-run").stdout.splitlines() == [
        "将从 july.csv 导入的记录",
        "",
        " 行  任务/单位       日期/状态   备注",
        " -----------------------------------------------------------",
        "  2  2024-14         2024-07-01  已完成需求调研、平台选型，",
        "     综合行政执法队  推进中 40%  正在对接数据接口。",
        "",
    ]
    width(80)
    assert invoke("import", str(sheet), "--dry-run").stdout.splitlines()[2:6] == [
        " 行  编号     单位            状态    日期        进度  备注",
        " " + "-" * 79,
        "  2  2024-14  综合行政执法队  推进中  2024-07-01   40%  已完成需求调研、平台选",
        "                                                        型，正在对接数据接口。",
    ]
