"""Issue #12, narrow terminals: status, status --unit, show, overdue, agenda, rank, tasks
and units readable at 60, 80 and 120 columns, in Chinese and in English (readable.py
says what readable means), on the bundled catalogue with a few records."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from conftest import Invoke, duty_short_names
from readable import check_readable, pieces, render

AS_OF = ("--as-of", "2024-07-01")
WIDTHS = [60, 80, 120]
LANGS = ["zh", "en"]


NOTE = "数据库建设中，已完成需求调研、系统设计，正在开发；预计九月上线。"


@pytest.fixture
def records(invoke: Invoke) -> None:
    """A note long enough to wrap, with Chinese punctuation; a blocked task; a percent;
    a unit done with its only task (100%); a monthly report."""
    for args in [
        ("14", "-u", "城运中心", "-s", "推进中", "-p", "60", "-d", "2024-06-12",
         "-n", NOTE),
        ("3", "-u", "城运中心", "-s", "受阻", "-d", "2024-05-20",
         "-n", "缺少资金，等待镇里协调（预计下月解决）。"),
        ("6", "-u", "党政办", "-s", "已完成", "-d", "2024-06-20"),
        ("1", "-u", "泖港派出所", "-s", "已完成", "-d", "2024-05-12"),
    ]:  # fmt: skip
        result = invoke("record", *args, "--by", "张三")
        assert result.exit_code == 0, result
    result = invoke("submit", "-u", "城运中心", "--month", "2024-06", "--date", "2024-06-24")
    assert result.exit_code == 0, result


def json_of(invoke: Invoke, *args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def unit_names(invoke: Invoke, *args: str, key: str = "unit") -> list[str]:
    return sorted({str(item[key]) for item in json_of(invoke, *args)})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_status(
    invoke: Invoke, width: Callable[[int], None], records: None, columns: int, lang: str
) -> None:
    names = unit_names(invoke, "status", *AS_OF)
    out = render(invoke, width, columns, "status", *AS_OF, "--lang", lang)
    check_readable(out, columns, whole=[*names, "100%"])
    # Columns are left out rather than squeezed, the counts first, and the table says so.
    left_out = {
        (60, "zh"): "此宽度未显示：推进、未开始、受阻（加宽终端或用 --json 查看）。",
        (
            60,
            "en",
        ): "Not shown at this width: Doing, Todo, Block, Late (widen the terminal, or use --json).",
        (80, "en"): "Not shown at this width: Block (widen the terminal, or use --json).",
    }.get((columns, lang), "")
    shown = out.replace("\n", "" if lang == "zh" else " ")
    assert left_out in shown and ("此宽度未显示" in shown or "Not shown" in shown) == bool(left_out)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_status_of_one_unit(
    invoke: Invoke, width: Callable[[int], None], records: None, columns: int, lang: str
) -> None:
    out = render(invoke, width, columns, "status", "-u", "城运中心", *AS_OF, "--lang", lang)
    check_readable(out, columns, whole=["城运中心", "60%", "剩183天" if lang == "zh" else "183d"])
    # The note is kept (beside its task, or under it), every line of it.
    assert cell_text(out, "数据库建设") == NOTE
    # 角色 goes before 时间节点 (期限 says how near it is), and comes back first.
    left_out = {
        (60, "zh"): "此宽度未显示：角色（加宽终端或用 --json 查看）。",
        (80, "en"): "Not shown at this width: Role, Deadline (widen the terminal, or use --json).",
    }.get((columns, lang), "")
    shown = out.replace("\n", "" if lang == "zh" else " ")
    assert left_out in shown and ("此宽度未显示" in shown or "Not shown" in shown) == bool(left_out)


def cell_text(out: str, start: str) -> str:
    """The text of the cell whose first line starts with `start`: its pieces at that
    column on the following lines, up to the next row (or block, in cards)."""
    lines = out.splitlines()
    first = next(n for n, line in enumerate(lines) if start in line)
    column = next(p.start for p in pieces(lines[first]) if p.text.startswith(start))
    text = ""
    for line in lines[first:]:
        if line != lines[first] and (not line or line[:column].strip()[:1].isdigit()):
            break  # the next row, or the next block
        text += "".join(p.text for p in pieces(line) if p.start == column)
    return text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_show(
    invoke: Invoke, width: Callable[[int], None], records: None, columns: int, lang: str
) -> None:
    names = sorted({u["unit"] for u in json_of(invoke, "show", "14", *AS_OF)["units"]})
    out = render(invoke, width, columns, "show", "14", *AS_OF, "--lang", lang)
    check_readable(out, columns, whole=names)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_overdue(
    invoke: Invoke, width: Callable[[int], None], records: None, columns: int, lang: str
) -> None:
    items = json_of(invoke, "overdue", *AS_OF)
    names = sorted({i["unit"] for i in items})
    short = duty_short_names()  # a duty is shown by its short name, which `duty done` takes
    refs = {i.get("task") or i["ref"].split("/")[0] for i in items}
    ids = sorted(short.get(ref, ref) for ref in refs)
    out = render(invoke, width, columns, "overdue", *AS_OF, "--lang", lang)
    check_readable(out, columns, whole=[*names, *ids])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_agenda(
    invoke: Invoke, width: Callable[[int], None], records: None, columns: int, lang: str
) -> None:
    window = ("--month", "2024-06", "--as-of", "2024-06-20")
    items = json_of(invoke, "agenda", *window)
    names = sorted({i["unit"] for i in items if not i["done"]})
    out = render(invoke, width, columns, "agenda", *window, "--lang", lang)
    check_readable(out, columns, whole=names)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_rank(
    invoke: Invoke, width: Callable[[int], None], records: None, columns: int, lang: str
) -> None:
    names = unit_names(invoke, "rank", *AS_OF)
    out = render(invoke, width, columns, "rank", *AS_OF, "--lang", lang)
    check_readable(out, columns, whole=[*names, "100%"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_tasks(invoke: Invoke, width: Callable[[int], None], columns: int, lang: str) -> None:
    tasks = json_of(invoke, "tasks")
    names = sorted({n for t in tasks for n in t["responsible"] + t["cooperating"]})
    out = render(invoke, width, columns, "tasks", "--lang", lang)
    check_readable(out, columns, whole=names)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_units(invoke: Invoke, width: Callable[[int], None], columns: int, lang: str) -> None:
    units = json_of(invoke, "units")
    names = sorted({n for u in units for n in [u["name"], *u["aliases"], *u["members"]]})
    out = render(invoke, width, columns, "units", "--lang", lang)
    check_readable(out, columns, whole=names)


def test_a_width_of_zero_is_taken_as_unknown(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COLUMNS=0 (a console that reports no size) printed an empty line and exited 0: the
    report vanished while a script saw success (tester T45). It is laid out at 80."""
    monkeypatch.setenv("COLUMNS", "0")
    at_0 = invoke("status", "--as-of", "2024-07-01")
    monkeypatch.setenv("COLUMNS", "80")
    at_80 = invoke("status", "--as-of", "2024-07-01")
    assert at_0.exit_code == 0
    assert at_0.stdout == at_80.stdout
    assert "泖港派出所" in at_0.stdout
