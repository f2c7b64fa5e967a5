"""The tables derived from the evidence (tester T51): hazard_latest and hazard_labels, whose
rows the ledger's figures are read from, refuse every write but maogang's own, and `check`
recomputes them from the sealed hazards and events; the catalogue tables are compared
with the fingerprint taken when they were loaded, and `load` writes them again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli.test_check import tamper
from conftest import Invoke
from maogang_cli.store.derived import GUARDS


def add_hazard(invoke: Invoke, day: str, entity: str, department: str = "经发办") -> None:
    r = invoke(
        "hazard", "add", "--found-on", day, "--source", "inspection", "--entity", entity,
        "--village", "腰泾村", "--sector", "冷库", "--department", department,
        "--description", f"{entity}冷库未设置泄压口", "--deadline", "2024-07-31",
        "--level", "major", "--by", "张三",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def ledger(invoke: Invoke, isolation: Path) -> Path:
    """Three major hazards of 经发办, open and overdue at the end of 2024; the first one
    being rectified."""
    for i in (1, 2, 3):
        add_hazard(invoke, f"2024-06-0{i}", f"某厂{i}")
    r = invoke("hazard", "event", "YH-2024-0001", "整改中", "--date", "2024-06-10", "--by", "张三")
    assert r.exit_code == 0, r.stderr
    return isolation / "maogang.db"


UNGUARDED = [f"DROP TRIGGER {name}" for name in GUARDS]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE hazard_latest SET state = 'closed' WHERE state = 'registered'",
        "UPDATE hazard_latest SET packed = substr(packed, 1, 20) || 'closed'",
        "DELETE FROM hazard_latest WHERE hazard_id = 'YH-2024-0002'",
        # the fill's own statement, with a row the events do not say
        "INSERT OR REPLACE INTO hazard_latest (hazard_id, happened_on, packed, deadline, state,"
        " dims) SELECT hazard_id, happened_on, happened_on || deadline || 'closed', deadline,"
        " 'closed', dims FROM hazard_latest",
        "UPDATE hazard_labels SET name = 'gjb' WHERE name = 'jfb'",
        "DELETE FROM hazard_labels WHERE dimension = 'sector'",
        # a number taken by another name: the two would be counted as one
        "INSERT INTO hazard_labels (dimension, name, number) VALUES ('department', 'gjb', 0)",
    ],
)
def test_a_derived_row_cannot_be_changed_by_hand(
    invoke: Invoke, ledger: Path, statement: str
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="derived from the hazard ledger"):
        tamper(ledger, statement)
    r = invoke("check")
    assert r.exit_code == 0, r.stdout
    assert r.stdout.splitlines()[-2:] == [
        "正常 隐患汇总：3项，均与其事件相符",
        "正常 清单表：13张，均与载入时相同",
    ]


def test_maogang_s_own_writes_go_through_the_guards(invoke: Invoke, ledger: Path) -> None:
    """A new hazard under a new department, village and sector, then events on it."""
    r = invoke(
        "hazard", "add", "--found-on", "2024-08-01", "--source", "inspection", "--entity",
        "某工地", "--village", "茹塘村", "--sector", "建设工程施工", "--department", "规建办",
        "--description", "脚手架未设置连墙件", "--deadline", "2024-08-31", "--by", "张三",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    for step, day, by in (
        ("整改完成", "2024-08-20", "李四"),
        ("审核通过", "2024-08-25", "王五"),
        ("销号", "2024-08-28", "王五"),
    ):
        r = invoke("hazard", "event", "YH-2024-0004", step, "--date", day, "--by", by)
        assert r.exit_code == 0, r.stderr
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 0, r.stdout
    assert "ok    hazard summary: 4 hazards, each as its events say" in r.stdout.splitlines()


CAUGHT = [
    (
        "state column closed",
        "UPDATE hazard_latest SET state = 'closed' WHERE state = 'registered'",
        "有误 隐患汇总：YH-2024-0002 的状态或期限与同一行的另一份记载不一致；`maogang load --force` 会按事件重建",
    ),
    (
        "packed closed",
        "UPDATE hazard_latest SET packed = substr(packed, 1, 20) || 'closed'"
        " WHERE hazard_id = 'YH-2024-0003'",
        "有误 隐患汇总：YH-2024-0003 的状态或期限与同一行的另一份记载不一致；`maogang load --force` 会按事件重建",
    ),
    (
        "both copies closed",
        "UPDATE hazard_latest SET state = 'closed', packed = happened_on || deadline || 'closed'"
        " WHERE hazard_id = 'YH-2024-0002'",
        "有误 隐患汇总：YH-2024-0002 与其事件不符；`maogang load --force` 会按事件重建",
    ),
    (
        "deadline moved",
        "UPDATE hazard_latest SET deadline = '2025-12-31',"
        " packed = happened_on || '2025-12-31' || state WHERE hazard_id = 'YH-2024-0003'",
        "有误 隐患汇总：YH-2024-0003 与其事件不符；`maogang load --force` 会按事件重建",
    ),
    (
        "row removed",
        "DELETE FROM hazard_latest WHERE hazard_id = 'YH-2024-0002'",
        "有误 隐患汇总：YH-2024-0002 与其事件不符；`maogang load --force` 会按事件重建",
    ),
    (
        "row without events",
        "INSERT INTO hazard_latest VALUES ('YH-2024-0009', '2024-06-01',"
        " '2024-06-012024-07-31closed', '2024-07-31', 'closed', 0)",
        "有误 隐患汇总：YH-2024-0009 与其事件不符；`maogang load --force` 会按事件重建",
    ),
    (
        "counted under another department",
        "UPDATE hazard_latest SET dims = dims + 1 WHERE hazard_id = 'YH-2024-0001'",
        "有误 隐患汇总：YH-2024-0001 与其事件不符；`maogang load --force` 会按事件重建",
    ),
    (
        "label renamed",
        "UPDATE hazard_labels SET name = 'gjb' WHERE name = 'jfb'",
        "有误 隐患统计：监管部门“gjb”与隐患登记不符；`maogang load --force` 会按隐患登记重建",
    ),
    (
        "label added",
        "INSERT INTO hazard_labels VALUES ('village', '茹塘村', 1)",
        "有误 隐患统计：属地“茹塘村”与隐患登记不符；`maogang load --force` 会按隐患登记重建",
    ),
]


@pytest.mark.parametrize(("name", "statement", "line"), CAUGHT, ids=[c[0] for c in CAUGHT])
def test_a_derived_row_changed_with_the_guards_dropped_is_named(
    invoke: Invoke, ledger: Path, name: str, statement: str, line: str
) -> None:
    tamper(ledger, *UNGUARDED, statement)
    invoke("load")  # the guards back: what was done stays visible
    r = invoke("check")
    assert r.exit_code == 1
    wrong = [text for text in r.stdout.splitlines() if text.startswith("有误")]
    assert wrong[0] == line
    assert r.stderr == f"错误：数据库与 maogang 写入时不一致：{line.removeprefix('有误 ')}\n"
    # tester T58: the way out the line names puts the rows right, from the events
    assert invoke("load", "--force").exit_code == 0
    mended = invoke("check")
    assert mended.exit_code == 0, mended.stdout
    assert "正常 隐患汇总：3项，均与其事件相符" in mended.stdout.splitlines()


def test_a_dropped_derived_guard_is_named_and_put_back(invoke: Invoke, ledger: Path) -> None:
    tamper(ledger, "DROP TRIGGER hazard_latest_update_checked")
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1
    assert (
        "WRONG guard hazard_latest_update_checked is missing: its table can be changed; "
        "`maogang load` puts it back"
    ) in r.stdout.splitlines()
    assert invoke("load").exit_code == 0
    assert invoke("check").exit_code == 0


def test_the_tampered_figures_are_those_check_names(invoke: Invoke, ledger: Path) -> None:
    """T51's case: the overdue hazards "closed" by one statement; the figures moved and
    check (exit 0 before) names the first hazard."""
    args = ("--json", "hazard", "stats", "--as-of", "2024-12-31")
    before = json.loads(invoke(*args).stdout)
    tamper(ledger, *UNGUARDED, "UPDATE hazard_latest SET state = 'closed'")
    after = json.loads(invoke(*args).stdout)
    assert (before["open"], after["open"], after["overdue"]) == (3, 0, 0)
    assert invoke("check").exit_code == 1


def test_catalogue_table_changed_by_hand_is_named_and_load_writes_it_again(
    invoke: Invoke, isolation: Path
) -> None:
    db = isolation / "maogang.db"
    status = invoke("--json", "status", "--as-of", "2024-12-31")
    assert status.exit_code == 0
    tamper(db, "DELETE FROM task_units WHERE unit_key = 'jfb'")
    changed = invoke("--json", "status", "--as-of", "2024-12-31")
    assert "经发办" not in changed.stdout
    r = invoke("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[-1] == (
        "有误 清单表：task_units 在载入后被改动；`maogang load` 会重新载入"
    )
    loaded = invoke("load")
    assert loaded.exit_code == 0
    assert loaded.stdout.startswith("已载入：")
    assert invoke("check").exit_code == 0
    assert invoke("--json", "status", "--as-of", "2024-12-31").stdout == status.stdout
    assert invoke("load").stdout.startswith("已是最新：")


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("UPDATE units SET kind = 'village' WHERE key = 'cyzx'", "units"),
        ("UPDATE tasks SET deadline = '2026-12-31' WHERE id = '2024-14'", "tasks"),
        ("DELETE FROM duties WHERE id = 'monthly_report'", "duties"),
        ("UPDATE meta SET value = '2099-12' WHERE key = 'plan_end'", "meta"),
        ("DELETE FROM meta WHERE key = 'catalogue_tables'", "meta"),
    ],
)
def test_each_catalogue_table_is_fingerprinted(
    invoke: Invoke, isolation: Path, statement: str, table: str
) -> None:
    assert invoke("status", "--as-of", "2024-12-31").exit_code == 0
    tamper(isolation / "maogang.db", statement)
    r = invoke("check", "--lang", "en")
    assert r.exit_code == 1
    wrong = r.stdout.splitlines()[-1]
    if table == "meta":
        assert wrong == (
            "WRONG catalogue: the plan's words or the tables' fingerprint were changed after "
            "the catalogue was loaded; `maogang load` loads it again"
        )
    else:
        assert wrong == (
            f"WRONG catalogue: table {table} was changed after it was loaded; "
            "`maogang load` loads it again"
        )
    assert invoke("load").exit_code == 0
    assert invoke("check").exit_code == 0
