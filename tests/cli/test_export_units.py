"""`maogang export --unit` and `--split`: each unit's own sheet, and `import` takes it back."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from conftest import Invoke
from maogang_cli.outfiles import safe_file_name

AS_OF = "2024-06-30"


def _history(invoke: Invoke, task: str, unit: str) -> list[dict[str, object]]:
    result = invoke("history", task, "-u", unit, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_unit_by_pinyin_gives_only_its_rows_and_summary(invoke: Invoke) -> None:
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-f", "json", "--unit", "cyzx")
    assert result.exit_code == 0, result
    body = json.loads(result.stdout)
    assert {r["unit"] for r in body["rows"]} == {"城运中心"}
    assert len(body["rows"]) == 20
    assert [s["unit"] for s in body["summary"]] == ["城运中心"]


def test_unit_in_markdown_and_csv(invoke: Invoke) -> None:
    md = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-f", "md", "-u", "城运中心")
    assert md.exit_code == 0, md
    assert md.stdout.splitlines()[:7] == [
        "# 治本攻坚月报 2024-06（截至 2024-06-30）",
        "",
        "## 汇总",
        "",
        "| 单位 | 主办任务 | 已完成 | 推进中 | 未开始 | 受阻 | 逾期 | 逾期完成 | 完成率 | 协办任务 "
        "| 协办完成 | 协办逾期 | 本月记录数 | 月报 | 月报报送日期 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | --- | --- |",
        "| 城运中心 | 18 | 0 | 0 | 18 | 0 | 1 | 0 | 0% | 2 | 0 | 0 | 0 | 未报 |  |",
    ]
    out = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-u", "城运中心")
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"), newline="")))
    assert len(rows) == 21 and {r[3] for r in rows[1:]} == {"城运中心"}


def test_an_unknown_unit_and_split_with_output_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    unknown = invoke("export", "-m", "2024-06", "-u", "没有这个单位")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("错误：")
    both = invoke("export", "-m", "2024-06", "--split", str(tmp_path), "-o", "x.xlsx")
    assert (both.exit_code, both.stderr) == (2, "错误：--split 按单位各写一个文件：不要再给 -o\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    not_a_folder = invoke("export", "-m", "2024-06", "--split", str(a_file / "sub"))
    assert (not_a_folder.exit_code, not_a_folder.stdout, not_a_folder.stderr) == (
        2,
        "",
        f"错误：无法创建文件夹 {a_file / 'sub'}：不是文件夹\n",
    )
    a_link = tmp_path / "a-link"
    a_link.symlink_to(a_file)
    nowhere = tmp_path / "nowhere"
    nowhere.symlink_to(tmp_path / "gone")
    for given, said in (
        (a_file, f"{a_file} 是文件，不是文件夹"),
        (a_link, f"{a_link} 是文件，不是文件夹"),
        (nowhere, f"{nowhere} 是符号链接，不是文件夹"),
    ):
        refused = invoke("export", "-m", "2024-06", "--split", str(given))
        assert (refused.exit_code, refused.stderr) == (2, f"错误：{said}\n")
    english = invoke("--lang", "en", "export", "-m", "2024-06", "--split", str(a_file))
    assert english.stderr == f"error: {a_file} is a file, not a folder\n"
    # an unset $DIR in a script: not the current folder filled with 25 sheets
    for empty in ("", " "):
        refused = invoke("export", "-m", "2024-06", "--split", empty)
        assert (refused.exit_code, refused.stderr) == (2, "错误：--split 需要文件夹名\n")


def test_split_creates_its_folder(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "2024" / "06"
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "--split", str(folder), "-f", "md")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        0,
        "2024-06 共25个文件（截至 2024-06-30）",
    )
    assert len(list(folder.iterdir())) == 25
    # a month refused creates no folder
    refused = invoke("export", "-m", "2031-06", "--split", str(tmp_path / "later"))
    assert refused.exit_code == 1 and not (tmp_path / "later").exists()


def test_unit_xlsx_filled_in_imports_back(invoke: Invoke, tmp_path: Path) -> None:
    """A unit's own sheet, filled in; a row of another unit added to it is accepted too,
    by import's usual rules (every row names its unit)."""
    exported = tmp_path / "cyzx.xlsx"
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-u", "cyzx", "-o", str(exported))
    assert (result.exit_code, result.stderr) == (
        0,
        f"已写入 {exported}：20行，2024-06，截至{AS_OF}\n",
    )
    book = load_workbook(exported)
    assert book.sheetnames == ["汇总", "明细", "说明"]
    assert [c.value for c in book["汇总"]["A"]] == ["单位", "城运中心"]
    detail = book["明细"]
    heads = [c.value for c in detail[1]]
    for row in detail.iter_rows(min_row=2):
        if row[0].value == "2024-14":
            row[heads.index("状态")].value = "推进中"
            row[heads.index("日期")].value = datetime(2024, 6, 20)
            row[heads.index("进度")].value = 30
    other = [None] * len(heads)
    other[heads.index("编号")] = "2024-05"
    other[heads.index("单位")] = "规建办"
    other[heads.index("状态")] = "已完成"
    other[heads.index("日期")] = datetime(2024, 6, 21)
    detail.append(other)
    book.save(exported)
    assert invoke("import", str(exported), "--by", "张三").exit_code == 0
    [record] = _history(invoke, "14", "城运中心")
    assert (record["status"], record["date"], record["percent"]) == (
        "in_progress",
        "2024-06-20",
        30,
    )
    [other_record] = _history(invoke, "5", "规建办")
    assert (other_record["status"], other_record["date"]) == ("done", "2024-06-21")


def test_split_writes_one_file_per_unit_and_each_imports(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "--split", str(folder))
    assert result.exit_code == 0, result
    lines = result.stderr.splitlines()
    assert lines[0] == f"已写入 {folder / '镇安委办-2024-06.xlsx'}：12行"
    assert lines[-1] == "2024-06 共25个文件（截至 2024-06-30）"
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 25 and "城运中心-2024-06.xlsx" in names
    assert all(n.endswith("-2024-06.xlsx") for n in names)
    book = load_workbook(folder / "城运中心-2024-06.xlsx")
    assert {r[3].value for r in book["明细"].iter_rows(min_row=2)} == {"城运中心"}
    # nothing is overwritten without --force, and a refusal writes nothing
    (folder / "城运中心-2024-06.xlsx").write_text("keep me")
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "--split", str(folder))
    assert again.exit_code == 1
    assert again.stderr.endswith("已存在：如要覆盖，请加 --force\n")
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    forced = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "--split", str(folder), "--force")
    assert forced.exit_code == 0, forced
    # every file imports back: an unchanged sheet records nothing
    for name in names:
        back = invoke("import", str(folder / name), "--dry-run")
        assert back.exit_code == 0, (name, back)


def test_split_in_csv_and_md(invoke: Invoke, tmp_path: Path) -> None:
    for fmt in ("csv", "md"):
        folder = tmp_path / fmt
        folder.mkdir()
        result = invoke(
            "export", "-m", "2024-06", "--as-of", AS_OF, "--split", str(folder), "-f", fmt
        )
        assert result.exit_code == 0, result
        assert len(list(folder.glob(f"*-2024-06.{fmt}"))) == 25
    back = invoke("import", str(tmp_path / "csv" / "城运中心-2024-06.csv"), "--dry-run")
    assert back.exit_code == 0, back


def test_file_names_are_safe_on_windows() -> None:
    assert safe_file_name("城运中心") == "城运中心"
    assert safe_file_name('a/b\\c:d*e?f"g<h>i|j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_file_name("CON") == "_CON"
    assert safe_file_name("nul.txt") == "_nul.txt"
    assert safe_file_name("站. ") == "站"
    assert safe_file_name("\x1b") == "_"


def test_a_blocked_pair_is_flagged_even_when_not_yet_due(invoke: Invoke, tmp_path: Path) -> None:
    """The 督办 column of the detail: the colour `status --unit` gives, with 阻 beside it."""
    steps = [
        ("record", "17", "-u", "经发公司", "-s", "blocked", "-d", "2024-06-13", "-n", "资金"),
        ("record", "16", "-u", "经发公司", "-s", "blocked", "-d", "2024-06-14"),
    ]
    for step in steps:
        assert invoke(*step).exit_code == 0
    out = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-u", "经发公司")
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"), newline="")))
    assert [(r[0], r[5], r[7], r[-1]) for r in rows] == [
        ("编号", "时间节点", "状态", "督办"),
        ("2024-02", "2024-12-31", "未开始", "绿"),
        ("2024-16", "2024-06-30", "受阻", "黄 阻"),
        ("2024-17", "2024-12-31", "受阻", "绿 阻"),
        ("2024-18", "2024-12-31", "未开始", "绿"),
    ]
    md = invoke("export", "-m", "2024-06", "--as-of", AS_OF, "-u", "经发公司", "-f", "md")
    assert "| 2024-06-13 受阻 资金 | 未报 |  | 绿 阻 |" in md.stdout
    xlsx = tmp_path / "jfgs.xlsx"
    result = invoke(
        "export",
        "-m",
        "2024-06",
        "--as-of",
        AS_OF,
        "-u",
        "经发公司",
        "-o",
        str(xlsx),
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result
    detail = load_workbook(xlsx)["Detail"]
    assert [(r[0].value, r[-1].value) for r in detail.iter_rows()] == [
        ("Task ID", "Flag"),
        ("2024-02", "GREEN"),
        ("2024-16", "YELLOW BLOCKED"),
        ("2024-17", "GREEN BLOCKED"),
        ("2024-18", "GREEN"),
    ]
    status = invoke("status", "-u", "经发公司", "--as-of", AS_OF)
    assert "绿 阻" in status.stdout and "黄 阻" in status.stdout
