"""The benchmark's generator makes a valid catalogue and a database of the asked size."""

import sqlite3
import sys
from pathlib import Path

from maogang_cli.catalog.files import catalogue_files
from maogang_cli.catalog.load import load_catalogue

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from generate import generate


def test_generated_catalogue_validates_and_has_the_asked_size(tmp_path: Path) -> None:
    db = generate(tmp_path, tasks=60, units=40, records=500, months=4)
    catalogue, problems = load_catalogue(catalogue_files(tmp_path / "data"))
    assert problems == []
    assert catalogue is not None
    assert len(catalogue.tasks) == 60
    assert len(catalogue.units.units) == 40
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM progress").fetchone()[0] == 500
    months = conn.execute("SELECT count(DISTINCT period) FROM duty_records").fetchone()[0]
    assert months == 4
    conn.close()
