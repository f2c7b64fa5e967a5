"""`overdue --json`'s items written straight as JSON text, one a line.

The same text as encoding each item's contract (`contracts.overdue_json` for a task pair,
`plan_contracts.owed_overdue_json` for a duty, milestone or hazard: the shapes documented
in docs/json.md), which tests/test_overdue_lines.py pins on generated items. Building a
dict for each of the bundled case's 900 items and encoding it took a tenth of the
command's time: here each item is one f-string of its values, and each distinct text (a
title, a unit) and day is encoded once.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from json.encoder import encode_basestring  # what JSONEncoder(ensure_ascii=False) uses

from maogang_cli.domain.cells import json_active, json_inert
from maogang_cli.domain.models import TaskHead
from maogang_cli.domain.owed import Owed
from maogang_cli.domain.status import PairState


class _Texts(dict[str, str]):
    """Text -> its JSON string, encoded the first time it is asked for."""

    def __missing__(self, value: str) -> str:
        encoded = self[value] = encode_basestring(value)
        return encoded


class _Days(dict[date, str]):
    """Day -> its ISO text, made the first time it is asked for (hundreds of items share
    a due day)."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


def overdue_lines(items: Iterable[PairState | Owed], tasks: Mapping[str, TaskHead]) -> list[str]:
    """Each item as the JSON object of its contract, in the order given, inert (for
    `output.print_json_lines`)."""
    text, day = _Texts(), _Days()
    lines = []
    for item in items:
        if isinstance(item, PairState):
            task = tasks[item.task_id]
            lines.append(
                f'{{"kind": "task", "task": {text[task.id]}, "seq": {task.seq:d}, '
                f'"title": {text[task.title]}, "unit": {text[item.unit]}, '
                f'"role": {text[item.role]}, "deadline": "{day[item.deadline]}", '
                f'"days_overdue": {item.days_overdue:d}, "status": {text[item.status]}}}'
            )
        else:
            # Unpacked once: reading seven fields by name costs more than the line's text.
            kind, _, _, title, unit, due, state, _, days = item
            lines.append(
                f'{{"kind": {text[kind]}, "ref": {text[item.ref]}, '
                f'"title": {text[title]}, "unit": {text[unit]}, '
                f'"deadline": "{day[due]}", "days_overdue": {days:d}, '
                f'"status": {text[state]}}}'
            )
    # Outside the texts, a line is ASCII: scanning the distinct texts (a tenth of the
    # output) tells whether any line holds a character `json_inert` escapes.
    if json_active("".join(text)):
        return [json_inert(line) for line in lines]
    return lines
