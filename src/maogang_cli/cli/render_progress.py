"""Tables for progress, status and overdue items. Colour is never the only signal:
every coloured row also carries a word (红/黄/绿), so NO_COLOR and pipes lose nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.tables import unit_list
from maogang_cli.domain.rates import rate_text
from maogang_cli.domain.status import PairState, Signal, UnitSummary
from maogang_cli.i18n import Lang, t
from maogang_cli.marks import pair_signal_word, signal_word
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.app.progress import UnitTasks
    from maogang_cli.domain.models import TaskInfo

_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green"}


def signal_cell(signal: Signal, lang: Lang, blocked: bool = False) -> Cell:
    """The 督办 word (see `marks`) in its colour."""
    return Cell(signal_word(signal, blocked=blocked), _STYLE[signal])


def signal_column(lang: Lang) -> Column:
    """The 督办 column: whole, so the word survives."""
    return Column("督办" if lang == "zh" else "Flag", no_wrap=True)


def legend(warn_days: int, lang: Lang) -> str:
    if lang == "zh":
        return (
            f"红：逾期未完成；黄：{warn_days}天内到期未完成；绿：其他；阻：有受阻事项。"
            "完成率＝已完成÷任务数。"
        )
    return (
        f"RED: overdue; YELLOW: due within {warn_days} days, not done; GREEN: otherwise; "
        "BLOCKED: something is blocked. Done % = done / tasks."
    )


def status_table(
    summaries: Sequence[UnitSummary], day: date, warn_days: int, cooperating: bool, lang: Lang
) -> None:
    zh = lang == "zh"
    if not summaries:
        output.print_text(
            f"截至 {day} 没有要统计的任务（检查 --year）。"
            if zh
            else f"No tasks to count as of {day} (check --year)."
        )
        return
    # Too wide for the terminal: 受阻 goes first (督办 says 阻), then the counts that
    # add up to 任务 with 完成; 任务, 完成, 逾期, 完成率 and 督办 always stay.
    columns = [
        Column(t("unit", lang), no_wrap=True),
        Column("任务" if zh else "Tasks", justify="right", no_wrap=True),
        Column("完成" if zh else "Done", justify="right", no_wrap=True),
        Column("推进" if zh else "Doing", justify="right", no_wrap=True, drop=4),
        Column("未开始" if zh else "Todo", justify="right", no_wrap=True, drop=3),
        Column("受阻" if zh else "Block", justify="right", no_wrap=True, drop=5),
        Column("逾期" if zh else "Over", justify="right", no_wrap=True),
        Column("逾期完成" if zh else "Late", justify="right", no_wrap=True, drop=2),
        Column("完成率" if zh else "Rate", justify="right", no_wrap=True),
        signal_column(lang),
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
            signal_cell(s.signal, lang, blocked=s.blocked > 0),
        ]
        for s in summaries
    ]
    scope = ("主办+协办" if cooperating else "主办") if zh else ("all" if cooperating else "lead")
    title = f"督办状态（截至 {day}，{scope}）" if zh else f"Status as of {day} ({scope} units)"
    output.print_table(columns, rows, title=title, caption=legend(warn_days, lang))


def _when(state: PairState, lang: Lang) -> str:
    if state.status == "done":
        if state.done_late:
            return t("late_by", lang, n=state.days_late)
        # Not the day it was done: under 期限 a date would read as a deadline (show has it).
        return t("done_on_time", lang)
    if state.overdue:
        return t("days_overdue", lang, n=state.days_overdue)
    if state.days_left == 0:
        return t("due_today", lang)
    return t("days_left", lang, n=state.days_left)


def _status_text(state: PairState, lang: Lang) -> str:
    """The state, with the latest 进度 percent while not done (推进中 60%)."""
    word = t(state.status, lang)
    if state.percent is None or state.status == "done":
        return word
    return f"{word} {state.percent}%"


def unit_tasks(found: UnitTasks, day: date, lang: Lang) -> None:
    unit, states, tasks = found
    zh = lang == "zh"
    several = len({s.unit for s in states}) > 1  # a group: say whose row it is
    note = "最新备注" if zh else "Note"
    columns = [
        Column(t("seq", lang), justify="right", no_wrap=True),
        Column(t("task", lang)),
        *([Column(t("unit", lang), no_wrap=True)] if several else []),
        Column(t("role", lang), no_wrap=True, drop=3),
        Column(t("status", lang), no_wrap=True),
        # For a group the unit takes the room; 期限 still says how far the deadline is.
        *([] if several else [Column(t("deadline", lang), no_wrap=True, drop=2)]),
        Column("期限" if zh else "When", no_wrap=True),
        signal_column(lang),
        # Where the table is too wide, the note goes under its task rather than away.
        Column(note, max_width=24, drop=1, under=t("task", lang)),
    ]
    rows: list[list[str | Cell]] = [
        [
            str(tasks[s.task_id].seq),
            tasks[s.task_id].title,
            *([s.unit] if several else []),
            t(s.role, lang),
            _status_text(s, lang),
            *([] if several else [str(s.deadline)]),
            Cell(_when(s, lang), _STYLE[s.signal]),
            Cell(pair_signal_word(s.signal, s.status), _STYLE[s.signal]),
            s.note or "-",
        ]
        for s in states
    ]
    title = f"{unit} 的任务（截至 {day}）" if zh else f"Tasks of {unit} as of {day}"
    done = sum(s.status == "done" for s in states)
    caption = (
        f"共 {len(states)} 项，已完成 {done} 项" if zh else f"{len(states)} tasks, {done} done"
    )
    output.print_table(columns, rows, title=title, caption=caption)


def task_card(task: TaskInfo, states: Sequence[PairState], day: date, lang: Lang) -> None:
    zh = lang == "zh"
    head = f"{task.id}  {task.title}"
    if task.retired:
        head += f"  [{t('retired', lang)}]"
    fields: list[tuple[str, str]] = [
        (t("action", lang), task.action),
        (t("deadline", lang), str(task.deadline)),
        (t("responsible_units", lang), unit_list(task.responsible, task.responsible_etc)),
        (
            t("cooperating_units", lang),
            unit_list(task.cooperating, task.cooperating_etc) or "-",
        ),
        (t("description", lang), task.description),
        # No space after the date in Chinese: the text then wraps beside it, not below.
        *(
            (t("milestone", lang), f"{m['due']}{'：' if zh else ': '}{m['text']}")
            for m in task.milestones
        ),
    ]
    output.print_lines([Cell(head, "bold")])
    output.print_fields(fields)
    columns = [
        Column(t("unit", lang), no_wrap=True),
        Column(t("role", lang), no_wrap=True),
        Column(t("status", lang), no_wrap=True),
        Column("期限" if zh else "When", no_wrap=True),
        signal_column(lang),
        Column("最新备注" if zh else "Note"),
    ]
    rows: list[list[str | Cell]] = [
        [
            s.unit,
            t(s.role, lang),
            t(s.status, lang),
            Cell(_when(s, lang), _STYLE[s.signal]),
            signal_cell(s.signal, lang),
            s.note or "-",
        ]
        for s in states
    ]
    title = f"各单位进展（截至 {day}）" if zh else f"Units as of {day}"
    output.print_table(columns, rows, title=title)
