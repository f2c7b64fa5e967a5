"""Help laid out by display width, in the run's language (imported when help is shown).

click wraps help by characters, and a Chinese character takes two columns on a terminal:
`HelpFormatter` measures display cells, breaks Chinese at its punctuation where it can,
never inside an English word, an option name or a `quoted command`, never before a
closing mark; and it says click's own words (Usage, Options, Show this message and exit.,
[env var: …; default: …]) in the run's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# typer carries its own copy of click (typer._click), whose help it formats.
from typer._click import HelpFormatter as ClickHelpFormatter

from maogang_cli.i18n import N_, _, language

# click's and typer's own words, and the message each is in the chosen language.
_HEADINGS = {
    "Options": N_("Options"),
    "Commands": N_("Commands"),
    "Arguments": N_("Arguments"),
}
_CLICK_HELP = {
    "Show this message and exit.": N_("Show this message and exit."),
}
# click's "  [env var: X; default: Y]" after an option's help, and each part's message
# (patterns compiled when help is shown, not at every start-up).
_EXTRA = r"\s\s\[(?P<extra>[^\[\]]*)\]$"
_EXTRA_PARTS = (
    (r"env var: (?P<value>.*)", N_("env var: {value}")),
    (r"default: (?P<value>.*)", N_("default: {value}")),
    (r"required", N_("required")),
)


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
                after = pieces[end + 1] if end + 1 < len(pieces) else ""
                if (
                    kind == _MAY_BREAK
                    and len(piece) == 1
                    and _is_wide(piece)
                    and after[:1] in _CLOSING
                ):
                    # a clause's last character stays with the one before it (标黄。, not
                    # 标 / 黄。): most words are two characters
                    kind = _NO_BREAK
                # punctuation is the better break only near the end of the line: a line
                # is filled first (breaking between Chinese characters), not left half empty
                if kind == _GOOD_BREAK and used * 4 >= width * 3:
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
    """A piece wider than the line cut to fit: at its last space that fits (a `quoted
    command` too long for the line breaks between its words), else where the line ends."""
    used = 0
    for i, ch in enumerate(word):
        used += cells(ch)
        if used > width:
            space = word.rfind(" ", 0, i)
            if space > 0:
                return word[:space], word[space + 1 :]
            return word[: max(i, 1)], word[max(i, 1) :]
    return word, ""


def example_lines(paragraph: str, width: int) -> list[str] | None:
    """An example paragraph ("示例：maogang …") laid out so its command can be copied: on
    one line when it fits, else the command on a line of its own under the label, and a
    command wider than that broken between its options with a shell continuation (\\).
    None for a paragraph that is not an example."""
    from maogang_cli.cli.help_lang import EXAMPLE_MESSAGE

    label = _(EXAMPLE_MESSAGE).partition("{command}")[0]
    if not paragraph.startswith(label + "maogang "):
        return None
    command = " ".join(paragraph[len(label) :].split())
    if cells(label + command) <= width:
        return [label + command]
    if cells("  " + command) <= width:
        return [label.rstrip(), "  " + command]
    # a quoted argument ("日期录错，应为 2024-07-05") is one piece, an option with its value
    pieces: list[str] = []
    for piece in re.findall(r'"[^"]*"|\'[^\']*\'|\S+', command):
        if pieces and pieces[-1].startswith("-") and " " not in pieces[-1] and piece[0] != "-":
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    lines, line = [label.rstrip()], "  " + pieces[0]
    for piece in pieces[1:]:
        if cells(f"{line} {piece} \\") > width:
            lines.append(line + " \\")
            line = "    " + piece
        else:
            line += " " + piece
    return [*lines, line]


def wrap_paragraphs(text: str, width: int, indent: str = "") -> str:
    """Paragraphs wrapped by display width; a paragraph after click's `\\b` keeps its
    lines as they are, an example its command whole (`example_lines`)."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        example = example_lines(paragraph, max(width - cells(indent), 10))
        if paragraph.startswith("\b"):
            out.append("\n".join(indent + line for line in paragraph[1:].strip("\n").split("\n")))
        elif example is not None:
            out.append("\n".join(indent + line for line in example))
        else:
            width_here = max(width - cells(indent), 10)
            out.append("\n".join(indent + line for line in wrap(paragraph, width_here)))
    return "\n\n".join(out)


def _click_words(text: str) -> str:
    """click's help for --help and its [env var, default, required] in the language."""
    if language() == "en":  # not a text choice: click's own English is the English
        return text
    text = _(_CLICK_HELP[text]) if text in _CLICK_HELP else text
    extra = re.search(_EXTRA, text)
    if extra is None:
        return text
    parts = []
    for part in extra["extra"].split("; "):
        for pattern, message in _EXTRA_PARTS:
            match = re.fullmatch(pattern, part)
            if match is not None:
                part = _(message).format(**match.groupdict())
                break
        parts.append(part)
    return f"{text[: extra.start()]}（{'；'.join(parts)}）"


# What typer writes for a value to type, and the usage line's words: ASCII names (YYYY-MM,
# DIR, zh|en) stay as written. English says them as the Chinese does (<text>, <number>).
_PLACEHOLDERS = {
    "<str>": N_("<text>"),
    "<path>": N_("<path>"),
    "<int>": N_("<number>"),
    "<int range>": N_("<number>"),
    "<float>": N_("<number>"),
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
}


def _placeholders(text: str) -> str:
    """typer's placeholders as this help names them, in English too (<text>, not <str>)."""
    pattern = "|".join(re.escape(word) for word in _PLACEHOLDERS)
    return re.sub(pattern, lambda found: _(_PLACEHOLDERS[found[0]]), text)


class HelpFormatter(ClickHelpFormatter):
    """click's help layout, measured in display cells and in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("Usage: ") if prefix is None else prefix
        # typer puts a required argument in braces ({<任务>}); its <…> already says "fill in"
        args = re.sub(r"\{(<[^{}]*>)\}", r"\1", args)
        line = f"{prefix:>{self.current_indent}}{prog} {_placeholders(args)}".rstrip()
        lines = wrap(line, self.width - self.current_indent)
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        heading = _(_HEADINGS[heading]) if heading in _HEADINGS else heading
        line = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{line}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_paragraphs(text, self.width, indent) + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(_placeholders(first), second) for first, second in rows]
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
