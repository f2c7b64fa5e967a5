"""`maogang load`, and how every command finds its database and catalogue."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli.config import bundled_data_dir


def summary(
    verb: str, data: Path, db: Path, tasks: int = 26, retired: int = 0, pairs: int = 280
) -> str:
    return f"{verb}：任务{tasks}项（已撤销{retired}项），单位29个，报送对{pairs}个；{data} → {db}\n"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def add_progress(db: Path, task_id: str, unit: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO progress (task_id, unit, status, happened_on, recorded_by, recorded_at)"
            " VALUES (?, ?, 'in_progress', '2024-05-01', 'tester', '2024-05-01T09:00:00+08:00')",
            [task_id, unit],
        )
    conn.close()


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def tasks_json(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    result = invoke("tasks", "--json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_load_is_idempotent(invoke: Invoke, isolation: Path) -> None:
    db, data = isolation / "maogang.db", bundled_data_dir()
    first = invoke("load")
    assert (first.exit_code, first.stdout, first.stderr) == (0, summary("已载入", data, db), "")
    second = invoke("load")
    assert (second.exit_code, second.stdout) == (0, summary("已是最新", data, db))
    assert dump(db) == dump(db)
    forced = invoke("load", "--force")
    assert (forced.exit_code, forced.stdout) == (0, summary("已载入", data, db))


def test_a_second_load_changes_nothing(invoke: Invoke, isolation: Path) -> None:
    db = isolation / "maogang.db"
    invoke("load")
    before = dump(db)
    invoke("load")
    assert dump(db) == before


def test_an_edit_is_loaded_and_progress_survives(
    invoke: Invoke, isolation: Path, data_copy: Path
) -> None:
    db = isolation / "maogang.db"
    assert invoke("load", "--data", str(data_copy)).exit_code == 0
    add_progress(db, "2024-14", "城运中心")
    edit(data_copy / "tasks_2024.yaml", "title: 组建专班", "title: 组建工作专班")
    result = invoke("load", "--data", str(data_copy))
    assert result.stdout == summary("已载入", data_copy, db)
    assert tasks_json(invoke, "--data", str(data_copy))[3]["title"] == "组建工作专班"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT task_id, unit, status FROM progress").fetchall()
    conn.close()
    assert rows == [("2024-14", "城运中心", "in_progress")]


def test_removed_tasks_are_retired_with_progress_and_deleted_without(
    invoke: Invoke, isolation: Path, data_copy: Path
) -> None:
    db = isolation / "maogang.db"
    invoke("load", "--data", str(data_copy))
    add_progress(db, "2024-26", "经发办")
    tasks = data_copy / "tasks_2024.yaml"
    text = tasks.read_text("utf-8")
    # drop rows 25 (no progress) and 26 (with progress)
    tasks.write_text(text[: text.index('  - id: "2024-25"')], "utf-8")
    result = invoke("load", "--data", str(data_copy))
    # row 25's 14 reporting pairs go; row 26 keeps its 11
    assert result.stdout == summary("已载入", data_copy, db, tasks=25, retired=1, pairs=266)
    listed = tasks_json(invoke, "--data", str(data_copy))
    assert [(t["id"], t["retired"]) for t in listed[-2:]] == [("2024-24", False), ("2024-26", True)]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM tasks WHERE id = '2024-25'").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM task_units WHERE task_id = '2024-25'"
        ).fetchone() == (0,)
        # the retired task keeps its reporting pairs, so its records still show
        assert conn.execute(
            "SELECT count(*) FROM task_units WHERE task_id = '2024-26'"
        ).fetchone() == (11,)
    conn.close()
    # put back, it is current again
    tasks.write_text(text, "utf-8")
    invoke("load", "--data", str(data_copy))
    assert [t["retired"] for t in tasks_json(invoke, "--data", str(data_copy))] == [False] * 26


def test_a_unit_that_left_with_records_is_kept_as_retired(
    invoke: Invoke, isolation: Path, data_copy: Path
) -> None:
    db = isolation / "maogang.db"
    invoke("load", "--data", str(data_copy))
    add_progress(db, "2024-14", "临时专班")
    invoke("load", "--data", str(data_copy), "--force")
    units = json.loads(invoke("units", "--json", "--data", str(data_copy)).stdout)
    assert units[-1] == {
        "name": "临时专班",
        "full_name": "",
        "kind": "retired",
        "aliases": [],
        "members": [],
        "retired": True,
    }


def test_a_unit_with_only_duty_records_is_kept_as_retired(
    invoke: Invoke, isolation: Path, data_copy: Path
) -> None:
    db = isolation / "maogang.db"
    invoke("load", "--data", str(data_copy))
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO duty_records (duty, period, unit, done_on, recorded_by, recorded_at)"
            " VALUES ('monthly_report', '2024-05', '旧科室', '2024-05-20', 't', '2024-05-20')"
        )
    conn.close()
    add_progress(db, "2024-14", "临时专班")
    invoke("load", "--data", str(data_copy), "--force")
    listed = json.loads(invoke("units", "--json", "--data", str(data_copy)).stdout)
    assert [(u["name"], u["kind"], u["retired"]) for u in listed[-2:]] == [
        ("临时专班", "retired", True),
        ("旧科室", "retired", True),
    ]


def test_a_renamed_unit_still_resolves_by_its_old_name(invoke: Invoke, data_copy: Path) -> None:
    before = tasks_json(invoke, "--unit", "城运中心", "--data", str(data_copy))
    edit(
        data_copy / "units.yaml",
        "  - name: 城运中心\n    key: cyzx\n    full_name: 泖港镇城市运行管理中心\n    kind: department\n    aliases: []\n",
        "  - name: 城市运行管理中心\n    key: cyzx\n    kind: department\n    aliases: [城运中心]\n",
    )
    assert invoke("validate", "--data", str(data_copy)).exit_code == 0
    by_old = tasks_json(invoke, "--unit", "城运中心", "--data", str(data_copy))
    by_new = tasks_json(invoke, "--unit", "城市运行管理中心", "--data", str(data_copy))
    assert by_old == by_new
    assert [t["id"] for t in by_old] == [t["id"] for t in before]
    assert len(by_old) == 20
    row14 = next(t for t in by_old if t["seq"] == 14)
    # canonical names everywhere: the task lists and the expansion follow the rename
    assert row14["responsible"] == [
        "镇安委办",
        "泖港派出所",
        "泖港市场监管所",
        "城市运行管理中心",
        "规建办",
    ]
    assert "城市运行管理中心" in row14["responsible_units"]
    assert "城运中心" not in json.dumps(by_old, ensure_ascii=False)


def test_an_invalid_catalogue_is_not_loaded(
    invoke: Invoke, isolation: Path, data_copy: Path
) -> None:
    db = isolation / "maogang.db"
    invoke("load", "--data", str(data_copy))
    before = dump(db)
    tasks = data_copy / "tasks_2024.yaml"
    edit(tasks, "    seq: 3\n", "    seq: 2\n")
    edit(tasks, "title: 组建专班", "title: 组建工作专班")
    result = invoke("load", "--data", str(data_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    line = next(
        n for n, t in enumerate(tasks.read_text("utf-8").splitlines(), 1) if t == "    seq: 2"
    )
    second = [
        n for n, t in enumerate(tasks.read_text("utf-8").splitlines(), 1) if t == "    seq: 2"
    ]
    assert result.stderr == (
        f"{tasks}:{second[1]}:10: duplicate seq 2 (first at line {line})\n"
        f"错误：{data_copy} 中的清单有误，未载入任何内容\n"
    )
    assert dump(db) == before


def test_read_commands_warn_and_go_on_with_the_catalogue_loaded_before(
    invoke: Invoke, data_copy: Path
) -> None:
    expected = tasks_json(invoke, "--data", str(data_copy))
    tasks = data_copy / "tasks_2024.yaml"
    edit(tasks, "    seq: 3\n", "    seq: 2\n")
    result = invoke("tasks", "--json", "--data", str(data_copy))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == expected
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{tasks}:") and lines[0].endswith(
        "duplicate seq 2 (first at line 37)"
    )
    assert lines[1] == f"错误：{data_copy} 中的清单有误，未载入任何内容"
    assert lines[2] == ("警告：仍使用此前载入的清单；请修正文件（maogang validate）后再载入新清单")


def test_a_broken_catalogue_and_an_empty_database_stop(invoke: Invoke, data_copy: Path) -> None:
    tasks = data_copy / "tasks_2024.yaml"
    edit(tasks, "    seq: 3\n", "    seq: 2\n")
    for command in ("tasks", "units", "load"):
        result = invoke(command, "--data", str(data_copy))
        assert result.exit_code == 1, command
        assert result.stdout == ""
        assert "duplicate seq 2" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_failed_load_rolls_back(
    invoke: Invoke, isolation: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = isolation / "maogang.db"
    invoke("load", "--data", str(data_copy))
    before = dump(db)
    edit(data_copy / "tasks_2024.yaml", "title: 组建专班", "title: 组建工作专班")
    from maogang_cli.store import sync

    def fail(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(sync, "write_plan", fail)
    result = invoke("load", "--data", str(data_copy))
    assert result.exit_code == 70
    assert result.stderr.startswith("内部错误：RuntimeError：disk full\n")
    assert dump(db) == before


# --- where the database and the catalogue are -------------------------------------------------


def test_db_option_beats_the_environment(invoke: Invoke, isolation: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen" / "x.db"
    chosen.parent.mkdir()  # a database path the user gives must be in an existing directory
    result = invoke("load", "--db", str(chosen))
    assert result.stdout == summary("已载入", bundled_data_dir(), chosen)
    assert chosen.is_file()
    assert not (isolation / "maogang.db").exists()


def test_the_environment_names_the_database(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "env.db"
    monkeypatch.setenv("MAOGANG_DB", str(other))
    assert invoke("load").stdout == summary("已载入", bundled_data_dir(), other)


def test_without_either_the_per_user_data_directory(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MAOGANG_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    from maogang_cli import config

    expected = config.db_path(None)
    assert tmp_path in expected.parents
    assert invoke("load").stdout == summary("已载入", bundled_data_dir(), expected)


def test_data_option_beats_the_environment(
    invoke: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAOGANG_DATA", str(tmp_path / "nope"))
    result = invoke("load", "--data", str(data_copy))
    assert result.exit_code == 0
    assert f"；{data_copy} → " in result.stdout


def test_the_environment_names_the_catalogue(
    invoke: Invoke, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(data_copy / "tasks_2024.yaml", "title: 组建专班", "title: 组建工作专班")
    monkeypatch.setenv("MAOGANG_DATA", str(data_copy))
    assert tasks_json(invoke)[3]["title"] == "组建工作专班"
    assert f"；{data_copy} → " in invoke("load").stdout


@pytest.mark.parametrize("command", ["load", "tasks", "units", "validate"])
def test_a_data_dir_that_does_not_exist(invoke: Invoke, tmp_path: Path, command: str) -> None:
    result = invoke(command, "--data", str(tmp_path / "nope"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"错误：找不到清单目录：{tmp_path / 'nope'}\n"


@pytest.mark.parametrize("command", ["load", "status", "tasks"])
def test_a_data_dir_without_catalogue_files(invoke: Invoke, tmp_path: Path, command: str) -> None:
    # F20: a wrong --data is refused even when a catalogue was loaded before; the old one
    # must not be shown as if it came from there, with exit 0 under cron
    assert invoke("tasks").exit_code == 0
    (tmp_path / "empty").mkdir()
    result = invoke(command, "--data", str(tmp_path / "empty"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"错误：--data {tmp_path / 'empty'} 中没有清单文件（units.yaml、plan_*.yaml、"
        "tasks_*.yaml）：请给出清单所在的目录\n"
    )


def test_a_file_that_is_not_a_database(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100, "utf-8")
    result = invoke("tasks", "--db", str(bad))
    assert result.exit_code == 2  # a path that cannot be used
    assert result.stderr == f"错误：{bad} 不是 SQLite 数据库：请用 --db 指定 maogang 的数据库\n"


def test_a_broken_catalogue_says_so_in_the_run_language(invoke: Invoke, data_copy: Path) -> None:
    tasks = data_copy / "tasks_2024.yaml"
    edit(tasks, "    seq: 3\n", "    seq: 2\n")
    result = invoke("status", "--lang", "en", "--data", str(data_copy))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: the catalogue in {data_copy} is invalid: nothing was loaded"
    )


def test_the_catalogue_kept_shows_three_problems_and_the_count_of_the_rest(
    invoke: Invoke, data_copy: Path
) -> None:
    invoke("load", "--data", str(data_copy))
    tasks = data_copy / "tasks_2024.yaml"
    for seq in ("3", "4", "5", "6", "7"):
        edit(tasks, f"    seq: {seq}\n", "    seq: 2\n")
    result = invoke("units", "--data", str(data_copy))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert [line.endswith("duplicate seq 2 (first at line 37)") for line in lines[:3]] == [
        True,
        True,
        True,
    ]
    assert lines[3:] == [
        "……另有2处问题",
        f"错误：{data_copy} 中的清单有误，未载入任何内容",
        "警告：仍使用此前载入的清单；请修正文件（maogang validate）后再载入新清单",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
@pytest.mark.parametrize(
    ("target", "why"),
    [
        pytest.param("nowhere.yaml", "No such file or directory", id="dangling"),
        pytest.param("hazards.yaml", "Too many levels of symbolic links", id="looping"),
    ],
)
def test_a_hazards_file_that_is_a_broken_link_cannot_be_read(
    invoke: Invoke, data_copy: Path, target: str, why: str
) -> None:
    hazards = data_copy / "hazards.yaml"
    hazards.unlink()
    hazards.symlink_to(target)
    problem = f"{hazards}:1:1: cannot read file: {why}"
    checked = invoke("validate", str(data_copy))
    assert (checked.exit_code, checked.stdout) == (1, f"{problem}\n")
    listed = invoke("hazard", "list", "--data", str(data_copy))
    assert (listed.exit_code, listed.stdout) == (1, "")
    assert listed.stderr.splitlines() == [
        problem,
        f"错误：{data_copy} 中的清单有误，未载入任何内容",
    ]
