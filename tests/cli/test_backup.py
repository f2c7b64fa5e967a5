"""`maogang backup` and `maogang restore`: a checked copy, and a copy checked before it
replaces anything; the replaced database is kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke


@pytest.fixture
def office(invoke: Invoke, isolation: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(isolation)
    assert invoke("record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05").exit_code == 0
    return isolation / "maogang.db"


def records(invoke: Invoke, *db: str) -> list[str]:
    rows = json.loads(invoke("history", "14", "--json", *db).stdout)
    return [r["id"] for r in rows]


def test_backup_by_date_then_checked(invoke: Invoke, office: Path) -> None:
    r = invoke("backup", "--lang", "en")
    assert r.exit_code == 0, r
    (copy,) = office.parent.glob("maogang-*.db")
    assert len(copy.name) == len("maogang-2026-12-02.db")
    assert r.stderr == f"backed up {office} to {copy.name}: 1 entries, checked\n"
    assert invoke("check", "--db", str(copy)).exit_code == 0
    again = invoke("backup", "--lang", "en")
    assert again.exit_code == 1
    assert again.stderr.startswith(f"error: {copy.name} exists")


def test_restore_checks_first_and_keeps_the_replaced_database(invoke: Invoke, office: Path) -> None:
    copy = office.parent / "copy.db"
    assert invoke("backup", "-o", str(copy)).exit_code == 0
    invoke("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10")
    r = invoke("restore", str(copy), "--lang", "en")
    assert r.exit_code == 0, r
    (kept,) = office.parent.glob("maogang.db.replaced-*")
    assert r.stderr.splitlines() == [
        f"restored {copy} into {office}: 1 entries, checked",
        f"the database it replaced is kept as {kept}",
    ]
    assert json.loads(invoke("history", "15", "--json").stdout) == []
    assert len(json.loads(invoke("history", "15", "--json", "--db", str(kept)).stdout)) == 1
    assert invoke("check").exit_code == 0


def test_a_tampered_backup_is_not_restored(invoke: Invoke, office: Path) -> None:
    copy = office.parent / "copy.db"
    assert invoke("backup", "-o", str(copy)).exit_code == 0
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("DROP TRIGGER progress_no_update")
    conn.execute("UPDATE progress SET happened_on = '2024-01-01'")
    conn.close()
    invoke("record", "15", "-u", "规建办", "-s", "done", "-d", "2024-06-10")
    r = invoke("restore", str(copy), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {copy} fails the check: guard progress_no_update")
    assert len(json.loads(invoke("history", "15", "--json").stdout)) == 1  # untouched
    assert not list(office.parent.glob("maogang.db.replaced-*"))


def test_another_programs_file_is_not_restored(invoke: Invoke, office: Path) -> None:
    other = office.parent / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    r = invoke("restore", str(other), "--lang", "en")
    assert r.exit_code == 2
    assert "another program's SQLite database" in r.stderr
    assert invoke("restore", str(office.parent / "none.db")).exit_code == 2
