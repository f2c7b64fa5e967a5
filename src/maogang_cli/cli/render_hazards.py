"""The hazard ledger for people: the list, one hazard's timeline, statistics, targets.
Tables stay readable at 60 and 80 columns: long text wraps in its own column."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.hazard_words import dimension_headings, event_word, target_figures, word
from maogang_cli.i18n import _
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.app.hazard_figures import Stats
    from maogang_cli.app.hazard_ledger import HazardView, Timeline
    from maogang_cli.app.hazards_import import Imported
    from maogang_cli.domain.hazard_figures import Targets


def _state_cell(v: HazardView) -> Cell:
    """The state, the deadline in force and, past it, by how many days."""
    text = f"{word(v.state)}\n{v.deadline.isoformat()}"
    if v.overdue:
        text += "\n" + _("{n}d overdue").format(n=v.days_overdue)
        return Cell(text, "red")
    return Cell(text, "dim" if v.state in ("closed", "voided") else "")


def hazards_table(views: Sequence[HazardView], day: date) -> None:
    """Where the business's name would fold beside the other columns (60 columns), the id
    stands over the state instead of beside it: names and dates stay whole."""
    if not views:
        output.note(_("no hazards match, as of {day}").format(day=day))
        return
    place = Column(_("Place"), no_wrap=True)  # a village, a sector, a department a line
    text = Column(_("Business / hazard"))
    places = [f"{v.village}\n{v.sector}\n{v.department}" for v in views]
    # The business's name is never cut; the hazard's description wraps under it.
    texts = [f"{output.whole(v.entity)}\n{v.description}" for v in views]
    columns = [Column(_("ID"), no_wrap=True), Column(_("State / deadline"), no_wrap=True)]
    states = [_state_cell(v) for v in views]
    beside: list[list[str | Cell]] = [
        [v.id, state, where, output.whole(v.entity)]
        for v, state, where in zip(views, states, places, strict=True)
    ]
    if output.table_fits([*columns, place, text], beside):
        rows: list[list[str | Cell]] = [
            [v.id, state, where, text]
            for v, state, where, text in zip(views, states, places, texts, strict=True)
        ]
    else:
        columns = [Column(_("ID / state"), no_wrap=True)]
        rows = [
            [Cell(f"{v.id}\n{state.text}", state.style), where, text]
            for v, state, where, text in zip(views, states, places, texts, strict=True)
        ]
    overdue = sum(v.overdue for v in views)
    output.print_table(
        [*columns, place, text],
        rows,
        title=_("Hazards as of {day}").format(day=day),
        caption=_("{n} hazards, {overdue} overdue; place: village, sector, department").format(
            n=len(views), overdue=overdue
        ),
    )


def timeline_view(t: Timeline, day: date) -> None:
    h, v = t.hazard, t.view
    assert v is not None
    state = word(v.state)
    if v.overdue:
        state = _("{state} ({n}d overdue)").format(state=state, n=v.days_overdue)
    fields = [
        (_("ID"), h["id"]),
        (_("State"), state),
        (_("Level"), word(h["level"])),
        (_("Source"), word(h["source"])),
        (_("Found on"), h["found_on"]),
        (_("Deadline"), v.deadline.isoformat()),
        (_("Original deadline"), h["deadline"]),
        (_("Business"), h["entity"]),
        (_("Credit code"), h["uscc"] or "-"),
        (_("Address"), h["address"] or "-"),
        (_("Village"), h["village"]),
        (_("Sector"), h["sector"]),
        (_("Department"), v.department),
        (_("Basis"), h["basis"] or "-"),
        (_("Description"), h["description"]),
        (_("Responsible person"), h["responsible_person"] or "-"),
        (_("Measures"), h["measures"] or "-"),
        (_("Funds (万元)"), "-" if h["funds"] is None else f"{h['funds']:g}"),
        (_("Contingency plan"), h["contingency_plan"] or "-"),
    ]
    output.print_fields(fields)
    rows: list[list[str | Cell]] = []
    for e in t.events:
        text = e["note"]
        if e["new_deadline"]:
            text = _("new deadline {day}, approved by {who}").format(
                day=e["new_deadline"],
                who=output.whole(e["approved_by"]),  # a name: not cut
            ) + (f"\n{text}" if text else "")
        if e["event"] == "voided":
            text = (
                _("voids step {n}").format(n=e["voids"]) if e["voids"] else _("voids the hazard")
            ) + (f"\n{text}" if text else "")
        # Struck through on a terminal, and said in words for a pipe, a file, NO_COLOR
        # and print: a voided 销号 must never read as a valid one.
        void = t.voided_by.get(e["seq"])
        style = "strike" if void is not None else ""
        event_text = event_word(e["event"])
        if void is not None:
            event_text += "\n" + _("(voided)")
            # short lines: a date is never cut in two in a narrow note column
            by = _("voided by step {n}").format(n=void["seq"])
            when = _("{day}, {who}").format(day=void["happened_on"], who=void["recorded_by"])
            reason = _("reason: {reason}").format(reason=void["note"])
            text = f"{by}\n{when}\n{reason}" + (f"\n{text}" if text else "")
        rows.append(
            [
                Cell(str(e["seq"]), style),
                Cell(event_text, style),
                e["happened_on"],
                e["recorded_by"],
                text or "-",
            ]
        )
    output.print_table(
        [
            Column(_("Step"), justify="right", no_wrap=True),
            Column(_("Event"), no_wrap=True),
            Column(_("Date"), no_wrap=True),
            Column(_("By")),
            Column(_("Note")),
        ],
        rows,
        title=_("Timeline as of {day}").format(day=day),
    )


def stats_tables(s: Stats) -> None:
    t = s.total
    median = (
        "-"
        if s.median_days_to_close is None
        else _("{n} days").format(n=f"{s.median_days_to_close:g}")
    )
    output.print_lines(
        [
            _(
                "Hazards as of {day}: {total} found, {open} open, {closed} closed, "
                "{overdue} overdue, {on_time} closed on time; median time to close {median}"
            ).format(
                day=s.as_of,
                total=t.total,
                open=t.open,
                closed=t.closed,
                overdue=t.overdue,
                on_time=t.closed_on_time,
                median=median,
            )
        ]
    )
    headings = dimension_headings()
    for dimension, lines in s.by.items():
        if not lines:
            continue
        named = dimension in ("source", "level")
        output.print_table(
            [
                Column(headings[dimension]),
                Column(_("Found"), justify="right", no_wrap=True),
                Column(_("Open"), justify="right", no_wrap=True),
                Column(_("Closed"), justify="right", no_wrap=True),
                Column(_("Overdue"), justify="right", no_wrap=True),
                Column(_("On time"), justify="right", no_wrap=True),
            ],
            [
                [
                    word(line.name) if named else line.name,
                    str(line.total),
                    str(line.open),
                    str(line.closed),
                    Cell(str(line.overdue), "red" if line.overdue else ""),
                    str(line.closed_on_time),
                ]
                for line in lines
            ],
        )


def _verdict(met: bool | None) -> Cell:
    if met is None:
        return Cell(_("not yet judged"), "yellow")
    return Cell(_("met"), "green") if met else Cell(_("not met"), "bold red")


def targets_lines(t: Targets, day: date) -> None:
    """Each target as a line with its verdict, then its figures indented under it: the
    figures are a sentence, which reads better wrapped than squeezed into a column."""
    lines: list[str | Cell] = [_("The plan's first target, as of {day}").format(day=day), ""]
    for name, target, figures in target_figures(t):
        verdict = _verdict(target.met)
        lines.append(
            Cell(
                _("{target} (due {due}): {verdict}").format(
                    target=name, due=target.due, verdict=verdict.text
                ),
                verdict.style,
            )
        )
        lines.append("  " + figures)
    lines += ["", _("Figures count major hazards (重大); voided ones are left out.")]
    output.print_lines(lines)


def import_summary(done: Imported, file: str, dry_run: bool) -> None:
    from maogang_cli.cli.render_import import foot_note
    from maogang_cli.domain.hazard_sheet import heading

    foot_note(done.foot)

    for row, hazard_id, fields in done.differing:
        output.warn(
            _(
                "{file}:{row}: {id} is already on the ledger, which the sheet does not "
                "change: {fields}; a later deadline is an extension (hazard event {id} "
                "extended), another mistake a void and a new registration"
            ).format(
                file=file,
                row=row,
                id=hazard_id,
                fields=_("; ").join(
                    _("{field} {sheet} in the sheet, {ledger} on the ledger").format(
                        field=heading(field), sheet=sheet, ledger=ledger
                    )
                    for field, sheet, ledger in fields
                ),
            )
        )
    for row, hazard_id in done.registered:
        output.print_text(f"{row}\t{hazard_id}")
    message = (
        _("dry run: {n} would be registered, {skipped} already registered; nothing written")
        if dry_run
        else _("registered {n} hazards, {skipped} already registered")
    )
    output.note(message.format(n=len(done.registered), skipped=len(done.skipped)))
