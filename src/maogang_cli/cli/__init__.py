"""The command line: this module only assembles the commands and turns errors into messages."""

import os
import sys
from typing import TYPE_CHECKING, Any, cast

import typer
from typer.core import TyperGroup

from maogang_cli import __version__, output
from maogang_cli.cli._common import (
    DEFAULT_LANG,
    DataOption,
    DbOption,
    JsonOption,
    LangOption,
    Run,
)
from maogang_cli.cli.commands import COMMANDS, FEWER_GLOBALS, JSON_OUTPUT
from maogang_cli.cli.help_lang import Context as HelpContext
from maogang_cli.cli.help_lang import (
    for_completion,
    language_asked,
    name_arguments,
    remember_arguments,
    translate,
    translated,
)
from maogang_cli.errors import MaogangError
from maogang_cli.i18n import _

if TYPE_CHECKING:
    from maogang_cli.i18n import Lang

INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, not the user's input


def load_command(name: str) -> Any:
    """Build one command from its module (a click command object), its help in the run's
    language."""
    command = _runnable(name)
    _help_ready(command)
    return command


def _runnable(name: str) -> Any:
    """One command as a run uses it: its help is put into the run's language only if it
    is shown (`_Context.get_help`), not at every run."""
    command = build_command(name)
    _with_context(command)
    if os.environ.get("_MAOGANG_COMPLETE"):  # the shell asks for completions (TAB)
        from maogang_cli.completing import attach

        _help_ready(command)
        attach(command)
        for_completion(command)
    return command


def _help_ready(command: Any) -> None:
    """The command's help (its parameters', its subcommands') in the run's language, the
    monthly due day filled in; once."""
    if getattr(command, "maogang_help_ready", False):
        return
    translate(command)
    _fill_in_help(command)
    _with_context(command)  # translate gives each command help_lang's context
    command.maogang_help_ready = True


def _with_context(command: Any) -> None:
    command.context_class = _Context
    subcommands = getattr(command, "commands", {})
    # A group's commands not built yet get the context as they are built (`_group`).
    built = subcommands.built() if hasattr(subcommands, "built") else subcommands
    for sub in built.values():
        _with_context(sub)


def build_command(name: str) -> Any:
    """One command as its module declares it, global options added, help as written."""
    from importlib import import_module

    module = import_module(f"maogang_cli.cli.{COMMANDS[name][0]}")
    holder = typer.Typer(rich_markup_mode=None, add_completion=False)
    module.register(holder)
    if holder.registered_groups:
        return _group(holder, name)
    command = typer.main.get_command(holder)
    _add_global_options(command, name)
    return command


def _group(holder: typer.Typer, name: str) -> Any:
    """A group (`hazard`, `duty`) whose commands are built as they are looked up: typer
    converting the options of all seven hazard commands, each with the global options,
    was a tenth of `hazard stats --json`, which runs one of them. Help, completion and a
    mistyped command still see every one (iterating the group builds the rest)."""
    import copy

    from maogang_cli.cli.subcommands import Subcommands

    (info,) = holder.registered_groups
    group_app = info.typer_instance
    assert group_app is not None
    shell = copy.copy(group_app)  # the group's own name, help and settings, no commands
    shell.registered_commands = []
    outer = typer.Typer(rich_markup_mode=None, add_completion=False)
    outer.add_typer(shell)
    group = typer.main.get_command(outer).commands[name]  # type: ignore[attr-defined]
    group.params.append(_group_lang(name))

    def build(sub: str, command_info: Any) -> Any:
        one = typer.Typer(rich_markup_mode=None, add_completion=False)
        one.registered_commands.append(command_info)
        command = typer.main.get_command(one)
        _add_global_options(command, f"{name} {sub}")
        _with_context(command)
        return command

    infos = {
        info.name or typer.main.get_command_name(info.callback.__name__): info
        for info in group_app.registered_commands
        if info.callback is not None
    }
    group.commands = Subcommands(infos, build)
    return group


def _fill_in_help(command: Any) -> None:
    """Help that names the monthly due day takes it from the plan file (cli.help_text)."""
    texts = [command.help, *(getattr(p, "help", None) for p in command.params)]
    if not any(text and "{due_day}" in text for text in texts):
        return
    from maogang_cli.cli.help_text import with_due_day

    command.help = with_due_day(command.help or "")
    for param in command.params:
        if getattr(param, "help", None):
            param.help = with_due_day(param.help)


def _add_global_options(command: Any, path: str) -> None:
    """Give a command (not a group: see `_group`) the global options it takes."""
    from maogang_cli.cli._common import global_options

    has_json = path in JSON_OUTPUT
    command.params += global_options(
        path, FEWER_GLOBALS.get(path, ("lang", "db", "data")), has_json=has_json
    )


def _group_lang(path: str) -> Any:
    """A group takes --lang too (`maogang hazard --help --lang en`): the commands' own,
    hidden, as each of its commands lists it."""
    from maogang_cli.cli._common import global_options

    (lang,) = (p for p in global_options(path, ("lang",), has_json=True) if p.name == "lang")
    lang.hidden = True
    return lang


class _Context(HelpContext):
    """Help is put into the run's language when it is shown (--help, a group alone, a
    command without its arguments): translating every help text at every run cost each
    command its share of the start-up budget."""

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(command, *args, **kwargs)
        # The arguments' placeholders (<任务>) in the run's language, before they are read:
        # a usage error names them too.
        name_arguments(command)

    def get_help(self) -> str:
        _help_ready(self.command)
        return str(super().get_help())


class _Group(TyperGroup):
    """Commands load on demand; every one runs through `invoke`, where known errors become
    one line and an exit code."""

    context_class = _Context

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Each run starts in the language its arguments ask for (--lang, wherever it is),
        # else the environment's (MAOGANG_LANG, else Chinese), also when one process runs
        # several (tests): help texts are translated as each command is loaded, and
        # `--help` answers before click has read a later --lang.
        from maogang_cli.i18n import set_language

        argv = args[0] if args else kwargs.get("args")
        given = sys.argv[1:] if argv is None else list(argv)
        set_language(language_asked(given))
        remember_arguments(given)  # help quotes the due day of the --data catalogue
        unusable = _unusable_argument(given)
        if unusable is not None:
            output.error(unusable)
            sys.exit(2)
        if os.environ.get("_MAOGANG_COMPLETE"):
            # TAB in a shell with `maogang completion install`: typer's completion classes
            # answer it (bash, zsh, fish, PowerShell).
            from typer._completion_classes import completion_init

            completion_init()
        return super().main(*args, **kwargs)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        # The root's own options (--lang fr, --db with no value) fail here, before
        # `invoke`: the same one line as a command's usage error, not click's block.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except Exception as exc:
            if isinstance(exc, BrokenPipeError):  # `maogang --help | true`, as `status | true`
                raise typer.Exit(0) from None
            if parent is not None or not _is_click_error(exc) or not hasattr(exc, "ctx"):
                raise
            from maogang_cli.cli import one_line

            one_line.help_when_nothing_given(exc)
            output.error(one_line.usage_line(exc, COMMANDS))
            sys.exit(getattr(exc, "exit_code", 2))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)  # in the order of the clerk's day, not alphabetical

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _runnable(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            from maogang_cli.cli.help_text import with_due_day

            formatter.write_dl(
                [
                    (name, with_due_day(translated(help_line) or ""))
                    for name, (_, help_line) in COMMANDS.items()
                ]
            )

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
            from maogang_cli.cli import one_line

            if _is_click_error(exc):
                one_line.help_when_nothing_given(exc)
                # A usage error (missing option, bad choice, unknown command): one line.
                output.error(one_line.usage_line(exc, COMMANDS))
                raise typer.Exit(getattr(exc, "exit_code", 2)) from None
            if os.environ.get("MAOGANG_DEBUG"):
                raise
            if isinstance(exc, BrokenPipeError):
                raise typer.Exit(0) from None
            explained = one_line.environment_error(exc)
            if explained is not None:
                for line in explained.lines():
                    output.error(line)
                raise typer.Exit(explained.exit_code) from None
            output.error(
                _("internal error: {kind}: {detail}").format(kind=type(exc).__name__, detail=exc)
            )
            output.error(_("this is a bug in maogang; run again with MAOGANG_DEBUG=1 for details"))
            raise typer.Exit(INTERNAL_ERROR) from None


def _is_click_error(exc: Exception) -> bool:
    return hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)


def _unusable_argument(argv: list[str]) -> str | None:
    """The message for the first argument that no command may take: bytes that are not
    UTF-8, a character a terminal would act on (ESC, CR, NUL, a bidi override), or more
    text than a spreadsheet cell holds. Every note, reason and name is evidence that is
    printed and exported again, so it is refused here, once, before any command runs."""
    from maogang_cli.domain.cells import MAX_TEXT, inert, unstorable

    undecodable = _undecodable(argv)
    if undecodable is not None:
        return _(
            "error: the argument '{text}' is not valid UTF-8 text: "
            "set the terminal or script to UTF-8"
        ).format(text=undecodable)
    for arg in argv:
        why = unstorable(arg)
        if why == "too long":
            return _(
                "error: an argument of {length:,} characters is longer than a spreadsheet "
                "cell holds ({limit:,}): shorten it"
            ).format(length=len(arg), limit=MAX_TEXT)
        if why is not None and not os.path.lexists(arg):
            return _(
                "error: the argument '{text}' holds a control character: type it again without"
            ).format(text=inert(arg, one_line=True)[:200])
    return None


def _undecodable(argv: list[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates, which nothing can print or store), shown with the bytes escaped; a path
    that exists is let through, whatever its name."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            if os.path.lexists(arg):
                continue
            raw = arg.encode("utf-8", "surrogateescape")
            return raw.decode("utf-8", "backslashreplace")
    return None


app = typer.Typer(
    cls=_Group,
    name="maogang",
    # Two paragraphs: click wraps by characters, and each Chinese one takes two columns.
    help="泖港镇安全生产治本攻坚三年行动 compliance tracker.\n\nStart with `maogang status`.",
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
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    json: JsonOption = False,
    lang: LangOption = DEFAULT_LANG,
    db: DbOption = None,
    data: DataOption = None,
) -> None:
    """泖港镇安全生产治本攻坚三年行动 (2024—2026) compliance tracker."""
    ctx.obj = Run(db, data, cast("Lang", lang), json)  # one of i18n.Lang, by its making


def main() -> None:
    """Run the command line (the console script starts in maogang_cli.__main__)."""
    app(prog_name="maogang")


if __name__ == "__main__":  # pragma: no cover
    main()
