"""__main__.end_now: the process ends without the interpreter's teardown, and what the
teardown did that matters is still done: the database closed (no -wal or -shm left), the
record stored, exit handlers run, the exit code kept."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# A database the catalogue was loaded into, one for this module.
from test_imports import loaded_db as loaded_db

# Runs the console script's main with an exit handler that writes a file: os._exit would
# skip it unless end_now runs the handlers itself.
SCRIPT = """
import atexit, pathlib, sys
mark = pathlib.Path(sys.argv[1])
atexit.register(lambda: mark.write_text("ran"))
sys.argv = ["maogang", *sys.argv[2:]]
from maogang_cli.__main__ import main
main()
"""


def _run(tmp_path: Path, db: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    mark = tmp_path / "atexit-ran"
    env = os.environ | {"MAOGANG_DB": str(db), "NO_COLOR": "1", "MAOGANG_LANG": "en"}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(mark), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return run, mark


def test_a_record_is_stored_and_the_database_closed(tmp_path: Path, loaded_db: Path) -> None:
    record = ["record", "14", "--unit", "城运中心", "--status", "in_progress", "--date"]
    run, mark = _run(tmp_path, loaded_db, *record, "2025-01-02", "--note", "end_now")
    assert run.returncode == 0, run.stderr
    assert mark.read_text() == "ran"
    assert sorted(p.name for p in loaded_db.parent.iterdir()) == ["maogang.db"]  # no -wal, -shm
    run, _ = _run(tmp_path, loaded_db, "history", "14", "--unit", "城运中心", "--json")
    assert run.returncode == 0, run.stderr
    assert '"note": "end_now"' in run.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["overdue", "--json", "--as-of", "2025-01-01"], 0),
        (["overdue", "--as-of", "2025-01-01", "--fail-if-any"], 1),
        (["overdue", "--no-such-option"], 2),
    ],
)
def test_the_exit_code_and_the_output_are_kept(
    tmp_path: Path, loaded_db: Path, args: list[str], code: int
) -> None:
    run, mark = _run(tmp_path, loaded_db, *args)
    assert run.returncode == code, run.stderr
    assert mark.read_text() == "ran"
    if code == 0:
        assert run.stdout.startswith("[\n{") and run.stdout.endswith("}\n]\n")
    assert sorted(p.name for p in loaded_db.parent.iterdir()) == ["maogang.db"]
