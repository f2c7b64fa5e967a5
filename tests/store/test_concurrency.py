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
    from maogang_cli.recording import Entry, record
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
