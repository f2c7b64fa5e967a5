"""Mutation testing of the SQL that applies the domain's rules (mutmut mutates Python, not
the SQL inside its strings).

    python scripts/mutate_sql.py [--file src/maogang_cli/store/progress.py] [--list]
                                 [--lines 12,40] [--tests "tests/store tests/cli/test_status.py"]

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
# The SQL files whose rules decide a figure, a status, an order or a refusal a user sees,
# each with the tests that read what it computes (every mutant runs them all if it
# survives, so they are chosen, not the whole suite).
TESTS_BY_FILE = {
    DEFAULT_FILE: (
        "tests/store tests/cli/test_status.py tests/cli/test_overdue.py "
        "tests/cli/test_rank.py tests/cli/test_export.py tests/cli/test_reload.py"
    ),
    "src/maogang_cli/store/owed.py": (
        "tests/cli/test_duty.py tests/cli/test_overdue_table.py tests/cli/test_agenda.py "
        "tests/cli/test_short_names.py tests/cli/test_overdue.py"
    ),
    "src/maogang_cli/store/duties.py": (
        "tests/cli/test_duty.py tests/cli/test_submit.py tests/cli/test_submit_several.py "
        "tests/cli/test_reports.py tests/cli/test_overdue_table.py tests/cli/test_void.py "
        "tests/cli/test_short_names.py"
    ),
    "src/maogang_cli/store/monthly.py": "tests/cli/test_export.py tests/cli/test_import.py",
    "src/maogang_cli/store/hazard_ledger.py": (
        "tests/store/test_hazards.py tests/cli/test_hazard.py tests/cli/test_hazard_import.py "
        "tests/cli/test_bulletin.py"
    ),
    # The views that leave voided records out of every figure.
    "src/maogang_cli/store/migrations.py": "tests/store/test_voids.py tests/cli/test_void.py",
    "src/maogang_cli/store/sync.py": (
        "tests/cli/test_reload.py tests/cli/test_load.py tests/store/test_unit_keys.py "
        "tests/store/test_migrations.py"
    ),
    "src/maogang_cli/store/queries.py": (
        "tests/cli/test_tasks.py tests/cli/test_units.py tests/cli/test_record.py "
        "tests/store/test_pinyin.py tests/cli/test_multi_year.py tests/cli/test_load.py"
    ),
    "src/maogang_cli/store/imports.py": "tests/cli/test_import.py",
    # The derived hazard tables' fill, guards and check (migration 16).
    "src/maogang_cli/store/derived.py": (
        "tests/store/test_derived.py tests/cli/test_check_derived.py tests/store/test_migrations.py"
    ),
    # The writer: which voided hazard a sheet's row is compared with.
    "src/maogang_cli/store/hazards.py": (
        "tests/store/test_hazards.py tests/cli/test_hazard.py tests/cli/test_hazard_import.py"
    ),
    "src/maogang_cli/store/chain.py": "tests/cli/test_check.py tests/cli/test_backup.py",
}
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
    # A comparison with a literal (state = 'closed', level = 'major', retired = 1) and the
    # negations that decide what is counted or left out (voided rows, unsealed keys).
    (r"(?<=\s)=(?=\s+(?:'|\d))", "!="),
    (r"\bNOT IN\b", "IN"),
    (r"\bNOT EXISTS\b", "EXISTS"),
    (r"\bIS NULL\b", "IS NOT NULL"),
    (r"\bASC\b", "DESC"),
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
    for name in ("src", "tests", "data", "schema", "bench", "scripts", "docs"):
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
    parser.add_argument("--tests", default=None, help="default: the file's in TESTS_BY_FILE")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--lines", default="", help="only mutants on these lines (12,40)")
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    # store/sync.py and src/maogang_cli/store/sync.py both name it, as in scripts/mutation.py
    args.file = f"src/maogang_cli/{args.file.removeprefix('src/maogang_cli/')}"
    lines = {int(n) for n in args.lines.split(",")} if args.lines else None
    if args.list:
        for m in selected(args.file, lines):
            print(f"{args.file}:{m.line}:{m.column}: {m.before} -> {m.after}")
        return 0
    tests = args.tests or TESTS_BY_FILE.get(args.file, TESTS_BY_FILE[DEFAULT_FILE])
    try:
        found, survivors = run(args.file, tests.split(), lines, args.timeout)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 2
    print(f"{len(found) - len(survivors)} of {len(found)} mutants killed; survivors:")
    for m in survivors:
        print(f"  {args.file}:{m.line}:{m.column}: {m.before} -> {m.after}")
    return 1 if survivors else 0


def selected(file: str, lines: set[int] | None = None) -> list[Mutant]:
    found = mutants((ROOT / file).read_text("utf-8"))
    return [m for m in found if lines is None or m.line in lines]


def run(
    file: str, tests: list[str], lines: set[int] | None = None, timeout: int = 900
) -> tuple[list[Mutant], list[Mutant]]:
    """Run the tests once per mutant of `file` (on `lines` only, if given), printing a
    line per mutant; (every mutant, the survivors)."""
    text = (ROOT / file).read_text("utf-8")
    found = selected(file, lines)
    survivors = []
    with tempfile.TemporaryDirectory(prefix="mutate-sql-") as tmp:
        copy = Path(tmp)
        copy_project(copy)
        if killed(copy, tests, timeout):
            raise RuntimeError("the tests fail without any mutant: fix them first")
        for n, m in enumerate(found, start=1):
            (copy / file).write_text(text[: m.start] + m.after + text[m.end :], "utf-8")
            dead = killed(copy, tests, timeout)
            verdict = "killed" if dead else "SURVIVED"
            print(
                f"[{n}/{len(found)}] {file}:{m.line}:{m.column}: {m.before} -> {m.after}: {verdict}"
            )
            sys.stdout.flush()
            if not dead:
                survivors.append(m)
    return found, survivors


if __name__ == "__main__":
    raise SystemExit(main())
