"""`maogang hazard import`: all rows or none, Chinese or English headings, WPS dates,
and the same sheet twice registers nothing twice."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import Invoke

HEAD_ZH = [
    "序号", "隐患编号", "发现日期", "隐患来源", "隐患等级", "单位名称", "统一社会信用代码",
    "地址", "属地", "行业领域", "监管部门", "判定依据", "隐患描述", "整改期限", "责任人",
    "整改措施", "资金（万元）", "应急预案",
]  # fmt: skip
HEAD_EN = [
    "No.", "id", "found_on", "source", "level", "entity", "uscc", "address", "village",
    "sector", "department", "basis", "description", "deadline", "responsible_person",
    "measures", "funds", "contingency_plan",
]  # fmt: skip


def row(n: int, found: object = "2024/6/20", deadline: object = "2024年9月30日") -> list[object]:
    return [
        n, "", found, "企业自查上报", "重大", f"某企业{n}", "", "泖港镇某路1号", "腰泾村",
        "工贸", "经发办", "工贸重大事故隐患判定标准第四条", f"隐患{n}", deadline, "张三",
        "整改", "1.5", "有",
    ]  # fmt: skip


def write_csv(path: Path, head: list[str], rows: list[list[object]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, head: list[str], rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "说明"
    about.append(["隐患台账，由 WPS 保存"])
    sheet = book.create_sheet("台账")
    sheet.append(["泖港镇重大事故隐患台账"])  # a title above the headings
    sheet.append(head)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


def ledger(invoke: Invoke) -> list[dict[str, object]]:
    out = invoke("hazard", "list", "--json", "--as-of", "2026-12-01")
    assert out.exit_code == 0, out
    return list(json.loads(out.stdout))


def test_csv_with_chinese_headings_twice(invoke: Invoke, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", HEAD_ZH, [row(1), row(2)])
    first = invoke("hazard", "import", str(path), "--by", "张三")
    assert (first.exit_code, first.stdout, first.stderr) == (
        0,
        "2\tYH-2024-0001\n3\tYH-2024-0002\n",
        "已上账2项，已在台账中0项\n",
    )
    again = invoke("hazard", "import", str(path), "--by", "张三")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "已上账0项，已在台账中2项\n")
    listed = ledger(invoke)
    assert [(h["id"], h["found_on"], h["deadline"], h["source"]) for h in listed] == [
        ("YH-2024-0001", "2024-06-20", "2024-09-30", "self_report"),
        ("YH-2024-0002", "2024-06-20", "2024-09-30", "self_report"),
    ]


def test_one_bad_row_stops_the_file(invoke: Invoke, tmp_path: Path) -> None:
    bad = row(3)
    bad[8] = "腰泾材"
    worse = row(4, deadline="2024-02-30")
    path = write_csv(tmp_path / "t.csv", HEAD_ZH, [row(1), bad, row(5), worse])
    result = invoke("hazard", "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "t.csv:3: 未知属地“腰泾材”（是否想输入：腰泾村？）",
        "t.csv:5: 整改期限“2024-02-30”不是有效日期（YYYY-MM-DD）",
        "错误：有2行有误，未导入任何记录；请改正后重新导入",
    ]
    conn = sqlite3.connect(tmp_path / "maogang.db")
    assert conn.execute("SELECT count(*) FROM hazards").fetchone() == (0,)


def test_xlsx_saved_by_wps_with_english_headings(invoke: Invoke, tmp_path: Path) -> None:
    rows = [
        row(1, found=datetime(2024, 6, 20), deadline=date(2024, 9, 30)),  # date cells
        row(2, found=45463, deadline="2024-9-30"),  # a bare serial: 2024-06-20
        row(3, found="2023.12.5", deadline="2024/1/31"),
    ]
    path = write_xlsx(tmp_path / "ledger.xlsx", HEAD_EN, rows)
    result = invoke("hazard", "import", str(path), "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "试运行：将上账3项，已上账0项；未写入\n")
    assert result.stdout == "3\tYH-2024-0001\n4\tYH-2024-0002\n5\tYH-2023-0001\n"
    assert ledger(invoke) == []
    result = invoke("hazard", "import", str(path))
    assert result.exit_code == 0, result
    assert [(h["id"], h["found_on"]) for h in ledger(invoke)] == [
        ("YH-2023-0001", "2023-12-05"),
        ("YH-2024-0001", "2024-06-20"),
        ("YH-2024-0002", "2024-06-20"),
    ]


def test_a_row_naming_an_id_already_registered_is_skipped(invoke: Invoke, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", HEAD_ZH, [row(1)])
    assert invoke("hazard", "import", str(path)).exit_code == 0
    named = row(1)
    named[1] = "yh-2024-0001"
    named[12] = "描述改了"
    unknown = row(2)
    unknown[1] = "YH-2024-0099"
    path = write_csv(tmp_path / "b.csv", HEAD_ZH, [named, unknown])
    result = invoke("hazard", "import", str(path))
    assert result.stderr.splitlines()[0] == (
        "b.csv:3: 编号YH-2024-0099不在台账中：如需上账请将编号留空"
    )
    path = write_csv(tmp_path / "c.csv", HEAD_ZH, [named])
    result = invoke("hazard", "import", str(path))
    assert (result.exit_code, result.stderr.splitlines()[1:]) == (0, ["已上账0项，已在台账中1项"])
    assert result.stderr.startswith("c.csv:2: YH-2024-0001已在台账中，表格不会修改台账：隐患描述")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "e.csv: 找不到包含这些列的表头：found_on (发现日期)、source (隐患来源)、"
              "entity (单位名称)、village (属地)、sector (行业领域)、department (监管部门)、"
              "description (隐患描述)、deadline (整改期限)"),
        (b"PK\x03\x04broken", "e.csv: 不是可读取的 XLSX 文件（BadZipFile）"),
    ],
)  # fmt: skip
def test_unreadable_files(invoke: Invoke, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(content)
    result = invoke("hazard", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message


def test_a_missing_file_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("hazard", "import", str(tmp_path / "nope.csv"))
    assert (result.exit_code, result.stderr) == (2, f"错误：文件不存在：{tmp_path / 'nope.csv'}\n")


def test_two_columns_for_one_field_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    """F34: 发现日期 beside 排查日期 (or 单位名称 beside 企业名称) is two readings of one
    field; the first silently won. Refused at the heading row, naming both."""
    head = [
        "发现日期", "排查日期", "隐患来源", "单位名称", "企业名称", "属地", "行业领域",
        "监管部门", "隐患描述", "整改期限",
    ]  # fmt: skip
    body = [["2024-06-01", "2024-05-01", "其他", "甲单位", "乙企业", "胡光村", "工贸", "经发办",
             "描述一", "2024-09-30"]]  # fmt: skip
    path = write_csv(tmp_path / "dup.csv", head, body)
    result = invoke("hazard", "import", str(path), "--by", "x")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "dup.csv:1: 表头“发现日期”（A列）与“排查日期”（B列）是同一字段（found_on）：只保留一列",
        "dup.csv:1: 表头“单位名称”（D列）与“企业名称”（E列）是同一字段（entity）：只保留一列",
    ]
    conn = sqlite3.connect(tmp_path / "maogang.db")
    assert conn.execute("SELECT count(*) FROM hazards").fetchone() == (0,)


def test_a_changed_row_already_on_the_ledger_is_named(invoke: Invoke, tmp_path: Path) -> None:
    """F35: the sheet sent again with another deadline and department registers nothing,
    and says which fields disagree with the ledger (warning lines, exit 0)."""
    path = write_csv(tmp_path / "a.csv", HEAD_ZH, [row(1), row(2)])
    assert invoke("hazard", "import", str(path)).exit_code == 0
    changed = row(1, deadline="2025-01-31")
    changed[10] = "综合行政执法队"
    changed[12] = " 隐患 1 "  # spacing: the same description, as the match key reads it
    by_id = row(2)
    by_id[1] = "YH-2024-0002"
    by_id[16] = "2"
    path = write_csv(tmp_path / "b.csv", HEAD_ZH, [changed, by_id, row(3)])
    result = invoke("hazard", "import", str(path), "--dry-run")
    assert (result.exit_code, result.stdout) == (0, "4\tYH-2024-0003\n")
    assert result.stderr.splitlines() == [
        "b.csv:2: YH-2024-0001已在台账中，表格不会修改台账：监管部门表中为综合行政执法队，"
        "台账为经发办；整改期限表中为2025-01-31，台账为2024-09-30；期限推迟请记录延期"
        "（hazard event YH-2024-0001 延期），其他错误请作废后重新上账",
        "b.csv:3: YH-2024-0002已在台账中，表格不会修改台账：整改资金表中为2，台账为1.5；"
        "期限推迟请记录延期（hazard event YH-2024-0002 延期），其他错误请作废后重新上账",
        "试运行：将上账1项，已上账2项；未写入",
    ]
    ok = invoke(
        "hazard", "event", "YH-2024-0001", "延期", "--date", "2024-07-01", "--deadline",
        "2025-01-31", "--approved-by", "镇安委办", "--note", "补", "--by", "x",
    )  # fmt: skip
    assert ok.exit_code == 0, ok
    again = invoke("hazard", "import", str(path), "--dry-run", "--lang", "en")
    assert again.stderr.splitlines()[0] == (
        "b.csv:2: YH-2024-0001 is already on the ledger, which the sheet does not change: "
        "Department 综合行政执法队 in the sheet, 经发办 on the ledger; a later deadline is an "
        "extension (hazard event YH-2024-0001 extended), another mistake a void and a new "
        "registration"
    )


def test_every_problem_of_every_row_in_row_order(invoke: Invoke, tmp_path: Path) -> None:
    """F16: a row's every problem (not only its first), and the rows in sheet order (an
    unknown id came after the rows checked field by field)."""
    two = row(2, deadline="2024-02-30")
    two[10] = "城运中心"
    three = row(3)
    three[1] = "YH-2099-0001"
    four = row(4)
    four[12] = ""
    path = write_csv(tmp_path / "bad.csv", HEAD_ZH, [two, three, four])
    result = invoke("hazard", "import", str(path), "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:4] == [
        "bad.csv:2: “城运中心”不是负有安全生产监管职责的部门（各负有安全生产监管职责的部门："
        "规建办、经发办、农办、综合行政执法队、泖港派出所、泖港市场监管所）",
        "bad.csv:2: 整改期限“2024-02-30”不是有效日期（YYYY-MM-DD）",
        "bad.csv:3: 编号YH-2099-0001不在台账中：如需上账请将编号留空",
        "bad.csv:4: 隐患描述为空",
    ]


def test_an_unclosed_quote_is_named_where_it_opens(invoke: Invoke, tmp_path: Path) -> None:
    """F16: the row whose quote never closes swallowed the rows after it and was reported
    as 隐患描述为空 (or at the file as a whole)."""
    path = write_csv(tmp_path / "q.csv", HEAD_ZH, [row(1)])
    good = path.read_text(encoding="utf-8-sig").splitlines()[1]
    broken = good.replace("某企业1", '"某企业2').replace("隐患1", "隐患2")
    path.write_text(
        "\n".join([",".join(HEAD_ZH), good, broken, good.replace("1", "3")]) + "\n",
        encoding="utf-8",
    )
    result = invoke("hazard", "import", str(path), "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("q.csv:3: ")
    assert "引号" in result.stderr.splitlines()[0]


def test_a_voided_hazard_is_registered_again_when_corrected(invoke: Invoke, tmp_path: Path) -> None:
    """The documented correction: void the mistaken hazard, register it again. The same
    sheet again is still skipped (nothing corrected); a corrected row is a new hazard."""
    mistaken = row(1)
    mistaken[4] = "一般"  # the level typed wrongly
    first = write_csv(tmp_path / "a.csv", HEAD_ZH, [mistaken, row(2)])
    assert invoke("hazard", "import", str(first), "--by", "张三").exit_code == 0
    voided = invoke(
        "hazard", "event", "YH-2024-0001", "作废", "--note", "等级写错",
        "--date", "2024-06-21", "--by", "李四",
    )  # fmt: skip
    assert voided.exit_code == 0, voided.stderr
    again = invoke("hazard", "import", str(first), "--by", "张三")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "已上账0项，已在台账中2项\n")
    corrected = write_csv(tmp_path / "b.csv", HEAD_ZH, [row(1), row(2)])
    fixed = invoke("hazard", "import", str(corrected), "--by", "张三")
    assert (fixed.exit_code, fixed.stdout, fixed.stderr) == (
        0,
        "2\tYH-2024-0003\n",
        "已上账1项，已在台账中1项\n",
    )
    listed = {str(h["id"]): (h["level"], h["state"]) for h in ledger(invoke)}
    # The voided 0001 is left out of the ledger's list; its correction 0003 is in it.
    assert listed == {
        "YH-2024-0002": ("major", "registered"),
        "YH-2024-0003": ("major", "registered"),
    }


def test_a_row_is_compared_with_the_latest_voided_hazard_of_its_key(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Two hazards voided under one business, description and day: a row is the same as
    the LATEST one (skipped) or its correction (registered), whatever an older one held."""
    mistaken = row(1)
    mistaken[4] = "一般"
    first = write_csv(tmp_path / "a.csv", HEAD_ZH, [mistaken])
    assert invoke("hazard", "import", str(first), "--by", "张三").exit_code == 0  # 0001
    for hazard, day in (("YH-2024-0001", "2024-06-21"), ("YH-2024-0002", "2024-06-22")):
        if hazard == "YH-2024-0002":
            corrected = write_csv(tmp_path / "b.csv", HEAD_ZH, [row(1)])
            assert invoke("hazard", "import", str(corrected), "--by", "张三").exit_code == 0
        voided = invoke(
            "hazard", "event", hazard, "作废", "--note", "重填", "--date", day, "--by", "李四"
        )
        assert voided.exit_code == 0, voided.stderr
    # 0002 (major, voided last) is the row's own sheet again: skipped, nothing registered
    same = invoke("hazard", "import", str(tmp_path / "b.csv"), "--by", "张三")
    assert (same.exit_code, same.stdout, same.stderr) == (0, "", "已上账0项，已在台账中1项\n")
    # the first sheet (一般, as the older 0001 held) differs from 0002: registered anew
    again = invoke("hazard", "import", str(first), "--by", "张三")
    assert (again.exit_code, again.stdout, again.stderr) == (
        0,
        "2\tYH-2024-0003\n",
        "已上账1项，已在台账中0项\n",
    )
