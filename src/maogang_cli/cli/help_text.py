"""Help text that follows the catalogue: the monthly report's due day is the plan file's
(`due_day` of the duty `monthly_report`), not a 25 written into the code. Read from the
text of plan_*.yaml without yaml, so help stays as fast as the rest of start-up."""

from __future__ import annotations

import re
from functools import cache

from maogang_cli import config
from maogang_cli.errors import MaogangError
from maogang_cli.i18n import NC_, pgettext

DUE_DAY = "{due_day}"  # the placeholder in a help text
_DUTY = re.compile(r"^(\s*)- id: monthly_report\s*$", re.M)
_DUE_DAY = re.compile(r"^\s*due_day:\s*(\d{1,2})\s*(?:#.*)?$", re.M)


# "the 25th": English picks its ordinal's suffix by the day's last digits; each of the four
# is one message, so a language without ordinals translates them all the same (25日).
_ORDINALS: dict[str, str] = {
    "st": NC_("due day", "the {day}st"),
    "nd": NC_("due day", "the {day}nd"),
    "rd": NC_("due day", "the {day}rd"),
    "th": NC_("due day", "the {day}th"),
}


def due_day_text(day: int | None) -> str:
    """The due day in a sentence: "the 1st", "the 22nd", "the 13th" (25日 in Chinese); "its
    due day" (规定日期) when the plan file gives none."""
    if day is None:
        return pgettext("due day", "its due day")
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return pgettext("due day", _ORDINALS[suffix]).format(day=day)


@cache
def monthly_due_day(given: str | None = None) -> int | None:
    """The monthly report's due day in the catalogue in use (`given` as --data, else
    MAOGANG_DATA, else the bundled one); None when no plan file gives one."""
    from pathlib import Path

    try:
        data = config.data_dir(Path(given) if given else None)
    except MaogangError:  # a bad --data or MAOGANG_DATA is reported by the command itself
        return None
    for path in sorted(data.glob("plan_*.yaml")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found = _DUTY.search(text)
        if found is None:
            continue
        # The duty's own lines: up to the next item at the same indentation.
        rest = text[found.end() :]
        end = re.search(rf"^{found.group(1)}- ", rest, re.M)
        day = _DUE_DAY.search(rest[: end.start() if end else len(rest)])
        if day is not None and 1 <= int(day.group(1)) <= 31:
            return int(day.group(1))
    return None


def with_due_day(text: str) -> str:
    """`text` with {due_day} replaced by the monthly report's due day (`due_day_text`)."""
    if DUE_DAY not in text:
        return text
    from maogang_cli.cli.help_lang import option_asked

    return text.replace(DUE_DAY, due_day_text(monthly_due_day(option_asked("--data"))))
