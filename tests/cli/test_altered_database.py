"""A command meeting a database changed around maogang (tester T55): a dropped table or
view, or a catalogue or ledger value no reader can take apart, is one line and exit 1,
not an internal error (70); `load --force` mends the catalogue tables. A real bug, on a
database as maogang makes it, is still exit 70."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli.test_check import tamper
from cli.test_check_derived import UNGUARDED, add_hazard
from conftest import Invoke

ALTERED = "错误：数据库 {db} 的结构或清单表被改动：请运行 maogang check，或恢复备份\n"
VALUE = (
    "错误：数据库 {db} 的清单表 {table} 被改动（{key} 的 {column} 无法读取：{value}）："
    "请运行 maogang load --force 重新写入清单，或恢复备份\n"
)
BUG = "这是 maogang 的缺陷；请设 MAOGANG_DEBUG=1 重新运行以查看详情\n"
DAY = ("--as-of", "2024-12-31")


@pytest.fixture
def office(invoke: Invoke, isolation: Path) -> Path:
    assert (
        invoke("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-05-01").exit_code
        == 0
    )
    add_hazard(invoke, "2024-06-01", "某厂1")
    add_hazard(invoke, "2024-06-02", "某厂2")
    return isolation / "maogang.db"


SCHEMA = [
    pytest.param(["DROP VIEW progress_live"], ("status", *DAY), id="view"),
    pytest.param(["DROP TABLE hazard_latest"], ("overdue", "--json", *DAY), id="table"),
    pytest.param(["DROP TABLE hazard_labels"], ("hazard", "stats", *DAY), id="labels"),
    pytest.param(
        [*UNGUARDED, "DELETE FROM hazard_labels"], ("hazard", "stats", *DAY), id="labels-emptied"
    ),
    pytest.param(
        [*UNGUARDED, "UPDATE hazard_labels SET number = number + 1 WHERE dimension = 'level'"],
        ("hazard", "stats", *DAY),
        id="labels-renumbered",
    ),
    pytest.param(
        [*UNGUARDED, "UPDATE hazard_latest SET dims = dims + 999999999999"],
        ("hazard", "stats", *DAY),
        id="dims",
    ),
    pytest.param(
        [
            *UNGUARDED,
            "UPDATE hazard_latest SET deadline = '2024-13-45',"
            " packed = substr(packed, 1, 10) || '2024-13-45' || state"
            " WHERE hazard_id = 'YH-2024-0002'",
        ],
        ("hazard", "list", *DAY),
        id="deadline",
    ),
    pytest.param(
        [
            *UNGUARDED,
            "UPDATE hazard_latest SET deadline = '2024-13-45',"
            " packed = substr(packed, 1, 10) || '2024-13-45' || state"
            " WHERE hazard_id = 'YH-2024-0002'",
        ],
        ("agenda", "--month", "2024-12"),
        id="deadline-agenda",
    ),
]


@pytest.mark.parametrize(("sql", "command"), SCHEMA)
def test_a_changed_schema_or_ledger_table_is_one_line(
    invoke: Invoke, office: Path, sql: list[str], command: tuple[str, ...]
) -> None:
    tamper(office, *sql)
    r = invoke(*command)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", ALTERED.format(db=office))
    assert invoke("check").exit_code == 1


VALUES = [
    pytest.param(
        "UPDATE tasks SET deadline = 'garbage' WHERE id = '2024-14'",
        ("tasks",),
        ("tasks", "2024-14", "deadline", "garbage"),
        id="deadline-tasks",
    ),
    pytest.param(
        "UPDATE tasks SET deadline = 'garbage' WHERE id = '2024-14'",
        ("status", "--unit", "城运中心", *DAY),
        ("tasks", "2024-14", "deadline", "garbage"),
        id="deadline-status",
    ),
    pytest.param(
        "UPDATE tasks SET milestones = '{bad' WHERE id = '2024-14'",
        ("show", "14", *DAY),
        ("tasks", "2024-14", "milestones", "{bad"),
        id="milestones",
    ),
    pytest.param(
        "UPDATE duties SET frequency = 'weekly' WHERE id = 'quarterly_dispatch_meeting'",
        ("overdue", "--json", *DAY),
        ("duties", "quarterly_dispatch_meeting", "frequency", "weekly"),
        id="frequency-overdue",
    ),
    pytest.param(
        "UPDATE duties SET frequency = 'weekly' WHERE id = 'quarterly_dispatch_meeting'",
        ("duty", "list", *DAY),
        ("duties", "quarterly_dispatch_meeting", "frequency", "weekly"),
        id="frequency-duty-list",
    ),
]


@pytest.mark.parametrize(("sql", "command", "named"), VALUES)
def test_an_unreadable_catalogue_value_is_one_line_and_load_force_mends_it(
    invoke: Invoke, office: Path, sql: str, command: tuple[str, ...], named: tuple[str, ...]
) -> None:
    tamper(office, sql)
    table, key, column, value = named
    r = invoke(*command)
    line = VALUE.format(db=office, table=table, key=key, column=column, value=value)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", line)
    assert invoke("check").exit_code == 1
    assert invoke("load", "--force").exit_code == 0
    assert invoke(*command).exit_code == 0
    assert invoke("check").exit_code == 0


def test_unreadable_members_are_not_left_to_load(invoke: Invoke, office: Path) -> None:
    """load reads the stored members before it writes (no unit's records may change
    hands), so it cannot mend them: restore a backup."""
    tamper(office, "UPDATE units SET members = 'not json' WHERE name = '镇安委会成员单位'")
    for command in (("units",), ("load", "--force")):
        r = invoke(*command)
        assert (r.exit_code, r.stdout, r.stderr) == (1, "", ALTERED.format(db=office))


def test_english(invoke: Invoke, office: Path) -> None:
    tamper(office, "UPDATE tasks SET deadline = 'garbage' WHERE id = '2024-14'")
    r = invoke("tasks", "--lang", "en")
    assert r.stderr == (
        f"error: the catalogue table tasks of the database {office} was changed (deadline of "
        "2024-14 cannot be read: garbage): run maogang load --force to write the catalogue "
        "again, or restore a backup\n"
    )
    tamper(office, "DROP VIEW progress_live")
    r = invoke("status", "--lang", "en", *DAY)
    assert r.stderr == (
        f"error: the structure or the catalogue tables of the database {office} were "
        "changed: run maogang check, or restore a backup\n"
    )


def test_a_bug_on_an_intact_database_is_still_a_bug(
    invoke: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same exceptions, raised by the program on a database as maogang made it."""
    from maogang_cli.app import catalogue

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("weekly")

    monkeypatch.setattr(catalogue, "list_units", broken)
    r = invoke("units")
    assert (r.exit_code, r.stderr) == (70, "内部错误：KeyError：'weekly'\n" + BUG)

    def no_table(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("no such table: progress_lively")

    monkeypatch.setattr(catalogue, "list_tasks", no_table)
    r = invoke("tasks")
    assert (r.exit_code, r.stderr) == (
        70,
        "内部错误：OperationalError：no such table: progress_lively\n" + BUG,
    )
