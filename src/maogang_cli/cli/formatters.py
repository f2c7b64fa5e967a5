"""One way to print (todoman's formatters.py): the root's --json chooses the JSON
formatter, else the table one, once per run (`run_of(ctx).formatter`). A command calls the
method for what its use case returned; it never branches on the format itself. Renderers
render: everything they show was read before they are called.

Each method imports what it draws with inside itself, so a run loads only the renderer
(or the JSON contracts) of its own command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.app.backup import Copied
    from maogang_cli.app.hazard_figures import Stats
    from maogang_cli.app.hazard_ledger import HazardView, Timeline
    from maogang_cli.app.history import Entries
    from maogang_cli.app.owed import Overdue
    from maogang_cli.app.plan import Agenda, DutyList, PlanPage
    from maogang_cli.app.progress import TaskCard, UnitTasks
    from maogang_cli.app.reporting import ReportGrid
    from maogang_cli.domain.agenda import Window
    from maogang_cli.domain.hazard_figures import Targets
    from maogang_cli.domain.models import TaskInfo, UnitInfo
    from maogang_cli.domain.rank import RankRow
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.domain.status import UnitSummary
    from maogang_cli.i18n import Lang


class Formatter:
    """The reports every command prints, in one format."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def unit_status(self, summaries: Sequence[UnitSummary], options: ReportOptions) -> None:
        raise NotImplementedError

    def unit_tasks(self, found: UnitTasks, options: ReportOptions) -> None:
        raise NotImplementedError

    def task_card(self, card: TaskCard, day: date) -> None:
        raise NotImplementedError

    def history(self, found: Entries) -> None:
        raise NotImplementedError

    def duty_history(self, found: Entries) -> None:
        raise NotImplementedError

    def overdue(self, found: Overdue, day: date) -> None:
        raise NotImplementedError

    def agenda(self, found: Agenda, window: Window, day: date) -> None:
        raise NotImplementedError

    def duty_list(self, found: DutyList, day: date) -> None:
        raise NotImplementedError

    def reports(self, grid: ReportGrid, day: date) -> None:
        raise NotImplementedError

    def rank(self, rows: Sequence[RankRow], options: ReportOptions) -> None:
        raise NotImplementedError

    def tasks(self, found: Sequence[TaskInfo]) -> None:
        raise NotImplementedError

    def units(self, found: Sequence[UnitInfo]) -> None:
        raise NotImplementedError

    def plan(self, page: PlanPage, day: date) -> None:
        raise NotImplementedError

    def hazards(self, views: Sequence[HazardView], day: date) -> None:
        raise NotImplementedError

    def hazard(self, timeline: Timeline, day: date) -> None:
        raise NotImplementedError

    def hazard_stats(self, stats: Stats) -> None:
        raise NotImplementedError

    def hazard_targets(self, targets: Targets, day: date) -> None:
        raise NotImplementedError

    def backup(self, copied: Copied) -> None:
        raise NotImplementedError


class TableFormatter(Formatter):
    """Tables for people, in --lang."""

    def unit_status(self, summaries: Sequence[UnitSummary], options: ReportOptions) -> None:
        from maogang_cli.cli.render_progress import status_table

        status_table(summaries, options.as_of, options.warn_days, options.cooperating)

    def unit_tasks(self, found: UnitTasks, options: ReportOptions) -> None:
        from maogang_cli.cli.render_progress import unit_tasks

        unit_tasks(found, options.as_of)

    def task_card(self, card: TaskCard, day: date) -> None:
        from maogang_cli.cli.render_progress import task_card

        task_card(card.task, card.states, day)

    def history(self, found: Entries) -> None:
        from maogang_cli.cli.render_history import task_history_table

        task_history_table(found)

    def duty_history(self, found: Entries) -> None:
        from maogang_cli.cli.render_history import duty_history_table

        duty_history_table(found)

    def overdue(self, found: Overdue, day: date) -> None:
        from maogang_cli.cli.render_overdue import overdue_table

        overdue_table(found.items, found.tasks, day, found.duty_names)

    def agenda(self, found: Agenda, window: Window, day: date) -> None:
        from maogang_cli.cli.render_agenda import agenda_table

        agenda_table(found.items, window, day, found.duty_names)

    def duty_list(self, found: DutyList, day: date) -> None:
        from maogang_cli.cli.render_plan import duty_table

        duty_table(found.duties, found.counts, day, found.short_names)

    def reports(self, grid: ReportGrid, day: date) -> None:
        from maogang_cli.cli.render_reports import reports_grid

        reports_grid(grid.duty, grid.periods, grid.units, grid.instances, day)

    def rank(self, rows: Sequence[RankRow], options: ReportOptions) -> None:
        from maogang_cli.cli.render_rank import nothing_to_rank, rank_table

        if not rows:
            output.print_text(nothing_to_rank(options.as_of, options.year))
            return
        rank_table(rows, options.as_of, options.cooperating)

    def tasks(self, found: Sequence[TaskInfo]) -> None:
        from maogang_cli.cli.tables import tasks_table

        tasks_table(list(found))

    def units(self, found: Sequence[UnitInfo]) -> None:
        from maogang_cli.cli.tables import units_table

        units_table(list(found))

    def plan(self, page: PlanPage, day: date) -> None:
        from maogang_cli.cli.render_plan import plan_tables

        plan_tables(page, day)

    def hazards(self, views: Sequence[HazardView], day: date) -> None:
        from maogang_cli.cli.render_hazards import hazards_table

        hazards_table(views, day)

    def hazard(self, timeline: Timeline, day: date) -> None:
        from maogang_cli.cli.render_hazards import timeline_view

        timeline_view(timeline, day)

    def hazard_stats(self, stats: Stats) -> None:
        from maogang_cli.cli.render_hazards import stats_tables

        stats_tables(stats)

    def hazard_targets(self, targets: Targets, day: date) -> None:
        from maogang_cli.cli.render_hazards import targets_lines

        targets_lines(targets, day)

    def backup(self, copied: Copied) -> None:
        from maogang_cli.cli.render_backup import backup_table

        backup_table(copied)


class JsonFormatter(Formatter):
    """The documented `--json` shapes (docs/json.md), English keys; notes go to stderr."""

    def unit_status(self, summaries: Sequence[UnitSummary], options: ReportOptions) -> None:
        from maogang_cli.contracts import unit_status_json

        output.print_json([unit_status_json(s) for s in summaries])

    def unit_tasks(self, found: UnitTasks, options: ReportOptions) -> None:
        from maogang_cli.contracts import pair_json

        output.print_json([pair_json(s, found.tasks[s.task_id]) for s in found.states])

    def task_card(self, card: TaskCard, day: date) -> None:
        from maogang_cli.contracts import pair_json, task_json

        units = [pair_json(s, card.task) for s in card.states]
        output.print_json(task_json(card.task) | {"units": units})

    def history(self, found: Entries) -> None:
        from maogang_cli.contracts import record_json

        output.print_json([record_json(dict(r), found.voided.get(r["id"])) for r in found.rows])

    def duty_history(self, found: Entries) -> None:
        from maogang_cli.contracts import duty_record_json

        output.print_json(
            [duty_record_json(dict(r), found.voided.get(r["id"])) for r in found.rows]
        )

    def overdue(self, found: Overdue, day: date) -> None:
        # The contracts' text without their dicts (contracts.overdue_json and
        # plan_contracts.owed_overdue_json; pinned by tests/test_overdue_lines.py).
        from maogang_cli.overdue_lines import overdue_lines

        output.print_json_lines(overdue_lines(found.items, found.tasks))

    def agenda(self, found: Agenda, window: Window, day: date) -> None:
        from maogang_cli.plan_contracts import agenda_json

        output.print_json([agenda_json(i) for i in found.items])

    def duty_list(self, found: DutyList, day: date) -> None:
        from maogang_cli.plan_contracts import duty_json

        output.print_json([duty_json(d, found.counts[d.id]) for d in found.duties])

    def reports(self, grid: ReportGrid, day: date) -> None:
        from maogang_cli.contracts import report_json

        output.print_json([report_json(i) for i in grid.instances])
        if not grid.periods:
            from maogang_cli.cli.render_reports import no_reports

            output.note(no_reports(grid.duty))

    def rank(self, rows: Sequence[RankRow], options: ReportOptions) -> None:
        from maogang_cli.contracts import rank_json

        output.print_json([rank_json(r) for r in rows])
        if not rows:
            from maogang_cli.cli.render_rank import nothing_to_rank

            output.note(nothing_to_rank(options.as_of, options.year))

    def tasks(self, found: Sequence[TaskInfo]) -> None:
        from maogang_cli.contracts import task_json

        output.print_json([task_json(t) for t in found])

    def units(self, found: Sequence[UnitInfo]) -> None:
        from maogang_cli.contracts import unit_json

        output.print_json([unit_json(u) for u in found])

    def plan(self, page: PlanPage, day: date) -> None:
        from maogang_cli.plan_contracts import plan_json

        output.print_json(plan_json(page.actions))

    def hazards(self, views: Sequence[HazardView], day: date) -> None:
        from maogang_cli.hazard_contracts import hazard_json

        output.print_json([hazard_json(v) for v in views])

    def hazard(self, timeline: Timeline, day: date) -> None:
        from maogang_cli.hazard_contracts import timeline_json

        output.print_json(timeline_json(timeline))

    def hazard_stats(self, stats: Stats) -> None:
        from maogang_cli.hazard_contracts import stats_json

        output.print_json(stats_json(stats))

    def hazard_targets(self, targets: Targets, day: date) -> None:
        from maogang_cli.hazard_contracts import targets_json

        output.print_json(targets_json(targets, day.isoformat()))

    def backup(self, copied: Copied) -> None:
        from maogang_cli.cli.render_backup import backup_json

        output.print_json(backup_json(copied))


def choose(json: bool, lang: Lang) -> Formatter:
    return JsonFormatter(lang) if json else TableFormatter(lang)
