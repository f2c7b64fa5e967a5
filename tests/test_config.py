"""Where the catalogue comes from when none is given: the one shipped with maogang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import maogang_cli
from conftest import Invoke

PACKAGE = Path(maogang_cli.__file__).resolve().parent


@pytest.fixture
def checkout_without_data(tmp_path: Path) -> Path:
    """A copy of the source tree (src/maogang_cli) with no data/ beside src/, as a checkout
    missing its data/ directory or a wheel built without the catalogue."""
    shutil.copytree(
        PACKAGE, tmp_path / "src" / "maogang_cli", ignore=shutil.ignore_patterns("__pycache__")
    )
    assert not (tmp_path / "data").exists() and not (PACKAGE.parent / "_data").exists()
    return tmp_path


def run(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MAOGANG_DATA", "MAOGANG_LANG")}
    env["PYTHONPATH"] = str(checkout / "src")  # this copy, not the installed maogang
    env["MAOGANG_DB"] = str(checkout / "x.db")
    return subprocess.run(
        [sys.executable, "-m", "maogang_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=checkout,
        check=False,
    )


@pytest.mark.parametrize(
    "args", [pytest.param(["status"], id="status"), pytest.param(["load"], id="load")]
)
def test_without_the_bundled_catalogue_one_line_exit_2(
    checkout_without_data: Path, args: list[str]
) -> None:
    done = run(checkout_without_data, *args)
    missing = checkout_without_data / "data"
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"错误：随程序附带的清单不见了：没有目录 {missing}（请重新安装 maogang，"
        "或用 --data 或 MAOGANG_DATA 给出清单所在目录）\n"
    )
    assert not (checkout_without_data / "x.db").exists()  # nothing started


def test_english_and_help_still_work(checkout_without_data: Path) -> None:
    done = run(checkout_without_data, "validate", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "error: the catalogue that comes with maogang is missing: no directory "
        f"{checkout_without_data / 'data'} (install maogang again, or give the catalogue's "
        "directory with --data or MAOGANG_DATA)\n"
    )
    helped = run(checkout_without_data, "submit", "--help", "--lang", "en")
    assert helped.returncode == 0 and "(due by its due day)" in helped.stdout


def test_data_given_is_used_instead(checkout_without_data: Path, data_copy: Path) -> None:
    done = run(checkout_without_data, "tasks", "--json", "--data", str(data_copy))
    assert done.returncode == 0, done.stderr
    assert '"id": "2024-14"' in done.stdout


def test_a_data_directory_that_cannot_be_made_is_one_line(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home the clerk cannot write (a locked-down profile): one line naming where to
    point --db instead of an internal error (tester T44). A file where a directory should
    be fails for root too, which a read-only directory would not."""
    (tmp_path / "afile").write_text("")
    monkeypatch.delenv("MAOGANG_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "afile" / "share"))
    result = invoke("status")
    place = tmp_path / "afile" / "share" / "maogang"
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"错误：无法创建数据目录 {place}（Not a directory）：请用 --db 或 MAOGANG_DB 指定可写的位置\n",
    )
