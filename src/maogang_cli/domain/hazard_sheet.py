"""A 隐患台账 spreadsheet: which column is which (Chinese or English headings), and the
dates as WPS, LibreOffice and Excel save them. Plain functions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from maogang_cli.domain.imports import column_letter, normalise_date
from maogang_cli.i18n import NC_, _, pgettext

# field -> the headings a sheet may use for it (compared without case, spaces or brackets)
HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("id", "hazard id", "隐患编号", "编号"),
    "found_on": ("found_on", "found on", "发现日期", "排查日期", "发现时间", "检查日期"),
    "source": ("source", "隐患来源", "来源"),
    "level": ("level", "隐患等级", "隐患级别", "等级", "级别"),
    "entity": (
        "entity",
        "business",
        "单位名称",
        "企业名称",
        "生产经营单位",
        "场所名称",
        "单位场所名称",
        "单位/场所",
    ),
    "uscc": ("uscc", "credit code", "统一社会信用代码", "信用代码"),
    "address": ("address", "地址", "单位地址", "场所地址"),
    "village": ("village", "属地", "所属村居", "村居", "村（居）", "所在村居"),
    "sector": ("sector", "行业领域", "行业", "所属行业"),
    "department": (
        "department",
        "supervising department",
        "监管部门",
        "负有监管职责部门",
        "审核销号部门",
        "监管责任部门",
    ),
    "basis": ("basis", "判定依据", "依据"),
    "description": ("description", "隐患描述", "隐患内容", "隐患情况", "隐患问题"),
    "deadline": ("deadline", "整改期限", "整改时限", "时限", "整改完成时限"),
    "responsible_person": ("responsible_person", "responsible person", "整改责任人", "责任人"),
    "measures": ("measures", "整改措施", "措施"),
    "funds": ("funds", "整改资金", "资金", "资金（万元）", "整改资金（万元）"),
    "contingency_plan": ("contingency_plan", "contingency plan", "应急预案"),
    "notified_on": ("notified_on", "notified on", "通知主要负责人日期", "告知日期"),
}
REQUIRED = (
    "found_on",
    "source",
    "entity",
    "village",
    "sector",
    "department",
    "description",
    "deadline",
)


def _norm(heading: str) -> str:
    return re.sub(r"[\s()（）*＊:：_]+", "", heading).casefold()


_LOOKUP = {_norm(h): field for field, names in HEADINGS.items() for h in names}


def map_headings(cells: Sequence[str]) -> dict[str, int]:
    """field -> column index, the first column with a known heading for each field."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field = _LOOKUP.get(_norm(cell))
        if field is not None and field not in found:
            found[field] = i
    return found


def duplicate_headings(cells: Sequence[str]) -> list[str]:
    """One message per heading that names a field an earlier column already gave (发现日期
    and 排查日期, 单位名称 and 企业名称): which one is meant cannot be told."""
    first: dict[str, int] = {}
    problems: list[str] = []
    for i, cell in enumerate(cells):
        field = _LOOKUP.get(_norm(cell))
        if field is None:
            continue
        if field not in first:
            first[field] = i
            continue
        j = first[field]
        problems.append(
            _(
                "the headings '{first}' (column {first_column}) and '{second}' (column "
                "{second_column}) are the same field ({field}): keep one"
            ).format(
                first=cells[j].strip(),
                first_column=column_letter(j),
                second=cell.strip(),
                second_column=column_letter(i),
                field=field,
            )
        )
    return problems


def missing(found: dict[str, int]) -> list[str]:
    """The required fields a heading row lacks, each with its Chinese heading."""
    return [f"{f} ({_chinese(f)})" for f in REQUIRED if f not in found]


# A field as the export's hazard sheet (and a person) heads it, in the run's language; a
# test checks both languages' words are headings this module reads.
COLUMN = "hazard sheet column"
_NAMES = {
    "id": NC_("hazard sheet column", "Hazard ID"),
    "found_on": NC_("hazard sheet column", "Found on"),
    "source": NC_("hazard sheet column", "Source"),
    "level": NC_("hazard sheet column", "Level"),
    "entity": NC_("hazard sheet column", "Business"),
    "uscc": NC_("hazard sheet column", "Credit code"),
    "address": NC_("hazard sheet column", "Address"),
    "village": NC_("hazard sheet column", "Village"),
    "sector": NC_("hazard sheet column", "Sector"),
    "department": NC_("hazard sheet column", "Department"),
    "basis": NC_("hazard sheet column", "Basis"),
    "description": NC_("hazard sheet column", "Description"),
    "deadline": NC_("hazard sheet column", "Deadline"),
    "responsible_person": NC_("hazard sheet column", "Responsible person"),
    "measures": NC_("hazard sheet column", "Measures"),
    "funds": NC_("hazard sheet column", "Funds"),
    "contingency_plan": NC_("hazard sheet column", "Contingency plan"),
    "notified_on": NC_("hazard sheet column", "Notified on"),
}


def heading(field: str) -> str:
    """A field as a person reads it: its heading in the run's language."""
    return pgettext(COLUMN, _NAMES[field]) if field in _NAMES else field


def _chinese(field: str) -> str:
    """A field's usual Chinese heading: the first of its headings written in Chinese."""
    return next(h for h in HEADINGS[field] if not h.isascii())


# Excel's day 0 (1899-12-30, allowing for its 1900 leap-year bug after day 60): a date a
# sheet stored as a bare serial number (45463 = 2024-06-20).
_EPOCH = date(1899, 12, 30)


def sheet_date(text: str) -> str:
    """A date cell as YYYY-MM-DD: date cells arrive so already; 2024/6/20, 2024.6.20 and
    2024年6月20日 are rewritten; a bare serial (45463, 45463.0) is counted from Excel's
    epoch. Anything else is returned as it was, for the date check to refuse."""
    raw = text.strip()
    serial = re.fullmatch(r"(\d{5})(?:\.0+)?", raw)
    if serial and 20_000 <= int(serial[1]) <= 80_000:  # 1954 to 2119
        return (_EPOCH + timedelta(days=int(serial[1]))).isoformat()
    return normalise_date(raw)
