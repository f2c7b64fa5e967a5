"""The words people see for the values the program stores: a progress status ("done"), a
unit's role on a task ("responsible"), a unit's kind, a monthly report's state, yes/no; and
days, months and lists of names as prose writes them (2024年6月20日, 城运中心、应急办).

One place for them, in the run's language through the gettext catalogue (see i18n). Each
kind of word has its gettext context, so a short English word can have a different Chinese
where it means something else. What an import ACCEPTS is data of the importer, not these
words: it keeps reading both languages whatever the run's language. Standard library only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.i18n import NC_, _, pgettext

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

STATUSES = {
    "not_started": NC_("status", "not started"),
    "in_progress": NC_("status", "in progress"),
    "done": NC_("status", "done"),
    "blocked": NC_("status", "blocked"),
}
ROLES = {
    "responsible": NC_("role", "lead"),
    "cooperating": NC_("role", "support"),
}
KINDS = {
    "office": NC_("unit kind", "office"),
    "department": NC_("unit kind", "department"),
    "station": NC_("unit kind", "station"),
    "company": NC_("unit kind", "company"),
    "leadership": NC_("unit kind", "leadership"),
    "group": NC_("unit kind", "group"),
    "retired": NC_("unit kind", "retired"),
}
REPORT_STATES = {
    "on_time": NC_("report", "on time"),
    "late": NC_("report", "late"),
    "missing": NC_("report", "missing"),
    "not_due": NC_("report", "not due"),
    "not_owed": NC_("report", "not owed"),
}

FREQUENCIES = {  # context "plan", as the duty table has always shown them
    "monthly": NC_("plan", "monthly"),
    "quarterly": NC_("plan", "quarterly"),
    "half_yearly": NC_("plan", "half-yearly"),
    "yearly": NC_("plan", "yearly"),
}


def _word(context: str, table: dict[str, str], key: str) -> str:
    # A value the table does not know (a newer database?) is shown as stored, not refused.
    return pgettext(context, table[key]) if key in table else key


def status_word(status: str) -> str:
    """未开始 / 推进中 / 已完成 / 受阻."""
    return _word("status", STATUSES, status)


def role_word(role: str) -> str:
    """主办 / 协办."""
    return _word("role", ROLES, role)


def kind_word(kind: str) -> str:
    """办公室 / 职能部门 / … / 单位组 / 已撤销."""
    return _word("unit kind", KINDS, kind)


def frequency_word(frequency: str) -> str:
    """A duty's frequency: 每月 / 每季度 / 每半年 / 每年."""
    return _word("plan", FREQUENCIES, frequency)


def report_word(state: str, days_late: int = 0) -> str:
    """A monthly report's state: 按时 / 迟报N天 / 未报 / 未到期 / 无需报送."""
    if state == "late" and days_late:
        return pgettext("report", "late {n}d").format(n=days_late)
    return _word("report", REPORT_STATES, state)


def yes_no(value: bool) -> str:
    """是 / 否."""
    return pgettext("answer", "yes") if value else pgettext("answer", "no")


def day_text(day: date) -> str:
    """A day in prose: 2024年6月20日 / 2024-06-20."""
    return _("{year}-{month:02d}-{day:02d}").format(year=day.year, month=day.month, day=day.day)


def month_text(key: str) -> str:
    """A month key (2024-06) in prose: 2024年6月 / 2024-06."""
    return _("{year}-{month:02d}").format(year=int(key[:4]), month=int(key[5:]))


def stamp_text(stamp: str) -> str:
    """When something was recorded (ISO 8601 with the writing machine's UTC offset), to the
    minute in this computer's local time: one clock for every row, whichever machine wrote
    it (a server on UTC, the clerk's PC on Beijing time). A stamp without an offset cannot
    be converted and is shown as stored."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def names(items: Iterable[str]) -> str:
    """Names in a row: 城运中心、应急办 / 城运中心, 应急办."""
    return pgettext("list", ", ").join(items)


def clauses(items: Iterable[str]) -> str:
    """Clauses in a row: …；… / …; …."""
    return pgettext("list of clauses", "; ").join(items)
