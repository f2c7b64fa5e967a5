"""Reading a unit's spreadsheet as progress entries: headings, cells, and rows to skip.

Headings are matched without regard to case or spacing, in English (task, seq, unit,
status, date, note, percent) or as `export` writes them in either language, so an exported
detail sheet filled in by a unit reads as it is. Other columns are ignored.

An export's detail sheet shows the day of each pair's latest record under 最近记录日期
(last update) and leaves 日期 (date) empty for the unit to fill in with the day of new
progress. A row is skipped, not refused, when it is blank; when its status, date, note and
percent are all empty (a row nobody filled in); when it says 未开始 with no date, note or
percent (an exported row of a pair with no record yet); or when it says what is already
recorded (an exported row left as it was). Anything else is new progress and needs the day
it happened: a row that changes the status, note or percent with no date is refused, never
dated at the old record's day. A sheet without a 最近记录日期 column (an export from before
that column, whose 日期 held the latest record's day, or a hand-made sheet) may not change
a pair on the very day of its latest record either: that date is taken for the old one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.cells import inert, restore
from maogang_cli.domain.status import Record, in_effect, latest_state
from maogang_cli.i18n import NC_, _, pgettext
from maogang_cli.words import status_word

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

FIELDS = ("task", "seq", "unit", "status", "date", "note", "percent", "last_update", "done_on")
# field -> the headings a sheet may use for it. Data, not messages: what `export` writes in
# Chinese and in English (tests/exporters check it reads its own headings back), what it
# wrote before, and what a person types; a sheet imports whatever the run's language.
HEADINGS: dict[str, tuple[str, ...]] = {
    "task": ("编号", "Task ID", "id", "task id", "任务编号"),
    "seq": ("序号", "No.", "no"),
    "unit": ("单位", "Unit"),
    "status": ("状态", "Status"),
    "date": ("日期", "Date"),
    "note": ("备注", "Note"),
    "percent": ("进度", "Percent", "%", "进度(%)", "进度（%）", "完成进度"),
    "last_update": ("最近记录日期", "Last update"),
    # worked out by the export and never imported; read only to tell a unit that typed in it
    "done_on": ("完成日期", "Done on"),
}


def _norm(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def norm_heading(heading: str) -> str:
    """A heading as the import matches it: spacing, case and a trailing colon ignored."""
    return _norm(heading).rstrip(":：")


def _aliases() -> dict[str, str]:
    out = {field: field for field in FIELDS}
    for field, headings in HEADINGS.items():
        out |= {_norm(heading): field for heading in headings}
    return out


ALIASES = _aliases()


def map_header(cells: Sequence[str]) -> dict[str, int]:
    """field -> column index, the first column of each heading that is recognised."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field = ALIASES.get(_norm(cell).rstrip(":："))
        if field and field not in found:
            found[field] = i
    return found


def duplicate_headings(cells: Sequence[str]) -> str:
    """A heading given twice (two 状态 columns): which one is meant cannot be told; ""
    when none is."""
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field = ALIASES.get(_norm(cell).rstrip(":："))
        if field is None:
            continue
        if field in seen:
            first = seen[field]
            return _(
                "the headings '{first}' and '{second}' name the same column (columns "
                "{first_column} and {second_column}): keep one"
            ).format(
                first=cells[first],
                second=cell,
                first_column=column_letter(first),
                second_column=column_letter(i),
            )
        seen[field] = i
    return ""


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# A required column as a missing one is named: by the Chinese heading a clerk looks for in
# the sheet; in English, the import's own name with that heading beside it.
_REQUIRED_NAMES = {
    "task": NC_("missing column", "task (编号)"),
    "unit": NC_("missing column", "unit (单位)"),
    "status": NC_("missing column", "status (状态)"),
    "date": NC_("missing column", "date (日期)"),
}


def missing_columns(found: dict[str, int]) -> list[str]:
    """The required columns a header lacks, named for the person reading (see above)."""
    missing = [] if ("task" in found or "seq" in found) else ["task"]
    missing += [f for f in ("unit", "status", "date") if f not in found]
    return [pgettext("missing column", _REQUIRED_NAMES[f]) for f in missing]


def chinese_heading(field: str) -> str:
    """The heading a Chinese export gives a field: what a clerk looks for in the sheet."""
    return HEADINGS[field][0]


_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$"
)


# Zero-width characters pasted with a value from WeChat or a web page: invisible, so a
# status or unit that ends in one looks right in the message that refuses it.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def invisible(text: str) -> str:
    """The first zero-width character (or soft hyphen) inside a text, as U+200B; "" when
    there is none. A value holding one is quoted as if it were a valid one."""
    found = next((c for c in text if c in _INVISIBLE), "")
    return f"U+{ord(found):04X}" if found else ""


def cell_text(value: object) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without '.0', text stripped of
    spaces and zero-width characters at its ends, its line breaks (Alt+Enter; \\r\\n in a
    sheet saved on Windows) as \\n, as `record --note` keeps them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = restore(str(value)).strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    while text and (text[0] in _INVISIBLE or text[-1] in _INVISIBLE):
        text = text.strip(_INVISIBLE).strip()
    return text


_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
# Spreadsheet day numbers: 1 is 1900-01-01 counted from 1899-12-30 (Excel's, WPS's and
# LibreOffice's default); 20000..99999 is 1954-10-03..2173-10-13, no plausible row number.
_SERIAL_EPOCH = date(1899, 12, 30)
_SERIALS = range(20000, 100000)


def normalise_date(text: str) -> str:
    """A date as a spreadsheet may have saved what was typed → YYYY-MM-DD: 2024/6/12,
    2024.6.12, 2024年6月12日, or a bare day number (45455, or 45455.5 with a time) left
    when a date was typed into a General cell and the program kept its serial."""
    text = text.strip()
    m = _DATE.match(text)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    serial = _SERIAL.match(text)
    if serial and int(serial[1]) in _SERIALS:
        return (_SERIAL_EPOCH + timedelta(days=int(serial[1]))).isoformat()
    return text


def parse_percent(text: str) -> int | None:
    """'', '50', '50%', '50.0' → None or 50; ValueError otherwise."""
    raw = text.strip().rstrip("%％").strip()
    if not raw:
        return None
    try:
        number: float | None = float(raw)
    except ValueError:
        number = None
    if number is None or not number.is_integer():
        raise ValueError(
            _("percent '{text}' is not a whole number from 0 to 100").format(text=text)
        )
    return int(number)


class Row(NamedTuple):
    number: int  # the row as a spreadsheet shows it (the header is usually row 1)
    task: str = ""
    seq: str = ""
    unit: str = ""
    status: str = ""
    date: str = ""
    note: str = ""
    percent: str = ""
    last_update: str = ""  # what an export showed as the day of the pair's latest record
    done_on: str = ""  # what an export showed as the day the pair was done

    @property
    def blank(self) -> bool:
        return not any(getattr(self, f) for f in FIELDS)

    @property
    def unfilled(self) -> bool:
        """Nothing reported: status, date, note and percent all empty."""
        return not (self.status or self.date or self.note or self.percent)


def rows_from(table: Iterable[tuple[int, Sequence[str]]], header: dict[str, int]) -> list[Row]:
    out = []
    for number, cells in table:
        values = {f: (cells[i] if i < len(cells) else "") for f, i in header.items() if f in FIELDS}
        out.append(Row(number, **values))
    return out


# A stored progress record of one pair: the domain's record, ordered by its one rule.
StoredRecord = Record


def latest_note(records: Iterable[StoredRecord], on: date) -> str:
    """The pair's latest non-empty note on or before `on` (what an export shows)."""
    return standing(records, on).note


class Standing(NamedTuple):
    """A pair as an export shows it: its latest status and that record's day, and its
    latest non-empty note and latest percent. Nothing recorded: 未开始, no day."""

    status: str = "not_started"
    day: date | None = None
    note: str = ""
    percent: int | None = None


def standing(records: Iterable[StoredRecord], on: date | None = None) -> Standing:
    """The pair as of `on` (with every record when None)."""
    seen = in_effect(records, on)
    if not seen:
        return Standing()
    return Standing(
        status=seen[-1].status,
        day=seen[-1].happened_on,
        note=next((r.note for r in reversed(seen) if r.note), ""),
        percent=next((r.percent for r in reversed(seen) if r.percent is not None), None),
    )


def differences(shown: Standing, status: str, note: str, percent: int | None) -> list[str]:
    """What a row says that differs from the pair's standing: its status, and a note or
    percent given that is not the latest one (an empty cell changes nothing)."""
    out = []
    if status != shown.status:
        out.append(
            _("status ({was} → {now})").format(
                was=status_word(shown.status), now=status_word(status)
            )
        )
    # The export writes a stored note inert (an ESC as \\x1b): that text changes nothing.
    if note and note not in (shown.note, inert(shown.note)):
        out.append(_("note"))
    if percent is not None and percent != shown.percent:
        was = _("none") if shown.percent is None else f"{shown.percent}%"
        out.append(_("percent ({was} → {now})").format(was=was, now=f"{percent}%"))
    return out


def already_recorded(
    records: Iterable[StoredRecord], status: str, on: date, note: str, percent: int | None
) -> bool:
    """Whether the pair, as of `on`, stands exactly as the row says (an export shows it so):
    its latest record is of that day with that status, and a note or percent given is its
    latest one."""
    shown = standing(records, on)
    return shown.day == on and not differences(shown, status, note, percent)


def new_progress(
    records: Sequence[StoredRecord],
    *,
    status: str,
    on: date | None,
    note: str,
    percent: int | None,
    last_update: date | None,
    has_last_update: bool,
) -> bool:
    """Whether a checked row is new progress (True) or says what is recorded (False);
    ValueError when it changes the pair without the day that happened.

    `on` is the row's date (None when empty); `last_update` the day its 最近记录日期 cell
    shows, when the sheet has that column (`has_last_update`; an empty cell: nothing was
    recorded when it was exported)."""
    if on is None:
        if status == "not_started" and not note and percent is None:
            return False  # nothing reported: an exported pair with no record yet
        if has_last_update:
            # compare with what the export showed, not with records added since
            shown = standing(records, last_update) if last_update else Standing()
        else:
            shown = standing(records)
        changed = differences(shown, status, note, percent)
        if changed:
            raise ValueError(
                _(
                    "{changed} changed but date is empty: "
                    "fill in {column} (date), the day it happened"
                ).format(changed=_(" and ").join(changed), column=chinese_heading("date"))
            )
        return False
    shown = standing(records, on)
    changed = differences(shown, status, note, percent)
    if shown.day == on and not changed:
        return False
    if shown.day == on and not has_last_update:
        raise ValueError(
            _(
                "{changed} changed on {day}, the day of the latest record: "
                "give the day it happened (a sheet without a {last_update} column "
                "may be an older export, whose {date} is the latest record's day)"
            ).format(
                changed=_(" and ").join(changed),
                day=on,
                last_update=chinese_heading("last_update"),
                date=chinese_heading("date"),
            )
        )
    return True


def voided_match(
    live: Sequence[StoredRecord],
    voided: Sequence[StoredRecord],
    *,
    status: str,
    note: str,
    percent: int | None,
    last_update: date | None,
    has_last_update: bool,
) -> int | None:
    """The id of the voided record a row without a date still shows: the sheet was
    exported before the record was voided, and the row, left as it was, says what the
    pair stood at with it (as of its 最近记录日期). Such a row is no new progress and no
    mistake of the unit's; None for any other row.

    `live` are the pair's records in force, `voided` its voided ones."""
    if has_last_update and last_update is None:
        return None  # exported with nothing recorded: no record to have been voided
    on = last_update if has_last_update else None
    if not differences(standing(live, on), status, note, percent):
        return None  # says what is recorded now: simply unchanged
    everything = [*live, *voided]
    if differences(standing(everything, on), status, note, percent):
        return None
    # The two standings differ, so a voided record is among those in effect.
    gone = {r.id for r in voided}
    return [r for r in in_effect(everything, on) if r.id in gone][-1].id


def done_on_typed(
    records: Sequence[StoredRecord],
    *,
    typed: str,
    status: str,
    on: date | None,
    last_update: date | None,
    has_last_update: bool,
) -> str | None:
    """A day typed under 完成日期, which the export works out and the import does not read,
    when it is neither what the export wrote there (the day the pair's run of 已完成 began,
    as of its 最近记录日期) nor the row's own 日期 of an 已完成: the unit meant it as the day
    it was done, and only 日期 would record that. None for a cell that says nothing new."""
    if not typed:
        return None
    day = normalise_date(typed)
    if status == "done" and on is not None and day == on.isoformat():
        return None
    if has_last_update:
        shown = latest_state(records, last_update)[1] if last_update else None
    else:
        shown = latest_state(records, date.max)[1]
    if shown is not None and day == shown.isoformat():
        return None
    return day
