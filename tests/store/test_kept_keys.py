"""A unit key that holds records is never changed (tester T18): a catalogue that would hand
a unit's records to another key is refused by the load, one line per unit, nothing loaded;
renaming, retiring and adding units go on as before."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli.store import db as store_db
from maogang_cli.store.sync import sync_catalogue
from store.test_unit_keys import rename_city_centre, version_5

# The closing line says 错误：/error: and 清单 like its neighbours (tester T49).
HINT_ZH = (
    "错误：{dir} 中的清单改动了已有记录的单位的代号（key）：未载入任何内容；"
    "请把各单位的代号改回原样（名称可改，代号不可改）"
)
HINT_EN = (
    "error: the catalogue in {dir} changes the key of a unit that has records: nothing was "
    "loaded; give each unit back its key (a name may change, a key never)"
)


def set_keys(data: Path, **changes: str) -> None:
    """Change keys in units.yaml (old=new), all at once, so two keys can swap."""
    units = data / "units.yaml"
    text = units.read_text("utf-8")
    for old, new in changes.items():
        text = text.replace(f"    key: {old}\n", f"    key: @{new}\n")
    units.write_text(text.replace("key: @", "key: "), "utf-8")


def key_line(data: Path, key: str) -> str:
    """FILE:LINE:COL of `key:`'s value for KEY, read from the file as edited."""
    lines = (data / "units.yaml").read_text("utf-8").splitlines()
    (line,) = [i for i, text in enumerate(lines, 1) if text == f"    key: {key}"]
    return f"{data / 'units.yaml'}:{line}:10"


def catalogue_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return [
            *conn.execute("SELECT key, name, retired FROM units ORDER BY key"),
            *conn.execute("SELECT value FROM meta WHERE key = 'catalogue_hash'"),
        ]


@pytest.fixture
def office(invoke: Invoke, data_copy: Path, isolation: Path) -> Path:
    """城运中心 (cyzx) did task 5 on time, is on task 14, and sent June's report on time."""
    for args in (
        ("record", "5", "-u", "城运中心", "-s", "已完成", "-d", "2024-06-10"),
        ("record", "14", "-u", "城运中心", "-s", "推进中", "--percent", "30", "-d", "2024-06-12"),
        ("submit", "-u", "城运中心", "--month", "2024-06", "-d", "2024-06-20"),
    ):
        assert invoke("--data", str(data_copy), *args, "--by", "张三").exit_code == 0
    return isolation / "maogang.db"


def test_a_changed_key_is_refused_and_nothing_is_loaded(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    before = catalogue_rows(office)
    set_keys(data_copy, cyzx="xxzz")
    refused = invoke("--data", str(data_copy), "load")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        f"{key_line(data_copy, 'xxzz')}: 单位“城运中心”原来的代号是 cyzx（有3条记录），"
        "代号一经使用不可更改\n" + HINT_ZH.format(dir=data_copy) + "\n"
    )
    english = invoke("--data", str(data_copy), "--lang", "en", "load", "--force")
    assert english.exit_code == 1
    assert english.stderr == (
        f"{key_line(data_copy, 'xxzz')}: unit 城运中心 had the key cyzx (3 records); "
        "a key in use is never changed\n" + HINT_EN.format(dir=data_copy) + "\n"
    )
    assert catalogue_rows(office) == before


def test_a_command_keeps_the_catalogue_loaded_before_and_the_records_stay_put(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    set_keys(data_copy, cyzx="xxzz")
    status = invoke("--data", str(data_copy), "--json", "status", "--as-of", "2024-07-01")
    assert status.exit_code == 0
    assert status.stderr.splitlines()[-1] == (
        "警告：仍使用此前载入的清单；请在文件中把各单位的代号改回原样后再载入新清单"
    )
    cy = next(row for row in json.loads(status.stdout) if row["unit"] == "城运中心")
    assert (cy["done"], cy["in_progress"]) == (1, 1)
    reports = invoke(
        "--data", str(data_copy), "--json", "reports", "--year", "2024", "--as-of", "2024-07-01"
    )  # fmt: skip
    june = [row for row in json.loads(reports.stdout) if row["month"] == "2024-06"]
    assert [row["state"] for row in june if row["unit"].startswith("城运中心")] == ["on_time"]


def test_two_keys_swapped_are_refused_one_line_each(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    done = invoke("--data", str(data_copy), "record", "14", "-u", "城建中心", "-s", "推进中")
    assert done.exit_code == 0
    set_keys(data_copy, cyzx="cjzx", cjzx="cyzx")
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"{key_line(data_copy, 'cjzx')}: 单位“城运中心”原来的代号是 cyzx（有3条记录），"
        "代号一经使用不可更改",
        f"{key_line(data_copy, 'cyzx')}: 单位“城建中心”原来的代号是 cjzx（有1条记录），"
        "代号一经使用不可更改",
        HINT_ZH.format(dir=data_copy),
    ]


@pytest.mark.parametrize(
    ("args", "unit", "key", "count"),
    [
        pytest.param(
            [("duty", "done", "quarterly_dispatch_meeting", "-u", "镇安委办", "-p", "2024-Q2")],
            "镇安委办",
            "zawb",
            1,
            id="duty-records",
        ),
        pytest.param(
            [
                ("submit", "-u", "经发公司", "--month", "2024-05", "-d", "2024-05-20"),
                ("submit", "-u", "经发公司", "--month", "2024-06", "-d", "2024-06-20"),
            ],
            "经发公司",
            "jfgs",
            2,
            id="submissions",
        ),
        pytest.param(
            [
                (
                    "hazard", "add", "--found-on", "2024-06-03", "--source", "inspection",
                    "--entity", "某冷库有限公司", "--village", "腰泾村", "--sector", "冷库",
                    "--department", "经发办", "--description", "冷库未设置泄压口",
                    "--deadline", "2024-07-31",
                )
            ],
            "经发办",
            "jfb",
            1,
            id="hazards",
        ),
    ],
)  # fmt: skip
def test_a_key_holding_only_duty_records_submissions_or_hazards(
    invoke: Invoke,
    data_copy: Path,
    isolation: Path,
    args: list[tuple[str, ...]],
    unit: str,
    key: str,
    count: int,
) -> None:
    for command in args:
        result = invoke("--data", str(data_copy), *command, "--by", "张三")
        assert result.exit_code == 0, result.stderr
    set_keys(data_copy, **{key: "xxzz"})
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'xxzz')}: 单位“{unit}”原来的代号是 {key}（有{count}条记录），"
        "代号一经使用不可更改"
    )


def test_a_key_without_records_may_still_be_corrected(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    """Nothing is recorded under it, so nothing moves: a typo in a new key can be mended."""
    set_keys(data_copy, cjzx="cjzx2")
    loaded = invoke("--data", str(data_copy), "load")
    assert loaded.exit_code == 0, loaded.stderr
    assert ("cjzx2", "城建中心", 0) in catalogue_rows(office)


def test_renaming_under_the_same_key_is_loaded(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    rename_city_centre(data_copy)
    loaded = invoke("--data", str(data_copy), "load")
    assert loaded.exit_code == 0, loaded.stderr
    assert ("cyzx", "城市运行管理中心", 0) in catalogue_rows(office)


TEMPORARY = "  - name: 临时专班\n    key: lszb\n    kind: department\n    aliases: []\n"


def with_temporary_unit(data: Path, entry: str = TEMPORARY) -> None:
    """A unit units.yaml did not have, cooperating on task 1 (whose 协办 list is empty)."""
    units = data / "units.yaml"
    units.write_text(
        units.read_text("utf-8").replace("  - name: 城运中心\n", entry + "  - name: 城运中心\n"),
        "utf-8",
    )
    tasks = data / "tasks_2024.yaml"
    text = tasks.read_text("utf-8")
    unit = re.search(r"name: (\S+)", entry)
    assert unit is not None
    tasks.write_text(text.replace("cooperating: []", f"cooperating: [{unit[1]}]", 1), "utf-8")


def test_a_retired_key_is_not_given_to_another_unit(
    invoke: Invoke, data_copy: Path, isolation: Path, tmp_path: Path
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    for name in ("units.yaml", "tasks_2024.yaml"):
        (bundled / name).write_bytes((data_copy / name).read_bytes())
    with_temporary_unit(data_copy)
    recorded = invoke("--data", str(data_copy), "record", "1", "-u", "临时专班", "-s", "推进中")
    assert recorded.exit_code == 0, recorded.stderr
    # The unit leaves the catalogue: retired, its record kept under its key.
    for name in ("units.yaml", "tasks_2024.yaml"):
        (data_copy / name).write_bytes((bundled / name).read_bytes())
    assert invoke("--data", str(data_copy), "load").exit_code == 0
    assert ("lszb", "临时专班", 1) in catalogue_rows(isolation / "maogang.db")
    # Its key given to a new unit: refused.
    with_temporary_unit(data_copy, TEMPORARY.replace("临时专班", "新专班"))
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'lszb')}: 代号 lszb 属于已撤销的单位“临时专班”（有1条记录），"
        "不可交给另一个单位"
    )
    # The same unit back under its key: loaded, live again with its record.
    for name in ("units.yaml", "tasks_2024.yaml"):
        (data_copy / name).write_bytes((bundled / name).read_bytes())
    with_temporary_unit(data_copy)
    back = invoke("--data", str(data_copy), "load")
    assert back.exit_code == 0, back.stderr
    assert ("lszb", "临时专班", 0) in catalogue_rows(isolation / "maogang.db")


def test_an_older_database_still_migrates_then_its_keys_are_kept(
    tmp_path: Path, data_copy: Path
) -> None:
    """Keys given on the upgrade come from the names: nothing to compare them with. From
    then on they hold: the old records of 规建办 (gjb) refuse a changed key."""
    conn = version_5(tmp_path / "old.db")
    assert sync_catalogue(conn, data_copy)
    conn.close()
    set_keys(data_copy, gjb="xxzz")
    conn = store_db.connect(tmp_path / "old.db")
    from maogang_cli.errors import KeyChangeError

    with pytest.raises(KeyChangeError) as refused:
        sync_catalogue(conn, data_copy)
    assert [str(p) for p in refused.value.problems] == [
        f"{key_line(data_copy, 'xxzz')}: 单位“规建办”原来的代号是 gjb（有2条记录），"
        "代号一经使用不可更改"
    ]


def rename_everywhere(data: Path, old: str, new: str) -> None:
    for path in data.glob("*.yaml"):
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


HANDED_OVER = "单位“{name}”（cyzx，有3条记录）的任务改由新代号 xxzz 承担：改名请保留代号"


def test_a_rename_done_with_the_key_in_one_edit_is_refused(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    """Tester T46: 城运中心 -> 城市运行中心 in every file and cyzx -> xxzz: no name of the old
    key is left, but the new key owes all it owed."""
    before = catalogue_rows(office)
    rename_everywhere(data_copy, "城运中心", "城市运行中心")
    set_keys(data_copy, cyzx="xxzz")
    refused = invoke("--data", str(data_copy), "load")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        f"{key_line(data_copy, 'xxzz')}: {HANDED_OVER.format(name='城运中心')}\n"
        + HINT_ZH.format(dir=data_copy)
        + "\n"
    )
    english = invoke("--data", str(data_copy), "--lang", "en", "load")
    assert english.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'xxzz')}: unit 城运中心 (cyzx, 3 records) would hand its tasks "
        "to the new key xxzz: keep the key when renaming a unit"
    )
    assert catalogue_rows(office) == before


def test_a_rename_then_a_new_key_over_two_loads_is_refused(
    invoke: Invoke, data_copy: Path, office: Path, tmp_path: Path
) -> None:
    shipped = {p.name: p.read_bytes() for p in data_copy.glob("*.yaml")}
    rename_everywhere(data_copy, "城运中心", "城运中心X")
    assert invoke("--data", str(data_copy), "load").exit_code == 0  # renamed under its key
    for name, content in shipped.items():
        (data_copy / name).write_bytes(content)
    set_keys(data_copy, cyzx="xxzz")
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"{key_line(data_copy, 'xxzz')}: {HANDED_OVER.format(name='城运中心X')}",
        HINT_ZH.format(dir=data_copy),
    ]


def test_a_rename_with_a_new_key_keeping_the_old_name_as_alias_stays_refused(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    rename_city_centre(data_copy)
    set_keys(data_copy, cyzx="xxzz")
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'xxzz')}: 单位“城运中心”原来的代号是 cyzx（有3条记录），"
        "代号一经使用不可更改"
    )


def test_three_keys_rotated_stay_refused(invoke: Invoke, data_copy: Path, office: Path) -> None:
    set_keys(data_copy, cyzx="cjzx", cjzx="gjb", gjb="cyzx")
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'cjzx')}: 单位“城运中心”原来的代号是 cyzx（有3条记录），"
        "代号一经使用不可更改"
    )


def test_a_unit_retired_into_one_that_was_there_is_loaded(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    """城运中心 leaves; its tasks go to 城建中心, which holds records of its own: its records
    stay under cyzx, retired."""
    done = invoke("--data", str(data_copy), "record", "14", "-u", "城建中心", "-s", "推进中")
    assert done.exit_code == 0
    units = data_copy / "units.yaml"
    text = units.read_text("utf-8")
    entry = text[text.index("  - name: 城运中心\n") : text.index("  - name: 城建中心\n")]
    units.write_text(text.replace(entry, "").replace("城运中心,", ""), "utf-8")
    for path in data_copy.glob("tasks_*.yaml"):
        path.write_text(path.read_text("utf-8").replace("城运中心", "城建中心"), "utf-8")
    loaded = invoke("--data", str(data_copy), "load")
    assert loaded.exit_code == 0, loaded.stderr
    assert ("cyzx", "城运中心", 1) in catalogue_rows(office)


def test_a_refused_catalogue_is_remembered_until_its_files_change(
    invoke: Invoke, data_copy: Path, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tester T50: the first command checks the files and says why; the next ones warn in
    one line without reading and checking the catalogue again, until the files change."""
    set_keys(data_copy, cyzx="xxzz")
    first = invoke("--data", str(data_copy), "status", "--as-of", "2024-07-01")
    assert first.exit_code == 0
    assert len(first.stderr.splitlines()) == 3  # the problem, the hint, the warning
    from maogang_cli.store import sync

    def not_again(*args: object, **kwargs: object) -> bool:
        raise AssertionError("the refused catalogue was loaded again")

    monkeypatch.setattr(sync, "sync_catalogue", not_again)
    again = invoke("--data", str(data_copy), "status", "--as-of", "2024-07-01")
    assert again.exit_code == 0
    assert again.stdout == first.stdout
    assert again.stderr == (
        f"警告：{data_copy} 中的清单改动了已有记录的单位的代号，未载入；"
        "仍使用此前载入的清单（`maogang load` 可查看原因）\n"
    )
    # touched, not changed: still the files refused
    (data_copy / "units.yaml").write_bytes((data_copy / "units.yaml").read_bytes())
    english = invoke("--data", str(data_copy), "--lang", "en", "status", "--as-of", "2024-07-01")
    assert english.stderr == (
        f"warning: the catalogue in {data_copy} changes the key of a unit that has records and "
        "was not loaded; using the catalogue loaded before (`maogang load` says why)\n"
    )
    monkeypatch.undo()
    # the key given back: loaded by the next command, nothing said
    set_keys(data_copy, xxzz="cyzx")
    back = invoke("--data", str(data_copy), "status", "--as-of", "2024-07-01")
    assert (back.exit_code, back.stderr) == (0, "")


def test_an_invalid_catalogue_is_remembered_too(
    invoke: Invoke, data_copy: Path, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = data_copy / "tasks_2024.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace("    seq: 3\n", "    seq: 2\n"), "utf-8")
    first = invoke("--data", str(data_copy), "units")
    assert first.exit_code == 0
    assert "duplicate seq 2" in first.stderr
    from maogang_cli.store import sync

    monkeypatch.setattr(sync, "sync_catalogue", None)  # never called
    again = invoke("--data", str(data_copy), "units")
    assert (again.exit_code, again.stdout) == (0, first.stdout)
    assert again.stderr == (
        f"警告：{data_copy} 中的清单有误，未载入；仍使用此前载入的清单（`maogang validate` 可查看原因）\n"
    )


NEW_UNIT = "  - name: 城市运行中心\n    key: xxzz\n    kind: department\n    aliases: []\n"


def test_a_successor_added_first_then_given_the_tasks_is_refused(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    """Tester T46's rr3: the new key loaded first with nothing to do, then 城运中心 removed
    and its tasks given to it: judged by records, the successor holds none."""
    with_temporary_unit(data_copy, NEW_UNIT)
    assert invoke("--data", str(data_copy), "load").exit_code == 0
    units = data_copy / "units.yaml"
    text = units.read_text("utf-8")
    entry = text[text.index("  - name: 城运中心\n") : text.index("  - name: 城建中心\n")]
    units.write_text(text.replace(entry, "").replace("城运中心,", "城市运行中心,"), "utf-8")
    rename_everywhere(data_copy, "城运中心", "城市运行中心")
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'xxzz')}: {HANDED_OVER.format(name='城运中心')}"
    )


def test_a_new_unit_taking_all_a_kept_unit_owed_is_refused(
    invoke: Invoke, data_copy: Path, office: Path
) -> None:
    """Tester T46's takeall: 城运中心 stays in units.yaml, but a new unit takes all it owed."""
    units = data_copy / "units.yaml"
    text = units.read_text("utf-8").replace("城运中心,", "城市运行中心,")
    units.write_text(
        text.replace("  - name: 城运中心\n", NEW_UNIT + "  - name: 城运中心\n"), "utf-8"
    )
    for path in data_copy.glob("tasks_*.yaml"):
        path.write_text(path.read_text("utf-8").replace("城运中心", "城市运行中心"), "utf-8")
    refused = invoke("--data", str(data_copy), "load")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"{key_line(data_copy, 'xxzz')}: {HANDED_OVER.format(name='城运中心')}"
    )
