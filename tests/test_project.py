"""The README's promises: the Quick start test command is what CI runs."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```sh\n")[1:]
    return [block.split("```", 1)[0].strip() for block in blocks]


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    run, test = quick_start_commands()
    assert run.endswith("maogang status")
    assert test.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test in ci


def test_a_test_that_never_ends_fails(pytestconfig: pytest.Config) -> None:
    """pytest-timeout is on with a default, so a loop that never ends fails the run."""
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert 0 < float(pytestconfig.getini("timeout")) <= 600
