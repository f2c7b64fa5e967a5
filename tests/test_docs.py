"""Docs that cannot drift: every command has its page in docs/commands/ naming every
option of its --help (by its long or short name), and every JSON example in docs/json.md parses and has exactly the
keys of the output of the command it documents (sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke
from maogang_cli.cli import COMMANDS, load_command

ROOT = Path(__file__).resolve().parent.parent
COMMAND_DOCS = ROOT / "docs" / "commands"
GLOBAL = {"--json", "--lang", "--db", "--data", "--help", "-h"}  # on docs/commands/README.md


def leaf_commands() -> list[tuple[str, Any]]:
    """(path, click command) for every command a user can run, groups expanded."""
    found = []
    for name in COMMANDS:
        command = load_command(name)
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found.append((name, command))
        else:
            found += [(f"{name} {sub}", c) for sub, c in subcommands.items()]
    return found


LEAVES = leaf_commands()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_a_page_listed_in_the_overview(name: str) -> None:
    page = COMMAND_DOCS / f"{name}.md"
    assert page.exists(), f"document `maogang {name}` in {page.relative_to(ROOT)}"
    assert f"]({name}.md)" in (COMMAND_DOCS / "README.md").read_text("utf-8")


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[path for path, _ in LEAVES])
def test_every_option_of_a_command_is_named_on_its_page(path: str, command: Any) -> None:
    text = (COMMAND_DOCS / f"{path.split()[0]}.md").read_text("utf-8")
    assert f"maogang {path}" in text

    def named(opt: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) is not None

    missing = [
        param.opts[0]
        for param in command.params
        if param.param_type_name == "option"
        and not getattr(param, "hidden", False)
        and not set(param.opts) & GLOBAL
        and not any(named(opt) for opt in param.opts)
    ]
    assert missing == [], f"docs/commands/{path.split()[0]}.md does not name {missing}"


def test_the_global_options_are_documented_once() -> None:
    text = (COMMAND_DOCS / "README.md").read_text("utf-8")
    for option in ("--json", "--lang", "--db", "--data"):
        assert f"`{option}" in text


EXAMPLE = re.compile(r"<!-- output of: maogang (.*?) -->\n```json\n(.*?)```", re.S)
EXAMPLES = EXAMPLE.findall((ROOT / "docs" / "json.md").read_text("utf-8"))


def test_every_json_example_names_its_command() -> None:
    text = (ROOT / "docs" / "json.md").read_text("utf-8")
    assert text.count("```json") == len(EXAMPLES) > 10


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a record, a monthly report, a plan milestone done and a hazard."""
    from typer.testing import CliRunner

    from maogang_cli.cli import app

    db = tmp_path_factory.mktemp("docs") / "office.db"
    for args in (
        "record 14 --unit 城运中心 --status in_progress --date 2024-06-10 --percent 50 "
        "--note 数据库建设中 --evidence scan.pdf",
        "record 14 --unit 城运中心 --status done --date 2024-06-24",
        "submit --unit 城运中心 --month 2024-06 --date 2024-06-26",
        "duty done m03-2024 --unit 规建办 --date 2024-11-20",
        "hazard add --found-on 2023-11-03 --source public_report --entity 某某五金厂 "
        "--village 茹塘村 --sector 粉尘涉爆 --department 综合行政执法队 "
        "--description 除尘系统未设置锁气卸灰装置 --deadline 2024-03-31",
        "hazard event YH-2023-0001 extended --date 2024-03-20 --deadline 2024-06-30 "
        "--approved-by 镇安委办 --note 设备采购周期长",
    ):
        result = CliRunner().invoke(app, [*shlex.split(args), "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


def same_keys(example: Any, real: Any, where: str) -> None:
    """The example has exactly the real output's keys, at every depth it shows."""
    if isinstance(example, dict):
        assert isinstance(real, dict), where
        assert sorted(example) == sorted(real), where
        for key, value in example.items():
            if real[key] not in (None, []):
                same_keys(value, real[key], f"{where}.{key}")
    elif isinstance(example, list) and example and isinstance(example[0], dict):
        assert isinstance(real, list) and real, where
        same_keys(example[0], matching(example[0], real), f"{where}[0]")


def matching(example: dict[str, Any], items: list[Any]) -> Any:
    """The first real item of the example's kind (when it has one)."""
    kind = example.get("kind")
    return next((i for i in items if kind is None or i.get("kind") == kind), items[0])


@pytest.mark.parametrize(("args", "example"), EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_each_json_example_parses_and_has_the_real_outputs_keys(
    invoke: Invoke,
    office: Path,
    args: str,
    example: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # where an example writes a file (backup -o copy.db)
    documented = json.loads(example)
    result = invoke(*shlex.split(args), "--db", str(office))
    assert result.exit_code == 0, result.stderr
    real = json.loads(result.stdout)
    if isinstance(real, list):
        assert real, f"maogang {args} printed nothing to compare with"
        real = matching(documented, real)
    same_keys(documented, real, f"maogang {args}")
