"""A stdout whose encoding lacks a character (GBK: a redirect on Chinese Windows) gets a
stand-in for it, never an internal error."""

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from maogang_cli import streams


def test_report_marks_become_their_gbk_stand_ins() -> None:
    codecs.register_error(streams.HANDLER, streams.stand_in)
    assert "按时✓ 未报✗ 截断⋯ 🙂".encode("gbk", streams.HANDLER).decode("gbk") == (
        "按时√ 未报× 截断… ?"
    )
    # A stand-in the encoding lacks too is a "?".
    assert "✓中".encode("ascii", streams.HANDLER) == b"??"


def test_reports_redirected_in_gbk_is_written_whole(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "MAOGANG_LANG": "zh"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "maogang_cli",
            "--db",
            str(tmp_path / "x.db"),
            "reports",
            "--year",
            "2024",
            "--as-of",
            "2024-12-31",
        ],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    lines = result.stdout.decode("gbk").splitlines()
    assert lines[0] == "月报报送 2024-05至2024-12（截至 2024-12-31）"
    assert lines[2].split()[-4:] == ["√", "迟", "×", "按时率"]
    assert lines[4].split() == ["党政办", *["×"] * 8, "0", "0", "8", "0%"]


def closed_run(
    tmp_path: Path, *args: str, close: tuple[int, ...] = (1,)
) -> subprocess.CompletedProcess[bytes]:
    """Run maogang with these descriptors closed before it starts (`>&-`, `2>&-`)."""

    def close_them() -> None:
        for fd in close:
            os.close(fd)

    env = {**os.environ, "MAOGANG_LANG": "zh", "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "maogang_cli", "--db", str(tmp_path / "x.db"), *args],
        capture_output=True,
        env=env,
        check=False,
        preexec_fn=close_them,
    )


def history_dates(tmp_path: Path) -> list[str]:
    shown = closed_run(tmp_path, "--json", "history", "14", close=())
    return [entry["date"] for entry in json.loads(shown.stdout)]


@pytest.mark.skipif(sys.platform == "win32", reason="closes a descriptor in the child")
def test_a_closed_stdout_is_not_a_bug(tmp_path: Path) -> None:
    for args in (["status", "--as-of", "2024-07-01"], ["history", "14"], ["--help"]):
        result = closed_run(tmp_path, *args)
        assert (result.returncode, result.stdout) == (0, b""), result.stderr.decode()
        assert b"Traceback" not in result.stderr and "内部错误".encode() not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="closes a descriptor in the child")
def test_a_write_with_its_output_closed_still_stores_its_record(tmp_path: Path) -> None:
    record = ["record", "14", "--unit", "城运中心", "--status", "推进中", "--by", "x"]
    quiet = closed_run(tmp_path, *record, "--date", "2024-06-12", close=(1, 2))
    assert quiet.returncode == 0
    noted = closed_run(tmp_path, *record, "--date", "2024-06-13")
    assert noted.returncode == 0
    assert noted.stderr.decode() == "已记录：2024-14 城运中心 推进中（2024-06-13），记录人x\n"
    assert history_dates(tmp_path) == ["2024-06-12", "2024-06-13"]


@pytest.mark.skipif(sys.platform == "win32", reason="a pipe closed by its reader")
def test_a_pipe_closed_by_its_reader_ends_the_command_quietly(tmp_path: Path) -> None:
    # `maogang export … | head -1`: the reader has gone before the output is written.
    env = {**os.environ, "MAOGANG_LANG": "zh", "HOME": str(tmp_path)}
    assert closed_run(tmp_path, "load", close=()).returncode == 0
    for args in (
        ["export", "--month", "2024-06", "--format", "md"],
        ["--json", "tasks"],
        ["--help"],  # help is printed before any command runs (click's own EPIPE exit was 1)
        ["status", "--help"],
    ):
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "maogang_cli", "--db", str(tmp_path / "x.db"), *args],
                stdout=write_end,
                stderr=subprocess.PIPE,
                env=env,
                check=False,
            )
        finally:
            os.close(write_end)
        assert (result.returncode, result.stderr) == (0, b""), result.stderr.decode()
