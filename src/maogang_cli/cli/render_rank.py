"""The ranking (晾晒排名) for people: one row per unit, the figures it is ranked on whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.domain.rank import rank_text
from maogang_cli.domain.rates import rate_text
from maogang_cli.i18n import NC_, _, pgettext
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.rank import RankRow


def rank_rule() -> str:
    return _(
        "Rule: units with lead tasks first, by completion rate (higher first), then overdue "
        "(fewer first), then done late (fewer first), then on-time report rate (higher first; "
        "compared only between units owing reports: one owing none shares the place of the best "
        "unit equal to it on the other three); units equal on all four share a rank. Units "
        "with no lead task follow, ranked on their on-time report rate only; units with "
        "nothing due are listed last, unranked (-)."
    )


# (heading, its short form on two lines, drop): context "rank", as "Tasks" and "Done" say
# other things elsewhere. The four figures ranked on always stay; where the terminal is
# narrow the counts they are made of go first (月报按时, then 完成, then 任务).
_COLUMNS = (
    (NC_("rank", "Rank"), "", 0),
    (NC_("rank", "Unit"), "", 0),
    (NC_("rank", "Tasks"), "", 1),
    (NC_("rank", "Done"), "", 2),
    (NC_("rank", "Done %"), "", 0),
    (NC_("rank", "Over"), "", 0),
    (NC_("rank", "Late"), NC_("rank, two lines", "Late"), 0),
    (NC_("rank", "Reports"), NC_("rank, two lines", "Reports"), 3),
    (NC_("rank", "On time"), "", 0),
)


def rank_table(rows: Sequence[RankRow], day: date, cooperating: bool) -> None:
    """The ranking, then its rule as lines (wrapped at the terminal's width, not the
    table's). Figures and names never wrap: where the table is wider than the terminal,
    two headings take two lines and the counts not ranked on are left out."""
    table: list[list[str | Cell]] = [
        [
            rank_text(r.rank),
            r.unit,
            str(r.tasks),
            str(r.done),
            rate_text(r.completion_rate, "-"),
            Cell(str(r.overdue), "bold red" if r.overdue else ""),
            str(r.done_late),
            f"{r.reports_on_time}/{r.reports_due}",
            rate_text(r.report_rate, "-"),
        ]
        for r in rows
    ]
    columns = [
        Column(
            pgettext("rank", heading),
            justify="left" if n == 1 else "right",
            no_wrap=True,
            short=pgettext("rank, two lines", short) if short else "",
            drop=drop,
        )
        for n, (heading, short, drop) in enumerate(_COLUMNS)
    ]
    title = (
        _("Ranking as of {day} (lead and support units)")
        if cooperating
        else _("Ranking as of {day} (lead units)")
    )
    output.print_lines([title.format(day=day)])
    output.print_table(columns, table)
    output.print_lines([rank_rule()])


def nothing_to_rank(day: date, year: int | None) -> str:
    if year is None:
        return _("Nothing to rank as of {day}: no tasks and no monthly report due.").format(day=day)
    return _("Nothing to rank as of {day}: no tasks of {year} and no monthly report due.").format(
        day=day, year=year
    )
