"""The unit-keys migration: a unit is its key. Old records get their unit's key once, from the name
they were recorded under, and keep everything they said."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from conftest import Invoke
from maogang_cli.config import bundled_data_dir
from maogang_cli.errors import DataError
from maogang_cli.store import db as store_db
from maogang_cli.store.chain import verify
from maogang_cli.store.guards import missing_triggers
from maogang_cli.store.migrations import MIGRATION_NAMES, migrations
from maogang_cli.store.sync import sync_catalogue

UNIT_KEYS = next(name for name in MIGRATION_NAMES if name.endswith("_unit_keys"))
CONTENT = "task_id, unit, status, happened_on, note, recorded_by, recorded_at, source"


def version_5(path: Path) -> sqlite3.Connection:
    """A database as maogang left it before unit keys: records under a name that is an alias
    today (镇规建办), under canonical names, and under a name the catalogue no longer has."""
    conn = store_db.connect(path)
    migrations.apply(Database(conn), stop_before=UNIT_KEYS)
    conn.executemany(
        f"INSERT INTO progress ({CONTENT}) VALUES (?, ?, ?, ?, '', 't', ?, 'cli')",
        [
            ("2024-14", "镇规建办", "in_progress", "2024-05-01", "2024-05-01T09:00:00+08:00"),
            ("2024-14", "规建办", "done", "2024-06-01", "2024-06-01T09:00:00+08:00"),
            ("2024-14", "临时专班", "done", "2024-06-02", "2024-06-02T09:00:00+08:00"),
        ],
    )
    conn.execute(
        "INSERT INTO duty_records (duty, period, unit, done_on, recorded_by, recorded_at)"
        " VALUES ('monthly_report', '2024-05', '城运中心', '2024-05-20', 't', '2024-05-20')"
    )
    return conn


def test_old_records_get_their_keys_and_keep_their_content(tmp_path: Path) -> None:
    conn = version_5(tmp_path / "old.db")
    before = conn.execute(f"SELECT id, {CONTENT} FROM progress ORDER BY id").fetchall()
    assert sync_catalogue(conn, bundled_data_dir())
    after = conn.execute(f"SELECT id, {CONTENT}, unit_key FROM progress ORDER BY id").fetchall()
    assert [tuple(r)[:-1] for r in after] == [tuple(r) for r in before]
    assert [r["unit_key"] for r in after] == ["gjb", "gjb", "~临时专班"]
    assert conn.execute("SELECT unit_key FROM duty_records").fetchall()[0][0] == "cyzx"
    assert missing_triggers(conn) == []
    # the entries written before the hash chain are sealed on the upgrade: check passes
    assert [verify(conn, table) for table in ("progress", "duty_records")] == [None, None]
    assert conn.execute("SELECT name, retired FROM units WHERE key = '~临时专班'").fetchone()[
        :
    ] == (
        "临时专班",
        1,
    )
    # the guard is back: the new column cannot be changed either
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE progress SET unit_key = 'cyzx'")


def test_the_upgrade_waits_for_a_valid_catalogue(tmp_path: Path, data_copy: Path) -> None:
    conn = version_5(tmp_path / "old.db")
    (data_copy / "units.yaml").write_text("units: [", "utf-8")
    with pytest.raises(DataError) as refused:
        sync_catalogue(conn, data_copy)
    assert refused.value.hint == (
        f"错误：{data_copy} 中的清单有误：本数据库只能用有效的清单升级（为已有记录补上单位键）；"
        "未作任何改动"
    )
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(MIGRATION_NAMES[: MIGRATION_NAMES.index(UNIT_KEYS)])
    assert "unit_key" not in [r[1] for r in conn.execute("PRAGMA table_info(progress)")]


def rename_city_centre(data: Path) -> None:
    """城运中心 renamed the documented way: a new name, the same key, the old name an alias."""
    units = data / "units.yaml"
    units.write_text(
        units.read_text("utf-8").replace(
            "  - name: 城运中心\n    key: cyzx\n    full_name: 泖港镇城市运行管理中心\n"
            "    kind: department\n    aliases: []\n",
            "  - name: 城市运行管理中心\n    key: cyzx\n    kind: department\n"
            "    aliases: [城运中心]\n",
        ),
        "utf-8",
    )


def test_renaming_a_unit_changes_one_label(tmp_path: Path, data_copy: Path) -> None:
    conn = store_db.connect(tmp_path / "db.db")
    sync_catalogue(conn, data_copy)
    from datetime import date

    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.store.progress import NewRecord, append_records, history, pair_states

    append_records(
        conn, [NewRecord("2024-14", "城运中心", "done", date(2024, 6, 1), "t", "2024-06-01T09:00")]
    )
    rename_city_centre(data_copy)
    assert sync_catalogue(conn, data_copy)
    (row,) = history(conn, "2024-14", "城市运行管理中心")
    assert (row["unit"], row["canonical"], row["unit_key"]) == (
        "城运中心",
        "城市运行管理中心",
        "cyzx",
    )
    (state,) = pair_states(
        conn, ReportOptions(date(2024, 6, 2), units=["城市运行管理中心"]), task_ids=["2024-14"]
    )
    assert (state.unit, state.status) == ("城市运行管理中心", "done")


def test_a_key_from_a_name_or_alias_and_a_label_from_a_key(tmp_path: Path, data_copy: Path) -> None:
    from maogang_cli.errors import NotFoundError
    from maogang_cli.store.queries import resolve_unit_key, unit_label

    conn = store_db.connect(tmp_path / "db.db")
    sync_catalogue(conn, data_copy)
    assert resolve_unit_key(conn, "镇规建办") == resolve_unit_key(conn, "规建办") == "gjb"
    assert unit_label(conn, "gjb") == "规建办"
    with pytest.raises(NotFoundError):
        resolve_unit_key(conn, "规建")


RETIRED = "2024-27"  # a task an older task list had, with a record: kept, retired


def with_a_retired_task(path: Path) -> None:
    """`version_5` plus a task the task list no longer has, its three reporting pairs under
    the names of the time (镇规建办, an alias of 规建办 today; 城运中心; 临时专班, gone), and
    a record of 镇规建办 saying it was done."""
    conn = version_5(path)
    conn.execute(
        """INSERT INTO tasks VALUES (?, 2024, 27, '一、示例行动', '旧清单中的任务', '', '2024-06-30',
           '2024年6月底', '["镇规建办", "临时专班"]', '["城运中心"]', 0, 0, '[]', '[]',
           'tasks_2024.yaml', 0)""",
        [RETIRED],
    )
    conn.executemany(
        "INSERT INTO task_units (task_id, unit, role) VALUES (?, ?, ?)",
        [
            (RETIRED, "镇规建办", "responsible"),
            (RETIRED, "临时专班", "responsible"),
            (RETIRED, "城运中心", "cooperating"),
        ],
    )
    conn.execute(
        f"INSERT INTO progress ({CONTENT}) VALUES (?, '镇规建办', 'done', '2024-06-20', '',"
        " 't', '2024-06-20T09:00:00+08:00', 'cli')",
        [RETIRED],
    )
    conn.commit()
    conn.close()


def test_a_retired_tasks_pairs_keep_their_units_after_the_upgrade(
    isolation: Path, invoke: Invoke
) -> None:
    """The pairs kept for a retired task get their unit keys on the upgrade: `show` names
    each unit by its name today and still sees its record; `tasks --unit` finds the task
    under the unit's name today; `status` counts no retired task."""
    with_a_retired_task(isolation / "maogang.db")
    card = json.loads(invoke("show", RETIRED, "--json", "--as-of", "2024-07-01").stdout)
    assert card["retired"] is True
    assert [(u["unit"], u["role"], u["status"]) for u in card["units"]] == [
        ("规建办", "responsible", "done"),
        ("城运中心", "cooperating", "not_started"),
        ("临时专班", "responsible", "not_started"),  # a unit gone: listed after the others
    ]
    listed = json.loads(invoke("tasks", "--unit", "规建办", "--json").stdout)
    assert RETIRED in [t["id"] for t in listed]
    status = json.loads(invoke("status", "--as-of", "2024-07-01", "--json").stdout)
    gjb = next(s for s in status if s["unit"] == "规建办")
    lead = [t for t in listed if not t["retired"] and "规建办" in t["responsible_units"]]
    # 2024-14 only (its record of 2024-06-01); the retired task is neither a task nor a done
    assert (gjb["tasks"], gjb["done"]) == (len(lead), 1)
    shown = invoke("show", RETIRED, "--as-of", "2024-07-01").stdout.splitlines()
    assert shown[-4:] == [
        " 规建办    主办  已完成  按时完成  绿    -",
        " 城运中心  协办  未开始  逾期1天   红    -",
        " 临时专班  主办  未开始  逾期1天   红    -",
        "",
    ]
