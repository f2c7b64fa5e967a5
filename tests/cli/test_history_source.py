"""history says where each record came from: typed, or imported from which file; and a
date a spreadsheet kept as its day number (45455) imports as the date it was."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke


def test_history_shows_typed_and_imported_records(invoke: Invoke, tmp_path: Path) -> None:
    typed = invoke("record", "14", "--unit", "城运中心", "--status", "推进中",
                   "--date", "2024-06-01", "--by", "李四")  # fmt: skip
    assert typed.exit_code == 0, typed
    sheet = tmp_path / "城运中心-2024-06.csv"
    # 45455 is 2024-06-12: a date typed into a General cell, kept as its day number.
    sheet.write_text("编号,单位,状态,日期,备注\n2024-14,城运中心,已完成,45455,数据库已上线\n")
    imported = invoke("import", str(sheet), "--by", "王五")
    assert imported.exit_code == 0, imported
    out = invoke("history", "14", "--unit", "城运中心").stdout
    assert "手工录入" in out
    assert out.endswith("\n导入自 城运中心-2024-06.csv：P2\n")
    records = invoke("history", "14", "--unit", "城运中心", "--json").stdout
    assert '"happened_on": "2024-06-12"' in records or '"date": "2024-06-12"' in records
