"""Tables for progress, status and overdue items. Colour is never the only signal:
every coloured row also carries a word (红/黄/绿), so NO_COLOR and pipes lose nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.tables import unit_list
from maogang_cli.domain.rates import rate_text
from maogang_cli.domain.status import PairState, Signal, UnitSummary
from maogang_cli.i18n import _, pgettext
from maogang_cli.marks import pair_signal_word, signal_word
from maogang_cli.output import Cell, Column
from maogang_cli.words import kind_word, role_word, status_word

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.app.progress import UnitTasks
    from maogang_cli.domain.models import TaskInfo

_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green"}


def signal_cell(signal: Signal, blocked: bool = False) -> Cell:
    """The 督办 word (see `marks`) in its colour."""
    return Cell(signal_word(signal, blocked=blocked), _STYLE[signal])


def signal_column() -> Column:
    """The 督办 column: whole, so the word survives."""
    return Column(pgettext("table", "Flag"), no_wrap=True)


def legend(warn_days: int) -> str:
    return _(
        "RED: overdue; YELLOW: due within {days} days, not done; GREEN: otherwise; "
        "BLOCKED: something is blocked. Done % = done / tasks."
    ).format(days=warn_days)


def status_table(
    summaries: Sequence[UnitSummary], day: date, warn_days: int, cooperating: bool
) -> None:
    if not summaries:
        output.print_text(_("No tasks to count as of {day} (check --year).").format(day=day))
        return
    # Too wide for the terminal: 受阻 goes first (督办 says 阻), then the counts that
    # add up to 任务 with 完成; 任务, 完成, 逾期, 完成率 and 督办 always stay.
    columns = [
        Column(pgettext("table", "Unit"), no_wrap=True),
        Column(pgettext("status", "Tasks"), justify="right", no_wrap=True),
        Column(pgettext("status", "Done"), justify="right", no_wrap=True),
        Column(pgettext("status", "Doing"), justify="right", no_wrap=True, drop=4),
        Column(pgettext("status", "Todo"), justify="right", no_wrap=True, drop=3),
        Column(pgettext("status", "Block"), justify="right", no_wrap=True, drop=5),
        Column(pgettext("status", "Over"), justify="right", no_wrap=True),
        Column(pgettext("status", "Late"), justify="right", no_wrap=True, drop=2),
        Column(pgettext("status", "Rate"), justify="right", no_wrap=True),
        signal_column(),
    ]
    rows: list[list[str | Cell]] = [
        [
            s.unit,
            str(s.tasks),
            str(s.done),
            str(s.in_progress),
            str(s.not_started),
            str(s.blocked),
            Cell(str(s.overdue), _STYLE["red"] if s.overdue else ""),
            str(s.done_late),
            rate_text(s.completion_rate),
            signal_cell(s.signal, blocked=s.blocked > 0),
        ]
        for s in summaries
    ]
    title = (
        _("Status as of {day} (all units)") if cooperating else _("Status as of {day} (lead units)")
    ).format(day=day)
    output.print_table(columns, rows, title=title, caption=legend(warn_days))


def _when(state: PairState) -> str:
    if state.status == "done":
        if state.done_late:
            return _("done {n}d late").format(n=state.days_late)
        # Not the day it was done: under 期限 a date would read as a deadline (show has it).
        return _("done on time")
    if state.overdue:
        return _("{n}d overdue").format(n=state.days_overdue)
    if state.days_left == 0:
        return _("due today")
    return _("{n}d left").format(n=state.days_left)


def _status_text(state: PairState) -> str:
    """The state, with the latest 进度 percent while not done (推进中 60%)."""
    word = status_word(state.status)
    if state.percent is None or state.status == "done":
        return word
    return f"{word} {state.percent}%"


def unit_tasks(found: UnitTasks, day: date) -> None:
    unit, states, tasks = found
    several = len({s.unit for s in states}) > 1  # a group: say whose row it is
    task = pgettext("table", "Task")
    columns = [
        Column(pgettext("table", "No."), justify="right", no_wrap=True),
        Column(task),
        *([Column(pgettext("table", "Unit"), no_wrap=True)] if several else []),
        Column(pgettext("table", "Role"), no_wrap=True, drop=3),
        Column(pgettext("table", "Status"), no_wrap=True),
        # For a group the unit takes the room; 期限 still says how far the deadline is.
        *([] if several else [Column(pgettext("table", "Deadline"), no_wrap=True, drop=2)]),
        Column(pgettext("table", "When"), no_wrap=True),
        signal_column(),
        # Where the table is too wide, the note goes under its task rather than away.
        Column(pgettext("table", "Note"), max_width=24, drop=1, under=task),
    ]
    rows: list[list[str | Cell]] = [
        [
            str(tasks[s.task_id].seq),
            tasks[s.task_id].title,
            *([s.unit] if several else []),
            role_word(s.role),
            _status_text(s),
            *([] if several else [str(s.deadline)]),
            Cell(_when(s), _STYLE[s.signal]),
            Cell(pair_signal_word(s.signal, s.status), _STYLE[s.signal]),
            s.note or "-",
        ]
        for s in states
    ]
    title = _("Tasks of {unit} as of {day}").format(unit=unit, day=day)
    done = sum(s.status == "done" for s in states)
    caption = _("{n} tasks, {done} done").format(n=len(states), done=done)
    output.print_table(columns, rows, title=title, caption=caption)


def task_card(task: TaskInfo, states: Sequence[PairState], day: date) -> None:
    head = f"{task.id}  {task.title}"
    if task.retired:
        head += f"  [{kind_word('retired')}]"
    fields: list[tuple[str, str]] = [
        (pgettext("table", "Action"), task.action),
        (pgettext("table", "Deadline"), str(task.deadline)),
        (pgettext("table", "Responsible"), unit_list(task.responsible, task.responsible_etc)),
        (
            pgettext("table", "Cooperating"),
            unit_list(task.cooperating, task.cooperating_etc) or "-",
        ),
        (pgettext("table", "Description"), task.description),
        # No space after the date in Chinese: the text then wraps beside it, not below.
        *(
            (
                pgettext("table", "Milestone"),
                _("{due}: {text}").format(due=m["due"], text=m["text"]),
            )
            for m in task.milestones
        ),
    ]
    output.print_lines([Cell(head, "bold")])
    output.print_fields(fields)
    columns = [
        Column(pgettext("table", "Unit"), no_wrap=True),
        Column(pgettext("table", "Role"), no_wrap=True),
        Column(pgettext("table", "Status"), no_wrap=True),
        Column(pgettext("table", "When"), no_wrap=True),
        signal_column(),
        Column(pgettext("table", "Note")),
    ]
    rows: list[list[str | Cell]] = [
        [
            s.unit,
            role_word(s.role),
            status_word(s.status),
            Cell(_when(s), _STYLE[s.signal]),
            signal_cell(s.signal),
            s.note or "-",
        ]
        for s in states
    ]
    output.print_table(columns, rows, title=_("Units as of {day}").format(day=day))
