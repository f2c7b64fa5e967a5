"""Crash test: a real `maogang import` and a real `maogang load`, killed (SIGKILL) at
random points. Afterwards each is all or nothing and `maogang check` passes: the chain,
the guards and the file are whole. A handful of kills, seconds not minutes."""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from maogang_cli.config import bundled_data_dir

ROWS = 3000
PAIRS = [("2024-14", "城运中心"), ("2024-15", "规建办"), ("2024-14", "规建办")]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def maogang(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "maogang_cli", *args, "--db", str(db)]


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"MAOGANG_LANG": "en"}
    return subprocess.run(maogang(db, *args), capture_output=True, text=True, env=env, check=False)


def killed(db: Path, delay: float, *args: str) -> int:
    """Start the command, kill it after `delay` seconds (if still running): its exit code."""
    process = subprocess.Popen(
        maogang(db, *args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait()


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def sheet(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["task", "unit", "status", "date", "note"])
        for i in range(ROWS):
            task, unit = PAIRS[i % len(PAIRS)]
            status = ("in_progress", "blocked")[(i // len(PAIRS)) % 2]
            out.writerow([task, unit, status, f"2024-{5 + i // 1000:02d}-{1 + i % 28:02d}", i])
    return path


def test_a_killed_import_is_all_or_nothing_and_check_passes(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    assert run(db, "load").returncode == 0
    rows = sheet(tmp_path / "sheet.csv")
    rng = random.Random(2026)
    outcomes = set()
    for _ in range(5):
        before = count(db, "progress")
        code = killed(db, rng.uniform(0.3, 4.0), "import", str(rows), "--again", "--by", "t")
        after = count(db, "progress")
        assert after - before in (0, ROWS), code
        assert count(db, "imports") == after // ROWS
        outcomes.add(after - before)
        check = run(db, "check")
        assert check.returncode == 0, check.stdout + check.stderr
    assert outcomes  # which of the two happened depends on the machine's speed


def test_a_killed_load_leaves_one_catalogue_or_the_other(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    full = bundled_data_dir()
    short = tmp_path / "short"
    shutil.copytree(full, short)
    tasks = short / "tasks_2024.yaml"
    text = tasks.read_text("utf-8")
    tasks.write_text(text[: text.index('  - id: "2024-26"')], "utf-8")
    assert run(db, "load", "--data", str(full)).returncode == 0
    assert (
        run(db, "record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-01").returncode == 0
    )
    rng = random.Random(15)
    for i in range(5):
        data = (short, full)[i % 2]
        killed(db, rng.uniform(0.1, 2.0), "load", "--force", "--data", str(data))
        assert count(db, "tasks") in (25, 26)
        conn = sqlite3.connect(db)
        orphans = conn.execute(
            "SELECT count(*) FROM task_units WHERE task_id NOT IN (SELECT id FROM tasks)"
        ).fetchone()[0]
        conn.close()
        assert orphans == 0
        assert count(db, "progress") == 1
        check = run(db, "check")
        assert check.returncode == 0, check.stdout + check.stderr
