"""Commands reload the catalogue when, and only when, its files changed."""

import os
import sqlite3
from pathlib import Path

from maogang_cli.store.db import open_store


def loaded_at(db: Path) -> tuple[str, str]:
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    conn.close()
    return rows["loaded_at"], rows["catalogue_hash"]


def test_touch_without_change_does_not_reload(tmp_path: Path, data_copy: Path) -> None:
    db = tmp_path / "x.db"
    open_store(db, data_copy).conn.close()
    first = loaded_at(db)
    tasks = data_copy / "tasks_2024.yaml"
    os.utime(tasks, ns=(1, 1))  # a checkout that rewrote the file with the same bytes
    conn = open_store(db, data_copy).conn
    signature = conn.execute("SELECT value FROM meta WHERE key = 'catalogue_stat'").fetchone()
    conn.close()
    assert loaded_at(db) == first
    assert ":1:" in signature[0]


def test_a_same_size_edit_with_its_old_mtime_restored_reloads(
    tmp_path: Path, data_copy: Path
) -> None:
    db = tmp_path / "x.db"
    open_store(db, data_copy).conn.close()
    tasks = data_copy / "tasks_2024.yaml"
    before = tasks.stat()
    tasks.write_text(
        tasks.read_text("utf-8").replace('deadline: "2024-04"', 'deadline: "2024-05"', 1), "utf-8"
    )
    os.utime(tasks, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    conn = open_store(db, data_copy).conn
    deadline = conn.execute("SELECT deadline FROM tasks WHERE id = '2024-04'").fetchone()[0]
    conn.close()
    assert deadline == "2024-05-31"


def test_an_edit_reloads(tmp_path: Path, data_copy: Path) -> None:
    db = tmp_path / "x.db"
    open_store(db, data_copy).conn.close()
    tasks = data_copy / "tasks_2024.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace("组建专班", "组建工作专班", 1), "utf-8")
    conn = open_store(db, data_copy).conn
    title = conn.execute("SELECT title FROM tasks WHERE id = '2024-04'").fetchone()[0]
    conn.close()
    assert title == "组建工作专班"


def test_an_upgrade_writes_the_catalogue_again(tmp_path: Path, data_copy: Path) -> None:
    # A database loaded by an older maogang lacks what a newer schema keeps of the same,
    # unchanged catalogue (here the plan's title, which chart and bulletin print).
    db = tmp_path / "x.db"
    open_store(db, data_copy).conn.close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(
        """
        DELETE FROM meta WHERE key LIKE 'plan_%';
        DROP INDEX hazards_counting;
        DELETE FROM _sqlite_migrations WHERE name = 'm012_hazards_counting';
        """
    )
    conn.close()
    conn = open_store(db, data_copy).conn
    title = conn.execute("SELECT value FROM meta WHERE key = 'plan_title'").fetchone()
    conn.close()
    assert title is not None and title[0].startswith("泖港镇安全生产治本攻坚三年行动实施方案")
