"""The words of the monthly 通报, as a list of blocks both writers lay out (Word and
Markdown say exactly the same thing). Sections are numbered as a 公文 numbers them:
一、 for a first-level heading, （一） for a second-level one; in English 1. and (1)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.rank import rank_text
from maogang_cli.domain.rates import rate_text
from maogang_cli.hazard_words import target_figures
from maogang_cli.i18n import N_, NC_, _, ngettext, pgettext
from maogang_cli.words import clauses, day_text, month_text, names, status_word

if TYPE_CHECKING:
    from maogang_cli.domain.bulletin import Bulletin, HazardSection, TaskProgress
    from maogang_cli.domain.owed import OverdueGroup

# Who issues it, and where the office writes its own part (by hand, after printing).
ISSUER = N_("Taskforce of the 泖港镇 安全生产治本攻坚 three-year action")
# 一 二 三 … in Chinese: the number of a section as a 公文 writes it
NUMBERS = (
    NC_("section number", "1"),
    NC_("section number", "2"),
    NC_("section number", "3"),
    NC_("section number", "4"),
    NC_("section number", "5"),
    NC_("section number", "6"),
    NC_("section number", "7"),
    NC_("section number", "8"),
    NC_("section number", "9"),
    NC_("section number", "10"),
)


class Block(NamedTuple):
    """title, h1, h2, para, table (rows: the header first), note (to fill in), signature."""

    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def action_name(plan_title: str) -> str:
    """The plan's action without 实施方案 and its years: 泖港镇安全生产治本攻坚三年行动."""
    return re.sub(r"实施方案.*$", "", plan_title) or plan_title


def bulletin_blocks(bulletin: Bulletin) -> list[Block]:
    b = bulletin
    month = month_text(b.month.key)
    day = day_text(b.as_of)
    blocks = [
        Block(
            "title",
            _("Bulletin on the progress of {action} in {month}").format(
                action=action_name(b.title), month=month
            ),
        ),
        Block(
            "para",
            _(
                "As 《{plan}》({document}) asks for information to be gathered and progress "
                "to be published (晾晒通报), here is where each unit stands as of {day}."
            ).format(plan=b.title, document=b.document or "-", day=day),
        ),
    ]
    sections: list[tuple[str, list[Block]]] = [
        (_("Overall progress"), _overview(b, day)),
        (_("Ranking of units (晾晒排名)"), _ranking(b)),
        (_("Overdue tasks by unit"), _overdue(b, day)),
        (_("Monthly reports"), _reports(b, month, day)),
        (_("Duties and plan milestones missed"), _missed(b, day)),
        (_("Major accident hazards (重大事故隐患)"), _hazards(b.hazards, day)),
        (_("Next steps"), [Block("note", _("(For the taskforce to write.)"))]),
    ]
    for number, (heading, body) in enumerate(sections):
        blocks.append(
            Block("h1", _("{number}. {heading}").format(number=_number(number), heading=heading))
        )
        blocks += body
    blocks.append(Block("signature", _(ISSUER)))
    blocks.append(Block("signature", day))
    return blocks


def _number(index: int) -> str:
    return pgettext("section number", NUMBERS[index])


def _h2(number: int, text: str) -> Block:
    return Block("h2", _("({number}) {heading}").format(number=_number(number), heading=text))


def _units(n: int) -> str:
    return ngettext("{n} unit", "{n} units", n).format(n=n)


def _overdue_days(days: int) -> str:
    return ngettext("{days} day overdue", "{days} days overdue", days).format(days=days)


def _named(names_of: list[str]) -> str:
    """(城运中心、应急办) after a count, or nothing."""
    return _(" ({names})").format(names=names(names_of)) if names_of else ""


def _task(p: TaskProgress) -> str:
    return _("{id} {title} ({done}/{units} lead units done)").format(
        id=p.id, title=p.title, done=p.done, units=p.units
    )


def _overview(b: Bulletin, day: str) -> list[Block]:
    t = b.totals
    done_due = sum(1 for p in b.tasks_due if p.done == p.units)
    blocks = [
        _h2(0, _("Tasks")),
        Block(
            "para",
            _(
                "As of {day}, the lead units hold {pairs} (task, unit) items: {done} done "
                "({rate}), {in_progress} in progress, {not_started} not started, {blocked} "
                "blocked; {overdue} overdue and not done, {done_late} done late."
            ).format(
                day=day,
                pairs=t.pairs,
                done=t.done,
                rate=rate_text(t.completion_rate),
                in_progress=t.in_progress,
                not_started=t.not_started,
                blocked=t.blocked,
                overdue=t.overdue,
                done_late=t.done_late,
            ),
        ),
        Block(
            "para",
            # "of which N are done by every lead unit", as the Chinese says: not "every
            # unit has done N" (tester T15)
            ngettext(
                "{due} task has fallen due; done by all its lead units: {done}.",
                "{due} tasks have fallen due; done by all their lead units: {done}.",
                len(b.tasks_due),
            ).format(due=len(b.tasks_due), done=done_due),
        ),
    ]
    if b.month_tasks:
        blocks.append(
            Block(
                "para",
                _("Due this month ({n}): {tasks}.").format(
                    n=len(b.month_tasks), tasks=clauses([_task(p) for p in b.month_tasks])
                ),
            )
        )
    else:
        blocks.append(Block("para", _("No task falls due this month.")))
    blocks.append(_h2(1, _("督办 colours")))
    blocks.append(
        Block(
            "para",
            _(
                "Red (overdue): {red}{red_names}; yellow (due within 15 days): {yellow}"
                "{yellow_names}; green: {green}."
            ).format(
                red=_units(len(t.red)),
                red_names=_named(list(t.red)),
                yellow=_units(len(t.yellow)),
                yellow_names=_named(list(t.yellow)),
                green=_units(len(t.green)),
            ),
        )
    )
    return blocks


RANK_HEADINGS = (
    N_("Rank"),
    N_("Unit"),
    N_("Lead tasks"),
    N_("Done"),
    N_("Done %"),
    N_("Overdue"),
    N_("Done late"),
    N_("Reports due"),
    N_("Reports on time"),
    N_("On-time %"),
)


def _ranking(b: Bulletin) -> list[Block]:
    if not b.ranking:
        return [Block("para", _("Nothing to rank yet: no unit has a task or a report due."))]
    rows = [tuple(_(h) for h in RANK_HEADINGS)]
    rows += [
        (
            rank_text(r.rank),
            r.unit,
            str(r.tasks),
            str(r.done),
            rate_text(r.completion_rate),
            str(r.overdue),
            str(r.done_late),
            str(r.reports_due),
            str(r.reports_on_time),
            rate_text(r.report_rate),
        )
        for r in b.ranking
    ]
    rule = _(
        "Units with lead tasks are ranked first, by completion rate (higher first), then "
        "overdue items (fewer first), items done late (fewer first) and the on-time rate of "
        "monthly reports (higher first; compared only between units owing reports: one owing "
        "none shares the place of the best unit equal to it on the other three); units equal "
        "on all four "
        "share a rank. Units with no lead task follow, ranked on the on-time rate of their "
        "monthly reports only; units with nothing due are listed last, unranked (-)."
    )
    return [Block("para", rule), Block("table", rows=tuple(rows))]


def _overdue(b: Bulletin, day: str) -> list[Block]:
    if not b.overdue:
        return [Block("para", _("As of {day}, no task is overdue.").format(day=day))]
    count = sum(len(u.items) for u in b.overdue)
    blocks = [
        Block(
            "para",
            _("As of {day}, overdue tasks not done: {count}, held by {units}:").format(
                day=day, units=_units(len(b.overdue)), count=count
            ),
        )
    ]
    for unit in b.overdue:
        items = []
        for task_id, title, days, status in unit.items:
            late = _overdue_days(days)
            if status in ("in_progress", "blocked"):  # not started goes without saying
                late = _("{overdue}, {status}").format(overdue=late, status=status_word(status))
            items.append(_("{id} {title} ({late})").format(id=task_id, title=title, late=late))
        blocks.append(
            Block(
                "para",
                _("{unit} ({count}): {items}.").format(
                    unit=unit.unit, count=len(unit.items), items=clauses(items)
                ),
            )
        )
    return blocks


def _reports(b: Bulletin, month: str, day: str) -> list[Block]:
    if b.report_due is None:
        return [Block("para", _("No monthly report is owed for {month}.").format(month=month))]
    by_state: dict[str, list[str]] = {"on_time": [], "late": [], "missing": [], "not_due": []}
    for i in b.reports:
        if i.state == "late":
            by_state["late"].append(
                ngettext(
                    "{unit} ({days} day late)", "{unit} ({days} days late)", i.days_late
                ).format(unit=i.unit, days=i.days_late)
            )
        else:
            by_state[i.state].append(i.unit)

    def named(key: str) -> str:
        units = by_state[key]
        count = _units(len(units))
        return count + _named(units)

    blocks = [
        Block(
            "para",
            _(
                "The report for {month} is due by {due}. As of {day}: on time {on_time}; "
                "late {late}; missing {missing}; not yet due {not_due}."
            ).format(
                month=month,
                due=day_text(b.report_due),
                day=day,
                on_time=named("on_time"),
                late=named("late"),
                missing=named("missing"),
                not_due=named("not_due"),
            ),
        )
    ]
    due = sum(r.reports_due for r in b.ranking)
    on_time = sum(r.reports_on_time for r in b.ranking)
    blocks.append(
        Block(
            "para",
            _("Since the plan began: {due} reports due, {on_time} on time ({rate}).").format(
                due=due, on_time=on_time, rate=rate_text(on_time / due if due else None)
            ),
        )
    )
    return blocks


def _missed_line(g: OverdueGroup) -> str:
    name = _("{title} ({period})").format(title=g.title, period=g.period) if g.period else g.title
    return _("{name}: due {due}, {overdue}; not done by {units}.").format(
        name=name,
        due=day_text(g.due),
        overdue=_overdue_days(g.days_overdue),
        units=names([item.unit for item in g.items]),
    )


def _missed(b: Bulletin, day: str) -> list[Block]:
    if not b.missed:
        return [
            Block(
                "para",
                _(
                    "As of {day}, no duty or plan milestone is missed (monthly reports: above)."
                ).format(day=day),
            )
        ]
    blocks = [
        Block(
            "para",
            _("As of {day}, missed (monthly reports: above):").format(day=day),
        )
    ]
    duties = [g for g in b.missed if g.kind == "duty"]
    milestones = [g for g in b.missed if g.kind == "plan_milestone"]
    number = 0
    for heading, groups in ((_("Recurring duties"), duties), (_("Plan milestones"), milestones)):
        if groups:
            blocks.append(_h2(number, heading))
            blocks += [Block("para", _missed_line(g)) for g in groups]
            number += 1
    return blocks


HAZARD_HEADINGS = (
    N_("Department"),
    N_("Found"),
    N_("Open"),
    N_("Closed"),
    N_("Overdue"),
    N_("On time"),
)


def _verdict(met: bool | None) -> str:
    """As `hazard targets` says it."""
    if met is None:
        return _("not yet judged")
    return _("met") if met else _("not met")


def _hazards(h: HazardSection, day: str) -> list[Block]:
    """The words of `hazard stats --level major` and `hazard targets`, as sentences."""
    t = h.total
    median = "-" if h.median_days_to_close is None else f"{h.median_days_to_close:g}"
    blocks = [
        _h2(0, _("The ledger")),
        Block(
            "para",
            _(
                "Hazards as of {day}: {total} found, {open} open, {closed} closed, "
                "{overdue} overdue, {on_time} closed on time; median {median} days to close."
            ).format(
                day=day,
                total=t.found,
                open=t.open,
                closed=t.closed,
                overdue=t.overdue,
                on_time=t.closed_on_time,
                median=median,
            ),
        ),
    ]
    if h.departments:
        rows = [tuple(_(x) for x in HAZARD_HEADINGS)]
        rows += [
            (
                d.name,
                str(d.found),
                str(d.open),
                str(d.closed),
                str(d.overdue),
                str(d.closed_on_time),
            )
            for d in h.departments
        ]
        blocks.append(Block("table", rows=tuple(rows)))
    blocks.append(_h2(1, _("The plan's three targets")))
    for name, target, figures in target_figures(h.targets):
        heading = _("{target} (due {due}): {verdict}").format(
            target=name, due=target.due, verdict=_verdict(target.met)
        )
        blocks.append(
            Block("para", _("{heading}. {figures}.").format(heading=heading, figures=figures))
        )
    return blocks
