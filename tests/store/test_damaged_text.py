"""Bytes changed inside a row (a bad disk, a copy cut short) leave text SQLite stores but
Python cannot decode: a damaged database in one line, exit 1, not an internal error (T39)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import Invoke


def test_undecodable_text_is_a_damaged_database(invoke: Invoke, tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    assert invoke("--db", str(db), "status", "--as-of", "2024-07-01").exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE units SET name = CAST(x'ffe4b8ad' AS TEXT) WHERE name = '城运中心'")
    conn.commit()
    conn.close()
    for args in (("status", "--as-of", "2024-07-01"), ("--json", "units")):
        result = invoke("--db", str(db), *args)
        assert (result.exit_code, result.stdout) == (1, ""), result.stderr
        assert result.stderr == (
            f"错误：数据库 {db} 已损坏：有一行的文字无法读取（Could not decode to UTF-8 column "
            "'name'）；请运行 maogang check，并恢复备份（maogang restore 文件）\n"
        )
