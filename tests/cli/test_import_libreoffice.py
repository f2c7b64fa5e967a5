"""A sheet that LibreOffice Calc opened, filled in and saved imports whatever Calc made of
each typed date: a day number in a General cell (45455), text 2024/6/20 and 2024年6月20日.
The fixture is remade by tests/fixtures/spreadsheets/remake.py (needs LibreOffice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "spreadsheets"


@pytest.mark.parametrize(
    ("task", "status", "day"),
    [
        ("14", "done", "2024-06-12"),  # typed 2024-06-12; Calc saved the number 45455
        ("15", "in_progress", "2024-06-20"),  # typed 2024/6/20 into a text cell
        ("11", "in_progress", "2024-06-20"),  # typed 2024年6月20日 into a text cell
        ("17", "in_progress", "2024-06-12"),  # typed 45455 into a General cell
    ],
)
def test_a_sheet_libreoffice_saved_imports_every_typed_date(
    invoke: Invoke, task: str, status: str, day: str
) -> None:
    sheet = FIXTURE / "libreoffice-2024-06.xlsx"
    result = invoke("import", str(sheet), "--by", "王五")
    assert result.exit_code == 0, result
    records = json.loads(invoke("history", task, "--unit", "城运中心", "--json").stdout)
    assert [(r["status"], r["date"], r["source"]) for r in records] == [
        (status, day, "import:libreoffice-2024-06.xlsx")
    ]


def test_a_percent_typed_in_calc_imports_as_the_percent_shown(invoke: Invoke) -> None:
    # Typed as 40%, Calc stores the number 0.4 in a cell formatted 0%: the sheet shows 40%.
    sheet = FIXTURE / "libreoffice-2024-06.xlsx"
    assert invoke("import", str(sheet), "--by", "王五").exit_code == 0
    records = json.loads(invoke("history", "15", "--unit", "城运中心", "--json").stdout)
    assert [(r["status"], r["percent"]) for r in records] == [("in_progress", 40)]
