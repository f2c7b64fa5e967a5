"""The system's reason a --db or an imported file cannot be reached, in the run's language
(T35: `错误：--db noperm/x.db: Permission denied`). Root reads any file, so the refusal is
made by a patched os.stat."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import Invoke


@pytest.fixture
def refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A path under a folder nobody may enter."""
    folder = tmp_path / "noperm"
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(folder)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    return folder


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        pytest.param("zh", "错误：--db {db}：没有权限\n", id="zh"),
        pytest.param("en", "error: --db {db}: permission denied\n", id="en"),
    ],
)
def test_a_db_the_system_refuses_gives_its_reason_in_the_run_language(
    invoke: Invoke, refused: Path, lang: str, line: str
) -> None:
    db = refused / "x.db"
    result = invoke("--db", str(db), "status", "--lang", lang)
    assert (result.exit_code, result.stderr) == (2, line.format(db=db))


def test_an_import_the_system_refuses_gives_its_reason_in_chinese(
    invoke: Invoke, refused: Path
) -> None:
    sheet = refused / "cy.xlsx"
    result = invoke("import", str(sheet), "--by", "张三")
    assert (result.exit_code, result.stderr) == (2, f"错误：无法读取{sheet}：没有权限\n")
