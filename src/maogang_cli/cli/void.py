"""`maogang void`: a new entry that voids a mistaken one; the mistaken one is kept."""

from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import run_of
from maogang_cli.i18n import _


def void(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Entry id from history: P12, D7.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is void (kept with it).")],
    by: Annotated[str | None, typer.Option("--by", help="Who voids [default: OS user].")] = None,
) -> None:
    """Void a mistaken entry: every figure ignores it; history keeps it, marked.

    Example: maogang void P12 --reason "日期录错，应为 2024-07-05"
    """
    run = run_of(ctx)
    from maogang_cli.app.recording import recorder
    from maogang_cli.app.voiding import void as void_entry

    conn = run.open_db()
    done = void_entry(conn, ident, reason=reason, by=recorder(by))
    output.note(
        _("voided {id} ({what}) as {void}; history keeps it, marked").format(
            id=done.target, what=done.what, void=done.void_id
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(void)
