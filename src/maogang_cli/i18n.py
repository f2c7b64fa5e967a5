"""People-facing text in Chinese (default) or English. Machine output never uses these.

Messages are written in English in the source, `_("recorded")`, and translated through
the gettext catalogue locale/zh_CN/LC_MESSAGES/maogang.po (compiled to maogang.mo; see
CONTRIBUTING.md). The language is chosen once per run with `set_language` (the `--lang`
option) or `MAOGANG_LANG`; Chinese when neither says otherwise. The compiled catalogue is
read on the first message, not at import, and only when the language is Chinese.
"""

from __future__ import annotations

import os
from gettext import NullTranslations
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from maogang_cli.compiled_messages import CompiledMessages

Lang = Literal["zh", "en"]

LANG_ENV = "MAOGANG_LANG"
DOMAIN = "maogang"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
CATALOGUE = os.path.join(LOCALE_DIR, "zh_CN", "LC_MESSAGES", f"{DOMAIN}.mo")

_chosen: Lang | None = None  # set by --lang; None: the environment decides
_translations: NullTranslations | CompiledMessages | None = None  # loaded on the first message


def set_language(lang: str | None) -> None:
    """Choose the language of every message from here on: "zh" or "en" (anything starting
    with "en" is English); None goes back to MAOGANG_LANG, else Chinese."""
    global _chosen, _translations
    _chosen = None if lang is None else _parse(lang)
    _translations = None


def language() -> Lang:
    """The language messages are in: --lang, else MAOGANG_LANG, else Chinese."""
    if _chosen is not None:
        return _chosen
    return _parse(os.environ.get(LANG_ENV, ""))


def _parse(lang: str) -> Lang:
    return "en" if lang.strip().lower().startswith("en") else "zh"


def _catalogue() -> NullTranslations | CompiledMessages:
    global _translations
    if _translations is None:
        if language() == "en":
            _translations = NullTranslations()  # the English msgids are the English text
        else:
            from maogang_cli.compiled_messages import CompiledMessages

            with open(CATALOGUE, "rb") as mo:
                _translations = CompiledMessages(mo.read())
    return _translations


def _(message: str) -> str:
    """The message in the chosen language (its English msgid when untranslated)."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for n, in the chosen language (Chinese has one form)."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message as used in a context ("status", "sheet column"): one short English word
    may need a different Chinese in each use."""
    return _catalogue().pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """Mark a message and its context for extraction in a module-level table; translate it
    with `pgettext(context, message)` where it is used."""
    return message


def N_(message: str) -> str:
    """Mark a message for extraction where it must stay English until shown (a module-level
    table); translate it with `_(message)` where it is used."""
    return message


_WORDS: dict[str, tuple[str, str]] = {
    # statuses
    "not_started": ("未开始", "not started"),
    "in_progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "blocked": ("受阻", "blocked"),
    # roles
    "responsible": ("主办", "lead"),
    "cooperating": ("协办", "support"),
    # unit kinds
    "office": ("办公室", "office"),
    "department": ("职能部门", "department"),
    "station": ("派驻机构", "station"),
    "company": ("公司", "company"),
    "leadership": ("领导班子", "leadership"),
    "group": ("单位组", "group"),
    "retired": ("已撤销", "retired"),
    # headings
    "id": ("编号", "ID"),
    "seq": ("序号", "No."),
    "action": ("行动", "Action"),
    "title": ("工作目标任务", "Task"),
    "task": ("任务", "Task"),
    "deadline": ("时间节点", "Deadline"),
    "responsible_units": ("责任单位", "Responsible"),
    "cooperating_units": ("配合单位", "Cooperating"),
    "unit": ("单位", "Unit"),
    "name": ("名称", "Name"),
    "full_name": ("全称", "Full name"),
    "kind": ("类别", "Kind"),
    "aliases": ("别名", "Aliases"),
    "members": ("成员", "Members"),
    "role": ("角色", "Role"),
    "status": ("状态", "Status"),
    "tasks": ("任务数", "Tasks"),
    "overdue": ("逾期", "Overdue"),
    "done_late": ("逾期完成", "Done late"),
    "completion_rate": ("完成率", "Done %"),
    "days": ("天数", "Days"),
    "note": ("备注", "Note"),
    "description": ("内容", "Description"),
    "milestone": ("节点", "Milestone"),
    "date": ("日期", "Date"),
    "percent": ("进度", "%"),
    "recorded_by": ("记录人", "By"),
    "recorded_at": ("记录时间", "Recorded"),
    "evidence": ("佐证", "Evidence"),
    "etc": ("等", " etc."),
    "none": ("无", "none"),
    "days_left": ("剩{n}天", "{n}d left"),
    "days_overdue": ("逾期{n}天", "{n}d overdue"),
    "due_today": ("今天到期", "due today"),
    "late_by": ("逾期{n}天完成", "done {n}d late"),
    "done_on_time": ("按时完成", "done on time"),
    # Words, not only colours (NO_COLOR, pipes); no ambiguous-width dots that a Chinese
    # terminal may draw double width.
    "mark_red": ("红", "RED"),
    "mark_yellow": ("黄", "YELLOW"),
    "mark_green": ("绿", "GREEN"),
    # monthly reports (reports, export, rank)
    "on_time": ("按时", "on time"),
    "late": ("迟报", "late"),
    "missing": ("未报", "missing"),
    "not_due": ("未到期", "not due"),
    "late_days": ("迟报{n}天", "late {n}d"),
    "not_owed": ("无需报送", "not owed"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # export columns: the Chinese and English headings are also what `import` reads
    "col_task": ("编号", "Task ID"),
    "col_seq": ("序号", "No."),
    "col_title": ("任务", "Title"),
    "col_unit": ("单位", "Unit"),
    "col_role": ("角色", "Role"),
    "col_deadline": ("时间节点", "Deadline"),
    "col_status": ("状态", "Status"),
    "col_date": ("日期", "Date"),  # the day of new progress, for a unit to fill in
    "col_last_update": ("最近记录日期", "Last update"),
    "col_percent": ("进度", "Percent"),
    "col_note": ("备注", "Note"),
    "col_done_on": ("完成日期", "Done on"),
    "col_overdue": ("是否逾期", "Overdue?"),
    "col_days_overdue": ("逾期天数", "Days overdue"),
    "col_done_late": ("逾期完成", "Done late"),
    "col_records_this_month": ("本月记录数", "Records this month"),
    "col_progress_this_month": ("本月进展", "Progress this month"),
    "col_report": ("月报", "Monthly report"),
    "col_report_date": ("月报报送日期", "Report submitted"),
    "col_signal": ("督办", "Flag"),
    "col_lead_tasks": ("主办任务", "Lead tasks"),
    "col_support_tasks": ("协办任务", "Support tasks"),
    "col_support_done": ("协办完成", "Support done"),
    "col_support_overdue": ("协办逾期", "Support overdue"),
    "col_done": ("已完成", "Done"),
    "col_in_progress": ("推进中", "In progress"),
    "col_not_started": ("未开始", "Not started"),
    "col_blocked": ("受阻", "Blocked"),
    "col_overdue_count": ("逾期", "Overdue"),
    "col_done_late_count": ("逾期完成", "Done late"),
    "col_completion_rate": ("完成率", "Done %"),
    "sheet_summary": ("汇总", "Summary"),
    "sheet_detail": ("明细", "Detail"),
    "sheet_about": ("说明", "About"),
    # the export's hazard sheet: headings `hazard import` reads too
    "sheet_hazards": ("隐患", "Hazards"),
    "col_hazard_id": ("隐患编号", "Hazard ID"),
    "col_hazard_state": ("状态", "State"),
    "col_found_on": ("发现日期", "Found on"),
    "col_hazard_deadline": ("整改期限", "Deadline"),
    "col_closed_on": ("销号日期", "Closed on"),
    "col_department": ("监管部门", "Department"),
    "col_village": ("属地", "Village"),
    "col_sector": ("行业领域", "Sector"),
    "col_source": ("隐患来源", "Source"),
    "col_level": ("隐患等级", "Level"),
    "col_entity": ("单位名称", "Business"),
    "col_description": ("隐患描述", "Description"),
}


def both(key: str) -> tuple[str, str]:
    """The Chinese and English word for a key."""
    return _WORDS.get(key, (key, key))


def t(key: str, lang: Lang = "zh", **values: object) -> str:
    zh, en = _WORDS.get(key, (key, key))
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def on_time_or_late(state: str, days_late: int) -> str:
    """How a confirmation says when a duty instance was done."""
    if state == "on_time":
        return _("on time")
    return ngettext("{n} day late", "{n} days late", days_late).format(n=days_late)
