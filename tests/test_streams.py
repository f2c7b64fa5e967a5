"""A stdout whose encoding lacks a character (GBK: a redirect on Chinese Windows) gets a
stand-in for it, never an internal error."""

import codecs
import os
import subprocess
import sys
from pathlib import Path

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
