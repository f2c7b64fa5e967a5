"""`maogang units`: the units and groups of the catalogue."""

import typer

from maogang_cli import output
from maogang_cli.cli._common import DataOption, DbOption, JsonOption, Lang, LangOption, open_db


def units(
    json: JsonOption = False,
    lang: LangOption = Lang.zh,
    db: DbOption = None,
    data: DataOption = None,
) -> None:
    """List the units, their aliases, and each group's members."""
    from maogang_cli.store.queries import list_units

    found = list_units(open_db(db, data))
    if json:
        from maogang_cli.contracts import unit_json

        output.print_json([unit_json(u) for u in found])
    else:
        from maogang_cli.cli.tables import units_table

        units_table(found, lang.value)


def register(app: typer.Typer) -> None:
    app.command()(units)
