"""draw.py draws a laid-out table as rich's Table would: compared, character for character,
with rich drawing the same plan (output._table), on generated tables."""

import io
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from maogang_cli import draw, layout, output
from maogang_cli.output import Column
from maogang_cli.wrap import whole, wrap

# Chinese, Latin, digits, spaces (ASCII and ideographic), 避头尾 punctuation, a tab.
_CHARS = st.sampled_from([*"城运中心泖港镇ab Z19-%，。（）、\u3000\t", "ab cd", "2024-12-31"])
_TEXT = st.lists(_CHARS, max_size=12).map("".join)
_CELL = st.one_of(
    _TEXT,
    st.lists(_TEXT, min_size=1, max_size=3).map("\n".join),
    _TEXT.map(lambda text: f"{text}{whole('城运中心')}"),
)
_COLUMN = st.builds(
    Column,
    header=st.sampled_from(["单位", "No.", "完成率", "Done / late", "逾期\n完成", "x"]),
    justify=st.sampled_from(["left", "right", "center"]),
    no_wrap=st.booleans(),
    max_width=st.sampled_from([None, 8, 20]),
    short=st.sampled_from(["", "逾期\n完成", "N"]),
    drop=st.integers(0, 2),
)


@st.composite
def tables(draw_: st.DrawFn) -> tuple[list[Column], list[list[tuple[str, str]]], int]:
    columns = draw_(st.lists(_COLUMN, min_size=1, max_size=5))
    rows = draw_(
        st.lists(
            st.lists(
                st.tuples(_CELL, st.sampled_from(["", "red", "bold yellow"])),
                min_size=len(columns),
                max_size=len(columns),
            ),
            max_size=4,
        )
    )
    return columns, rows, draw_(st.integers(20, 130))


def _rich(
    columns: list[Column], rows: list[list[tuple[str, str]]], plan: layout.Plan, room: int
) -> str:
    """What output.py printed before draw.py: rich's Table, lines stripped."""
    console = Console(file=io.StringIO(), width=room + 1, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(output._table(columns, rows, plan))
    return "".join(f"{line.rstrip()}\n" for line in captured.get().splitlines())


def _rich_needed(plan: layout.Plan) -> bool:
    if not plan.widths:
        return True
    texts = [*plan.headings, *(text for row in plan.cells for text in row)]
    wide = any(
        cell_len(line) > size
        for row in plan.cells
        for text, size in zip(row, plan.widths, strict=True)
        for line in wrap(text, size)
    )
    return wide or any("\t" in text for text in texts)


def _plain(lines: draw.Lines) -> str:
    return "".join(f"{''.join(text for text, _ in line).rstrip()}\n" for line in lines)


@settings(max_examples=400, deadline=None)
@given(tables())
# rich drops a right or centred line's trailing whitespace (an ideographic space too)
@example(([Column("单位", "right")], [[("城\u3000", "")]], 40))
@example(([Column("单位", "center")], [[("城 \u3000", "")], [("ab", "red")]], 40))
def test_a_table_is_drawn_as_rich_draws_it(
    table: tuple[list[Column], list[list[tuple[str, str]]], int],
) -> None:
    columns, rows, room = table
    plan = layout.plan(columns, [[text for text, _ in row] for row in rows], room)
    if plan is None:
        return
    drawn = draw.table(columns, rows, plan, room)
    if drawn is None:  # a tab, or a line wider than its column: rich draws it
        assert _rich_needed(plan)
        return
    assert _plain(drawn) == _rich(columns, rows, plan, room)


def test_examples_are_drawn_by_draw_py() -> None:
    """The usual table (no tab) is drawn here, not handed back to rich: the fast path is
    the one the comparison above checks."""
    columns = [
        Column("单位", no_wrap=True),
        Column("完成率", justify="right"),
        Column("逾期\n完成", "center"),
    ]
    rows = [
        [("城运中心", ""), ("8%", "red"), ("1", "")],
        [("镇安委办", ""), ("100%", ""), ("", "")],
    ]
    plan = layout.plan(columns, [[text for text, _ in row] for row in rows], 40)
    assert plan is not None
    drawn = draw.table(columns, rows, plan, 40)
    assert drawn is not None
    assert _plain(drawn) == (
        "\n"
        "                   逾期\n"
        " 单位      完成率  完成\n"
        " ----------------------\n"
        " 城运中心      8%   1\n"
        " 镇安委办    100%\n"
        "\n"
    )
    assert ("8%", "red") in [(text.strip(), style) for text, style in drawn[4]]


def test_a_terminal_gets_the_same_text_with_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal output.py prints the drawn lines through rich: the same characters,
    with the cells' styles as ANSI codes."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=60, color_system="standard", force_terminal=True, no_color=False
    )
    monkeypatch.setattr(output, "_console", lambda stderr=False: console)
    printed = io.StringIO()
    monkeypatch.setattr("sys.stdout", printed)
    columns = [Column("单位", no_wrap=True), Column("督办")]
    output.print_table(columns, [["城运中心", output.Cell("红", "red")]], title="督办状态")
    text = printed.getvalue()
    assert "\x1b[31m" in text
    assert re.sub("\x1b\\[[0-9;]*m", "", text) == (
        "督办状态\n\n 单位      督办\n --------------\n 城运中心  红\n\n"
    )
