"""--json, --lang, --db and --data are declared once, on the root, and accepted after the
command too; the value given after the command wins, and the environment is read once."""

from pathlib import Path

import pytest

from conftest import Invoke

AS_OF = "2024-06-01"


def test_root_options_equal_options_after_the_command(invoke: Invoke, tmp_path: Path) -> None:
    db = str(tmp_path / "office.db")
    before = invoke("--db", db, "--lang", "en", "--json", "status", "--as-of", AS_OF)
    after = invoke("status", "--as-of", AS_OF, "--db", db, "--lang", "en", "--json")
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert before.stdout.startswith('[\n{"unit": "镇安委办", "tasks": 12,')
    assert (tmp_path / "office.db").exists()


def test_the_option_after_the_command_wins(invoke: Invoke) -> None:
    out = invoke("--lang", "zh", "status", "--as-of", AS_OF, "--lang", "en").stdout
    assert out.startswith("Status as of 2024-06-01 (lead units)\n")


@pytest.mark.parametrize("where", ["root", "after"])
def test_maogang_lang_is_the_default_language(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.setenv("MAOGANG_LANG", "en")
    assert invoke("status", "--as-of", AS_OF).stdout.startswith("Status as of 2024-06-01")
    args = ["--lang", "zh", "status", "--as-of", AS_OF]
    if where == "after":
        args = [*args[2:], "--lang", "zh"]
    assert invoke(*args).stdout.startswith("督办状态（截至 2024-06-01，主办）")


def test_maogang_db_is_read_once_and_an_option_after_the_command_beats_it(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MAOGANG_DB", str(tmp_path / "env.db"))
    assert invoke("status", "--as-of", AS_OF, "--db", str(tmp_path / "cli.db")).exit_code == 0
    assert (tmp_path / "cli.db").exists()
    assert not (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["record", "14", "-u", "城运中心", "-s", "done"], "record"),
        (["duty", "done", "monthly_report", "-u", "城运中心"], "duty done"),
        (["validate"], "validate"),
    ],
)
def test_json_is_refused_by_a_command_without_json_output(
    invoke: Invoke, args: list[str], name: str
) -> None:
    r = invoke("--json", *args)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == f"错误：maogang {name} 没有 JSON 输出（--json）\n"


def test_a_command_without_a_database_does_not_take_db(invoke: Invoke) -> None:
    r = invoke("validate", "--db", "x.db")
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：没有选项 --db")


def test_no_command_declares_a_global_option_again() -> None:
    from maogang_cli.cli import COMMANDS, load_command

    for name in COMMANDS:
        command = load_command(name)
        for leaf in getattr(command, "commands", {name: command}).values():
            opts = [opt for param in leaf.params for opt in param.opts]
            assert sorted(opts) == sorted(set(opts)), f"maogang {name}: {opts}"


def test_the_global_options_are_made_as_typer_makes_them() -> None:
    """cli._common.global_params builds the options of `_globals` without typer reading
    its signature at every run: the same options, attribute for attribute."""
    import typer

    from maogang_cli.cli._common import _globals, global_params

    holder = typer.Typer(rich_markup_mode=None, add_completion=False)
    holder.command()(_globals)
    by_typer = {p.name: p for p in typer.main.get_command(holder).params}

    def settings(param: object) -> tuple[dict[str, object], type, dict[str, object]]:
        values = dict(vars(param))
        kind = values.pop("type")
        values.pop("callback")  # replaced by global_options' own
        return values, type(kind), dict(vars(kind))

    made = global_params()
    assert list(made) == list(by_typer)
    for name, param in by_typer.items():
        assert settings(made[name]) == settings(param), name
