"""An import looks each (task, unit) up once; a bad pair is still reported on every row."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke


def test_every_row_of_a_bad_pair_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "task,unit,status,date\n"
        "14,城运中,done,2024-06-01\n"
        "14,城运中心,in_progress,2024-06-01\n"
        "14,城运中,done,2024-06-02\n",
        "utf-8",
    )
    r = invoke("import", str(sheet), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"{sheet}:2: unknown unit '城运中' (did you mean: 城运中心?)",
        f"{sheet}:4: unknown unit '城运中' (did you mean: 城运中心?)",
        "error: nothing was imported (2 bad rows); fix and rerun",
    ]
