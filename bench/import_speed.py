"""Import speed: `maogang import` of a 200,000-line sheet, hash chain and all, against a floor
measured in the same run: the csv module reading the same file and `executemany` inserting
its rows into the same table of the same kind of database. Budget: at most 10x the floor.

    python bench/import_speed.py SCALE_DIR [--rows 199999]

SCALE_DIR is a catalogue made by bench/generate.py (its data/ is loaded into fresh
databases, so the records already kept do not blur the comparison).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BUDGET = 10.0

FLOOR = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO progress (task_id, unit, status, happened_on, note, recorded_by,"
        " recorded_at, source) VALUES (?, ?, ?, ?, ?, 'bench', '2026-12-01T00:00:00', 'bench')",
        rows,
    )
    conn.execute("COMMIT")
"""


def sheet(db: Path, path: Path, rows: int) -> None:
    """Rows over the scale catalogue's 主办 pairs, each a change on a day of its own."""
    import sqlite3

    conn = sqlite3.connect(db)
    pairs = conn.execute(
        """SELECT tu.task_id, tu.unit, t.year FROM task_units tu JOIN tasks t ON t.id = tu.task_id
           WHERE tu.role = 'responsible' ORDER BY tu.rowid"""
    ).fetchall()
    conn.close()
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["task", "unit", "status", "date", "note"])
        for i in range(rows):
            task, unit, year = pairs[i % len(pairs)]
            k = i // len(pairs)
            day = date(year, 1, 1) + timedelta(days=k)  # within the task's year
            out.writerow([task, unit, ("in_progress", "blocked")[k % 2], day.isoformat(), f"n{i}"])


def timed(argv: list[str]) -> float:
    begin = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - begin
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv[:4])} … failed: {result.stderr.strip()[:500]}")
    return seconds


def measure(scale_dir: Path, rows: int) -> tuple[float, float]:
    data = scale_dir / "data"
    python = sys.executable
    script = Path(python).with_name("maogang")
    maogang = [str(script)] if script.exists() else [python, "-m", "maogang_cli"]
    with tempfile.TemporaryDirectory(prefix="maogang-import-") as work:
        here = Path(work)
        floor_db, import_db = here / "floor.db", here / "import.db"
        for db in (floor_db, import_db):
            timed([*maogang, "load", "--db", str(db), "--data", str(data)])
        file = here / "sheet.csv"
        sheet(import_db, file, rows)
        floor = timed([python, "-c", FLOOR, str(floor_db), str(file)])
        target = ["--db", str(import_db), "--data", str(data)]
        mine = timed([*maogang, "import", str(file), "--by", "bench", *target])
    return mine, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale_dir", type=Path)
    # 200,000 lines with the heading: the most `import` takes (app/sheetreader.MAX_ROWS)
    parser.add_argument("--rows", type=int, default=199_999)
    args = parser.parse_args()
    mine, floor = measure(args.scale_dir, args.rows)
    ratio = mine / floor
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(
        f"import {args.rows} rows: {mine:.1f} s; floor (csv + executemany) {floor:.2f} s; "
        f"{ratio:.1f}x, {verdict} the {BUDGET:.0f}x budget"
    )


if __name__ == "__main__":
    main()
