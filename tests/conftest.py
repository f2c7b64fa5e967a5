"""Every test runs against a fresh database in a temporary directory, without colour, at
80 columns, so output is deterministic and can be compared exactly."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maogang_cli.cli import app
from maogang_cli.config import bundled_data_dir
from maogang_cli.i18n import set_language

Invoke = Callable[..., "Result"]
NEW_DATABASE = ("提示：已新建数据库 ", "note: started a new database at ")


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"Result(exit_code={self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture(autouse=True)
def isolation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAOGANG_DB", str(tmp_path / "maogang.db"))
    monkeypatch.delenv("MAOGANG_DATA", raising=False)
    monkeypatch.delenv("MAOGANG_DEBUG", raising=False)
    monkeypatch.delenv("MAOGANG_LANG", raising=False)
    set_language(None)  # a previous test's --lang does not leak into this one
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("USER", "tester")
    return tmp_path


@pytest.fixture
def time_zone() -> Iterator[Callable[[str], None]]:
    """Switch this process's local time zone: `time_zone("CST-8")` is UTC+8 written the
    POSIX way (needs no tzdata). A recording time is shown in local time. Skipped where
    time.tzset is missing (Windows)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset")
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def invoke() -> Invoke:
    """Run `maogang ARGS...` in-process; stdout and stderr kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        # Each test starts on a fresh database; the one-time notice of its creation is
        # tested in test_db_path, and would otherwise precede every first message.
        stderr = "".join(
            line
            for line in result.stderr.splitlines(keepends=True)
            if not line.startswith(NEW_DATABASE)
        )
        return Result(result.exit_code, result.stdout, stderr)

    return run


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled catalogue, for tests that edit it."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


@pytest.fixture
def width(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Set the terminal width (rich reads COLUMNS when the console is made)."""
    from maogang_cli import output

    def set_to(columns: int) -> None:
        monkeypatch.setenv("COLUMNS", str(columns))
        output._console.cache_clear()

    yield set_to
    output._console.cache_clear()


def duty_short_names() -> dict[str, str]:
    """Duty id -> short name as the bundled plan file writes them (月报 for monthly_report):
    read from the YAML here, not from the program, so a table showing the wrong name fails."""
    import yaml

    plan = next(bundled_data_dir().glob("plan_*.yaml"))
    duties = yaml.safe_load(plan.read_text("utf-8"))["duties"]
    return {d["id"]: d["short_name"] for d in duties if d.get("short_name")}


def milestone_short_names() -> dict[str, str]:
    """Plan milestone id -> short name (培树企业 for m03-2024), read from the bundled plan
    file as duty_short_names reads the duties'."""
    import yaml

    plan = next(bundled_data_dir().glob("plan_*.yaml"))
    actions = yaml.safe_load(plan.read_text("utf-8"))["actions"]
    return {
        step["id"]: step["short_name"]
        for action in actions
        for measure in action["measures"]
        for step in measure.get("milestones") or []
        if step.get("short_name")
    }
