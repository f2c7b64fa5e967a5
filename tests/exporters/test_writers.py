"""Each writer on a small hand-made report: encodings, line ends, cell safety, widths."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from maogang_cli.domain.cells import inert, restore, unstorable
from maogang_cli.domain.export import (
    ExportRow,
    ExportSummary,
    MonthlyExport,
    MonthRecord,
    ReportArrival,
)
from maogang_cli.domain.status import UnitSummary
from maogang_cli.exporters import Options, choose_format, render
from maogang_cli.exporters.to_xlsx import display_width
from maogang_cli.i18n import set_language

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1", "-1", "\tx", "\rx"]


def report(notes: list[str]) -> MonthlyExport:
    rows = tuple(
        ExportRow(
            task=f"2024-{i + 1:02d}",
            year=2024,
            seq=i + 1,
            title="重大事故隐患存量清零",
            unit="城运中心",
            role="responsible",
            deadline=date(2024, 12, 31),
            status="in_progress",
            last_update=date(2024, 6, 10),
            percent=40,
            note=note,
            done_on=None,
            overdue=False,
            days_overdue=0,
            done_late=False,
            days_late=0,
            month_records=(MonthRecord(date(2024, 6, 10), "in_progress", 40, note),),
            report=ReportArrival("late", date(2024, 6, 27), 2),
        )
        for i, note in enumerate(notes)
    )
    lead = UnitSummary("城运中心", tasks=len(rows), in_progress=len(rows))
    summary = (ExportSummary("城运中心", lead, UnitSummary("城运中心"), len(rows), None),)
    return MonthlyExport("2024-06", date(2024, 6, 25), None, date(2024, 6, 25), summary, rows)


def test_csv_has_a_bom_and_crlf_and_neutralises_formulas() -> None:
    data = render("csv", report(HOSTILE), Options())
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(HOSTILE) + 1  # one per record; \r inside a cell is quoted
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    notes = [r[rows[0].index("备注")] for r in rows[1:]]
    # A CR is shown as its escape (it would overwrite the line on a terminal), so no
    # longer a formula start; the others are neutralised.
    assert notes == ["'" + n for n in HOSTILE[:-1]] + ["\\x0dx"]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


def test_csv_gb18030_and_english_headings() -> None:
    set_language("en")
    data = render("csv", report(["备注一"]), Options(encoding="gb18030"))
    text = data.decode("gb18030")
    assert not text.startswith("\ufeff")
    assert text.startswith(
        "Task ID,No.,Title,Unit,Role,Deadline,Last update,Status,Date,Percent,Note,"
    )
    assert "备注一" in text
    assert "late 2d" in text


def test_csv_summary_table() -> None:
    text = render("csv", report(["a", "b"]), Options(table="summary")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["单位", "主办任务", "已完成"]
    assert rows[0][9:12] == ["协办任务", "协办完成", "协办逾期"]
    assert rows[1][0] == "城运中心"
    assert rows[1][rows[0].index("完成率")] == "0%"
    assert rows[1][rows[0].index("月报")] == "无需报送"


def test_xlsx_stores_hostile_text_as_strings_never_formulas() -> None:
    data = render("xlsx", report(HOSTILE), Options())
    sheet = load_workbook(io.BytesIO(data))["明细"]
    heads = [c.value for c in sheet[1]]
    note = heads.index("备注") + 1
    progress = heads.index("本月进展") + 1
    for i, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(i, note)
        assert cell.data_type == "s"
        # A lone CR is shown as its escape, as on the terminal.
        assert cell.value == text.replace("\r", "\\x0d")
        assert sheet.cell(i, progress).data_type == "s"


def test_xlsx_layout_dates_and_widths() -> None:
    data = render("xlsx", report(["长备注" * 30, "x"]), Options())
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["汇总", "明细", "说明"]
    detail = book["明细"]
    assert detail.freeze_panes == "A2"
    assert detail["A1"].font.b
    assert detail["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    heads = [c.value for c in detail[1]]
    deadline = detail.cell(2, heads.index("时间节点") + 1)
    assert deadline.is_date and deadline.value.date() == date(2024, 12, 31)
    assert deadline.number_format == "yyyy-mm-dd"
    widths = {k: v.width for k, v in detail.column_dimensions.items()}
    assert widths["D"] == display_width("城运中心") + 2 == 10  # CJK counts two
    assert widths["K"] == 42  # a long note is capped and wraps
    assert detail["K2"].alignment.wrap_text
    rate = book["汇总"].cell(2, [c.value for c in book["汇总"][1]].index("完成率") + 1)
    assert rate.number_format == "0%" and rate.value == 0


def test_xlsx_detail_has_an_empty_date_column_to_fill_in() -> None:
    detail = load_workbook(io.BytesIO(render("xlsx", report(["x"]), Options())))["明细"]
    heads = [c.value for c in detail[1]]
    last, day = heads.index("最近记录日期") + 1, heads.index("日期") + 1
    assert detail.cell(2, last).is_date and detail.cell(2, last).value.date() == date(2024, 6, 10)
    assert detail.cell(2, day).value is None
    assert detail.cell(1, day).fill.fgColor.rgb.endswith("FFF2CC")  # marked for filling in
    letter = detail.cell(1, day).column_letter
    assert detail.column_dimensions[letter].width == 12  # room for a typed date


def test_xlsx_about_sheet_has_labels_in_a_and_values_in_b() -> None:
    about = load_workbook(io.BytesIO(render("xlsx", report(["x"]), Options())))["说明"]
    rows = [[c.value for c in row] for row in about.iter_rows()]
    assert [r[0] for r in rows] == ["标题", "月份", "截至", "任务年度", "月报截止", "说明"]
    assert rows[0][1] == "治本攻坚月报 2024-06（截至 2024-06-25）"
    assert rows[1][1] == "2024-06"
    for label in ("截至", "月报截止"):
        value = about.cell([r[0] for r in rows].index(label) + 1, 2)
        assert value.is_date and value.value.date() == date(2024, 6, 25)
        assert value.number_format == "yyyy-mm-dd"
    assert rows[3][1] == "全部"
    assert about["A1"].font.b
    set_language("en")
    english = load_workbook(io.BytesIO(render("xlsx", report(["x"]), Options())))
    assert [c.value for c in english["About"]["A"]][:3] == ["Title", "Month", "As of"]


def test_xlsx_is_the_same_bytes_every_time() -> None:
    assert render("xlsx", report(["a"]), Options()) == render("xlsx", report(["a"]), Options())


def test_xlsx_shows_control_characters_escaped() -> None:
    data = render("xlsx", report(["bell\x07here \x1b]52;c;eA==\x07 \u202eabc"]), Options())
    sheet = load_workbook(io.BytesIO(data))["明细"]
    assert "bell\\x07here \\x1b]52;c;eA==\\x07 \\u202eabc" in [c.value for c in sheet[2]]


def test_xlsx_marks_a_cell_too_long_and_says_so() -> None:
    data = render("xlsx", report(["长" * 40_000]), Options())
    book = load_workbook(io.BytesIO(data))
    cells = [c.value for c in book["明细"][2] if isinstance(c.value, str)]
    long = [v for v in cells if len(v) > 30_000]
    assert [len(v) for v in long] == [32_767, 32_767]  # 备注 and 本月进展
    assert long[0].endswith("… [截断：共40,000个字符]")
    about = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert about["截断"].startswith("2个单元格的文字超过表格单元格的上限（32,767个字符")


def test_markdown_escapes_pipes_and_newlines() -> None:
    text = render("md", report(["a|b\nc"]), Options()).decode()
    assert text.startswith("# 治本攻坚月报 2024-06（截至 2024-06-25）\n")
    assert "a\\|b<br>c" in text
    assert "## 汇总" in text and "## 明细" in text
    heads = next(line for line in text.splitlines() if line.startswith("| 编号"))
    assert "| 最近记录日期 | 状态 | 进度 |" in heads  # no empty column to fill in


def _rendered_notes(text: str) -> list[str]:
    """The 备注 cells of the Markdown's detail table as a Markdown renderer shows them."""
    import html
    import re

    markdown_it = pytest.importorskip("markdown_it")
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    detail = page.split("<table>")[2]  # the summary table comes first
    rows = re.findall(r"<tr>\n(.*?)</tr>", detail, flags=re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S) for row in rows]
    note = cells[0].index("备注")
    return [html.unescape(row[note].replace("<br>", "\n")) for row in cells[1:]]


def test_markdown_shows_html_and_markdown_in_notes_as_text() -> None:
    notes = [
        "<script>x</script> *粗*",
        "[链接](http://x) `代码` ~~删~~ _斜_ $x$",
        "a &amp; <!-- c -->",
    ]
    text = render("md", report(notes), Options()).decode()
    assert "&lt;script&gt;x&lt;/script&gt; \\*粗\\*" in text
    assert "<script>" not in text
    assert _rendered_notes(text) == notes


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
            | st.sampled_from("\n<>&*_`[]()|\\!#~$"),
            max_size=30,
        )
        .map(str.strip)
        # only notes the program stores: it refuses a line separator or a bidi override
        .filter(lambda note: unstorable(note) is None),
        min_size=1,
        max_size=3,
    )
)
def test_any_note_reads_back_from_rendered_markdown(notes: list[str]) -> None:
    got = _rendered_notes(render("md", report(notes), Options()).decode())
    assert [g.strip() for g in got] == [n.strip() for n in notes]


def test_json_is_the_contract() -> None:
    body = json.loads(render("json", report(["x"]), Options()))
    assert list(body) == ["month", "as_of", "year", "report_due", "summary", "rows", "hazards"]


@pytest.mark.parametrize(
    ("fmt", "name", "expected"),
    [
        (None, None, "csv"),
        (None, "a.XLSX", "xlsx"),
        (None, "a.md", "md"),
        (None, "a.markdown", "md"),
        ("json", "a.csv", "json"),  # --format wins
    ],
)
def test_choose_format(fmt: str | None, name: str | None, expected: str) -> None:
    from pathlib import Path

    assert choose_format(fmt, Path(name) if name else None) == expected


def test_choose_format_refuses_an_unknown_suffix() -> None:
    from pathlib import Path

    with pytest.raises(ValueError, match=r"无法从“report\.txt”看出格式"):
        choose_format(None, Path("report.txt"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_any_note_survives_csv_and_stays_inert(notes: list[str]) -> None:
    data = render("csv", report(notes), Options())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    got = [r[rows[0].index("备注")] for r in rows[1:]]
    assert [restore(cell) for cell in got] == [inert(n) for n in notes]  # controls escaped
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in got)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=3))
def test_any_note_is_text_in_xlsx(notes: list[str]) -> None:
    sheet = load_workbook(io.BytesIO(render("xlsx", report(notes), Options())))["明细"]
    for row, note in zip(sheet.iter_rows(min_row=2), notes, strict=True):
        cell = row[10]
        if note:
            assert cell.data_type == "s"
        stored = ILLEGAL_CHARACTERS_RE.sub("\ufffd", inert(note))
        # A CR is read back as is with lxml (python-docx brings it); the standard library's
        # parser reads CR LF and a lone CR as LF.
        plain = stored.replace("\r\n", "\n").replace("\r", "\n")
        assert (cell.value or "") in (stored, plain)
