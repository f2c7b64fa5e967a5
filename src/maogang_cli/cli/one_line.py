"""Errors that reach the command line's guard, each as one line: click's usage errors in
the run's language (with a hint for a mistyped command), and the environment's (a full
disk, a busy or damaged database) as the user's message, not a bug report. Imported only
when something went wrong."""

import re
import sys
from collections.abc import Collection
from typing import Any, cast

import typer

from maogang_cli.errors import MaogangError
from maogang_cli.i18n import N_, _


def environment_error(exc: Exception) -> MaogangError | None:
    """A full disk, a busy, damaged or altered database: the user's message, not a bug
    report."""
    if isinstance(exc, OSError) or "sqlite3" in sys.modules:
        from maogang_cli.store.altered import explain_altered
        from maogang_cli.store.failures import explain

        # a table dropped or a catalogue value made unreadable around maogang: not a bug
        return explain(exc) or explain_altered(exc)
    return None


def help_when_nothing_given(exc: Exception) -> None:
    """`maogang` or `maogang hazard` alone: the help as click lays it out (on stderr, exit
    2, as click does), not squeezed into a one-line error."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        typer.echo(cast("Any", exc).format_message(), err=True)
        sys.exit(2)


def usage_line(exc: Any, commands: Collection[str]) -> str:
    """click's message on one line, with where to look and, for a typo, what was meant."""
    from maogang_cli.errors import did_you_mean

    message = " ".join(str(exc.format_message()).split())
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "maogang"
    hint = ""
    if message.startswith("No such command"):
        typed = message.split("'")[1] if "'" in message else ""
        if typed:
            # a group's (hazard, duty…) commands for a typo there; click's own English
            # suggestion is dropped with the rest of its sentence
            names = commands if ctx is None or path == "maogang" else ctx.command.commands.keys()
            hint = did_you_mean(typed, list(names))
    return _("error: {message} (see '{path} --help')").format(
        message=_click_message(message) + hint, path=path
    )


# click's own messages (its English is not translated): each pattern and the message
# that says it in the chosen language; click's detail, where it has one, is kept.
_CLICK_MESSAGES = (
    (r"Missing option (?P<name>.+)\.", N_("missing option {name}")),
    (r"Missing argument (?P<name>.+)\.", N_("missing argument {name}")),
    # an argument with choices: its name (<bash|zsh|…>, help_lang) lists them already
    (r"Missing argument (?P<name>.+?)\. Choose from:[\s\S]*", N_("missing argument {name}")),
    (r"Missing parameter (?P<name>.+)\.", N_("missing value for {name}")),
    (
        r"Invalid value for (?P<name>'[^']*'(?: / '[^']*')*(?: \(env var: '[^']*'\))?): "
        r"(?P<detail>.*)",
        N_("invalid value for {name}: {detail}"),
    ),
    (r"No such command '(?P<name>.*?)'\.(?: Did you mean .*)?", N_("no command '{name}'")),
    (
        r"No such option: (?P<name>\S+) Did you mean (?P<meant>\S+)\?",
        N_("no option {name} (did you mean {meant}?)"),
    ),
    (r"No such option: (?P<name>\S+)(?: .*)?", N_("no option {name}")),
    (r"Option (?P<name>.+) requires an argument\.", N_("option {name} needs a value")),
    (r"Option (?P<name>.+) requires (?P<n>\d+) arguments\.", N_("option {name} needs {n} values")),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>.*)\)",
        N_("unexpected extra argument: {name}"),
    ),
    (r"'(?P<name>.*)' is not one of (?P<choices>.*)\.", N_("'{name}' is not one of {choices}")),
    (
        r"'(?P<name>.*)' is not a valid int(?:eger)?(?: range)?\.",
        N_("'{name}' is not a whole number"),
    ),
    (r"'(?P<name>.*)' is not a valid float(?: range)?\.", N_("'{name}' is not a number")),
    (r"(?P<name>.+) is not in the range (?P<range>.+)\.", N_("{name} is not in the range {range}")),
)


def _click_message(message: str) -> str:
    """click's English message in the chosen language: the frame translated, values kept."""
    for pattern, text in _CLICK_MESSAGES:
        match = re.fullmatch(pattern, message)
        if match is not None:
            values = {k: v for k, v in match.groupdict().items() if v is not None}
            if "name" in values:
                values["name"] = re.sub(
                    r" ?\(env var: '([^']*)'\)",
                    lambda env: _(" (env var {name})").format(name=env[1]),
                    values["name"],
                )
                # an option as typed (--date / -d): click's ASCII quotes sat beside the
                # Chinese “” of the value in the same line
                values["name"] = re.sub(r"'(-[^']*)'", r"\1", values["name"])
            if "detail" in values:
                values["detail"] = _click_message(values["detail"])
            return _(text).format(**values)
    return message
