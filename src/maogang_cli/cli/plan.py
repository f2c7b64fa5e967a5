"""`maogang plan`: the three-year plan, action by action, with tasks and milestone states."""

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    AsOfOption,
    DataOption,
    DbOption,
    JsonOption,
    Lang,
    LangOption,
    as_of_day,
    open_db,
)


def plan(
    as_of: AsOfOption = None,
    json: JsonOption = False,
    lang: LangOption = Lang.zh,
    db: DbOption = None,
    data: DataOption = None,
) -> None:
    """Show the nine actions and 30 measures, each with its tasks and dated milestones.

    Example: maogang plan --as-of 2025-01-01
    """
    from maogang_cli.app.plan import plan_view
    from maogang_cli.store.plan import list_targets

    day = as_of_day(as_of)
    conn = open_db(db, data)
    views = plan_view(conn, day)
    if json:
        from maogang_cli.plan_contracts import plan_json

        output.print_json(plan_json(views))
    else:
        from maogang_cli.cli.render_plan import plan_tables

        plan_tables(views, list_targets(conn), day, lang.value)


def register(app: typer.Typer) -> None:
    app.command()(plan)
