"""Every word the wall chart prints: English msgids, the Chinese in the gettext
catalogue. One table, so the page, its band and its panels say a thing the same way."""

from maogang_cli.i18n import N_, _

WORDS: dict[str, str] = {
    "chart": N_("{title}: wall chart"),
    "as_of": N_("As of {day}"),
    "by_action": N_("By action"),
    "by_unit": N_("By unit (lead tasks)"),
    "duties": N_("Recurring duties (保障措施)"),
    "plan_milestones": N_("Plan milestones"),
    "completion": N_("Done {rate}"),
    "tasks_done": N_("(task, lead unit) pairs done {done}/{tasks}"),
    "overdue": N_("overdue {n}"),
    "done_late": N_("done late {n}"),
    "units": N_("units: red {red} · yellow {yellow} · green {green}"),
    "reports": N_("monthly reports on time {on_time}/{due} ({rate})"),
    "red": N_("red: overdue, not done"),
    "yellow": N_("yellow: due within {n} days"),
    "green_done": N_("green: done"),
    "green_open": N_("not yet due"),
    "big": N_("large mark: task deadline; small: task step"),
    "today_line": N_("line: the as-of day"),
    "count": N_("number: tasks due that month"),
    "waiting": N_("not done: {units}"),
    "filters": N_("Showing: {text}"),
    "year": N_("year {value}"),
    "unit": N_("unit {value}"),
    "action": N_("action {value}"),
    "no_task_list": N_("no task list for {value}: plan milestones and duties only"),
    "year_label": N_("{year}"),
    "empty": N_("(none)"),
    "hazards": N_("major hazards: found {found} · open {open} · overdue {overdue}"),
    "targets": N_(
        "targets: {stock} ({stock_verdict}) · {increment} ({increment_verdict}) · "
        "{zero} ({zero_verdict})"
    ),
}


def word(key: str, **values: object) -> str:
    text = _(WORDS[key])
    return text.format(**values) if values else text
