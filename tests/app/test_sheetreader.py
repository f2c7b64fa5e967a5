"""Hostile spreadsheets given to `import`: each refused with one line naming the limit or
the fault, its exit code, nothing stored, in bounded time and memory."""

from __future__ import annotations

import io
import os
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import Invoke
from maogang_cli.app import sheetreader

HEADER = ["编号", "单位", "状态", "日期", "备注"]
ROW = ["2024-14", "城运中心", "推进中", "2024-06-10", "ok"]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAOGANG_LANG", "en")


def _xlsx(rows: list[list[object]], edit: Callable[[str], str] | None = None) -> bytes:
    """A workbook with these rows; `edit` rewrites its sheet's XML."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if edit is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            new.writestr(item, data)
    return out.getvalue()


def _far_cell(xml: str) -> str:
    """Declares A1:XFD1048576 and puts one cell in the sheet's last row."""
    xml = xml.replace('<dimension ref="A1:E2"/>', '<dimension ref="A1:XFD1048576"/>')
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xml.replace("</sheetData>", far + "</sheetData>")


def _wide_cell(xml: str) -> str:
    far = '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'
    return xml.replace("</sheetData>", far + "</sheetData>")


BOMB = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


def _entity_bomb(xml: str) -> str:
    xml = xml.replace("<worksheet", BOMB + "<worksheet", 1)
    return xml.replace(
        "</sheetData>",
        '<row r="3"><c r="A3" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData>',
    )


def _undefined_entity(xml: str) -> str:
    return xml.replace(
        "</sheetData>",
        '<row r="3"><c r="A3" t="inlineStr"><is><t>&nope;</t></is></c></row></sheetData>',
    )


def _zip_bomb() -> bytes:
    """A small file whose sheet unpacks to more than the (lowered) limit."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_xlsx([HEADER, ROW]))) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            new.writestr(item, old.read(item))
        new.writestr("xl/padding.xml", b" " * (2 * 2**20))
    return out.getvalue()


def _inflate_broken() -> bytes:
    """The sheet's deflate stream starts with a reserved block type, as a changed byte in
    a download gives: zipfile raises zlib.error when it reads the sheet."""
    data = bytearray(_xlsx([HEADER, ROW]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        header = archive.getinfo("xl/worksheets/sheet1.xml").header_offset
    name_length, extra_length = struct.unpack("<HH", data[header + 26 : header + 30])
    data[header + 30 + name_length + extra_length] = 0xFF
    return bytes(data)


def _version_made_up() -> bytes:
    """A central directory entry says it needs zip version 8.7 (NotImplementedError)."""
    data = bytearray(_xlsx([HEADER, ROW]))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = struct.pack("<H", 87)
    return bytes(data)


DAMAGED = (
    "FILE: the XLSX file is damaged and cannot be read: ask the unit to send it again, "
    "or open it and save it again"
)


def _csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\n".join(lines).encode(encoding) + b"\n"


GOOD = ",".join(ROW)
HEAD = ",".join(HEADER)

# (id, file name, content, expected first line (FILE stands for the path), exit code)
FILES: list[tuple[str, str, bytes, str, int]] = [
    (
        "declared dimension A1:XFD1048576",
        "far.xlsx",
        _xlsx([HEADER, ROW], _far_cell),
        "FILE:1048576: more than 20,000 rows in an XLSX sheet: the import limit; split the "
        "file, or save it as CSV (up to 200,000 rows)",
        1,
    ),
    (
        "an XLSX over its row limit",
        "rows.xlsx",
        _xlsx([HEADER, *[ROW] * 30]),
        "FILE:22: more than 21 rows in an XLSX sheet: the import limit; split the file, or "
        "save it as CSV (up to 200,000 rows)",
        1,
    ),
    (
        "an .xls renamed .xlsx",
        "old.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "FILE: this is an Excel 97-2003 (.xls) file, whatever its name says: open it and "
        "save it as .xlsx",
        1,
    ),
    (
        "an .xls renamed .csv",
        "old.csv",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "FILE: this is an Excel 97-2003 (.xls) file, whatever its name says: open it and "
        "save it as .xlsx",
        1,
    ),
    (
        "a formula saved without its value",
        "formula.xlsx",
        _xlsx([HEADER, ROW, ["2024-14", "城运中心", "推进中", "2024-06-11", "=1+1"]]),
        "FILE:3: 备注 (cell E3) is a formula with no computed value: type the value itself",
        1,
    ),
    (
        "a cell in column XFD",
        "wide.xlsx",
        _xlsx([HEADER, ROW], _wide_cell),
        "FILE:3: a cell in column 16,384, beyond the limit of 200 columns",
        1,
    ),
    (
        "zip bomb",
        "bomb.xlsx",
        _zip_bomb(),
        "FILE: the XLSX unpacks to 2 MiB, over the limit of 1 MiB",
        1,
    ),
    ("a damaged deflate stream", "inflate.xlsx", _inflate_broken(), DAMAGED, 1),
    ("a made-up zip version", "version.xlsx", _version_made_up(), DAMAGED, 1),
    (
        "entity bomb",
        "lol.xlsx",
        _xlsx([HEADER, ROW], _entity_bomb),
        "FILE: not a readable XLSX file: its XML is malformed or uses entities",
        1,
    ),
    (
        "undefined entity",
        "undef.xlsx",
        _xlsx([HEADER, ROW], _undefined_entity),
        "FILE: not a readable XLSX file: its XML is malformed or uses entities",
        1,
    ),
    (
        "cached #DIV/0!",
        "div.xlsx",
        _xlsx([HEADER, ROW, ["2024-14", "城运中心", "推进中", "2024-06-11", "#DIV/0!"]]),
        "FILE:3: cell E3 holds the spreadsheet error #DIV/0!: correct the formula, or type "
        "the value itself",
        1,
    ),
    (
        "unbalanced quote",
        "quote.csv",
        _csv(HEAD, GOOD, '2024-14,城运中心,推进中,2024-06-11,"runs on', *[GOOD] * 1000),
        "FILE:3: a quote opens in this row (line 3) and is not closed before line 1003: "
        "close it, or save the sheet again as CSV",
        1,
    ),
    (
        "quote closed far below",
        "quote2.csv",
        _csv(HEAD, GOOD, '2024-14,城运中心,推进中,2024-06-11,"runs on', *[GOOD] * 50, 'x"'),
        "FILE:3: a quote opens in this row (line 3) and is not closed before line 54: "
        "close it, or save the sheet again as CSV",
        1,
    ),
    (
        "duplicate headings",
        "twice.csv",
        _csv(HEAD + ",状态", GOOD + ",已完成"),
        "FILE:1: the headings '状态' and '状态' name the same column (columns C and F): keep one",
        1,
    ),
    (
        "a cell too long",
        "long.csv",
        _csv(HEAD, GOOD + "x" * 40_000),
        "FILE:2: cell E2 holds 40,002 characters, over the limit of 32,767",
        1,
    ),
    (
        "Big5",
        "big5.csv",
        _csv("任務,單位,狀態,日期", "2024-14,城運中心,推進中,2024-06-10", encoding="big5"),
        "FILE: the file is not UTF-8 and reads as Big5 text; save it again as UTF-8 CSV (CSV "
        "UTF-8 in Excel and WPS)",
        1,
    ),
    (
        "too many rows",
        "rows.csv",
        _csv(HEAD, *[",,,,"] * 30),
        "FILE:21: more than 20 rows: the import limit; split the file",
        1,
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message", "code"), [f[1:] for f in FILES], ids=[f[0] for f in FILES]
)
def test_a_hostile_file_is_refused_with_one_line(
    invoke: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    message: str,
    code: int,
) -> None:
    monkeypatch.setattr(sheetreader, "MAX_UNPACKED_BYTES", 2**20)
    if name == "rows.csv":
        monkeypatch.setattr(sheetreader, "MAX_ROWS", 20)
    if name == "rows.xlsx":
        monkeypatch.setattr(sheetreader, "MAX_XLSX_ROWS", 21)
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("import", str(path), "--by", "tester")
    lines = result.stderr.splitlines()
    expected = message.replace("FILE", str(path))
    assert (result.exit_code, lines[0][: len(expected)]) == (code, expected)
    assert lines[-1].startswith("error: nothing was imported")
    assert "Traceback" not in result.stderr
    db = Path(os.environ["MAOGANG_DB"])
    assert sqlite3.connect(db).execute("SELECT count(*) FROM progress").fetchone() == (0,)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "fifo"])
def test_only_a_regular_file_is_read(invoke: Invoke, tmp_path: Path, target: str) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
        target = str(tmp_path / "fifo")
    kind = "a FIFO (named pipe)" if target.endswith("fifo") else "a device"
    result = invoke("import", target)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {target} is {kind}, not a spreadsheet file: import reads regular files only\n",
    )


def test_a_file_over_the_size_limit_is_refused_unread(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(3 * 2**30)  # sparse: 3 GB that are never read
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}: the file is 3,072.0 MiB, over the limit of 64 MiB"
    )


def test_a_sheet_over_the_row_limit_is_refused_before_its_rows_are_read(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # T32: openpyxl read 20,000 rows (and, without a <dimension>, the whole sheet) first
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the rows were read")

    monkeypatch.setattr(sheetreader, "MAX_XLSX_ROWS", 21)
    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", unread)
    path = tmp_path / "rows.xlsx"
    path.write_bytes(_xlsx([HEADER, *[ROW] * 30]))
    result = invoke("import", str(path))
    assert result.stderr.splitlines()[0] == (
        f"{path}:22: more than 21 rows in an XLSX sheet: the import limit; split the file, "
        "or save it as CSV (up to 200,000 rows)"
    )


def _long_sheet(rows: int, edit: Callable[[str], str] | None = None) -> bytes:
    """A sheet of more than a MiB of XML, so it is scanned in several pieces: rows nobody
    filled in, a long text in a column not read; row 999 says 推进中."""
    filler = "说明" * 200
    body = [["2024-14", "城运中心", "推进中" if n == 999 else "", "", "", f"{n}{filler}"]
            for n in range(2, rows + 1)]  # fmt: skip
    return _xlsx([HEADER, *body], edit)


def test_the_rows_of_a_big_sheet_are_counted_once_across_its_pieces(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _long_sheet(1000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 2**20
    path = tmp_path / "long.xlsx"
    path.write_bytes(data)
    monkeypatch.setattr(sheetreader, "MAX_XLSX_ROWS", 1000)
    taken = invoke("import", str(path), "--dry-run")
    assert taken.stderr.splitlines()[0] == (
        f"{path}:999: status (not started → in progress) changed but date is empty: fill in "
        "日期 (date), the day it happened"
    )
    monkeypatch.setattr(sheetreader, "MAX_XLSX_ROWS", 999)
    refused = invoke("import", str(path), "--dry-run")
    assert refused.stderr.splitlines()[0].startswith(f"{path}:1000: more than 999 rows")


def test_a_merge_after_a_big_sheet_s_rows_is_found(invoke: Invoke, tmp_path: Path) -> None:
    def merged(xml: str) -> str:
        merge = '<mergeCells count="1"><mergeCell ref="C999:C1000"/></mergeCells>'
        return xml.replace("</sheetData>", "</sheetData>" + merge)

    path = tmp_path / "merged.xlsx"
    path.write_bytes(_long_sheet(1000, merged))
    result = invoke("import", str(path), "--dry-run")
    assert result.stderr.splitlines()[1] == (
        f"{path}:1000: 状态 (cell C1000) merged with the cell above: unmerge and fill in each row"
    )


def test_rows_drawn_with_borders_below_the_data_are_no_rows(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # T54: a 台账 template with borders down to row 60,000 was refused as too many rows
    from openpyxl.styles import Border, Side

    monkeypatch.setattr(sheetreader, "MAX_XLSX_ROWS", 21)
    book = Workbook()
    sheet = book.active
    for row in [HEADER, ROW]:
        sheet.append(row)
    thin = Side(style="thin")
    for number in range(3, 41):
        sheet.cell(number, 1).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    path = tmp_path / "template.xlsx"
    book.save(path)
    taken = invoke("import", str(path), "--by", "tester")
    assert (taken.exit_code, taken.stderr) == (0, f"imported {path}: 1 new record(s)\n")
    sheet["B30"] = "城运中心"  # a value beyond the limit is a row beyond it
    book.save(path)
    refused = invoke("import", str(path), "--again")
    assert refused.stderr.splitlines()[0] == (
        f"{path}:30: more than 21 rows in an XLSX sheet: the import limit; split the file, "
        "or save it as CSV (up to 200,000 rows)"
    )
