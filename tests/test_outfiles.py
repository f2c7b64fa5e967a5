"""Output files: a set (`export --split`, `schema --write`) is written whole or not at
all, and the system's refusals are said in the run's language with the exit code of what
they are (a full disk 1, a path that cannot be used 2).

A full disk is played by an OSError(ENOSPC) from the Nth file written (a real one needs a
small file system of its own: checked by hand on a 200 KB tmpfs, 14 of 25 sheets fitting)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli import outfiles
from maogang_cli.errors import UsageError
from maogang_cli.filekinds import os_reason
from maogang_cli.i18n import set_language

SPLIT = ("export", "-m", "2024-06", "--as-of", "2024-06-30", "-f", "md", "--split")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def disk_full_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """The disk takes `files` files, then is full."""
    real = outfiles._write_temporary
    written: list[str] = []

    def fills_up(folder: Path, prefix: str, data: bytes) -> str:
        if len(written) == files:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(real(folder, prefix, data))
        return written[-1]

    monkeypatch.setattr(outfiles, "_write_temporary", fills_up)


def test_a_split_that_fills_the_disk_midway_leaves_the_folder_as_it_was(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "mine.txt").write_text("kept")
    disk_full_after(monkeypatch, 14)
    result = invoke(*SPLIT, str(folder))
    assert (result.exit_code, result.stderr) == (
        1,
        f"错误：无法写入 {folder}：磁盘已满；所有文件均未写入（文件夹保持原样）\n",
    )
    assert _files(folder) == {"mine.txt": b"kept"}  # no staging folder left either


def test_a_split_folder_it_made_is_removed_again(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    folder = exports / "2024" / "06"
    disk_full_after(monkeypatch, 3)
    result = invoke(*SPLIT, str(folder))
    assert result.exit_code == 1
    assert list(exports.iterdir()) == []
    monkeypatch.undo()
    disk_full_after(monkeypatch, 3)
    english = invoke("--lang", "en", *SPLIT, str(folder))
    assert english.stderr == (
        f"error: cannot write into {folder}: the disk is full; none of the files was "
        "written (the folder is as it was)\n"
    )


def test_a_forced_split_that_fails_keeps_the_set_it_would_replace(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    assert invoke(*SPLIT[:4], "2024-06-12", *SPLIT[5:], str(folder)).exit_code == 0
    before = _files(folder)
    assert len(before) == 25
    disk_full_after(monkeypatch, 20)
    assert invoke(*SPLIT, str(folder), "--force").exit_code == 1
    assert _files(folder) == before
    monkeypatch.undo()
    assert invoke(*SPLIT, str(folder), "--force").exit_code == 0
    after = _files(folder)
    assert after.keys() == before.keys() and after != before  # as of the 30th now


def test_a_rename_that_fails_puts_every_file_back(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"old a")
    files = [(folder / name, name.encode()) for name in ("a.md", "b.md", "c.md")]
    real = os.replace
    calls: list[str] = []

    def third_fails(src: str | Path, dst: str | Path) -> None:
        calls.append(str(dst))
        if Path(dst) == folder / "c.md":
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    set_language("en")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(outfiles.os, "replace", third_fails)
            with pytest.raises(outfiles.WriteError) as refused:
                outfiles.write_set(folder, files)
    finally:
        set_language(None)
    assert str(refused.value) == (
        f"cannot write into {folder}: disk input/output error; none of the files was "
        "written (the folder is as it was)"
    )
    assert _files(folder) == {"a.md": b"old a"}
    assert folder / "b.md" in map(Path, calls)  # it got that far


def test_a_read_only_folder_is_a_path_that_cannot_be_used(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()

    def refused(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(outfiles.tempfile, "mkdtemp", refused)
    result = invoke(*SPLIT, str(folder), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：无法写入 {folder}：没有权限；未写入任何文件\n",
    )


def test_schema_write_is_all_or_nothing(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "schema"
    disk_full_after(monkeypatch, 2)
    result = invoke("schema", "--write", str(folder))
    assert (result.exit_code, result.stderr) == (
        1,
        f"错误：无法写入 {folder}：磁盘已满；所有文件均未写入（文件夹保持原样）\n",
    )
    assert not folder.exists()


def test_a_staging_folder_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above Linux's pid_max default: no such process
    left = tmp_path / f".maogang-set.{dead}.x.tmp"
    left.mkdir()
    (left / "half.xlsx.tmp").write_bytes(b"half")
    alive = tmp_path / f".maogang-set.{os.getpid()}.y.tmp"
    alive.mkdir()
    assert outfiles.write_set(tmp_path, [(tmp_path / "a.md", b"a")]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "a.md"]


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        (errno.ENOSPC, "磁盘已满", "the disk is full"),
        (errno.EACCES, "没有权限", "permission denied"),
        (errno.EROFS, "只读文件系统", "read-only file system"),
        (errno.ENOTDIR, "不是文件夹", "not a folder"),
        (errno.EEXIST, "已有同名文件", "a file of that name already exists"),
        (errno.ENOENT, "文件或文件夹不存在", "no such file or folder"),
    ],
)
def test_the_system_reasons_are_said_in_the_run_language(code: int, zh: str, en: str) -> None:
    exc = OSError(code, os.strerror(code))
    set_language("zh")
    try:
        assert os_reason(exc) == zh
        set_language("en")
        assert os_reason(exc) == en
    finally:
        set_language(None)
    assert os_reason(OSError(errno.ECHILD, "No child processes")) == "No child processes"


def test_a_file_open_in_excel_on_windows_is_named_as_such(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "june.xlsx"
    out.write_bytes(b"old")

    def open_elsewhere(src: str, dst: str) -> None:
        error = PermissionError(errno.EACCES, "The process cannot access the file")
        error.winerror = 32  # type: ignore[attr-defined]  # set by Windows only
        raise error

    monkeypatch.setattr(outfiles.os, "replace", open_elsewhere)
    result = invoke("export", "-m", "2024-06", "--as-of", "2024-06-30", "-o", str(out), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：无法写入 {out}：文件正被其他程序打开（Excel、WPS？）：请关闭后重试\n",
    )
    assert out.read_bytes() == b"old"


def test_the_exit_code_follows_what_refused() -> None:
    full = outfiles.refused_write("x", OSError(errno.ENOSPC, "full"))
    denied = outfiles.refused_write("x", OSError(errno.EACCES, "denied"))
    assert (type(full), full.exit_code) == (outfiles.WriteError, 1)
    assert (type(denied), denied.exit_code) == (UsageError, 2)
