"""`restore` is the way out every "damaged or truncated database" error names: it must
take that database's place (tester T23), keeping the damaged file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke


def damaged(path: Path, how: str) -> bytes:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        del data[len(data) // 3 :]
    else:  # pages of 0xFF after the first two: "database disk image is malformed"
        data[8192 : 8192 + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("how", ["truncated", "malformed"])
def test_restore_replaces_a_damaged_database(
    invoke: Invoke, isolation: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(isolation)
    db = isolation / "office.db"
    ok = invoke("--db", str(db), "record", "14", "-u", "城运中心", "-s", "done", "-d", "2024-06-05")
    assert ok.exit_code == 0, ok.stderr
    assert invoke("--db", str(db), "backup", "-o", "good.db").exit_code == 0
    # The office's file as a crash or a bad disk leaves it: the backup's bytes, damaged
    # (the in-process runs above leave their pages in a WAL, so start from the copy).
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes((isolation / "good.db").read_bytes())
    broken = damaged(db, how)
    refused = invoke("--db", str(db), "status")
    assert refused.exit_code == 1
    assert refused.stderr.endswith("请恢复备份（maogang restore 文件）\n")

    restored = invoke("--db", str(db), "restore", "good.db")
    assert restored.exit_code == 0, restored.stderr
    (kept,) = isolation.glob("office.db.replaced-*")
    assert restored.stderr.splitlines() == [
        f"已将 good.db 恢复到 {db}：1条，已检查",
        f"被替换的数据库保留为 {kept}",
    ]
    assert kept.read_bytes() == broken  # the damaged file itself, evidence for later
    assert invoke("--db", str(db), "check").exit_code == 0
    assert invoke("--db", str(db), "history", "14", "--json").stdout.count('"id"') == 1
