"""Contract: every command has help, and `maogang --help` lists them without importing them."""

import subprocess
import sys
from typing import Any

import pytest

from conftest import Invoke
from maogang_cli.cli import COMMANDS, load_command
from maogang_cli.cli.help_lang import translated
from maogang_cli.cli.help_text import with_due_day
from maogang_cli.i18n import set_language


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_registry_help_is_the_commands_own_first_paragraph(name: str, lang: str) -> None:
    set_language(lang)
    command = load_command(name)
    assert command.name == name
    first = (command.help or "").strip().split("\n\n")[0].replace("\n", " ")
    assert first == with_due_day(translated(COMMANDS[name][1]) or "")
    if lang == "zh":
        assert first != COMMANDS[name][1]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_answers_help(invoke: Invoke, name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"用法：maogang {name} ")
    result = invoke("--lang", "en", name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: maogang {name} ")


@pytest.mark.parametrize("args", [[], *([n] for n in COMMANDS), ["duty", "done"], ["duty", "list"]])
def test_help_fits_80_columns(args: list[str]) -> None:
    """click wraps help by characters; a Chinese one is two columns wide on the terminal.
    Run as the clerk does, in a terminal 80 columns wide."""
    import os
    import subprocess
    import sys

    from rich.cells import cell_len

    run = subprocess.run(
        [sys.executable, "-m", "maogang_cli", *args, "--help"],
        env=os.environ | {"COLUMNS": "80"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert [line for line in run.stdout.splitlines() if cell_len(line) > 80] == []


def test_root_help_lists_every_command_in_order(invoke: Invoke) -> None:
    out = invoke("--help").stdout
    positions = [out.index(f"\n  {name} ") for name in COMMANDS]
    assert positions == sorted(positions)


def test_unknown_command_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("statsu")
    assert result.exit_code == 2
    assert "没有命令“statsu”" in result.stderr


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from maogang_cli.cli import main\n"
        "sys.argv = ['maogang', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.startswith('maogang_cli.cli.')]\n"
        "print(sorted(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # The list of commands, the options every command shares, which the root declares,
    # and its help text and layout, but no command.
    assert done.stderr.strip() == (
        "['maogang_cli.cli._common', 'maogang_cli.cli.commands', 'maogang_cli.cli.help_format', "
        "'maogang_cli.cli.help_lang', 'maogang_cli.cli.help_text']"
    )


def test_usage_errors_are_one_line_with_where_to_look(invoke: Invoke) -> None:
    r = invoke("record", "14", "--unit", "城运中心")
    assert r.exit_code == 2
    assert r.stderr == "错误：缺少选项 --status / -s（见 maogang record --help）\n"
    r = invoke("statsu")
    assert r.stderr == ("错误：没有命令“statsu”（是否想输入：status？）（见 maogang --help）\n")
    r = invoke("status", "--lang", "fr")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("hazard", "stat"),
            "错误：没有命令“stat”（是否想输入：stats？）（见 maogang hazard --help）\n",
        ),
        (("duty", "lst"), "错误：没有命令“lst”（是否想输入：list？）（见 maogang duty --help）\n"),
        (
            ("hazard", "stat", "--lang", "en"),
            "error: no command 'stat' (did you mean: stats?) (see 'maogang hazard --help')\n",
        ),
    ],
)
def test_a_typo_in_a_groups_command_is_said_as_at_the_root(
    invoke: Invoke, args: tuple[str, ...], line: str
) -> None:
    # tester T57: click's English "No such command 'stat'. Did you mean 'stats'?" came through
    r = invoke(*args)
    assert (r.exit_code, r.stderr) == (2, line)


@pytest.mark.parametrize("name", ["status", "overdue", "agenda", "rank", "reports", "tasks"])
@pytest.mark.parametrize("year", ["1800", "99999", "-5"])
def test_a_year_no_catalogue_can_have_is_a_usage_error(
    invoke: Invoke, name: str, year: str
) -> None:
    r = invoke(name, "--year", year)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (
        f"错误：--year 的值无效：{year} 不在范围 1900<=x<=9999 内（见 maogang {name} --help）\n"
    )


def test_a_group_builds_only_the_command_that_runs(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer converting every hazard command's options cost `hazard stats --json` a tenth
    of its start-up: a run builds the command it runs, and no other."""
    import typer.main

    built: list[str] = []
    real = typer.main.get_command_from_info

    def recording(command_info: Any, **kwargs: Any) -> Any:
        built.append(command_info.name or command_info.callback.__name__)
        return real(command_info, **kwargs)

    monkeypatch.setattr(typer.main, "get_command_from_info", recording)
    result = invoke("hazard", "stats", "--json", "--as-of", "2026-06-30")
    assert result.exit_code == 0
    assert [name for name in built if name != "_globals"] == ["stats"]
    # A mistyped command is still matched against all of them, without building them.
    built.clear()
    result = invoke("hazard", "stat")
    assert result.exit_code == 2
    assert "（是否想输入：stats？）" in result.stderr
    assert [name for name in built if name != "_globals"] == []
    # Help lists every one.
    result = invoke("--lang", "en", "hazard", "--help")
    listed = result.stdout.split("Commands:")[1].split()
    assert [w for w in listed if w in {"add", "event", "list", "show", "stats", "targets"}] == [
        "add",
        "event",
        "list",
        "show",
        "stats",
        "targets",
    ]
