"""The agenda for people: what falls due in a window, one row per item with the units
that have not done it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.render_plan import unit_run, w
from maogang_cli.i18n import _, pgettext
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from maogang_cli.domain.agenda import AgendaItem, Window


def agenda_table(
    items: Sequence[AgendaItem], window: Window, day: date, duty_names: Mapping[str, str]
) -> None:
    """One row per (due, kind, ref): what it is, the units that have not done it, and
    done/units. The units sit under the item, in a column as wide as the terminal allows,
    so a duty id (up to 37 characters) stays whole at 60 columns."""
    span = _("{first} to {last}").format(first=window.first, last=window.last)
    if not items:
        output.print_text(_("Nothing falls due {span}.").format(span=span))
        return
    groups: list[list[AgendaItem]] = []
    for item in items:
        if groups and (groups[-1][0].due, groups[-1][0].kind, groups[-1][0].ref) == (
            item.due,
            item.kind,
            item.ref,
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    rows: list[list[str | Cell]] = []
    for group in groups:
        first = group[0]
        owing = [i.unit for i in group if not i.done]
        done = len(group) - len(owing)
        ident, _slash, period = first.ref.partition("/")
        if first.kind in ("duty", "plan_milestone"):  # 月报, 培树企业: `duty done` takes it too
            ident = duty_names.get(ident, ident)
        lines = [
            " ".join(filter(None, [w(first.kind), ident, period.replace("/", " ")])),
            first.title,
        ]
        if owing:
            lines.append(_("Not done: {units}").format(units=unit_run(owing)))
        rows.append(
            [
                str(first.due),
                Cell("\n".join(lines), "red" if owing and first.due < day else ""),
                Cell(f"{done}/{len(group)}", "green" if not owing else ""),
            ]
        )
    columns = [
        Column(_("Due"), no_wrap=True),
        Column(_("Item")),
        Column(pgettext("column", "Done"), justify="right", no_wrap=True),
    ]
    open_items = sum(not i.done for i in items)
    title = _("Due {span} (as of {day})").format(span=span, day=day)
    output.print_table(columns, rows, title=title)
    output.print_lines(
        [
            _("{n} items (one per unit), {open} not done").format(n=len(items), open=open_items),
            _("Done: units done / units owing"),
        ]
    )
