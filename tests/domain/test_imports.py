"""Reading spreadsheet rows: headings in either language, cells, and 'already recorded'."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.cells import neutralise, restore
from maogang_cli.domain.imports import (
    FIELDS,
    Row,
    Standing,
    StoredRecord,
    already_recorded,
    cell_text,
    chinese_heading,
    column_letter,
    differences,
    duplicate_headings,
    invisible,
    latest_note,
    map_header,
    missing_columns,
    new_progress,
    normalise_date,
    parse_percent,
    rows_from,
    standing,
    voided_match,
)
from maogang_cli.i18n import set_language


def test_headings_in_english_chinese_and_as_exported() -> None:
    assert map_header(["Task", " UNIT ", "status", "Date", "note", "percent"]) == {
        "task": 0,
        "unit": 1,
        "status": 2,
        "date": 3,
        "note": 4,
        "percent": 5,
    }
    exported = ["编号", "序号", "任务", "单位", "角色", "时间节点", "状态", "日期", "进度", "备注"]
    assert map_header(exported) == {
        "task": 0,
        "seq": 1,
        "unit": 3,
        "status": 6,
        "date": 7,
        "percent": 8,
        "note": 9,
    }
    assert map_header(["Task ID", "No.", "Title", "Unit", "Status", "Date", "Percent"])["task"] == 0
    now = ["编号", "单位", "最近记录日期", "状态", "日期"]
    assert map_header(now) == {"task": 0, "unit": 1, "last_update": 2, "status": 3, "date": 4}
    assert map_header(["Task ID", "Unit", "Last update", "Status", "Date"])["last_update"] == 2


def test_missing_columns_are_named_in_both_languages() -> None:
    # T35: English field names in a Chinese line; Chinese headings only in Chinese
    assert missing_columns(map_header(["序号", "单位", "状态"])) == ["日期"]
    assert missing_columns(map_header(["note"])) == ["编号", "单位", "状态", "日期"]
    set_language("en")
    try:
        assert missing_columns(map_header(["note"])) == [
            "task (编号)",
            "unit (单位)",
            "status (状态)",
            "date (日期)",
        ]
    finally:
        set_language(None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-12", "2024-06-12"),
        ("2024/6/12", "2024-06-12"),
        ("2024.6.1", "2024-06-01"),
        ("2024年6月12日", "2024-06-12"),
        ("2024-06-12 00:00:00", "2024-06-12"),
        ("June 12", "June 12"),  # left for the record check to refuse
        # A date typed into a General cell that the program kept as its day number
        # (LibreOffice saved 2024-06-12 typed in 日期 as 45455).
        ("45455", "2024-06-12"),
        ("45455.5", "2024-06-12"),
        ("45292", "2024-01-01"),
        ("14", "14"),  # a row number, not a day
        ("123456", "123456"),
    ],
)
def test_normalise_date(text: str, expected: str) -> None:
    assert normalise_date(text) == expected


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(datetime(2024, 6, 12)) == "2024-06-12"
    assert cell_text(date(2024, 6, 12)) == "2024-06-12"
    assert cell_text(14.0) == "14"
    assert cell_text("  推进中 ") == "推进中"
    assert cell_text("'=SUM(A1)") == "=SUM(A1)"  # what an export protected


@pytest.mark.parametrize(("text", "value"), [("", None), ("50", 50), ("50%", 50), ("50.0", 50)])
def test_parse_percent(text: str, value: int | None) -> None:
    assert parse_percent(text) == value


@pytest.mark.parametrize("text", ["abc", "12.5", "nan", "50X", "X"])
def test_parse_percent_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="不是 0 到 100 之间的整数"):
        parse_percent(text)


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


RECORDS = [
    StoredRecord("in_progress", date(2024, 6, 1), "a", 1, note="开始", percent=20),
    StoredRecord("in_progress", date(2024, 6, 10), "b", 2),
    StoredRecord("done", date(2024, 7, 3), "c", 3, note="完成"),
]


def test_already_recorded_matches_what_an_export_shows() -> None:
    # As of 06-10 the pair is in progress, dated 06-10, latest note 开始, latest percent 20.
    assert already_recorded(RECORDS, "in_progress", date(2024, 6, 10), "开始", 20)
    assert already_recorded(RECORDS, "in_progress", date(2024, 6, 10), "", None)
    assert already_recorded(RECORDS, "done", date(2024, 7, 3), "完成", None)


def test_anything_new_is_not_already_recorded() -> None:
    assert not already_recorded(RECORDS, "done", date(2024, 6, 10), "", None)
    assert not already_recorded(RECORDS, "in_progress", date(2024, 6, 11), "", None)
    assert not already_recorded(RECORDS, "in_progress", date(2024, 6, 10), "新备注", None)
    assert not already_recorded(RECORDS, "in_progress", date(2024, 6, 10), "", 30)
    assert not already_recorded([], "not_started", date(2024, 6, 10), "", None)


def test_standing_is_what_an_export_shows() -> None:
    assert standing(RECORDS, date(2024, 6, 30)) == Standing(
        "in_progress", date(2024, 6, 10), "开始", 20
    )
    assert standing(RECORDS) == Standing("done", date(2024, 7, 3), "完成", 20)
    assert standing(RECORDS, date(2024, 5, 31)) == Standing() == standing([])


def _new(
    status: str,
    on: date | None,
    note: str = "",
    percent: int | None = None,
    *,
    last_update: date | None = None,
    has_last_update: bool = True,
) -> bool:
    return new_progress(
        RECORDS,
        status=status,
        on=on,
        note=note,
        percent=percent,
        last_update=last_update,
        has_last_update=has_last_update,
    )


def test_a_row_without_a_date_is_skipped_only_if_it_says_what_the_export_showed() -> None:
    shown = date(2024, 6, 10)  # the export's 最近记录日期; done on 07-03 came later
    assert not _new("in_progress", None, "开始", 20, last_update=shown)
    assert not _new("not_started", None)  # an exported pair with nothing recorded
    assert not _new("done", None, has_last_update=False)  # no column: the latest record
    with pytest.raises(ValueError, match=r"^状态（推进中 → 已完成）有变化但日期为空"):
        _new("done", None, last_update=shown)
    with pytest.raises(ValueError, match=r"^备注有变化但日期为空"):
        _new("in_progress", None, "新进展", last_update=shown)
    with pytest.raises(ValueError, match=r"^进度（20% → 60%）有变化但日期为空"):
        _new("in_progress", None, "", 60, last_update=shown)
    with pytest.raises(ValueError, match=r"^状态（未开始 → 推进中）有变化"):
        _new("in_progress", None, last_update=None)  # nothing was recorded when exported


def test_a_dated_row_is_new_unless_already_recorded() -> None:
    assert not _new("in_progress", date(2024, 6, 10), "开始", 20)
    assert _new("done", date(2024, 6, 28))
    assert _new("done", date(2024, 6, 10))  # a sheet with 最近记录日期: the unit's own date


def test_without_a_last_update_column_the_last_records_day_is_not_a_new_date() -> None:
    """An older export's 日期 is the latest record's day: a change there would backdate."""
    with pytest.raises(ValueError, match=r"有变化，但日期 2024-06-10 与最近一条记录同日"):
        _new("done", date(2024, 6, 10), has_last_update=False)
    assert not _new("in_progress", date(2024, 6, 10), has_last_update=False)  # as it was
    assert _new("done", date(2024, 6, 28), has_last_update=False)


@pytest.mark.parametrize("reverse", [False, True])
def test_the_latest_record_is_the_later_recording_then_the_later_entry(reverse: bool) -> None:
    """Same day: the later recording (a correction) wins; same recording time: the later
    id. The order the store returns them in does not matter."""
    day = date(2024, 6, 30)
    records = [
        StoredRecord("done", day, "2024-07-01T09:00", 7, note="完成", percent=100),
        StoredRecord("in_progress", day, "2024-07-01T10:00", 3, note="更正", percent=90),
        StoredRecord("blocked", day, "2024-07-01T10:00", 2, note="受阻", percent=80),
        StoredRecord("done", date(2024, 6, 29), "2024-07-02T00:00", 9, note="早", percent=10),
    ]
    if reverse:
        records.reverse()
    assert standing(records, day) == Standing("in_progress", day, "更正", 90)
    assert standing(records, date(2024, 6, 29)) == Standing("done", date(2024, 6, 29), "早", 10)


def test_a_stored_note_with_a_control_character_comes_back_from_its_export_unchanged() -> None:
    # A note stored before control characters were refused is exported inert (ESC as the
    # four characters \x1b); the untouched sheet must not read as a changed note.
    shown = Standing("in_progress", date(2024, 6, 10), "第二行\x1b[2J", None)
    assert differences(shown, "in_progress", "第二行\\x1b[2J", None) == []
    assert differences(shown, "in_progress", "第三行", None) == ["备注"]


# Tests added for mutmut's run over domain/imports.py (CONTRIBUTING.md "Mutation testing"):
# each compares what a user sees (a message, a column letter, a date, a skipped row) whole,
# with the values worked out by hand.


def test_duplicate_headings_names_both_headings_and_their_columns() -> None:
    assert duplicate_headings(["编号", "状态", "备注", "Status"]) == (
        "表头“状态”和“Status”指同一列（第B列和第D列）：请只保留一个"
    )
    # A heading it does not know (任务) is passed over, and a colon after one is not part
    # of it: 状态 and 状态： are one column given twice.
    assert duplicate_headings(["状态", "任务", "状态："]) == (
        "表头“状态”和“状态：”指同一列（第A列和第C列）：请只保留一个"
    )
    assert duplicate_headings(["编号", "单位", "状态", "日期", "任务", "任务"]) == ""
    assert duplicate_headings([]) == ""


@pytest.mark.parametrize(
    ("index", "letters"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
    ],
)
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_missing_columns_takes_a_task_id_or_a_row_number() -> None:
    assert missing_columns(map_header(["编号", "单位", "状态", "日期"])) == []
    assert missing_columns(map_header(["序号", "单位", "状态", "日期"])) == []
    assert missing_columns(map_header(["编号", "单位"])) == ["状态", "日期"]
    assert missing_columns(map_header(["编号", "状态", "日期"])) == ["单位"]
    assert chinese_heading("last_update") == "最近记录日期"
    assert chinese_heading("percent") == "进度"


def test_map_header_takes_the_first_of_a_heading_and_ignores_colons_and_spacing() -> None:
    assert map_header(["状态", "Status", "状态"]) == {"status": 0}
    assert map_header(["状态：", "日期:", "  Task \t ID ", "LAST_UPDATE", "进度（%）"]) == {
        "status": 0,
        "date": 1,
        "task": 2,
        "last_update": 3,
        "percent": 4,
    }
    assert map_header(["任务", "标题", ""]) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" 2024/6/12 ", "2024-06-12"),
        ("2024 年 6 月 12 日", "2024-06-12"),
        ("2024-6-12", "2024-06-12"),
        ("2024-06-12T00:00", "2024-06-12"),
        ("2024-06-12 00:00", "2024-06-12"),
        ("2024-06-12 08:30", "2024-06-12 08:30"),  # a time of day: not read as the day
        ("x2024-06-12", "x2024-06-12"),
        ("2024-06-12日日", "2024-06-12日日"),
        # The day numbers read: 20000 (1954-10-03) to 99999 (2173-10-13), counted from
        # 1899-12-30: 25569 is 1970-01-01, as in every spreadsheet.
        ("19999", "19999"),
        ("20000", "1954-10-03"),
        ("25569", "1970-01-01"),
        ("99999", "2173-10-13"),
        ("45455.", "45455."),
        ("45455.25x", "45455.25x"),
        ("", ""),
    ],
)
def test_normalise_date_reads_only_a_whole_date_or_a_day_number(text: str, expected: str) -> None:
    assert normalise_date(text) == expected


def test_cell_text_keeps_what_is_not_a_whole_number_or_a_day() -> None:
    assert cell_text(datetime(2024, 6, 12, 15, 30)) == "2024-06-12"
    assert cell_text(12.5) == "12.5"
    assert cell_text(14) == "14"
    assert cell_text(0.0) == "0"
    assert cell_text("") == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [(" ", None), ("%", None), ("50％", 50), (" 50 % ", 50), ("0", 0), ("100", 100)],
)
def test_parse_percent_takes_a_percent_sign_and_spaces(text: str, value: int | None) -> None:
    assert parse_percent(text) == value


def test_parse_percent_refusal_quotes_the_cell_as_typed() -> None:
    with pytest.raises(ValueError) as refused:
        parse_percent(" 12.5% ")
    assert str(refused.value) == "进度“ 12.5% ”不是 0 到 100 之间的整数"


def test_a_row_is_blank_only_with_every_cell_empty_and_unfilled_without_a_report() -> None:
    assert Row(7).blank
    assert Row(7).unfilled
    for field in FIELDS:
        assert not Row(7, **{field: "x"}).blank, field
    assert Row(7, task="2024-01", seq="1", unit="城运中心", last_update="2024-06-01").unfilled
    for field in ("status", "date", "note", "percent"):
        assert not Row(7, **{field: "x"}).unfilled, field


def test_rows_from_takes_each_field_from_its_column_and_empty_past_the_last_cell() -> None:
    header = {"task": 0, "unit": 1, "status": 2, "date": 3}
    table = [(2, ["2024-01", "城运中心", "推进中", "2024-06-12"]), (5, ["2024-02"])]
    assert rows_from(table, header) == [
        Row(2, task="2024-01", unit="城运中心", status="推进中", date="2024-06-12"),
        Row(5, task="2024-02"),
    ]
    assert rows_from([], header) == []


def test_latest_note_is_the_last_non_empty_one_on_or_before_the_day() -> None:
    assert latest_note(RECORDS, date(2024, 6, 30)) == "开始"  # 06-10 has none
    assert latest_note(RECORDS, date(2024, 7, 3)) == "完成"
    assert latest_note(RECORDS, date(2024, 5, 31)) == ""


def test_standing_takes_a_later_zero_percent() -> None:
    records = [
        StoredRecord("in_progress", date(2024, 6, 1), "a", 1, percent=20),
        StoredRecord("blocked", date(2024, 6, 5), "b", 2, note="停工", percent=0),
        StoredRecord("blocked", date(2024, 6, 8), "c", 3),
    ]
    assert standing(records) == Standing("blocked", date(2024, 6, 8), "停工", 0)
    # No record with a note: the export's 备注 is empty.
    assert standing(records[:1]) == Standing("in_progress", date(2024, 6, 1), "", 20)


def test_differences_name_each_change_as_the_clerk_reads_it() -> None:
    shown = Standing("in_progress", date(2024, 6, 10), "开始", 20)
    assert differences(shown, "done", "新进展", 60) == [
        "状态（推进中 → 已完成）",
        "备注",
        "进度（20% → 60%）",
    ]
    assert differences(shown, "in_progress", "开始", 20) == []
    assert differences(shown, "in_progress", "", None) == []
    assert differences(Standing(), "not_started", "", 0) == ["进度（无 → 0%）"]
    assert differences(Standing(), "blocked", "", None) == ["状态（未开始 → 受阻）"]


def test_a_row_without_a_date_names_every_change_in_one_message() -> None:
    with pytest.raises(ValueError) as refused:
        _new("done", None, "", 60, last_update=date(2024, 6, 10))
    assert str(refused.value) == (
        "状态（推进中 → 已完成）和进度（20% → 60%）有变化但日期为空：请在“日期”列填写发生的日期"
    )


def test_a_row_without_a_date_or_a_last_update_column_is_compared_with_the_latest_record() -> None:
    # With every record the pair is done (07-03), note 完成, percent 20.
    assert not _new("done", None, "完成", 20, has_last_update=False)
    with pytest.raises(ValueError, match=r"^状态（已完成 → 推进中）有变化但日期为空"):
        _new("in_progress", None, has_last_update=False)
    # 未开始 with no date, note or percent reports nothing (a row of a pair with no record
    # when exported), skipped whatever the pair stands at.
    assert not _new("not_started", None, has_last_update=False)
    assert not _new("not_started", None, last_update=date(2024, 6, 10))
    # 未开始 with a note is a report: compared, and refused without its day.
    with pytest.raises(ValueError, match=r"^状态（推进中 → 未开始）和备注有变化但日期为空"):
        _new("not_started", None, "还没开始", last_update=date(2024, 6, 10))
    with pytest.raises(ValueError, match=r"^状态（推进中 → 未开始）和进度（20% → 0%）有变化"):
        _new("not_started", None, "", 0, last_update=date(2024, 6, 10))


def test_the_day_of_the_latest_record_without_a_last_update_column_is_refused_whole() -> None:
    with pytest.raises(ValueError) as refused:
        _new("done", date(2024, 6, 10), "", 20, has_last_update=False)
    assert str(refused.value) == (
        "状态（推进中 → 已完成）有变化，但日期 2024-06-10 与最近一条记录同日："
        "请填写实际发生的日期（没有“最近记录日期”列的表格可能是旧版导出的，"
        "其“日期”是最近一条记录的日期）"
    )


def test_a_new_note_or_percent_on_the_latest_records_day_is_new_progress() -> None:
    # The unit's own date (the sheet has 最近记录日期): the same status with a new note or
    # percent is recorded, not skipped as already recorded.
    assert _new("in_progress", date(2024, 6, 10), "新备注")
    assert _new("in_progress", date(2024, 6, 10), "", 30)
    # Without that column the day is the old record's: refused, every change named.
    with pytest.raises(ValueError, match=r"^备注和进度（20% → 30%）有变化，但日期 2024-06-10"):
        _new("in_progress", date(2024, 6, 10), "新备注", 30, has_last_update=False)


def test_a_dated_row_on_another_day_is_new_even_when_it_repeats_the_standing() -> None:
    # As of 06-15 the pair stands as on 06-10; a row dated 06-15 is the unit's report.
    assert _new("in_progress", date(2024, 6, 15), "开始", 20)
    assert _new("in_progress", date(2024, 6, 15), "开始", 20, has_last_update=False)
    assert _new("not_started", date(2024, 5, 1))


def test_a_row_showing_a_voided_records_note_or_percent_alone_names_it() -> None:
    """The voided record changed only the note (or only the percent) of what the pair
    stands at without it: the row left as exported still shows it."""
    live = [StoredRecord("in_progress", date(2024, 6, 1), "a", 1, note="开始", percent=20)]
    note_only = [StoredRecord("in_progress", date(2024, 6, 10), "b", 2, note="录错")]
    percent_only = [StoredRecord("in_progress", date(2024, 6, 10), "c", 3, percent=40)]
    kept = {"status": "in_progress", "last_update": date(2024, 6, 10), "has_last_update": True}
    assert voided_match(live, note_only, note="录错", percent=None, **kept) == 2
    assert voided_match(live, percent_only, note="", percent=40, **kept) == 3
    assert voided_match(live, note_only, note="开始", percent=20, **kept) is None


def test_a_voided_match_compares_with_the_live_records_as_the_sheet_shows_them() -> None:
    # Exported on 06-10 with the voided 40%; 40% recorded again on 07-01, after the export.
    live = [
        StoredRecord("in_progress", date(2024, 6, 1), "a", 1, percent=20),
        StoredRecord("in_progress", date(2024, 7, 1), "d", 4, percent=40),
    ]
    voided = [StoredRecord("in_progress", date(2024, 6, 10), "c", 3, percent=40)]
    assert (
        voided_match(
            live,
            voided,
            status="in_progress",
            note="",
            percent=40,
            last_update=date(2024, 6, 10),
            has_last_update=True,
        )
        == 3
    )


def test_cell_text_drops_zero_width_characters_at_the_ends_only_and_keeps_line_breaks() -> None:
    assert cell_text("\u200b推进中\u200b") == "推进中"
    assert cell_text("推进中\u200b") == "推进中"
    assert cell_text("\ufeff 城运中心 \u00ad") == "城运中心"
    assert cell_text("\u200b") == ""
    assert cell_text("推\u200b进中") == "推\u200b进中"  # inside: named by `invisible`
    assert cell_text("第一行\r\n第二行\r第三行\n第四行") == "第一行\n第二行\n第三行\n第四行"


def test_invisible_names_the_first_zero_width_character() -> None:
    assert invisible("推进中") == ""
    assert invisible("推\u200b进中") == "U+200B"
    assert invisible("城运中心\u00ad") == "U+00AD"
    assert invisible("a\ufeffb\u200b") == "U+FEFF"
    assert invisible("") == ""
