"""Help in the run's language, laid out by display width.

Help texts are written in English in the source (docstrings and `help=`); typer reads them
when a command module is imported, so they are translated when a command is built
(`translate`), one paragraph at a time: a command's first paragraph is also its line in
`maogang --help` (cli.COMMANDS), and the two share one translation. `help_paragraphs` is
how `scripts/messages.py` finds the msgids. Only the standard library here: this module
is on the path of every `--help`.

click wraps help by characters, and a Chinese character takes two columns on a terminal:
`HelpFormatter` measures display cells, breaks Chinese at its punctuation where it can,
never inside an English word or an option name, never before a closing mark.
"""

from __future__ import annotations

import os
import re
import shlex
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import typer

# typer carries its own copy of click (typer._click), whose help it formats.
from typer._click import HelpFormatter as ClickHelpFormatter

from maogang_cli.i18n import N_, _, language

EXAMPLE = "Example: "  # what follows is a command, shown as written
_EXAMPLE_MESSAGE = N_("Example: {command}")

# click's and typer's own words, and the message each is in the chosen language.
_HEADINGS = {
    "Options": N_("Options"),
    "Commands": N_("Commands"),
    "Arguments": N_("Arguments"),
}
_CLICK_HELP = {
    "Show this message and exit.": N_("Show this message and exit."),
}
_EXTRA = re.compile(r"\s\s\[(?P<extra>[^\[\]]*)\]$")  # click's "  [env var: X; default: Y]"
_EXTRA_PARTS = (
    (re.compile(r"env var: (?P<value>.*)"), N_("env var: {value}")),
    (re.compile(r"default: (?P<value>.*)"), N_("default: {value}")),
    (re.compile(r"required"), N_("required")),
)


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
        yield part if kind == "text" else _EXAMPLE_MESSAGE


def translated(text: str | None) -> str | None:
    """A help text in Chinese, paragraph by paragraph (English stays as written)."""
    if not text or language() == "en":
        return text
    return "\n\n".join(
        _(part) if kind == "text" else _(_EXAMPLE_MESSAGE).format(command=part)
        for kind, part in _parts(text)
    )


def translate(command: Any) -> None:
    """Translate a command's help, its parameters' and its subcommands' (in place; typer
    builds new click objects for every run)."""
    command.context_class = Context
    if language() != "en":
        command.help = translated(command.help)
        if command.help:
            # click shortens help to 45 characters, in the middle of a Chinese word: a
            # group's list shows the first sentence, which the formatter wraps.
            first = command.help.split("\n\n")[0]
            command.short_help = first.split("。")[0] + "。" if "。" in first else first
        for param in command.params:
            if getattr(param, "help", None):
                param.help = translated(param.help)
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
            line = " ".join(text.strip().split("\n\n")[0].split())
            if cells(line) > limit:
                line = wrap(line, limit - 1)[0] + "…"
            setattr(item, attribute, line.replace("[", "\\["))


def language_asked(argv: Sequence[str]) -> str | None:
    """The --lang among the arguments (or a completing shell's words), read before click
    does: help texts are made when a command is loaded, and `--help` comes first."""
    words = list(argv)
    for variable in ("COMP_WORDS", "_TYPER_COMPLETE_ARGS"):
        if os.environ.get(variable):
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


def cells(text: str) -> int:
    """Display width: a wide (CJK) character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Breaking Chinese: never before a closing mark, never after an opening one; best right
# after a full-width comma, enumeration mark, semicolon, colon or stop.
_CLOSING = set("，。、；：？！）」』》〉】”’…—")
_OPENING = set("（「『《〈【“‘")
_GOOD_AFTER = set("，。、；：？！）")
_NO_BREAK, _MAY_BREAK, _GOOD_BREAK = 0, 1, 2


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _pieces(text: str) -> list[str]:
    """Spaces, runs of narrow characters (an English word, an option, a path) and single
    wide characters."""
    pieces: list[str] = []
    word = ""
    quoted = False  # `maogang status --unit X` stays on one line when it fits
    for ch in text:
        if ch == "`":
            quoted = not quoted
        if not quoted and ch != "`" and (ch.isspace() or _is_wide(ch)):
            if word:
                pieces.append(word)
                word = ""
            if ch.isspace() and pieces and pieces[-1].isspace():
                pieces[-1] += ch
            else:
                pieces.append(ch)
        else:
            word += ch
    if word:
        pieces.append(word)
    return pieces


def _break_before(previous: str, piece: str) -> int:
    if piece.isspace() or previous.isspace():
        return _GOOD_BREAK
    if piece[0] in _CLOSING or previous[-1] in _OPENING:
        return _NO_BREAK
    if not (_is_wide(piece[0]) or _is_wide(previous[-1])):
        return _NO_BREAK  # inside one narrow word
    if previous[-1] in _GOOD_AFTER or piece[0] in _OPENING:
        return _GOOD_BREAK
    if piece[0] in ",.;:)]" or previous[-1] in "([":
        return _NO_BREAK
    return _MAY_BREAK


def wrap(text: str, width: int) -> list[str]:
    """One paragraph in lines of at most `width` display cells (a narrow word longer than
    that is cut, as nothing else can be done)."""
    pieces = _pieces(" ".join(text.split()))
    lines: list[str] = []
    start = 0
    while start < len(pieces):
        while start < len(pieces) and pieces[start].isspace():
            start += 1
        if start == len(pieces):
            break
        used = 0
        good = may = None
        end = start
        while end < len(pieces):
            piece = pieces[end]
            if end > start:
                kind = _break_before(pieces[end - 1], piece)
                if kind == _GOOD_BREAK and used * 4 >= width:
                    good = end
                if kind != _NO_BREAK:
                    may = end
            size = cells(piece)
            if not piece.isspace() and used + size > width:
                break
            used += size
            end += 1
        if end == len(pieces):
            lines.append("".join(pieces[start:]).rstrip())
            break
        cut = good or may
        if cut is None or cut <= start:
            cut = end if end > start else start + 1
            if end == start:  # a narrow word wider than the line
                head, tail = _cut_cells(pieces[start], width)
                pieces[start : start + 1] = [head, tail]
                cut = start + 1
        lines.append("".join(pieces[start:cut]).rstrip())
        start = cut
    return lines


def _cut_cells(word: str, width: int) -> tuple[str, str]:
    used = 0
    for i, ch in enumerate(word):
        used += cells(ch)
        if used > width:
            return word[: max(i, 1)], word[max(i, 1) :]
    return word, ""


def wrap_paragraphs(text: str, width: int, indent: str = "") -> str:
    """Paragraphs wrapped by display width; a paragraph after click's `\\b` keeps its
    lines as they are."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        if paragraph.startswith("\b"):
            out.append("\n".join(indent + line for line in paragraph[1:].strip("\n").split("\n")))
        else:
            width_here = max(width - cells(indent), 10)
            out.append("\n".join(indent + line for line in wrap(paragraph, width_here)))
    return "\n\n".join(out)


def _click_words(text: str) -> str:
    """click's help for --help and its [env var, default, required] in the language."""
    if language() == "en":
        return text
    text = _(_CLICK_HELP[text]) if text in _CLICK_HELP else text
    extra = _EXTRA.search(text)
    if extra is None:
        return text
    parts = []
    for part in extra["extra"].split("; "):
        for pattern, message in _EXTRA_PARTS:
            match = pattern.fullmatch(part)
            if match is not None:
                part = _(message).format(**match.groupdict())
                break
        parts.append(part)
    return f"{text[: extra.start()]}（{'；'.join(parts)}）"


class HelpFormatter(ClickHelpFormatter):
    """click's help layout, measured in display cells and in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("Usage: ") if prefix is None else prefix
        line = f"{prefix:>{self.current_indent}}{prog} {args}".rstrip()
        lines = wrap(line, self.width - self.current_indent)
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        heading = _(_HEADINGS[heading]) if heading in _HEADINGS else heading
        colon = "：" if language() != "en" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_paragraphs(text, self.width, indent) + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_width = min(max((cells(first) for first, _ in rows), default=0), col_max)
        first_col = first_width + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_width:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - self.current_indent, 10)
            lines = wrap_paragraphs(_click_words(second), text_width).split("\n")
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n" if line else "\n")


class Context(typer.Context):
    formatter_class = HelpFormatter
