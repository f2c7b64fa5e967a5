"""Monthly reports, the monthly export and the ranking: read from the store, decided by the
domain. Standard library only, so read-only commands stay light."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.duties import MONTHLY_REPORT, Duty
from maogang_cli.domain.export import MonthlyExport, build_export
from maogang_cli.domain.rank import RankRow, rank_units
from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.reports import Instance, grid, totals
from maogang_cli.domain.status import ROLES
from maogang_cli.errors import InvalidRecordError, RefusedError
from maogang_cli.store.duties import duty_records, find_duty
from maogang_cli.store.progress import pair_states, unit_order, unit_summaries
from maogang_cli.store.queries import list_tasks, resolve_unit, units_named

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.periods import Period


class ReportGrid(NamedTuple):
    """`maogang reports`: the monthly report's instances, units × months, as of a day."""

    duty: Duty
    periods: list[Period]
    units: list[str]
    instances: list[Instance]


def monthly_reports(
    conn: sqlite3.Connection,
    as_of: date,
    *,
    unit: str | None = None,
    month: str | None = None,
    first: str | None = None,
    last: str | None = None,
    year: int | None = None,
) -> ReportGrid:
    """Which units sent their monthly report, in the months chosen (see
    `domain.reports.choose_periods`); a month that cannot be read is a usage error."""
    from maogang_cli.domain.reports import choose_periods
    from maogang_cli.errors import refused_value
    from maogang_cli.store.duties import get_duty

    if year is not None:
        from maogang_cli.app.span import check_plan_year

        check_plan_year(conn, year)
    duty = get_duty(conn, MONTHLY_REPORT)
    try:
        periods = choose_periods(duty, as_of, month=month, first=first, last=last, year=year)
    except ValueError as exc:
        raise refused_value(exc) from None
    units = duty_units(conn, duty, unit)
    return ReportGrid(duty, list(periods), units, report_grid(conn, duty, periods, units, as_of))


def duty_units(conn: sqlite3.Connection, duty: Duty, unit: str | None = None) -> list[str]:
    """The duty's units in catalogue order; `unit` (or a group's members) narrows them."""
    owners = duty.owner_units  # stored in catalogue order by the load
    if unit is None:
        return owners
    canonical = resolve_unit(conn, unit)
    wanted = set(units_named(conn, canonical) or [])
    chosen = [u for u in owners if u in wanted]
    if not chosen:
        from maogang_cli.i18n import _
        from maogang_cli.store.duties import shown_name
        from maogang_cli.words import names

        raise InvalidRecordError(
            _("'{unit}' does not owe {duty}{hint}; its units: {units}").format(
                unit=canonical, duty=shown_name(conn, duty.id), hint="", units=names(owners)
            )
        )
    return chosen


def report_grid(
    conn: sqlite3.Connection,
    duty: Duty,
    periods: Sequence[Period],
    units: Sequence[str],
    as_of: date,
    *,
    missing_on_due_day: bool = False,
) -> list[Instance]:
    """Every (unit, period) instance as of a day (see `domain.reports` for the rules)."""
    records = duty_records(conn, duty.id, periods=[p.key for p in periods], until=as_of)
    return grid(duty, periods, units, records, as_of, missing_on_due_day=missing_on_due_day)


def monthly_export(
    conn: sqlite3.Connection,
    month: Period,
    *,
    as_of: date | None,
    today: date,
    year: int | None = None,
    unit: str | None = None,
    hazards: bool = True,
) -> MonthlyExport:
    """The monthly report of `month` as of `as_of` (default: its report due day, or today);
    with `unit` (a name, alias or pinyin; a group means its members), only its rows;
    with hazards=False, no hazard ledger (`import` works out only the progress rows).

    Its report column says what had arrived by that report day: from the due day on, a
    report not received by then is missing (the running grid of `reports` waits a day)."""
    from maogang_cli.app.span import check_month, check_task_year
    from maogang_cli.domain.export import default_as_of
    from maogang_cli.store.monthly import last_updates, records_between

    wanted = units_named(conn, unit)
    duty = find_duty(conn, MONTHLY_REPORT)
    owed = duty is not None and duty.periods(month.key, month.key) == [month]
    report_due = duty.due(month) if duty is not None and owed else None
    check_month(conn, month, today=today, as_of=as_of)
    check_task_year(conn, year)
    day = as_of or default_as_of(month, report_due, today)
    states = pair_states(conn, ReportOptions(day, year=year, roles=ROLES))
    tasks = {t.id: t for t in list_tasks(conn, year=year)}
    reports: dict[str, Instance] = {}
    if duty is not None and owed:
        units = duty_units(conn, duty)
        instances = report_grid(conn, duty, [month], units, day, missing_on_due_day=True)
        reports = {i.unit: i for i in instances}
    export = build_export(
        month=month,
        as_of=day,
        year=year,
        states=states,
        tasks=tasks,
        last_updates=last_updates(conn, day),
        month_records=records_between(conn, month.first, min(month.last, day)),
        reports=reports,
        report_due=report_due,
        unit_order=unit_order(conn),
    )
    from maogang_cli.app.hazard_ledger import export_hazards

    if hazards:  # `import` works out only the progress rows again
        export = export._replace(hazards=tuple(export_hazards(conn, day, month.first)))
    if wanted is None:
        return export
    from maogang_cli.domain.export import for_units
    from maogang_cli.i18n import _

    narrowed = for_units(export, wanted)
    if not narrowed.rows:
        raise RefusedError(
            _("{unit} has no rows in the {month} report").format(
                unit="、".join(wanted), month=month.key
            )
        )
    return narrowed


def ranking(conn: sqlite3.Connection, options: ReportOptions) -> list[RankRow]:
    """Units ranked for 通报 on their tasks and their monthly reports up to the as-of day."""
    as_of, year = options.as_of, options.year
    if year is not None:
        from maogang_cli.app.span import check_plan_year

        check_plan_year(conn, year)
    order = unit_order(conn)
    summaries = unit_summaries(conn, options)
    duty = find_duty(conn, MONTHLY_REPORT)
    report_totals = []
    if duty is not None:
        if year is None:
            periods = duty.periods()
        else:
            periods = duty.periods(f"{year:04d}-01", f"{year:04d}-12")
        units = duty_units(conn, duty)
        report_totals = totals(report_grid(conn, duty, periods, units, as_of), units)
    return rank_units(summaries, report_totals, order)
