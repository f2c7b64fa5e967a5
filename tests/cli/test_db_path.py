"""Where the database is: a path the user gave must exist; a new database is announced."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from maogang_cli.cli import app


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def test_a_new_database_is_announced_once(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    code, err = run("status", "--json", "--as-of", "2024-06-01", "--db", str(db))
    assert code == 0
    assert err == f"提示：已新建数据库 {db}\n"
    code, err = run("status", "--json", "--as-of", "2024-06-01", "--db", str(db))
    assert (code, err) == (0, "")


def test_a_mistyped_directory_is_a_usage_error_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "no-such-dir" / "office.db"
    code, err = run("status", "--db", str(db))
    assert code == 2
    assert err == f"错误：数据库所在的目录不存在：{db.parent}\n"
    assert not db.parent.exists()


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    code, err = run("status", "--db", str(tmp_path))
    assert (code, err) == (2, f"错误：--db 需要数据库文件，而不是目录：{tmp_path}\n")


def test_data_must_be_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "units.yaml"
    file.write_text("units: []\n", "utf-8")
    code, err = run("status", "--data", str(file))
    assert code == 2
    assert err == f"错误：--data 需要清单所在的目录，而不是文件：{file}\n"


@pytest.mark.parametrize("blank", [" ", "\t"])
def test_a_blank_name_is_refused_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank: str
) -> None:
    # F38: an empty-looking MAOGANG_DB made a database file named " " in the current folder
    monkeypatch.chdir(tmp_path)
    code, err = run("status", "--db", blank)
    assert (code, err) == (2, "错误：--db 为空白：请给出路径（检查 MAOGANG_DB）\n")
    monkeypatch.setenv("MAOGANG_DB", blank)
    assert run("status") == (2, "错误：--db 为空白：请给出路径（检查 MAOGANG_DB）\n")
    monkeypatch.delenv("MAOGANG_DB")
    monkeypatch.setenv("MAOGANG_DATA", blank)
    assert run("status") == (2, "错误：--data 为空白：请给出路径（检查 MAOGANG_DATA）\n")
    assert list(tmp_path.iterdir()) == []


def test_a_quoted_tilde_is_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `MAOGANG_DB="~/office.db"` in a cron line or a .env file reaches us unexpanded
    monkeypatch.setenv("HOME", str(tmp_path))
    code, err = run("status", "--json", "--as-of", "2024-06-01", "--db", "~/office.db")
    assert (code, err) == (0, f"提示：已新建数据库 {tmp_path / 'office.db'}\n")
