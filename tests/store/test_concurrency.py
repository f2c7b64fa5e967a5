"""Two shells recording at the same moment both succeed, on a database neither has loaded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from maogang_cli.config import bundled_data_dir
    from maogang_cli.app.recording import Entry, record
    from maogang_cli.store.db import open_store

    db, unit, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    sys.stdin.readline()  # both processes start together
    for i in range(n):
        conn = open_store(db, bundled_data_dir()).conn  # a fresh connection, as each command has
        record(conn, Entry("14", unit, "in_progress", "2024-05-01", note=str(i)),
               today=date(2024, 6, 1), all_members=False, by=unit)
        conn.close()
    """
)


def test_two_processes_record_concurrently(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    n = 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(db), unit, str(n)],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for unit in ("城运中心", "规建办")
    ]
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    out = subprocess.run(
        [sys.executable, "-m", "maogang_cli", "history", "14", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(out.stdout)
    assert len(rows) == 2 * n
    for unit in ("城运中心", "规建办"):
        assert sorted(int(r["note"]) for r in rows if r["unit"] == unit) == list(range(n))


KILLED = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from maogang_cli.config import bundled_data_dir
    from maogang_cli.store.db import open_store
    from maogang_cli.store.progress import NewRecord, insert_records

    conn = open_store(Path(sys.argv[1]), bundled_data_dir()).conn
    conn.execute("BEGIN IMMEDIATE")
    insert_records(conn, [NewRecord("2024-14", "规建办", "done", date(2024, 5, 2), "x", "t")])
    print("holding", flush=True)
    time.sleep(60)  # killed before it commits
    """
)


def test_a_killed_writer_loses_only_its_own_uncommitted_record(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    first = subprocess.run(
        [
            sys.executable,
            "-m",
            "maogang_cli",
            "record",
            "14",
            "-u",
            "城运中心",
            "-s",
            "done",
            "-d",
            "2024-05-01",
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "已记录" in first.stderr
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "holding\n"
    proc.kill()
    proc.wait()
    after = subprocess.run(
        [
            sys.executable,
            "-m",
            "maogang_cli",
            "record",
            "14",
            "-u",
            "泖港派出所",
            "-s",
            "done",
            "-d",
            "2024-05-03",
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "已记录" in after.stderr
    rows = json.loads(
        subprocess.run(
            [sys.executable, "-m", "maogang_cli", "history", "14", "--json", "--db", str(db)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert [(r["unit"], r["date"]) for r in rows] == [
        ("城运中心", "2024-05-01"),
        ("泖港派出所", "2024-05-03"),
    ]
