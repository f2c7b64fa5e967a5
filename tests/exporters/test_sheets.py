"""The export writes its headings in the run's language, and `import` / `hazard import`
read back what it writes in either language: the importers' heading lists are data of
their own, checked here against the words the export takes from the catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from maogang_cli.domain.export import MonthlyExport
from maogang_cli.domain.hazard_sheet import HEADINGS, heading, map_headings
from maogang_cli.domain.imports import map_header
from maogang_cli.exporters.sheets import detail_sheet, hazard_sheet, summary_sheet
from maogang_cli.i18n import set_language

EMPTY = MonthlyExport("2024-06", date(2024, 6, 25), None, None, (), ())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_reads_the_detail_sheet_it_exported(lang: str) -> None:
    set_language(lang)
    headings = detail_sheet(EMPTY).headings
    found = map_header(headings)
    assert sorted(found) == sorted(
        ["task", "seq", "unit", "status", "date", "note", "percent", "last_update", "done_on"]
    )
    # each field read from the column the export meant for it
    assert [headings[found[f]] for f in ("task", "date", "last_update", "done_on")] == {
        "zh": ["编号", "日期", "最近记录日期", "完成日期"],
        "en": ["Task ID", "Date", "Last update", "Done on"],
    }[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hazard_import_reads_the_hazard_sheet_it_exported(lang: str) -> None:
    set_language(lang)
    headings = hazard_sheet(EMPTY).headings
    assert sorted(map_headings(headings)) == sorted(
        [
            "id",
            "found_on",
            "deadline",
            "department",
            "village",
            "sector",
            "source",
            "level",
            "entity",
            "description",
        ]
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hazard_field_is_named_by_a_heading_the_import_reads(lang: str) -> None:
    set_language(lang)
    for field in HEADINGS:
        assert map_headings([heading(field)]) == {field: 0}, field


def test_the_headings_follow_the_language() -> None:
    zh = summary_sheet(EMPTY)
    set_language("en")
    en = summary_sheet(EMPTY)
    assert (zh.name, zh.headings[:3], en.name, en.headings[:3]) == (
        "汇总",
        ["单位", "主办任务", "已完成"],
        "Summary",
        ["Unit", "Lead tasks", "Done"],
    )
