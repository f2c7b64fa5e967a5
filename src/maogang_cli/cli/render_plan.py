"""Tables for the plan, the agenda and the recurring duties. Headings follow --lang; the
data stays as the plan writes it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from maogang_cli import output
from maogang_cli.i18n import N_, NC_, _, pgettext
from maogang_cli.output import Cell, Column
from maogang_cli.words import frequency_word

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from maogang_cli.app.plan import PlanPage
    from maogang_cli.domain.duties import Duty

# The words of the agenda's kinds and the milestones' states (frequencies: words.py),
# shown through pgettext (context "plan"): "done" and "overdue" say other things elsewhere.
_PLAN_WORDS: dict[str, str] = {
    # agenda kinds
    "task": NC_("plan", "task"),
    "task_milestone": NC_("plan", "step"),
    "plan_milestone": NC_("plan", "milestone"),
    "duty": NC_("plan", "duty"),
    "hazard": NC_("plan", "hazard"),  # not closed (销号) by the supervising department listed
    # milestone states
    "done": NC_("plan", "done"),
    "open": NC_("plan", "open"),
    "overdue": NC_("plan", "overdue"),
}
# The plan numbers its actions （一）…（九）.
_ACTION_NUMBERS = (N_("1. "), N_("2. "), N_("3. "), N_("4. "), N_("5. "),
                   N_("6. "), N_("7. "), N_("8. "), N_("9. "), N_("10. "))  # fmt: skip
_MEASURE = 24  # cells of the plan table's measure column


def w(key: str) -> str:
    """The word for an agenda kind, a milestone state or a frequency; an unknown key as
    stored (a newer database)."""
    return pgettext("plan", _PLAN_WORDS[key]) if key in _PLAN_WORDS else key


def _action_number(number: int) -> str:
    if 1 <= number <= len(_ACTION_NUMBERS):
        return _(_ACTION_NUMBERS[number - 1])
    return f"{number}. "


def unit_run(names: Sequence[str]) -> str:
    """Unit names in a row that wraps only between names, the separator ending the line:
    as many names a line as the column has room for, so it grows with the terminal
    (cli.tables.unit_lines puts one a line: right for a catalogue, too tall for 19 units).
    """
    return pgettext("unit list", ", ").join(map(output.whole, names))  # names never cut


def brief(title: str, cells: int = 48) -> str:
    """A duty's title cut for a heading: its first clause, at most `cells` wide ('⋯' marks
    a cut: not ASCII '...' in Chinese text, and not '…', which is of ambiguous width and
    drawn double on many Chinese terminals). The whole title is in `duty list` and
    `--json`."""
    from rich.cells import cell_len, set_cell_size

    clause = re.split("[，；。]", title, maxsplit=1)[0]
    if cell_len(clause) <= cells:
        return clause
    return set_cell_size(clause, cells - 1).rstrip() + "⋯"


def plan_tables(page: PlanPage, day: date) -> None:
    from rich.cells import cell_len, chop_cells

    from maogang_cli.wrap import wrap

    head: list[str | Cell] = [Cell(_("The three-year plan as of {day}").format(day=day), "bold")]
    for due, text in page.targets:
        # the target's words hang under its first line, not back at the margin
        lead = _("Target {due}  {text}").format(due=due, text="")
        hang = " " * cell_len(lead)
        first, *rest = wrap(text, max(output.width() - len(hang), 12), clauses=True)
        head += [lead + first, *(hang + line for line in rest)]
    output.print_lines(head)
    for view in page.actions:
        rows: list[list[str | Cell]] = []
        for m in view.measures:
            tasks = "\n".join(f"{t.id} {t.done}/{t.units}" for t in m.tasks) or "-"
            steps = "\n".join(  # a milestone by its short name; a state word never cut
                f"{output.whole(page.short_names.get(s.milestone.id, s.milestone.id))} "
                f"{s.milestone.due} "
                + output.whole(f"{w(s.state)} {sum(o.done for o in s.owed)}/{len(s.owed)}")
                for s in m.milestones
            )
            style = "red" if any(s.state == "overdue" for s in m.milestones) else ""
            measure = "\n".join(chop_cells(m.measure.title, _MEASURE))
            rows.append([str(m.measure.number), measure, tasks, Cell(steps or "-", style)])
        # The first three columns have fixed widths, so the nine tables line up; they do
        # not wrap (a measure is cut into lines here), so only the milestones column
        # narrows on a small terminal and its words (ids, dates) stay whole.
        columns = [
            Column(_("No."), justify="right", no_wrap=True, min_width=4),
            Column(_("Measure"), no_wrap=True, min_width=_MEASURE),
            Column(pgettext("column", "Tasks"), no_wrap=True, min_width=12),
            Column(_("Milestones"), max_width=33),
        ]
        title = f"{_action_number(view.action.number)}{view.action.title}"
        output.print_table(columns, rows, title=title)
    output.print_text(_("n/m: units done / units owing (a task's lead units)."))


def duty_table(
    duties: Sequence[Duty],
    counts: dict[str, dict[str, Any]],
    day: date,
    short_names: Mapping[str, str],
) -> None:
    """One row per duty: its short name (月报, what `duty done` takes; else its id), title
    and owners in one column as wide as the terminal allows; the rule and span; done of
    due."""
    rows: list[list[str | Cell]] = []
    for duty in duties:
        rule = frequency_word(duty.frequency)
        if duty.due_day:
            rule += _("\nby day {day}").format(day=duty.due_day)
        c = counts[duty.id]
        owners = _("Owed by: {units}").format(units=unit_run(duty.owners))
        if not c["in_overdue"]:
            owners += " *"
        span = _("{first} to\n{last}").format(first=duty.start, last=duty.end)
        rows.append(
            [
                f"{short_names.get(duty.id, duty.id)}\n{duty.title}\n{owners}",
                f"{rule}\n{span}",
                Cell(f"{c['done']}/{c['due']}", "red" if c["missing"] else ""),
            ]
        )
    columns = [
        Column(_("Duty")),
        Column(_("When"), no_wrap=True),
        Column(pgettext("column", "Done"), justify="right", no_wrap=True),
    ]
    title = _("Recurring duties as of {day}").format(day=day)
    output.print_table(columns, rows, title=title)
    output.print_lines(
        [
            _("Done: instances (period, unit) due so far: done / all"),
            _("* Owed only by collectives with no named members:"),
            "  " + _("overdue leaves it out unless --all-duties"),
        ]
    )
