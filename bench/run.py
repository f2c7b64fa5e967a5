"""Time whole `maogang` processes against floors measured in the same run.

Standard library and the project's own code only:

    python bench/run.py [--runs 15] [--scale-dir DIR] [--quick]

Generates (or reuses) the district-scale catalogue and database of bench/generate.py,
then prints, for the bundled catalogue and at scale, each command's median wall time
and its ratio to the floor it is judged against. Each round runs every floor and
command once, in turn; a ratio is the median over rounds of the command's time over its
floor's time in the same round, so a slow spell of the machine touches both alike.

- table-printing commands: python -c "import typer, sqlite3, rich.console, rich.table"
- --json output: python -c "import typer, sqlite3, json"
- validate and load: yaml.CSafeLoader parsing the same files (a python -c process)

The files written for the office (the wall chart, the monthly bulletin) are judged by
wall time at scale: 5 s each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

from maogang_cli.config import bundled_data_dir  # noqa: E402

FLOOR_TABLE = "import typer, sqlite3, rich.console, rich.table"
FLOOR_JSON = "import typer, sqlite3, json"
AS_OF = "2026-06-30"  # after every synthetic record: the clerk's everyday view
OFFICE_FILES = ("chart", "bulletin (docx)")  # written for the office, judged by an absolute budget
NO_HAZARDS = ["overdue", "--json", "--kind", "task,duty,plan_milestone"]


def floor_yaml(data: Path) -> str:
    return (
        "import yaml, pathlib\n"
        f"for p in sorted(pathlib.Path({str(data)!r}).glob('*.yaml')):\n"
        "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
    )


@dataclass
class Case:
    name: str
    args: list[str]
    floor: str  # "table", "json" or "yaml"
    default_db: bool = False  # the clerk's own database (found by platformdirs), not --db


def cases(unit: str, out: Path, *, default_db: bool = False) -> list[Case]:
    xlsx = str(out / "report.xlsx")
    html = str(out / "chart.html")
    docx = str(out / "bulletin.docx")
    clerk = [Case("status (default db)", ["status", "--as-of", AS_OF], "table", True)]
    return [
        Case("--help", ["--help"], "table"),
        Case("status", ["status", "--as-of", AS_OF], "table"),
        *(clerk if default_db else []),
        Case("status --unit", ["status", "--unit", unit, "--as-of", AS_OF], "table"),
        Case("overdue --json", ["overdue", "--json", "--as-of", AS_OF], "json"),
        # The same without the hazard ledger's items: what the 3x budget was set on.
        Case("overdue --json, no hazards", [*NO_HAZARDS, "--as-of", AS_OF], "json"),
        Case(
            "reports",
            ["reports", "--from", "2024-05", "--to", "2026-04", "--as-of", AS_OF],
            "table",
        ),
        Case(
            "export --format xlsx",
            ["export", "--month", "2026-05", "--format", "xlsx", "-o", xlsx, "--force"],
            "table",
        ),
        Case("chart", ["chart", "--as-of", AS_OF, "-o", html, "--force"], "table"),
        Case(
            "bulletin (docx)",
            ["bulletin", "--month", "2026-05", "--as-of", AS_OF, "-o", docx, "--force"],
            "table",
        ),
        # The hazard ledger: a village's hazards of one sector (about a hundred rows at
        # district scale, as many as the whole ledger of the bundled case), the statistics
        # and the targets, each over every hazard.
        Case(
            "hazard list --json",
            [
                "hazard",
                "list",
                "--json",
                "--village",
                "腰泾村",
                "--sector",
                "冷库",
                "--as-of",
                AS_OF,
            ],
            "json",
        ),
        Case("hazard stats --json", ["hazard", "stats", "--json", "--as-of", AS_OF], "json"),
        Case("hazard targets", ["hazard", "targets", "--as-of", AS_OF], "table"),
        Case("validate", ["validate"], "yaml"),
        Case("load", ["load", "--force"], "yaml"),
    ]


def seed_small_ledger(db: Path) -> None:
    """The bundled case's database, loaded, with a town-sized hazard ledger: 100 hazards
    with about 500 events (the district-scale one has 50,000 and 250,000). In a child
    process, like the generator: a parent that imported maogang would inflate every
    child's peak memory."""
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--ledger-only", str(db), "100", "500"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def compile_package() -> None:
    """Byte-compile maogang_cli, as pip does when it installs the package. An editable
    install under PYTHONDONTWRITEBYTECODE (or on a read-only checkout) would otherwise
    compile every module in every run, while the floors' packages were compiled by pip."""
    import compileall

    import maogang_cli

    compileall.compile_dir(Path(maogang_cli.__file__).parent, quiet=1)


def printed_items(args: list[str], env: dict[str, str]) -> int:
    """How many items a `--json` list holds (one item a line)."""
    python = sys.executable
    found = subprocess.run(
        [python, "-m", "maogang_cli", *args], env=env, capture_output=True, check=True
    )
    return max(found.stdout.count(b"\n") - 2, 0)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of one process, and its own peak memory in KiB (from wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {err.decode()[-400:]}")
    return elapsed, usage.ru_maxrss


def measure(
    label: str,
    data: Path,
    db: Path,
    unit: str,
    runs: int,
    out: Path,
    *,
    default_db: bool = False,
) -> dict[str, float]:
    """Medians of `runs` rounds; each round runs every floor and command once, in turn, so
    a slow spell of the machine touches them alike instead of one command's whole series."""
    env = {
        **os.environ,
        "MAOGANG_DB": str(db),
        "MAOGANG_DATA": str(data),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }
    # The clerk's default: no MAOGANG_DB, a database under a fresh HOME (XDG unset).
    clerk_env = {k: v for k, v in env.items() if k not in ("MAOGANG_DB", "XDG_DATA_HOME")}
    clerk_env["HOME"] = str(out / "home")
    python = sys.executable
    # The console script, as the clerk runs it.
    script = Path(python).with_name("maogang")
    maogang = [str(script)] if script.exists() else [python, "-m", "maogang_cli"]
    measured = cases(unit, out, default_db=default_db)
    runs_of = {
        "floor table": ([python, "-c", FLOOR_TABLE], env),
        "floor json": ([python, "-c", FLOOR_JSON], env),
        "floor yaml": ([python, "-c", floor_yaml(data)], env),
        **{
            case.name: ([*maogang, *case.args], clerk_env if case.default_db else env)
            for case in measured
        },
    }
    times: dict[str, list[float]] = {name: [] for name in runs_of}
    peaks: dict[str, int] = dict.fromkeys(runs_of, 0)
    for argv, run_env in runs_of.values():
        timed(argv, run_env)  # warm the page cache and the database (or create the clerk's)
    for _ in range(runs):
        for name, (argv, run_env) in runs_of.items():
            seconds, peak = timed(argv, run_env)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    med = {name: statistics.median(values) for name, values in times.items()}
    floors = {kind: med[f"floor {kind}"] for kind in ("table", "json", "yaml")}
    print(
        f"\n{label}: floors table {floors['table'] * 1000:.0f} ms, json "
        f"{floors['json'] * 1000:.0f} ms, yaml {floors['yaml'] * 1000:.0f} ms"
    )
    print(f"{'command':<28}{'median':>10}{'floor':>8}{'ratio':>8}{'peak MB':>10}")
    for case in measured:
        ratios = [
            mine / floor
            for mine, floor in zip(times[case.name], times[f"floor {case.floor}"], strict=True)
        ]
        print(
            f"{case.name:<28}{med[case.name] * 1000:>8.0f}ms{case.floor:>8}"
            f"{statistics.median(ratios):>7.2f}x{peaks[case.name] / 1024:>10.0f}"
        )
    return {case.name: med[case.name] for case in measured}


def main() -> None:
    parser = argparse.ArgumentParser(description="maogang benchmark")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--scale-dir",
        type=Path,
        default=None,
        help="reuse a generated catalogue (bench/generate.py OUT)",
    )
    parser.add_argument("--quick", action="store_true", help="a small scale, for a smoke run")
    args = parser.parse_args()
    compile_package()
    work = Path(tempfile.mkdtemp(prefix="maogang-bench-"))
    try:
        small_db = work / "small.db"
        seed_small_ledger(small_db)
        small = measure(
            "bundled catalogue",
            bundled_data_dir(),
            small_db,
            "城运中心",
            args.runs,
            work,
            default_db=True,
        )
        scale_dir = args.scale_dir or work / "scale"
        if args.scale_dir is None or not (scale_dir / "bench.db").exists():
            sizes = (
                (500, 50, 20_000, 12, 5_000, 25_000)
                if args.quick
                else (5000, 200, 200_000, 36, 50_000, 250_000)
            )
            print(
                f"\ngenerating {sizes[0]} tasks, {sizes[1]} units, {sizes[2]} records, "
                f"{sizes[3]} months of reports, {sizes[4]} hazards with about {sizes[5]} "
                "events ..."
            )
            # In a child process: a large parent would inflate every child's peak memory
            # (a forked child starts as a copy of its parent).
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "generate.py"),
                    str(scale_dir),
                    "--tasks",
                    str(sizes[0]),
                    "--units",
                    str(sizes[1]),
                    "--records",
                    str(sizes[2]),
                    "--months",
                    str(sizes[3]),
                    "--hazards",
                    str(sizes[4]),
                    "--hazard-events",
                    str(sizes[5]),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        db_copy = work / "scale.db"
        shutil.copy(scale_dir / "bench.db", db_copy)
        large = measure("at scale", scale_dir / "data", db_copy, "城运中心", args.runs, work)
        print("\nscale / bundled (budget 3x for status and overdue --json without hazards):")
        for name in ("status", "status --unit", "overdue --json, no hazards", "overdue --json"):
            print(f"  {name:<28}{large[name] / small[name]:>6.2f}x")
        env = {**os.environ, "MAOGANG_DB": str(db_copy), "MAOGANG_DATA": str(scale_dir / "data")}
        hazards = printed_items([*NO_HAZARDS[:2], "--kind", "hazard", "--as-of", AS_OF], env)
        extra = large["overdue --json"] - large["overdue --json, no hazards"]
        print(
            f"  the ledger's {hazards} overdue hazards add {extra:.2f} s: "
            f"{extra / max(hazards, 1) * 1e6:.0f} µs an item printed"
        )
        print("\nthe hazard ledger, scale / 100 hazards (budget 3x):")
        for name in ("hazard list --json", "hazard stats --json", "hazard targets"):
            print(f"  {name:<22}{large[name] / small[name]:>6.2f}x")
        print("\nfiles for the office at scale (budget 5 s each):")
        for name in OFFICE_FILES:
            print(f"  {name:<22}{large[name]:>6.2f}s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
