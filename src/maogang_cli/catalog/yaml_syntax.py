"""A catalogue file that cannot be read as YAML, said as one line at the place the clerk
has to fix: text that is not UTF-8 (GBK from a Chinese Windows editor, UTF-16), a tab, a
full-width colon, a quote never closed. yamlsource reads the files; this explains why one
cannot be read.
"""

from __future__ import annotations

import re

import yaml

from maogang_cli.errors import Problem


def decode(raw: bytes, name: str) -> tuple[str, Problem | None]:
    """UTF-8 text (a BOM is allowed); else a problem at the first bad byte, in characters."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(name, 1, 1, "file is UTF-16 text: save it as UTF-8")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        line_start = max(raw.rfind(b"\n", 0, exc.start) + 1, bom)
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        hint = "save it as UTF-8"
        try:
            raw.decode("gb18030")
            hint = "it looks like GBK/GB18030 (a Chinese Windows encoding): save it as UTF-8"
        except UnicodeDecodeError:
            pass
        return "", Problem(name, line, col, f"file is not UTF-8 text: {hint}")


_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)[^\s#'\"：]+：")
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#]+:\s+)?(["'])""")


def syntax_problem(exc: yaml.YAMLError, text: str, name: str) -> Problem:
    """One clear line for a YAML syntax error, at the place the clerk has to fix."""
    lines = text.splitlines()

    def at(line: int, col: int, message: str) -> Problem:
        return Problem(name, line + 1, col + 1, message)

    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts bytes, the pure-Python reader characters: find the character itself.
        index = text.find(chr(exc.character))
        before = text[: max(index, 0)]
        line, col = before.count("\n"), len(before) - (before.rfind("\n") + 1)
        return at(line, col, f"control character U+{exc.character:04X} is not allowed: delete it")
    if not isinstance(exc, yaml.MarkedYAMLError):  # pragma: no cover - PyYAML marks them all
        return Problem(name, 1, 1, f"YAML syntax error: {exc}")
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    where = mark or start
    line, col = (where.line, where.column) if where else (0, 0)
    line = min(line, max(len(lines) - 1, 0))
    bad = lines[line][col : col + 1] if lines else ""
    if bad == "\t":
        return at(line, col, "tab character: indent with spaces, not tabs")
    # The scanner notices a mistake on a later line than the one to fix: look back a little.
    first = min(start.line if start else line, line)
    for n in range(max(first - 1, 0), line + 1):
        found = _FULLWIDTH_KEY.match(lines[n])
        if found:
            return at(
                n, found.end() - 1, "full-width colon '：' after a key: use ':' followed by a space"
            )
    if "expected ':'" in problem and start is not None:
        key_line = lines[start.line]
        colon = re.search(r":(?=\S)", key_line[start.column :])
        if colon:
            return at(
                start.line, start.column + colon.start(), "no space after ':': write 'key: value'"
            )
        return at(start.line, start.column, "expected 'key: value' here (a ':' is missing)")
    if "quoted scalar" in context and start is not None:
        return at(start.line, start.column, "this quote is never closed")
    if "flow sequence" in context and start is not None:
        return at(start.line, start.column, "this '[' is never closed: end the list with ']'")
    if "flow mapping" in context and start is not None:
        return at(start.line, start.column, "this '{' is never closed: end it with '}'")
    for n in range(line, max(line - 50, -1), -1):
        opened = _OPEN_QUOTE.match(lines[n])
        if opened and lines[n].count(opened[1]) % 2 == 1 and n < line:
            return at(n, opened.start(1), "this quote is never closed on its line")
    if "mapping values are not allowed" in problem:
        return at(
            line, col, "unexpected ':': check the indentation, or put a value with ': ' in quotes"
        )
    if "expected key" in problem or "expected '-' indicator" in problem:
        return at(line, col, "unexpected indentation: keys of one item must line up")
    if "another document" in problem:
        return at(line, col, "a second YAML document ('---') is not allowed: one per file")
    what = f"{context}: {problem}" if context and not context.startswith("while") else problem
    return at(line, col, f"YAML syntax error: {what or 'invalid YAML'}")
