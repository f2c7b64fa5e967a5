"""Read-only commands start lean: they import neither pydantic, yaml, sqlite_utils,
openpyxl, pypinyin nor babel (typer's test_rich_import pattern: check sys.modules in a fresh interpreter)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "yaml", "sqlite_utils", "openpyxl", "pypinyin", "babel", "docx")
AS_OF = "2025-01-01"

READ_ONLY = [
    ["--help"],
    ["status", "--as-of", AS_OF],
    ["status", "--json", "--as-of", AS_OF],
    ["status", "--unit", "城运中心", "--as-of", AS_OF],
    ["status", "--unit", "cyzx", "--as-of", AS_OF],
    ["overdue", "--as-of", AS_OF],
    ["overdue", "--json", "--as-of", AS_OF],
    ["agenda", "--month", "2024-06"],
    ["agenda", "--json", "--month", "2024-06"],
    ["show", "14", "--as-of", AS_OF],
    ["history", "14", "--json"],
    ["tasks"],
    ["tasks", "--json"],
    ["units", "--json"],
    ["plan", "--as-of", AS_OF],
    ["plan", "--json", "--as-of", AS_OF],
    ["duty", "list", "--as-of", AS_OF],
    ["reports", "--as-of", AS_OF],
    ["reports", "--json", "--as-of", AS_OF],
    ["rank", "--json", "--as-of", AS_OF],
    ["export", "--month", "2024-06", "--format", "json"],
    ["export", "--month", "2024-06", "--format", "csv"],
    ["export", "--month", "2024-06", "--format", "md"],
    ["chart", "--as-of", AS_OF],
    ["hazard", "list", "--as-of", AS_OF],
    ["hazard", "list", "--json", "--overdue", "--as-of", AS_OF],
    ["hazard", "stats", "--as-of", AS_OF],
    ["hazard", "stats", "--json", "--as-of", AS_OF],
    ["hazard", "targets", "--as-of", AS_OF],
    ["hazard", "targets", "--json", "--as-of", AS_OF],
    ["bulletin", "--month", "2024-12", "--as-of", AS_OF],
]

PROBE = """
import sys
from maogang_cli.cli import main
sys.argv = ["maogang", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
print("HEAVY:", ",".join(loaded), file=sys.stderr)
""".replace("HEAVY)", f"{HEAVY!r})")


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database the catalogue was loaded into (loading is allowed to be heavy)."""
    db = tmp_path_factory.mktemp("imports") / "maogang.db"
    env = os.environ | {"MAOGANG_DB": str(db)}
    subprocess.run(
        [sys.executable, "-m", "maogang_cli", "load"], env=env, check=True, capture_output=True
    )
    return db


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_read_only_command_imports_no_heavy_module(loaded_db: Path, args: list[str]) -> None:
    env = os.environ | {"MAOGANG_DB": str(loaded_db), "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "HEAVY:", args


def test_the_probe_can_fail(loaded_db: Path) -> None:
    """validate needs pydantic and yaml: the probe must see them."""
    env = os.environ | {"MAOGANG_DB": str(loaded_db)}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, "validate"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stderr.strip().splitlines()[-1] == "HEAVY: pydantic,yaml"


def test_command_signatures_are_evaluated_at_import() -> None:
    """typer reads each option from its parameter's annotation at every run; a string one
    (from `from __future__ import annotations`) would be compiled and evaluated each time."""
    import importlib
    import inspect

    from maogang_cli.cli import COMMANDS

    for name, (module_name, _) in COMMANDS.items():
        module = importlib.import_module(f"maogang_cli.cli.{module_name}")
        for func_name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != module.__name__:
                continue
            strings = [k for k, v in func.__annotations__.items() if isinstance(v, str)]
            assert not strings, f"{name}: {func_name} has string annotations {strings}"


# Modules kept off the path of commands that do not need them, so start-up stays within
# budget (bench/README.md): JSON is printed without rich, and without the message
# catalogue (help texts are translated only when help is shown); a laid-out table is
# written as text (draw.py), without rich's Table; click's errors are put into words only
# when one occurs (cli/one_line.py).
_JSON = ("rich", "maogang_cli.layout", "maogang_cli.compiled_messages")
# What only a write (the records it appends) or a refused catalogue (its problems) needs.
_READ_ONLY = ("maogang_cli.store.new_records", "maogang_cli.problem")
# `overdue` lists the hazards from the snapshot's rows (app/hazard_owed.py), without the
# ledger's records and rules; shows no entry ids (domain/voids.py); and reads pinyin only
# for a unit named by it (store/pinyin.py); writes its lines without the contracts' dicts
# (overdue_lines.py) and lays out no text or table (wrap.py, table_parts.py).
_NOT_FOR_OVERDUE = (
    "maogang_cli.store.pinyin",
    "maogang_cli.contracts",
    "maogang_cli.plan_contracts",
    "maogang_cli.wrap",
    "maogang_cli.table_parts",
    "maogang_cli.app.hazard_ledger",
    "maogang_cli.domain.hazards",
    "maogang_cli.hazard_words",
    "maogang_cli.domain.voids",
    "maogang_cli.cli.subcommands",  # a group's lazy commands: overdue is no group
    "maogang_cli.domain.overdue_groups",  # the table's and the bulletin's grouping
    "maogang_cli.domain.catalogue_records",  # tasks and units in full: items name tasks
)
NOT_ON_THE_PATH = [
    (["status", "--json", "--as-of", AS_OF], (*_JSON, *_READ_ONLY)),
    (["overdue", "--json", "--as-of", AS_OF], (*_JSON, *_READ_ONLY, *_NOT_FOR_OVERDUE)),
    (["hazard", "list", "--json", "--as-of", AS_OF], (*_JSON, *_READ_ONLY)),
    # A filter that matches is not put into words (the catalogue is loaded for a refusal).
    (
        ["hazard", "list", "--json", "--village", "腰泾村", "--sector", "冷库", "--as-of", AS_OF],
        (*_JSON, *_READ_ONLY),
    ),
    (["status", "--as-of", AS_OF], ("rich.table", "json", *_READ_ONLY)),
    (["status", "--unit", "城运中心", "--as-of", AS_OF], ("rich.table",)),
    (["overdue", "--as-of", AS_OF], ("rich.table",)),
]
ANY_RUN = ("maogang_cli.cli.one_line",)

LOADED = """
import sys
from maogang_cli.cli import main
names = sys.argv[1].split(",")
sys.argv = ["maogang", *sys.argv[2:]]
try:
    main()
finally:
    print("LOADED:", ",".join(name for name in names if name in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(("args", "names"), NOT_ON_THE_PATH, ids=lambda a: " ".join(a))
def test_a_command_loads_only_what_it_uses(
    loaded_db: Path, args: list[str], names: tuple[str, ...]
) -> None:
    env = os.environ | {"MAOGANG_DB": str(loaded_db), "NO_COLOR": "1", "COLUMNS": "80"}
    every = ",".join((*names, *ANY_RUN))
    run = subprocess.run(
        [sys.executable, "-c", LOADED, every, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "LOADED:", args


def test_the_loaded_probe_can_fail(loaded_db: Path) -> None:
    """A table on a terminal too narrow for it is drawn as blocks by rich's grid: the
    probe must see rich.table then; and a usage error loads cli/one_line.py."""
    env = os.environ | {"MAOGANG_DB": str(loaded_db), "NO_COLOR": "1", "COLUMNS": "20"}
    run = subprocess.run(
        [sys.executable, "-c", LOADED, "rich.table,json", "status", "--as-of", AS_OF],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stderr.strip().splitlines()[-1] == "LOADED: rich.table"
    run = subprocess.run(
        [sys.executable, "-c", LOADED, ",".join(ANY_RUN), "status", "--no-such-option"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1] == "LOADED: maogang_cli.cli.one_line"
