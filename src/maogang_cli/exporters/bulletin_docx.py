"""The monthly 通报 as a Word document laid out after GB/T 9704-2012 (党政机关公文格式),
as far as a draft follows it: A4 with the standard margins (top 37 mm, bottom 35, left 28,
right 26: a 156 × 225 mm text block of 22 lines), the title in 方正小标宋简体 2号 (22 pt),
the body in 仿宋_GB2312 3号 (16 pt) at a fixed 28.95 pt line, first-level headings in 黑体,
second-level in 楷体_GB2312, page numbers "— 1 —" in 宋体 4号 (14 pt), odd pages on the
right and even on the left, one character in from the edge. Fonts are named, not embedded:
the office's PC (WPS, Word) has them.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maogang_cli.exporters.bulletin_text import Block

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
)
TITLE_SIZE, BODY_SIZE, PAGE_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(14), Pt(12)
SMALL_TABLE_SIZE = Pt(9)  # 小五, for a table whose headings do not fit at 小四 (English)
LINE = Pt(28.95)  # 225 mm / 22 lines
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Mm(156)  # 210 - 28 - 26
BLACK = RGBColor(0, 0, 0)
TABLE_HEADING, TABLE_TEXT = "Table Heading", "Table Text"
SMALL = " Small"  # the same two styles at SMALL_TABLE_SIZE


def _font(target: Any, name: str, size: Any, *, bold: bool = False) -> None:
    """A font for Latin and Chinese text alike (w:eastAsia too), not a theme font."""
    target.font.name = name
    target.font.size = size
    target.font.bold = bold
    target.font.italic = False
    target.font.color.rgb = BLACK
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _paragraph_format(style: Any, *, indent: bool = True) -> None:
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = BODY_SIZE * 2 if indent else Pt(0)


def _styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, BODY_FONT, BODY_SIZE)
    _paragraph_format(normal)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, font in (("Heading 1", H1_FONT), ("Heading 2", H2_FONT)):
        style = styles[name]
        _font(style, font, BODY_SIZE)
        _paragraph_format(style)
        style.paragraph_format.keep_with_next = True
    for name, font, size in (
        (TABLE_HEADING, H1_FONT, TABLE_SIZE),
        (TABLE_TEXT, BODY_FONT, TABLE_SIZE),
        (TABLE_HEADING + SMALL, H1_FONT, SMALL_TABLE_SIZE),
        (TABLE_TEXT + SMALL, BODY_FONT, SMALL_TABLE_SIZE),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, font, size)
        _paragraph_format(style, indent=False)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = styles["Title"]
    _font(title, TITLE_FONT, TITLE_SIZE)
    _paragraph_format(title, indent=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(28.95)
    border = title.element.pPr.find(qn("w:pBdr"))  # the template's rule under a title
    if border is not None:
        title.element.pPr.remove(border)


def _page_number(footer: Any, *, odd: bool) -> None:
    """— N — in 宋体 4号, one character in from the outer edge."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if odd:
        fmt.right_indent = PAGE_SIZE
    else:
        fmt.left_indent = PAGE_SIZE
    parts: list[tuple[str, str]] = [
        ("text", "— "),
        ("begin", ""),
        ("instr", " PAGE "),
        ("separate", ""),
        ("text", "1"),
        ("end", ""),
        ("text", " —"),
    ]
    for kind, text in parts:
        run = paragraph.add_run()
        _font(run, PAGE_FONT, PAGE_SIZE)
        if kind == "text":
            run.text = text
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# A cell's side margins: 2 pt instead of Word's 5.4, so that ten columns of figures and
# their headings fit the 156 mm text block beside the units' names.
CELL_MARGIN = Pt(2)
SLACK = Pt(2)  # what a font's side bearings and the grid's lines take


def _text_width(text: str, size: int) -> int:
    """How wide text is at size, in EMU: a Chinese character one em; a Latin letter or
    digit 0.65 em and "%" one em, as wide as the fonts standing in for 仿宋_GB2312 draw them
    (DejaVu Sans: digits 0.64 em, % 0.95), so "100%" fits whatever font the PC has."""
    ems = sum(1.0 if ord(c) > 0x2E7F or c == "%" else 0.65 for c in text)
    return int(size * ems)


def _heading_width(heading: str, size: int) -> int:
    """A heading takes two lines only where it splits evenly: between English words, or a
    Chinese one of four characters in halves (月报/应报); 已完成 or 完成率 stays whole."""
    if " " in heading:
        return max(_text_width(word, size) for word in heading.split())
    half = len(heading) // 2
    chinese = all(ord(c) > 0x2E7F for c in heading)
    if chinese and len(heading) >= 4 and len(heading) % 2 == 0:
        return max(_text_width(heading[:half], size), _text_width(heading[half:], size))
    return _text_width(heading, size)


def _needs(rows: Sequence[Sequence[str]], size: int) -> list[int]:
    header, *body = rows
    return [
        max(_heading_width(h, size), *(_text_width(row[c], size) for row in body))
        + 2 * CELL_MARGIN
        + SLACK
        for c, h in enumerate(header)
    ]


def column_widths(rows: Sequence[Sequence[str]], total: int) -> tuple[list[int], int]:
    """The widths and the font size of a table: each column as wide as its heading (whole,
    or in two even lines) and its widest cell need, room left over shared in proportion;
    at 小四 if that fits the text block, else at 小五. If even that does not fit, the
    widest column (the units' names) gives way and its names wrap; figures never do."""
    for size in (TABLE_SIZE, SMALL_TABLE_SIZE):
        needs = _needs(rows, size)
        if sum(needs) <= total:
            return [total * need // sum(needs) for need in needs], size
    widest = needs.index(max(needs))
    rest = sum(needs) - needs[widest]
    if rest <= total * 3 // 4:
        needs[widest] = total - rest
        return needs, size
    return [total * need // sum(needs) for need in needs], size  # many figures: all shrink


def _cell_margins(table: Any) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_MARGIN.pt * 20)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _table(document: Any, rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    widths, size = column_widths(rows, TEXT_WIDTH)
    small = "" if size == TABLE_SIZE else SMALL
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice and WPS read; Word reads each cell's
    # Row by row (table.cell(r, c) walks the whole grid at each call); the fonts are the
    # two table styles', not set run by run (thousands of cells at district scale).
    # The style is set by its id: python-docx would look the style up among all at each cell.
    ids = (
        document.styles[TABLE_HEADING + small].style_id,
        document.styles[TABLE_TEXT + small].style_id,
    )
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph._p.style = ids[0] if r == 0 else ids[1]
            paragraph.add_run(value)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the heading row again on every page
    header.append(repeat)


def render_docx(blocks: Sequence[Block], *, title: str) -> bytes:
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = Mm(28) - Mm(7) * 2  # the number about 7 mm under the text
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)
    document.core_properties.title = title
    for block in blocks:
        if block.kind == "title":
            document.add_paragraph(block.text, style="Title")
        elif block.kind == "h1":
            document.add_paragraph(block.text, style="Heading 1")
        elif block.kind == "h2":
            document.add_paragraph(block.text, style="Heading 2")
        elif block.kind == "table":
            _table(document, block.rows)
        elif block.kind == "signature":
            paragraph = document.add_paragraph(block.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = BODY_SIZE * 4
        else:
            document.add_paragraph(block.text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
