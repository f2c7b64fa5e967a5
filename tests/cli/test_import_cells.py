"""`import` and `hazard import` of cells as units' spreadsheets hold them: line breaks in a
note, zero-width characters pasted from WeChat, formulas written by scripts, and the 合计
and signature lines under a 台账's table."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

from openpyxl import Workbook

from conftest import Invoke

HEAD = ["编号", "单位", "状态", "日期", "进度", "备注"]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def count(db: Path, table: str) -> int:
    return int(sqlite3.connect(db).execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def notes(invoke: Invoke, task: str) -> list[tuple[str, str, object]]:
    result = invoke("history", task, "--json")
    assert result.exit_code == 0, result
    return [(r["unit"], r["note"], r["percent"]) for r in json.loads(result.stdout)]


def test_a_note_keeps_its_line_breaks_as_record_does(invoke: Invoke, tmp_path: Path) -> None:
    # T20: Alt+Enter in a cell refused the whole sheet; \r\n is how a Windows sheet saves it
    path = write_xlsx(
        tmp_path / "breaks.xlsx",
        [
            HEAD,
            ["2024-14", "城运中心", "推进中", "2024-06-20", 40, "第一行\n第二行\r\n第三行"],
            ["2024-14", "泖港派出所", "推进中", "2024-06-20", "", "甲\r乙"],
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr) == (0, f"已导入 {path}：新增记录2条\n")
    assert notes(invoke, "14") == [
        ("城运中心", "第一行\n第二行\n第三行", 40),
        ("泖港派出所", "甲\n乙", None),
    ]


def test_other_control_characters_in_a_note_are_still_refused(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    path = write_xlsx(
        tmp_path / "escape.xlsx",
        [HEAD, ["2024-14", "城运中心", "推进中", "2024-06-20", 40, "第一行\n\u202e红"]],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:2: 备注含控制字符（显示为第一行\\n\\u202e红）：请删除",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db", "progress") == 0


def test_zero_width_characters_around_a_value_are_stripped_as_spaces_are(
    invoke: Invoke, tmp_path: Path
) -> None:
    # T20: 推进中\u200b was refused as an unknown status that looked exactly like a known one
    path = write_xlsx(
        tmp_path / "wechat.xlsx",
        [HEAD, ["2024-14\u200b", "\ufeff城运中心\u200b ", " 推进中\u200b", "2024-06-20", 40, ""]],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr) == (0, f"已导入 {path}：新增记录1条\n")
    assert notes(invoke, "14") == [("城运中心", "", 40)]


def test_a_formula_without_its_value_is_a_row_error_not_an_empty_cell(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T22: 进度 =20*2 written by a script (no cached value) was recorded as no percent
    path = write_xlsx(
        tmp_path / "formula.xlsx",
        [
            HEAD,
            ["2024-14", "城运中心", "推进中", "2024-06-20", "=20*2", "已开工"],
            ["2024-14", "泖港派出所", '="推进"&"中"', "2024-06-20", "", ""],
            ["2024-15", "城运中心", "推进中", "2024-06-20", "", '=HYPERLINK("http://x","看")'],
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:2: 进度（E2单元格）是公式，没有计算结果：请直接填写内容",
            f"{path}:3: 状态（C3单元格）是公式，没有计算结果：请直接填写内容",
            f"{path}:4: 备注（F4单元格）是公式，没有计算结果：请直接填写内容",
            "错误：有3行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db", "progress") == 0


def _computed_empty(data: bytes) -> bytes:
    """F2 as Excel saves =IF(…,"",…) that came out empty: text, an empty value."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            xml = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = xml.replace(b'<c r="F2"><f>', b'<c r="F2" t="str"><f>')
            new.writestr(item, xml)
    return out.getvalue()


def test_a_formula_that_came_out_empty_is_an_empty_cell(invoke: Invoke, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "empty.xlsx",
        [HEAD, ["2024-14", "城运中心", "推进中", "2024-06-20", 40, '=IF(1,"","x")']],
    )
    path.write_bytes(_computed_empty(path.read_bytes()))
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr) == (0, f"已导入 {path}：新增记录1条\n")


def test_the_signature_lines_under_a_unit_sheet_are_skipped_with_one_note(
    invoke: Invoke, tmp_path: Path
) -> None:
    # T34: 填表人 under the rows refused the sheet (状态为空)
    path = write_xlsx(
        tmp_path / "foot.xlsx",
        [
            HEAD,
            ["2024-14", "城运中心", "推进中", "2024-06-20", 40, ""],
            [],
            ["合  计", "", "", "", 40],
            ["填表人：张三", "", "", "审核：李四"],
        ],
    )
    result = invoke("import", str(path), "--by", "张三", "--dry-run")
    assert result.exit_code == 0, result
    assert result.stderr.splitlines() == [
        "表格下方的第4、5行像是合计或签名行，已跳过",
        "试运行，未写入：新增记录1条",
    ]
    english = invoke("import", str(path), "--by", "张三", "--dry-run", "--lang", "en")
    assert english.stderr.splitlines()[0] == (
        "rows 4, 5 under the table look like a total or signature line: skipped"
    )


def test_a_total_among_the_rows_is_one_line_to_delete(invoke: Invoke, tmp_path: Path) -> None:
    # T47: it was refused as 状态为空, sending the unit to fill in a row that is no progress
    path = write_xlsx(
        tmp_path / "middle.xlsx",
        [
            HEAD,
            ["小计", "", "", "", 40],
            ["2024-14", "城运中心", "推进中", "2024-06-20", 40, ""],
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:2: “小计”是夹在数据行之间的合计或签名行：请删去",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )


HAZARD_HEAD = [
    "序号", "隐患编号", "发现日期", "隐患来源", "隐患等级", "单位名称", "统一社会信用代码",
    "地址", "属地", "行业领域", "监管部门", "判定依据", "隐患描述", "整改期限", "责任人",
    "整改措施", "资金（万元）", "应急预案",
]  # fmt: skip


def hazard(n: int, found: object = "2024/6/20") -> list[object]:
    return [
        n, "", found, "企业自查上报", "重大", f"某企业{n}", "", "泖港镇某路1号", "腰泾村",
        "工贸", "经发办", "判定标准第四条", f"隐患{n}", "2024年9月30日", "张三", "整改", "1.5",
        "有",
    ]  # fmt: skip


def test_a_ledger_with_its_title_total_and_signatures_registers_its_hazards(
    invoke: Invoke, tmp_path: Path
) -> None:
    # T34: 合计 and 制表人 under the table refused the sheet with 13 lines
    path = write_xlsx(
        tmp_path / "台账.xlsx",
        [
            ["泖港镇重大事故隐患台账"],
            ["填报单位：经发办", "", "填报日期：2024-06-30"],
            HAZARD_HEAD,
            hazard(1),
            hazard(2),
            ["合计", "", "", "", "", "2"],
            ["制表人：张三", "", "", "", "", "审核人：李四"],
        ],
    )
    result = invoke("hazard", "import", str(path), "--by", "张三")
    assert (result.exit_code, result.stdout, result.stderr.splitlines()) == (
        0,
        "4\tYH-2024-0001\n5\tYH-2024-0002\n",
        ["表格下方的第6、7行像是合计或签名行，已跳过", "已上账2项，已在台账中0项"],
    )


def test_a_ledger_closed_by_a_blank_line_and_a_total_among_its_hazards(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T47: 以下空白 under the foot turned the foot back into hazards, 21 lines
    closed = write_xlsx(
        tmp_path / "closed.xlsx",
        [HAZARD_HEAD, hazard(1), hazard(2), ["合计", "", "", "", "", "2"], ["以下空白"]],
    )
    result = invoke("hazard", "import", str(closed), "--by", "张三", "--dry-run")
    assert (result.exit_code, result.stderr.splitlines()) == (
        0,
        ["表格下方的第4、5行像是合计或签名行，已跳过", "试运行：将上账2项，已上账0项；未写入"],
    )
    among = write_xlsx(
        tmp_path / "among.xlsx",
        [HAZARD_HEAD, hazard(1), ["小计", "", "", "", "", "1"], hazard(2)],
    )
    result = invoke("hazard", "import", str(among), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            "among.xlsx:3: “小计”是夹在数据行之间的合计或签名行：请删去",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db", "hazards") == 0


def test_a_hazard_that_begins_like_a_total_is_checked_not_skipped(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T48: 合计 typed in 序号 of a complete hazard dropped it from the ledger as the foot
    path = write_xlsx(
        tmp_path / "foot_data.xlsx",
        [HAZARD_HEAD, hazard(1), ["合计", *hazard(3)[1:]], ["制表人：张三"]],
    )
    result = invoke("hazard", "import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            "foot_data.xlsx:3: 此行以“合计”开头，却像数据行一样填有内容："
            "请核对；合计或签名请单独成行",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db", "hazards") == 0


def test_an_empty_date_is_said_to_be_empty(invoke: Invoke, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "nodate.xlsx", [HAZARD_HEAD, hazard(1, found="")])
    result = invoke("hazard", "import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        ["nodate.xlsx:2: 发现日期为空", "错误：有1行有误，未导入任何记录；请改正后重新导入"],
    )


def test_a_formula_in_a_ledger_without_its_value_is_a_row_error(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [HAZARD_HEAD, hazard(1, found="=DATE(2024,6,20)")])
    result = invoke("hazard", "import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            "f.xlsx:2: 发现日期（C2单元格）是公式，没有计算结果：请直接填写内容",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )


def test_a_status_merged_over_two_rows_is_a_row_error_not_a_row_left_empty(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T22: the second row read as not filled in, though the sheet shows 推进中 on it
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        ["泖港镇治本攻坚进展"],
        HEAD,
        ["2024-14", "城运中心", "推进中", "2024-06-20", 40, ""],
        ["2024-14", "泖港派出所", None, "2024-06-20", 30, ""],
        ["填表人：张三"],
        [],
        ["联系电话：57860000"],
    ]:
        sheet.append(row)
    sheet.merge_cells("A1:F1")  # a title over one row: nothing to say
    sheet.merge_cells("C3:C4")
    sheet.merge_cells("A5:C6")  # a signature over two rows: the foot
    path = tmp_path / "merged.xlsx"
    book.save(path)
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:4: 状态（C4单元格）与上方单元格合并：请取消合并，每行各自填写",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    assert count(isolation / "maogang.db", "progress") == 0
    sheet.unmerge_cells("C3:C4")
    sheet["C4"] = "推进中"
    book.save(path)
    fixed = invoke("import", str(path), "--by", "张三")
    assert (fixed.exit_code, fixed.stderr.splitlines()) == (
        0,
        ["表格下方的第5、6、7行像是合计或签名行，已跳过", f"已导入 {path}：新增记录2条"],
    )


def test_an_invisible_character_inside_a_value_is_named(
    invoke: Invoke, tmp_path: Path, isolation: Path
) -> None:
    # T20: 未知状态“推进​中” quoted a value that looks exactly like a known one
    path = write_xlsx(
        tmp_path / "inside.xlsx",
        [
            HEAD,
            ["2024-14", "城运中心", "推进\u200b中", "2024-06-20", 40, ""],
            ["2024-14", "\u00ad泖港派出所", "推进中", "2024-06-20", 40, ""],  # at an end: dropped
            ["2024-15", "城运\u2060中心", "推进中", "2024-06-20", 40, "备注里的\u200b不要紧"],
        ],
    )
    result = invoke("import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"{path}:2: 状态含不可见字符U+200B（随内容一起粘贴进来）：请删除",
            f"{path}:4: 单位含不可见字符U+2060（随内容一起粘贴进来）：请删除",
            "错误：有2行有误，未导入任何记录；请改正后重新导入",
        ],
    )
    village = hazard(1)
    village[8] = "腰\u200b泾村"
    ledger = write_xlsx(tmp_path / "ledger.xlsx", [HAZARD_HEAD, village])
    result = invoke("hazard", "import", str(ledger), "--by", "张三")
    assert result.stderr.splitlines()[0] == (
        "ledger.xlsx:2: 属地含不可见字符U+200B（随内容一起粘贴进来）：请删除"
    )
    assert count(isolation / "maogang.db", "progress") == 0


def test_every_merged_cell_of_a_row_is_named_at_once(invoke: Invoke, tmp_path: Path) -> None:
    # a 台账 merges 属地 and 监管部门 over the hazards of one business
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HAZARD_HEAD, hazard(1), hazard(2)]:
        sheet.append(row)
    sheet["I3"] = sheet["K3"] = None
    sheet.merge_cells("I2:I3")
    sheet.merge_cells("K2:K3")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    result = invoke("hazard", "import", str(path), "--by", "张三")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            "merged.xlsx:3: 属地（I3单元格）、监管部门（K3单元格）与上方单元格合并："
            "请取消合并，每行各自填写",
            "错误：有1行有误，未导入任何记录；请改正后重新导入",
        ],
    )
