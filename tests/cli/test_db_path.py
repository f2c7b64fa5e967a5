"""Where the database is: a path the user gave must exist; a new database is announced."""

from pathlib import Path

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
    assert err == f"错误：directory for the database does not exist: {db.parent}\n"
    assert not db.parent.exists()


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    code, err = run("status", "--db", str(tmp_path))
    assert (code, err) == (2, f"错误：--db 需要数据库文件，而不是目录：{tmp_path}\n")


def test_data_must_be_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "units.yaml"
    file.write_text("units: []\n", "utf-8")
    code, err = run("status", "--data", str(file))
    assert code == 2
    assert err == f"错误：--data wants the catalogue's directory, not a file: {file}\n"
