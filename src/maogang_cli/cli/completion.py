"""`maogang completion`: TAB completion for bash, zsh, fish and PowerShell (typer's
scripts), completing commands, options and values from the database."""

from enum import StrEnum
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.completing import COMPLETE_ENV
from maogang_cli.i18n import _


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


completion_app = typer.Typer(
    name="completion",
    # Help texts go through the catalogue with every command's, at once (issue 12).
    help="Shell completion: `maogang completion install` once, then TAB completes.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

ShellArgument = Annotated[
    Shell | None,
    typer.Argument(show_default=False, help="The shell [default: the one running maogang]."),
]


@completion_app.command("install")
def install(shell: ShellArgument = None) -> None:
    """Install completion for your shell; it works in shells started afterwards."""
    from typer._completion_shared import _get_shell_name
    from typer._completion_shared import install as typer_install

    name = shell.value if shell is not None else _get_shell_name()
    if name not in set(Shell):
        from maogang_cli.errors import UsageError

        raise UsageError(
            _("cannot tell which shell this is ({shell}): name it, e.g. {example}").format(
                shell=name or "?", example="maogang completion install bash"
            )
        )
    try:
        done, path = typer_install(shell=name, prog_name="maogang", complete_var=COMPLETE_ENV)
    except FileNotFoundError as exc:  # PowerShell asked where its profile is: not installed
        from maogang_cli.errors import UsageError

        raise UsageError(
            _(
                "cannot run {program}: is it installed? (PowerShell 7 is pwsh, 5 is powershell)"
            ).format(program=exc.filename or name)
        ) from None
    except OSError as exc:  # a profile or rc file that cannot be written
        from maogang_cli.errors import UsageError

        raise UsageError(
            _("cannot install completion in {path}: {detail}").format(
                path=exc.filename or "?", detail=exc.strerror or exc
            )
        ) from None
    output.note(
        _("completion for {shell} installed in {path}; open a new shell to use it").format(
            shell=done, path=path
        )
    )


@completion_app.command("show")
def show(shell: Annotated[Shell, typer.Argument(help="The shell.")]) -> None:
    """Print the completion script, to install it by hand."""
    from typer._completion_shared import get_completion_script

    output.print_text(
        get_completion_script(prog_name="maogang", complete_var=COMPLETE_ENV, shell=shell.value)
    )


def register(app: typer.Typer) -> None:
    app.add_typer(completion_app)
