"""Time whole `maogang` processes against floors measured in the same run.

Standard library and the project's own code only:

    python bench/run.py [--runs 7] [--scale-dir DIR] [--quick]

Generates (or reuses) the district-scale catalogue and database of bench/generate.py,
then prints, for the bundled catalogue and at scale, each command's median wall time
and its ratio to the floor it is judged against:

- table-printing commands: python -c "import typer, sqlite3, rich.console, rich.table"
- --json output: python -c "import typer, sqlite3, json"
- validate and load: yaml.CSafeLoader parsing the same files (a python -c process)
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
    prepare: list[str] | None = None  # run before each timing (not timed)


def cases(unit: str, out: Path) -> list[Case]:
    xlsx = str(out / "report.xlsx")
    return [
        Case("--help", ["--help"], "table"),
        Case("status", ["status", "--as-of", AS_OF], "table"),
        Case("status --unit", ["status", "--unit", unit, "--as-of", AS_OF], "table"),
        Case("overdue --json", ["overdue", "--json", "--as-of", AS_OF], "json"),
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
        Case("validate", ["validate"], "yaml"),
        Case("load", ["load", "--force"], "yaml"),
    ]


def compile_package() -> None:
    """Byte-compile maogang_cli, as pip does when it installs the package. An editable
    install under PYTHONDONTWRITEBYTECODE (or on a read-only checkout) would otherwise
    compile every module in every run, while the floors' packages were compiled by pip."""
    import compileall

    import maogang_cli

    compileall.compile_dir(Path(maogang_cli.__file__).parent, quiet=1)


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


def measure(label: str, data: Path, db: Path, unit: str, runs: int, out: Path) -> dict[str, float]:
    """Medians of `runs` rounds; each round runs every floor and command once, in turn, so
    a slow spell of the machine touches them alike instead of one command's whole series."""
    env = {
        **os.environ,
        "MAOGANG_DB": str(db),
        "MAOGANG_DATA": str(data),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }
    python = sys.executable
    # The console script, as the clerk runs it.
    script = Path(python).with_name("maogang")
    maogang = [str(script)] if script.exists() else [python, "-m", "maogang_cli"]
    argvs = {
        "floor table": [python, "-c", FLOOR_TABLE],
        "floor json": [python, "-c", FLOOR_JSON],
        "floor yaml": [python, "-c", floor_yaml(data)],
        **{case.name: [*maogang, *case.args] for case in cases(unit, out)},
    }
    times: dict[str, list[float]] = {name: [] for name in argvs}
    peaks: dict[str, int] = dict.fromkeys(argvs, 0)
    for argv in argvs.values():
        timed(argv, env)  # warm the page cache and the database
    for _ in range(runs):
        for name, argv in argvs.items():
            seconds, peak = timed(argv, env)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    med = {name: statistics.median(values) for name, values in times.items()}
    floors = {kind: med[f"floor {kind}"] for kind in ("table", "json", "yaml")}
    print(
        f"\n{label}: floors table {floors['table'] * 1000:.0f} ms, json "
        f"{floors['json'] * 1000:.0f} ms, yaml {floors['yaml'] * 1000:.0f} ms"
    )
    print(f"{'command':<24}{'median':>10}{'floor':>8}{'ratio':>8}{'peak MB':>10}")
    for case in cases(unit, out):
        seconds = med[case.name]
        print(
            f"{case.name:<24}{seconds * 1000:>8.0f}ms{case.floor:>8}"
            f"{seconds / floors[case.floor]:>7.2f}x{peaks[case.name] / 1024:>10.0f}"
        )
    return {case.name: med[case.name] for case in cases(unit, out)}


def main() -> None:
    parser = argparse.ArgumentParser(description="maogang benchmark")
    parser.add_argument("--runs", type=int, default=7)
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
        small = measure(
            "bundled catalogue", bundled_data_dir(), small_db, "城运中心", args.runs, work
        )
        scale_dir = args.scale_dir or work / "scale"
        if args.scale_dir is None or not (scale_dir / "bench.db").exists():
            sizes = (500, 50, 20_000, 12) if args.quick else (5000, 200, 200_000, 36)
            print(
                f"\ngenerating {sizes[0]} tasks, {sizes[1]} units, {sizes[2]} records, "
                f"{sizes[3]} months of reports ..."
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
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        db_copy = work / "scale.db"
        shutil.copy(scale_dir / "bench.db", db_copy)
        large = measure("at scale", scale_dir / "data", db_copy, "城运中心", args.runs, work)
        print("\nscale / bundled (budget 3x for status and overdue --json):")
        for name in ("status", "status --unit", "overdue --json"):
            print(f"  {name:<22}{large[name] / small[name]:>6.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
