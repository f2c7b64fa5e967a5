"""The 通报 as a Word document, read back with python-docx: GB/T 9704-2012 page, fonts and
sizes, structure, page numbers, and the same words as the Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from chart_page import AS_OF, BULLETIN_SECTIONS, record_progress
from conftest import Invoke
from maogang_cli.exporters.bulletin_docx import column_widths

MONTH = "2024-06"


@pytest.fixture
def written(invoke: Invoke, tmp_path: Path) -> tuple[Any, str]:
    record_progress(invoke)
    out = tmp_path / "通报.docx"
    result = invoke("bulletin", "--month", MONTH, "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result
    markdown = invoke("bulletin", "--month", MONTH, "--as-of", AS_OF).stdout
    return Document(str(out)), markdown


def east_asian(style: Any) -> str:
    return str(style.element.rPr.rFonts.get(qn("w:eastAsia")))


def test_a4_with_the_standard_margins(written: tuple[Any, str]) -> None:
    document, _ = written
    section = document.sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 35, 28, 26]


def test_fonts_and_sizes(written: tuple[Any, str]) -> None:
    document, _ = written
    styles = document.styles
    expected = {
        "Title": ("方正小标宋简体", 22),  # 小标宋 2号
        "Normal": ("仿宋_GB2312", 16),  # 仿宋 3号
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体_GB2312", 16),
        "Table Heading": ("黑体", 12),
        "Table Text": ("仿宋_GB2312", 12),
    }
    for name, (font, size) in expected.items():
        style = styles[name]
        assert (style.font.name, east_asian(style), style.font.size.pt) == (font, font, size)
        assert not style.font.bold
        assert str(style.font.color.rgb) == "000000"
    assert styles["Normal"].paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    assert styles["Normal"].paragraph_format.first_line_indent.pt == 32  # two characters
    # Fonts are named, not embedded: the package holds no font part.
    parts = [p.partname for p in document.part.package.iter_parts()]
    assert not [p for p in parts if "font" in p.lower() and not p.endswith("fontTable.xml")]


def test_structure_and_words_equal_the_markdown(written: tuple[Any, str]) -> None:
    document, markdown = written
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == (
        "Title",
        "关于泖港镇安全生产治本攻坚三年行动2024年6月工作进展情况的通报",
    )
    assert [t for s, t in paragraphs if s == "Heading 1"] == BULLETIN_SECTIONS
    assert [t for s, t in paragraphs if s == "Heading 2"][:2] == [
        "（一）任务推进情况",
        "（二）督办情况",
    ]
    assert paragraphs[-2:] == [
        ("Normal", "泖港镇安全生产治本攻坚三年行动工作专班"),
        ("Normal", "2024年12月20日"),
    ]
    words = [t for _, t in paragraphs]
    plain = [
        re.sub(r"^#+ |^\*|\*$|<[^>]+>", "", line).replace("\\", "")
        for line in markdown.splitlines()
        if line and not line.startswith("|")
    ]
    assert words == plain
    table, hazards = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    md_rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in markdown.splitlines()
        if line.startswith("| ") and "---" not in line
    ]
    assert cells + [[c.text for c in row.cells] for row in hazards.rows] == md_rows
    assert {c.paragraphs[0].style.name for c in table.rows[0].cells} == {"Table Heading"}
    assert {c.paragraphs[0].style.name for c in table.rows[1].cells} == {"Table Text"}
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_page_numbers_outside_on_odd_and_even_pages(written: tuple[Any, str]) -> None:
    document, _ = written
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.text == "— 1 —"
        assert f'w:jc w:val="{side}"' in xml
        assert {r.font.name for r in paragraph.runs} == {"宋体"}
        assert {r.font.size.pt for r in paragraph.runs} == {14}  # 4号


def test_columns_share_the_text_block_by_what_they_hold(written: tuple[Any, str]) -> None:
    document, _ = written
    table = document.tables[0]
    widths = [round(column.width.mm) for column in table.columns]
    assert sum(widths) <= 156  # the text block of a 公文 page
    unit = widths[1]
    assert unit == max(widths) and unit >= 2 * min(widths)  # names get room, figures little
    assert [round(c.width.mm) for c in table.rows[1].cells] == widths


# Widths of what LibreOffice drew the figures with (DejaVu Sans, for want of 仿宋_GB2312),
# in ems: a figure in a column narrower than this wrapped (tester T12: "50" over "%").
DEJAVU = {**dict.fromkeys("0123456789", 0.636), "%": 0.950, "-": 0.361}


def _ems(text: str) -> float:
    return sum(1.0 if ord(c) > 0x2E7F else DEJAVU[c] for c in text)


def test_rates_and_headings_fit_their_columns(written: tuple[Any, str]) -> None:
    """Converted to PDF by LibreOffice (soffice --headless --convert-to pdf), the ranking
    read 已完/成, 完成/率 and 50/%: ten equal narrow columns. Each column's inside (its
    width less the cell margins) now holds its heading whole, or a four-character heading
    in two even lines (月报/应报), and "100%" in every rate column."""
    document, _ = written
    table = document.tables[0]
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    sides = {m.tag.split("}")[1]: int(m.get(qn("w:w"))) / 20 for m in margins}  # points
    assert sides == {"left": 2.0, "right": 2.0}
    heading, *body = [[cell.text for cell in row.cells] for row in table.rows]
    assert heading[4] == "完成率" and heading[-1] == "按时率"
    size = 12  # points: 小四, the table style's
    for c, (title, column) in enumerate(zip(heading, table.columns, strict=True)):
        inside = column.width.pt - sides["left"] - sides["right"]
        lines = len(title) // 2 if len(title) == 4 else len(title)
        assert inside >= lines * size, title
        widest = max(_ems(row[c]) for row in body)
        assert inside >= widest * size, title
        if title.endswith("率"):
            assert inside >= _ems("100%") * size, title


def test_a_table_too_wide_at_small_four_is_set_at_small_five() -> None:
    """The English ranking's headings (Overdue, Reports, On-time) do not fit 156 mm at 12 pt
    beside the units' names: the table is set at 9 pt (小五) rather than cut words."""
    chinese = [
        ("排名", "单位", "主办任务", "已完成", "完成率", "逾期", "逾期完成", "月报应报", "按时",
         "按时率"),
        ("1", "农业农村服务中心", "1", "1", "100%", "0", "0", "2", "2", "100%"),
    ]  # fmt: skip
    widths, size = column_widths(chinese, Mm(156))
    assert size == Pt(12) and sum(widths) <= Mm(156)
    english = [
        ("Rank", "Unit", "Lead tasks", "Done", "Done %", "Overdue", "Done late", "Reports due",
         "Reports on time", "On-time %"),
        ("1", "农业农村服务中心", "1", "1", "100%", "0", "0", "2", "2", "100%"),
    ]  # fmt: skip
    widths, size = column_widths(english, Mm(156))
    assert size == Pt(9) and sum(widths) <= Mm(156)
