"""Mutation testing of every rule a user sees, in one command (CONTRIBUTING.md, "Mutation
testing"): mutmut over each module of `domain/`, then scripts/mutate_sql.py over each
store file whose SQL applies a rule, then one table of what was killed and what survived.

    nice -n 10 python scripts/mutation.py                 # everything (hours on 2 cores)
    python scripts/mutation.py --max-children 1 --domain owed   # one test run at a time
    python scripts/mutation.py --domain status voids      # these domain modules only
    python scripts/mutation.py --sql store/hazards.py     # this file's SQL only
    python scripts/mutation.py --table                    # the table of the last mutmut runs

Needs `pip install -e '.[dev,mutation]'`. mutmut works in `mutants/` (git-ignored; its
results stay there between runs, so a module run again only re-runs what changed); the
SQL mutants run in a temporary copy. The checkout itself is never changed. Exit 1 when a
mutant survived: each one needs a test or a line in CONTRIBUTING.md saying why it cannot
change what a user sees.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutate_sql  # the script beside this one

ROOT = mutate_sql.ROOT
DOMAIN = ROOT / "src" / "maogang_cli" / "domain"
RESULTS = ROOT / "mutants" / "src" / "maogang_cli" / "domain"
# mutmut's exit codes of a mutant's test run (mutmut.stats.status_by_exit_code).
KILLED, SURVIVED = {1, 3, 37}, {0}


def domain_modules() -> list[str]:
    return sorted(p.stem for p in DOMAIN.glob("*.py") if p.stem != "__init__")


def refresh_package_files() -> None:
    """Copy the package's other files (the compiled messages) into mutants/ again: mutmut
    copies them only when it first makes the directory, and a stale catalogue fails the
    tests before any mutant is tried."""
    package = ROOT / "src"
    for path in package.rglob("*"):
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            target = ROOT / "mutants" / "src" / path.relative_to(package)
            if target.parent.exists() and (
                not target.exists() or target.read_bytes() != path.read_bytes()
            ):
                shutil.copy2(path, target)


def run_mutmut(module: str, children: list[str]) -> None:
    refresh_package_files()
    subprocess.run(
        [sys.executable, "-m", "mutmut", "run", *children, f"maogang_cli.domain.{module}*"],
        cwd=ROOT,
        check=False,  # mutmut's own exit code says nothing of the survivors
    )


def mutmut_row(module: str) -> tuple[str, int, int, list[str]]:
    """(module, mutants, killed, survivors) from mutmut's results; mutants not checked
    (no test covers them, timed out, not run yet) are counted among the survivors."""
    meta = RESULTS / f"{module}.py.meta"
    codes: dict[str, int | None] = (
        json.loads(meta.read_text("utf-8"))["exit_code_by_key"] if meta.exists() else {}
    )
    killed = sum(1 for code in codes.values() if code in KILLED)
    left = [name.rsplit(".", 1)[1] for name, code in sorted(codes.items()) if code in SURVIVED]
    unchecked = Counter(code for code in codes.values() if code not in KILLED | SURVIVED)
    left += [f"{n} with exit {code} (None: not run)" for code, n in unchecked.items()]
    return f"domain/{module}.py", len(codes), killed, left


def print_table(rows: list[tuple[str, int, int, list[str]]]) -> None:
    print("| module | mutants | killed | survivors |")
    print("| --- | --- | --- | --- |")
    for module, total, killed, left in rows:
        print(f"| {module} | {total} | {killed} | {', '.join(left) or '-'} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", nargs="*", metavar="MODULE", help="domain modules to run")
    parser.add_argument("--sql", nargs="*", metavar="FILE", help="store files (store/X.py)")
    parser.add_argument("--table", action="store_true", help="print the last results only")
    # one test run at a time on a shared machine (mutmut starts one per core by default)
    parser.add_argument("--max-children", type=int, help="mutmut's parallel test runs")
    args = parser.parse_args()
    everything = args.domain is None and args.sql is None
    modules = domain_modules() if everything or args.domain == [] else (args.domain or [])
    files = (
        list(mutate_sql.TESTS_BY_FILE)
        if everything or args.sql == []
        else [f"src/maogang_cli/{f.removeprefix('src/maogang_cli/')}" for f in args.sql or []]
    )
    rows = []
    for module in modules:
        if not args.table:
            run_mutmut(module, [f"--max-children={args.max_children}"] if args.max_children else [])
        rows.append(mutmut_row(module))
    for file in [] if args.table else files:
        tests = mutate_sql.TESTS_BY_FILE.get(
            file, mutate_sql.TESTS_BY_FILE[mutate_sql.DEFAULT_FILE]
        )
        found, survivors = mutate_sql.run(file, tests.split())
        left = [f"{m.line}:{m.column} {m.before} -> {m.after}" for m in survivors]
        name = file.removeprefix("src/maogang_cli/") + " (SQL)"
        rows.append((name, len(found), len(found) - len(left), left))
    print_table(rows)
    return 1 if any(left for *_, left in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
