"""Mutation testing of the SQL that applies the domain's rules (mutmut mutates Python, not
the SQL inside its strings).

    python scripts/mutate_sql.py [--file src/maogang_cli/store/progress.py] [--list]
                                 [--tests "tests/store tests/cli/test_status.py"]

Each mutant changes one operator or keyword inside one string literal of the file (`<` to
`<=`, `!=` to `=`, `DESC` to `ASC`, `MIN(` to `MAX(`, …); the tests run against a copy of
the project with that one change. A mutant the tests do not kill is printed as
`FILE:LINE: before -> after`: a rule nobody checks (list them in CONTRIBUTING.md). The
checkout itself is never changed. Standard library only.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = "src/maogang_cli/store/progress.py"
DEFAULT_TESTS = (
    "tests/store tests/cli/test_status.py tests/cli/test_overdue.py "
    "tests/cli/test_rank.py tests/cli/test_export.py"
)
# (pattern inside a string literal, replacement): each match is one mutant.
SWAPS = [
    (r"(?<=\s)<(?=\s)", "<="),
    (r"(?<=\s)<=(?=\s)", "<"),
    (r"(?<=\s)>(?=\s)", ">="),
    (r"(?<=\s)>=(?=\s)", ">"),
    (r"(?<=\s)!=(?=\s)", "="),
    (r"\bIS NOT\b", "IS"),
    (r"\bDESC\b", "ASC"),
    (r"\bMIN\(", "MAX("),
    (r"\bMAX\(", "MIN("),
    (r"'done'", "'blocked'"),
    (r"\bBETWEEN :as_of AND :soon\b", "BETWEEN :as_of AND :as_of"),
]


class Mutant(NamedTuple):
    line: int
    column: int
    start: int  # offset in the file's text
    end: int
    before: str
    after: str


def mutants(text: str) -> list[Mutant]:
    """One mutant per match of SWAPS inside a string literal (f-strings included)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    found = []
    previous = tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        statement = previous in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token.type
        if token.type != tokenize.STRING or statement:  # a docstring is no SQL
            continue
        (row, col), _ = token.start, token.end
        base = offsets[row - 1] + col
        for pattern, replacement in SWAPS:
            for match in re.finditer(pattern, token.string):
                start, end = base + match.start(), base + match.end()
                at = text.count("\n", 0, start) + 1
                column = start - offsets[at - 1] + 1
                found.append(Mutant(at, column, start, end, match.group(), replacement))
    return sorted(found)


def copy_project(target: Path) -> None:
    for name in ("src", "tests", "data", "schema", "bench", "scripts"):
        if (ROOT / name).exists():
            shutil.copytree(
                ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    for name in ("pyproject.toml", "conftest.py"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)


def killed(copy: Path, tests: list[str], timeout: int) -> bool:
    env = os.environ | {"PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=copy,
            env=env,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return True  # a mutant that hangs is caught (pytest-timeout would fail it)
    return run.returncode != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=DEFAULT_FILE)
    parser.add_argument("--tests", default=DEFAULT_TESTS)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--lines", default="", help="only mutants on these lines (12,40)")
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    text = (ROOT / args.file).read_text("utf-8")
    found = mutants(text)
    if args.lines:
        wanted = {int(n) for n in args.lines.split(",")}
        found = [m for m in found if m.line in wanted]
    if args.list:
        for m in found:
            print(f"{args.file}:{m.line}:{m.column}: {m.before} -> {m.after}")
        return 0
    survivors = []
    with tempfile.TemporaryDirectory(prefix="mutate-sql-") as tmp:
        copy = Path(tmp)
        copy_project(copy)
        tests = args.tests.split()
        if killed(copy, tests, args.timeout):
            print("the tests fail without any mutant: fix them first", file=sys.stderr)
            return 2
        for n, m in enumerate(found, start=1):
            (copy / args.file).write_text(text[: m.start] + m.after + text[m.end :], "utf-8")
            dead = killed(copy, tests, args.timeout)
            verdict = "killed" if dead else "SURVIVED"
            where = f"{args.file}:{m.line}:{m.column}"
            print(f"[{n}/{len(found)}] {where}: {m.before} -> {m.after}: {verdict}")
            sys.stdout.flush()
            if not dead:
                survivors.append(m)
        (copy / args.file).write_text(text, "utf-8")
    print(f"{len(found) - len(survivors)} of {len(found)} mutants killed; survivors:")
    for m in survivors:
        print(f"  {args.file}:{m.line}:{m.column}: {m.before} -> {m.after}")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
