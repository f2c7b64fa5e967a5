"""submit takes several units at once: all checked first, stored together or not at all."""

from __future__ import annotations

import json

from conftest import Invoke


def test_submit_several_units(invoke: Invoke) -> None:
    result = invoke("submit", "--unit", "城运中心", "-u", "cyzx", "-u", "城建中心",
                    "--month", "2024-06", "--date", "2024-06-24")  # fmt: skip
    assert result.exit_code == 0, result
    assert result.stderr.splitlines() == [
        "已报送：城运中心 2024-06 月报，2024-06-24报送，记录人tester——按时（截止2024-06-25）",
        "已报送：城建中心 2024-06 月报，2024-06-24报送，记录人tester——按时（截止2024-06-25）",
    ]
    grid = json.loads(
        invoke("reports", "--month", "2024-06", "--as-of", "2024-06-30", "--json").stdout
    )
    arrived = {g["unit"] for g in grid if g["state"] == "on_time"}
    assert arrived == {"城运中心", "城建中心"}


def test_one_unit_refused_stores_none(invoke: Invoke) -> None:
    result = invoke("submit", "-u", "城运中心", "-u", "镇安委办", "--month", "2024-06",
                    "--date", "2024-06-24")  # fmt: skip
    assert result.exit_code == 1
    grid = json.loads(
        invoke("reports", "--month", "2024-06", "--as-of", "2024-06-30", "--json").stdout
    )
    assert {g["state"] for g in grid} == {"missing"}
