"""Help in the run's language: which language (read from the arguments, before click
reads them) and the translation of every help text when a command is built.

Help texts are written in English in the source (docstrings and `help=`); typer reads them
when a command module is imported, so they are translated when a command is built
(`translate`), one paragraph at a time: a command's first paragraph is also its line in
`maogang --help` (cli.COMMANDS), and the two share one translation. `help_paragraphs` is
how `scripts/messages.py` finds the msgids. This module is on every command's start-up;
the layout (cli.help_format) is imported only when help is shown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

import typer

from maogang_cli.i18n import N_, _, language, pgettext

EXAMPLE = "Example: "  # what follows is a command, shown as written
EXAMPLE_MESSAGE = N_("Example: {command}")
# An example command is a message too (context "example"): the Chinese help may show the
# Chinese words the command also takes (--status 推进中 for in_progress).
EXAMPLE_CONTEXT = "example"
# Each argument's placeholder in the usage line and the Arguments list, written as an
# option's value is (<文字>, <路径>): by the parameter's name, else (an argument named
# `ident` or `kind`) by the metavar its command gives it. An argument with choices shows
# them, as an option does (<zh|en>).
_ARGUMENTS = {
    "task": N_("<task>"),
    "hazard": N_("<hazard id>"),
    "file": N_("<file>"),
    "paths": N_("<path>..."),
    "DUTY": N_("<duty>"),
    "ID": N_("<entry id>"),
    "EVENT": N_("<event>"),
}


def _parts(text: str) -> Iterator[tuple[str, str]]:
    """A help text's paragraphs, lines joined (click joins them too), an example taken
    apart: ("text", paragraph) or ("example", the command it shows)."""
    for paragraph in text.strip().split("\n\n"):
        joined = " ".join(paragraph.split())
        before, found, example = (" " + joined).partition(" " + EXAMPLE)
        if before.strip():
            yield "text", before.strip()
        if found:
            yield "example", example


def help_paragraphs(text: str) -> Iterator[str]:
    """The messages of a help text: each paragraph, and the frame of an example (its
    command is not translated)."""
    for kind, part in _parts(text):
        yield part if kind == "text" else EXAMPLE_MESSAGE


def example_commands(text: str) -> Iterator[str]:
    """The commands a help text shows as examples (messages of context "example")."""
    for kind, part in _parts(text):
        if kind == "example":
            yield part


def translated(text: str | None) -> str | None:
    """A help text in Chinese, paragraph by paragraph (English stays as written), each
    example a paragraph of its own (so its command can be laid out whole)."""
    if not text:
        return text
    if language() == "en":  # not a text choice: the help is written in English
        if EXAMPLE not in text:
            return text
        return "\n\n".join(
            part if kind == "text" else EXAMPLE_MESSAGE.format(command=part)
            for kind, part in _parts(text)
        )
    return "\n\n".join(
        _(part)
        if kind == "text"
        else _(EXAMPLE_MESSAGE).format(command=pgettext(EXAMPLE_CONTEXT, part))
        for kind, part in _parts(text)
    )


# An option's value by what it is (<单位>, <天数>) rather than its type (<文字>, <数字>),
# where one name means one thing in every command.
_OPTION_VALUES = {
    "--unit": N_("<unit>"),
    "--by": N_("<name>"),
    "--approved-by": N_("<name>"),
    "--warn-days": N_("<days>"),
    "--status": N_("<status>"),
    "--department": N_("<department>"),
    "--village": N_("<village>"),
    "--sector": N_("<sector>"),
    "--level": N_("<level>"),
    "--source": N_("<source>"),
    "--duty": N_("<duty>"),
    "--action": N_("<action>"),
    "--kind": N_("<kind>"),
    "--state": N_("<state>"),
    "--event": N_("<step>"),
    "--split": N_("<folder>"),
    "--write": N_("<folder>"),
    "--sheet": N_("<sheet>"),
}


def name_arguments(command: Any) -> None:
    """Give each argument of a command its placeholder (_ARGUMENTS) in the run's language
    (at every run: a usage error names an argument by it)."""
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        choices = getattr(param.type, "choices", None)
        if choices:
            param.metavar = "<" + "|".join(str(c) for c in choices) + ">"
            continue
        key = param.name if param.name in _ARGUMENTS else param.metavar
        if key in _ARGUMENTS:
            param.metavar = _(_ARGUMENTS[key])


def name_option_values(command: Any) -> None:
    """Give the options of _OPTION_VALUES their placeholders in the run's language (when
    help is shown: errors name an option by its name, so a run needs no catalogue for it)."""
    for param in command.params:
        if param.param_type_name == "option" and param.metavar is None:
            long = next((o for o in param.opts if o.startswith("--")), "")
            if long in _OPTION_VALUES:
                param.metavar = _(_OPTION_VALUES[long])


def translate(command: Any) -> None:
    """Translate a command's help, its parameters' and its subcommands' (in place; typer
    builds new click objects for every run)."""
    command.context_class = Context
    name_arguments(command)
    name_option_values(command)
    command.help = translated(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = translated(param.help)
    if command.help and language() != "en":  # not a text choice: click's English is fine
        # click shortens help to 45 characters, in the middle of a Chinese word: a
        # group's list shows the first sentence, which the formatter wraps.
        first = command.help.split("\n\n")[0]
        command.short_help = first.split("。")[0] + "。" if "。" in first else first
    for sub in getattr(command, "commands", {}).values():
        translate(sub)


def for_completion(command: Any, limit: int = 60) -> None:
    """Descriptions a completing shell shows beside each command and option (zsh, fish):
    one line of at most `limit` cells. typer lays each out with rich at 80 columns, which
    would break a long one over lines, and reads `[…]` as markup."""
    texts = [command, *command.params, *getattr(command, "commands", {}).values()]
    for item in texts:
        attribute = "short_help" if getattr(item, "short_help", None) else "help"
        text = getattr(item, attribute, None)
        if text:
            from maogang_cli.cli.help_format import cells, wrap

            line = " ".join(text.strip().split("\n\n")[0].split())
            if cells(line) > limit:
                line = wrap(line, limit - 1)[0] + "…"
            setattr(item, attribute, line.replace("[", "\\["))


_ASKED: list[str] = []  # this run's arguments, as `_Group.main` was given them


def remember_arguments(argv: Sequence[str]) -> None:
    """Keep the run's arguments for help that depends on a global option wherever it
    stands (`--data` before or after the command names the catalogue whose due day the
    help quotes), read when help is shown, before click has read that option."""
    _ASKED[:] = argv


def option_asked(option: str) -> str | None:
    """The value of a global option among the run's arguments (the last one wins, as
    click reads them); None when not given."""
    found = None
    for i, arg in enumerate(_ASKED):
        if arg == "--":
            break
        if arg == option and i + 1 < len(_ASKED):
            found = _ASKED[i + 1]
        elif arg.startswith(option + "="):
            found = arg.partition("=")[2]
    return found


def language_asked(argv: Sequence[str]) -> str | None:
    """The --lang among the arguments (or a completing shell's words), read before click
    does: help texts are made when a command is loaded, and `--help` comes first."""
    words = list(argv)
    for variable in ("COMP_WORDS", "_TYPER_COMPLETE_ARGS"):
        if os.environ.get(variable):
            import shlex

            try:
                words += shlex.split(os.environ[variable])
            except ValueError:  # a half-typed quote
                words += os.environ[variable].split()
    found = None
    for i, arg in enumerate(words):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(words):
            found = words[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found  # the last one wins, as click reads them


class Context(typer.Context):
    """click's context, laying help out with cli.help_format (loaded when help is shown)."""

    def make_formatter(self) -> Any:
        from maogang_cli.cli.help_format import HelpFormatter

        return HelpFormatter(width=self.terminal_width, max_width=self.max_content_width)
