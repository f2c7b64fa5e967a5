"""domain/typed_columns.py: what a value typed over a column the export works out means."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from maogang_cli.domain.typed_columns import (
    ABOUT,
    Typed,
    about_day,
    last_update_typed,
    progress_typed_since,
    typed_over_computed,
)
from maogang_cli.i18n import pgettext, set_language


def test_an_empty_or_unchanged_cell_says_nothing() -> None:
    cells = [
        Typed("是否逾期", "Overdue?", "", "否"),
        Typed("是否逾期", "Overdue?", "否", "否"),
        Typed("时间节点", "Deadline", "2024/12/31", "2024-12-31"),
        Typed(
            "本月进展",
            "Progress this month",
            "2024-06-03 推进中  40% \r\n",
            "2024-06-03 推进中 40%",
        ),
    ]
    assert typed_over_computed(cells) == ([], [])


def test_progress_typed_is_an_error_the_rest_warnings() -> None:
    errors, warnings = typed_over_computed(
        [
            Typed("本月进展", "Progress this month", "已完成调研", ""),
            Typed("督办", "Flag", "黄", "绿"),
            Typed("月报报送日期", "Report submitted", "2024-06-24", ""),
            Typed("任务", "Title", "改过的名字", "细化部署"),
        ]
    )
    assert errors == [
        "本月进展是导出时算出的，不会导入：新的进展请填在“状态”“进度”或“备注”列，"
        "并在“日期”列填写发生的日期"
    ]
    assert warnings == [
        "督办“黄”与导出时算出的“绿”不同，不会导入：它由进展记录算出：新的进展请填在“状态”和“日期”列",
        "月报报送日期填了“2024-06-24”，导出时此处为空，不会导入：月报报送请用 maogang submit 登记",
        "任务“改过的名字”与导出时算出的“细化部署”不同，不会导入："
        "以任务清单为准；如有误，请联系管理员修改任务清单",
    ]


def test_a_typed_value_is_shown_on_one_line_and_cut() -> None:
    [warning] = typed_over_computed([Typed("督办", "Flag", "a\nb" + "x" * 60, "绿")])[1]
    assert "“a\\nb" + "x" * 36 + "”" in warning


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        (
            [("标题", "…"), ("月份", "2024-06"), ("截至", datetime(2024, 6, 25))],
            ("2024-06", date(2024, 6, 25)),
        ),
        ([("Month", "2024-06"), ("As of", "2024/6/25")], ("2024-06", date(2024, 6, 25))),
        ([("月份", "2024-06")], None),
        ([("月份", "六月"), ("截至", datetime(2024, 6, 25))], None),
        ([("月份", "2024-06"), ("截至", "不详")], None),
        ([("月份",), ("截至", None)], None),
        ([], None),
    ],
)
def test_about_day(rows: list[tuple[object, ...]], found: tuple[str, date] | None) -> None:
    assert about_day(rows) == found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_about_labels_are_the_exports(lang: str) -> None:
    set_language(lang)
    try:
        assert pgettext("sheet", "About") in ABOUT["sheet"]
        assert pgettext("about", "Month") in ABOUT["month"]
        assert pgettext("about", "As of") in ABOUT["as_of"]
    finally:
        set_language(None)


def test_a_last_update_not_as_exported_is_said_with_both_days() -> None:
    from maogang_cli.domain.typed_columns import last_update_typed

    assert last_update_typed("最近记录日期", "2024-06-03", "2024-06-03") == ""
    assert last_update_typed("最近记录日期", "", "") == ""
    assert last_update_typed("最近记录日期", "2024-06-20", "2024-06-03") == (
        "最近记录日期2024-06-20不是导出时写的2024-06-03：此列是最近一条记录的日期，"
        "导入据此判断哪些内容是新的；请改回原样，新进展的日期请填在“日期”列"
    )
    assert last_update_typed("最近记录日期", "", "2024-06-03").startswith(
        "最近记录日期（空）不是导出时写的2024-06-03："
    )


def test_a_typed_line_break_is_shown_on_one_line_and_cut_at_forty_characters() -> None:
    # The refusal and the warning are one line each, whatever the unit typed.
    set_language("zh")
    typed = "2024-06-20\n" + "会议记录" * 10  # 51 characters
    assert last_update_typed("最近记录日期", typed, "2024-06-03") == (
        "最近记录日期2024-06-20\\n会议记录会议记录会议记录会议记录会议记录会议记录会议记录"
        "不是导出时写的2024-06-03：此列是最近一条记录的日期，导入据此判断哪些内容是新的；"
        "请改回原样，新进展的日期请填在“日期”列"
    )
    assert typed_over_computed([Typed("督办", "Supervision", "黄", "绿\n阻")]) == (
        [],
        [
            "督办“黄”与导出时算出的“绿\\n阻”不同，不会导入：它由进展记录算出：新的进展请填在“状态”和“日期”列"
        ],
    )


def test_the_first_month_and_day_of_the_about_sheet_are_taken() -> None:
    rows = [
        ("月份", "2024-06"),
        ("月份", "2024-07"),
        ("截至", "2024-06-25"),
        ("截至", "2024-07-25"),
    ]
    assert about_day(rows) == ("2024-06", date(2024, 6, 25))


def test_only_lines_the_export_works_out_now_pass_on_a_pair_recorded_since() -> None:
    set_language("zh")
    computed = "2024-06-03 推进中 40%\n2024-06-12 推进中 60%"
    kept = Typed("本月进展", "Progress this month", " 2024-06-03  推进中 40% \n\n", computed)
    assert progress_typed_since([kept]) == []
    words = Typed("本月进展", "Progress this month", "2024-06-03 推进中 40%\n一期上线", computed)
    judged = Typed("督办", "Supervision", "红", "绿")  # cannot be worked out again: passed over
    assert progress_typed_since([words, judged]) == [
        "本月进展是导出时算出的，不会导入：新的进展请填在“状态”“进度”或“备注”列，并在“日期”列填写发生的日期"
    ]
