"""The command line: this module only assembles the commands and turns errors into messages."""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from maogang_cli import __version__, output
from maogang_cli.errors import MaogangError

INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, not the user's input


class _Group(TyperGroup):
    """Every command runs through here: known errors become one line and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are added, not alphabetical

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MaogangError as exc:
            for line in exc.lines():
                output.error(line)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:
            # Usage errors (missing option, bad choice) belong to click: exit 2 with usage.
            if os.environ.get("MAOGANG_DEBUG") or _is_click_error(exc):
                raise
            if isinstance(exc, BrokenPipeError):
                raise typer.Exit(0) from None
            output.error(f"internal error: {type(exc).__name__}: {exc}")
            output.error("this is a bug in maogang; run again with MAOGANG_DEBUG=1 for details")
            raise typer.Exit(INTERNAL_ERROR) from None


def _is_click_error(exc: Exception) -> bool:
    return hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int)


app = typer.Typer(
    cls=_Group,
    name="maogang",
    help="泖港镇安全生产治本攻坚三年行动 compliance tracker. Start with `maogang status`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        output.print_text(f"maogang {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """泖港镇安全生产治本攻坚三年行动 (2024—2026) compliance tracker."""


def _register() -> None:
    from maogang_cli.cli import (
        agenda,
        duty,
        export,
        history,
        import_,
        load,
        overdue,
        plan,
        rank,
        record,
        reports,
        schema,
        show,
        status,
        submit,
        tasks,
        units,
        validate,
    )

    for module in (
        status,
        overdue,
        agenda,
        record,
        duty,
        show,
        history,
        submit,
        reports,
        export,
        import_,
        rank,
        tasks,
        plan,
        units,
        validate,
        load,
        schema,
    ):
        module.register(app)


_register()


def main() -> None:
    app(prog_name="maogang")


if __name__ == "__main__":  # pragma: no cover
    main()
