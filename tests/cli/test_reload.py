"""Reloading an edited catalogue never loses or orphans progress."""

import json
from pathlib import Path

from conftest import Invoke


def test_reload_after_edits_keeps_every_record(invoke: Invoke, data_copy: Path) -> None:
    d = str(data_copy)
    for seq, unit in (("14", "城运中心"), ("15", "规建办"), ("26", "经发办")):
        r = invoke("record", seq, "-u", unit, "-s", "done", "-d", "2024-06-01", "--data", d)
        assert r.exit_code == 0, r
    tasks = data_copy / "tasks_2024.yaml"
    text = tasks.read_text("utf-8")
    # Drop the last task (2024-26) and rename 城运中心, keeping the old name as an alias.
    tasks.write_text(text[: text.index('  - id: "2024-26"')], "utf-8")
    units = data_copy / "units.yaml"
    old = "  - name: 城运中心\n    key: cyzx\n    full_name: 泖港镇城市运行管理中心\n    kind: department\n    aliases: []\n"
    new = (
        "  - name: 城市运行管理中心\n    key: cyzx\n    kind: department\n    aliases: [城运中心]\n"
    )
    assert old in units.read_text("utf-8")
    units.write_text(units.read_text("utf-8").replace(old, new), "utf-8")
    assert invoke("validate", "--data", d).exit_code == 0, invoke("validate", "--data", d)
    rows14 = json.loads(invoke("history", "14", "--json", "--data", d).stdout)
    assert [(r["unit"], r["status"]) for r in rows14] == [("城市运行管理中心", "done")]
    rows26 = json.loads(invoke("history", "26", "--json", "--data", d).stdout)
    assert len(rows26) == 1
    retired = json.loads(invoke("tasks", "--json", "--data", d).stdout)
    assert [t["id"] for t in retired if t["retired"]] == ["2024-26"]
    status = json.loads(invoke("status", "--as-of", "2024-06-02", "--json", "--data", d).stdout)
    renamed = next(s for s in status if s["unit"] == "城市运行管理中心")
    assert renamed["done"] == 1
    # a retired task still shows where each of its units stood
    card = json.loads(invoke("show", "26", "--json", "--as-of", "2024-06-02", "--data", d).stdout)
    assert card["retired"] is True
    started = [(u["unit"], u["status"]) for u in card["units"] if u["status"] != "not_started"]
    assert started == [("经发办", "done")]
    r = invoke("record", "26", "-u", "经发办", "-s", "done", "--data", d)
    assert r.exit_code == 1 and "已撤销" in r.stderr
