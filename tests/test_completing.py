"""TAB completion: commands, options and values (units, pinyin, tasks, duties, months),
answered from the database without pydantic, yaml or openpyxl; installed in one command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke

# The start-up test's probe: completion is held to the rule of a read-only command.
from test_imports import PROBE


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("completion") / "maogang.db"
    env = os.environ | {"MAOGANG_DB": str(db)}
    subprocess.run([sys.executable, "-m", "maogang_cli", "load"], env=env, check=True)
    return db


def complete_bash(db: Path, words: str) -> tuple[list[str], str]:
    """What bash offers for the last word of `words`, and the heavy modules loaded."""
    env = os.environ | {
        "MAOGANG_DB": str(db),
        "_MAOGANG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    run = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return [line for line in run.stdout.splitlines() if line], run.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("maogang sta", ["status"]),
        ("maogang status --un", ["--unit"]),
        ("maogang status --unit cy", ["cyzx"]),
        ("maogang status --unit chengy", ["chengyunzhongxin"]),
        ("maogang status --unit 城", ["城运中心", "城建中心"]),
        ("maogang record 2024-1", [f"2024-{n}" for n in range(10, 20)]),
        ("maogang show 2", ["2", *(str(n) for n in range(20, 27)),
                            *(f"2024-{n:02d}" for n in range(1, 27))]),
        ("maogang duty done 调", ["调度会"]),
        ("maogang duty done quarterly_r", ["quarterly_review"]),
        ("maogang submit --month 2024-0", ["2024-04", "2024-05", "2024-06", "2024-07",
                                            "2024-08", "2024-09"]),
        ("maogang reports --from 2026-1", ["2026-10", "2026-11", "2026-12"]),
    ],
)  # fmt: skip
def test_tab_offers(loaded_db: Path, words: str, offered: list[str]) -> None:
    found, heavy = complete_bash(loaded_db, words)
    assert found == offered
    assert heavy == "HEAVY:"


def test_a_missing_database_completes_no_values_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    assert complete_bash(db, "maogang status --unit 城") == ([], "HEAVY:")
    assert not db.exists()


def test_show_prints_the_script(invoke: Invoke) -> None:
    for shell in ("bash", "zsh", "fish", "powershell"):
        result = invoke("completion", "show", shell)
        assert result.exit_code == 0
        assert "_MAOGANG_COMPLETE" in result.stdout


def test_install_writes_the_script_where_the_shell_reads_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = invoke("completion", "install", "bash")
    script = tmp_path / ".bash_completions" / "maogang.sh"
    assert result.exit_code == 0, result
    assert result.stderr == f"已为 bash 安装补全：{script}；新开的终端中生效\n"
    assert "_MAOGANG_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()


def test_install_for_a_missing_powershell_is_one_line(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PowerShell 7 (pwsh) is usually not on the clerk's Windows PC: choosing it from the
    help's list said 内部错误 (tester T37)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))  # neither pwsh nor powershell there
    for shell in ("pwsh", "powershell"):
        result = invoke("completion", "install", shell)
        assert (result.exit_code, result.stderr) == (
            2,
            f"错误：无法运行 {shell}：是否已安装？（PowerShell 7 为 pwsh，5 为 powershell）\n",
        )


def test_install_where_the_rc_file_cannot_be_written_is_one_line(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".bashrc").mkdir()  # fails for root too, as a read-only home would not
    result = invoke("completion", "install", "bash")
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：无法在 {tmp_path / '.bashrc'} 中安装补全：Is a directory\n",
    )
