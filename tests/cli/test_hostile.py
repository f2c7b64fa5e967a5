"""Hostile arguments, output targets and catalogue files: one line each, with its exit
code, never the internal-error exit (70), nothing replaced that is not a regular file."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli.catalog.messages import MAX_SUGGESTIONS
from maogang_cli.catalog.yamlsource import MAX_BYTES
from maogang_cli.config import bundled_data_dir


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAOGANG_LANG", "en")


NINES = "9" * 5000
ARGUMENTS: list[tuple[str, tuple[str, ...], str, int]] = [
    ("5000-digit task", ("show", NINES), f"error: unknown task '{NINES}'", 1),
    ("20-digit task", ("show", "9" * 20), f"error: unknown task '{'9' * 20}'", 1),
    (
        "note not UTF-8",
        ("record", "14", "--unit", "城运中心", "--status", "done", "--note", "abc\udcff"),
        "error: the argument 'abc\\xff' is not valid UTF-8 text: set the terminal or script "
        "to UTF-8",
        2,
    ),
    (
        "unit not UTF-8",
        ("status", "--unit", "\udce4\udcb8"),
        "error: the argument '\\xe4\\xb8' is not valid UTF-8 text: set the terminal or script "
        "to UTF-8",
        2,
    ),
    (
        "schema into a device",
        ("schema", "--write", "/dev/null"),
        "error: --write wants a directory: /dev/null is not one",
        2,
    ),
]


@pytest.mark.parametrize(
    ("args", "message", "code"), [a[1:] for a in ARGUMENTS], ids=[a[0] for a in ARGUMENTS]
)
def test_a_hostile_argument_is_one_line(
    invoke: Invoke, args: tuple[str, ...], message: str, code: int
) -> None:
    result = invoke(*args)
    first = result.stderr.splitlines()[0] if result.stderr else ""
    assert (result.exit_code, first[: len(message) + 40].split(" (did you mean")[0]) == (
        code,
        message,
    )


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "out.xlsx")
    return tmp / "out.xlsx"


def _symlink(tmp: Path) -> Path:
    (tmp / "real.xlsx").write_bytes(b"keep me")
    (tmp / "out.xlsx").symlink_to(tmp / "real.xlsx")
    return tmp / "out.xlsx"


def _device(tmp: Path) -> Path:
    return Path("/dev/full")


TARGETS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("FIFO", _fifo, "a FIFO (named pipe)"),
    ("symbolic link", _symlink, "a symbolic link"),
    ("device", _device, "a device"),
]


@pytest.mark.parametrize(("make", "what"), [t[1:] for t in TARGETS], ids=[t[0] for t in TARGETS])
def test_export_force_replaces_only_a_regular_file(
    invoke: Invoke, tmp_path: Path, make: Callable[[Path], Path], what: str
) -> None:
    target = make(tmp_path)
    mode = target.lstat().st_mode
    result = invoke(
        "export",
        "--month",
        "2024-06",
        "--as-of",
        "2024-06-30",
        "--format",
        "xlsx",
        "-o",
        str(target),
        "--force",
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {target} is {what}: only a regular file is ever replaced; give a file name\n",
    )
    assert target.lstat().st_mode == mode
    if target.is_symlink():
        assert (tmp_path / "real.xlsx").read_bytes() == b"keep me"


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_no_output_replaces_the_database_even_with_force(
    invoke: Invoke, tmp_path: Path, isolation: Path, suffix: str
) -> None:
    # `export -f csv -o maogang.db --force` replaced every record with a CSV, exit 0
    db = isolation / "maogang.db"
    assert (
        invoke("record", "14", "-u", "城运中心", "-s", "推进中", "-d", "2024-06-12").exit_code == 0
    )
    target = Path(f"{db}{suffix}")
    target.touch()  # the WAL and shared-memory files exist while a shell has it open
    for kind in ("csv", "json", "xlsx"):
        result = invoke("export", "--month", "2024-06", "-f", kind, "-o", str(target), "--force")
        assert (result.exit_code, result.stdout) == (2, ""), kind
        assert result.stderr == (
            f"error: {target} is a SQLite database (maogang's records, or a backup of them): "
            "no output ever replaces one, even with --force; give another file name\n"
        )
    assert db.read_bytes().startswith(b"SQLite format 3\x00")
    history = invoke("history", "14", "--json")
    assert (history.exit_code, len(json.loads(history.stdout))) == (0, 1)
    assert invoke("check").exit_code == 0


def test_a_killed_exports_temporary_file_is_removed_by_the_next(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "month.xlsx"
    dead = tmp_path / ".month.xlsx.999999999.abcd.tmp"  # no such process
    alive = tmp_path / f".month.xlsx.{os.getppid()}.efgh.tmp"  # still being written
    older = tmp_path / ".month.xlsx.ijkl.tmp"  # before the process id was in the name
    for leftover in (dead, alive, older):
        leftover.write_bytes(b"half a file")
    os.utime(older, (time.time() - 7200, time.time() - 7200))
    result = invoke("export", "--month", "2024-06", "--as-of", "2024-06-30", "-o", str(out))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".month")) == [alive.name]


def _catalogue(tmp: Path) -> Path:
    data = tmp / "data"
    shutil.copytree(bundled_data_dir(), data)
    return data


def test_a_huge_integer_in_the_catalogue_is_a_problem_at_its_place(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = _catalogue(tmp_path)
    tasks = data / "tasks_2024.yaml"
    lines = tasks.read_text("utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("seq:"))
    column = lines[row].index("seq:") + 6
    for digits in (20, 5000):
        lines[row] = lines[row][: column - 1] + "9" * digits + "\n"
        tasks.write_text("".join(lines), "utf-8")
        for command in ("validate", "load"):
            result = invoke(command, "--data", str(data))
            assert result.exit_code == 1
            said = (result.stdout + result.stderr).splitlines()  # validate: stdout
            assert said[0] == (f"{tasks}:{row + 1}:{column}: number too large ({digits} digits)")


def test_an_oversized_catalogue_file_is_refused_unread(invoke: Invoke, tmp_path: Path) -> None:
    data = _catalogue(tmp_path)
    units = data / "units.yaml"
    with open(units, "r+b") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: refused by its size, never read
    result = invoke("validate", str(data))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{units}:1:1: file is larger than 64 MiB"


def test_only_the_first_unknown_keys_get_a_hint(invoke: Invoke, tmp_path: Path) -> None:
    data = _catalogue(tmp_path)
    units = data / "units.yaml"
    junk = "".join(f"unitz{i}: 1\n" for i in range(MAX_SUGGESTIONS + 5))
    units.write_text(units.read_text("utf-8") + junk, "utf-8")
    result = invoke("validate", str(data))
    hinted = [line for line in result.stdout.splitlines() if "did you mean" in line]
    plain = [line for line in result.stdout.splitlines() if line.endswith("'")]
    assert result.exit_code == 1
    assert (len(hinted), len(plain)) == (MAX_SUGGESTIONS, 5)


EVIL = "evil\x1b]52;c;aGk=\x07 \x1b[31mred\r\u202eabc\x00"


def test_text_from_outside_is_inert_on_the_terminal(invoke: Invoke, isolation: Path) -> None:
    # Typed text with control characters is refused (below); a database written before
    # that rule may still hold some, and must never act on the terminal.
    import sqlite3
    from datetime import date

    from maogang_cli.store.progress import NewRecord, append_records

    assert invoke("status", "--as-of", "2024-06-01").exit_code == 0  # makes the database
    conn = sqlite3.connect(isolation / "maogang.db", isolation_level=None)
    stored = NewRecord(
        "2024-14",
        "城运中心",
        "in_progress",
        date(2024, 6, 1),
        "t",
        "2024-06-01T00:00:00+08:00",
        note=EVIL,
    )
    append_records(conn, [stored])
    conn.close()
    shown = invoke("history", "14", "--unit", "城运中心").stdout
    assert not any(ch in shown for ch in "\x1b\x07\r\u202e\x00")
    assert "\\x1b]5" in shown  # the escape itself, as text
    as_json = invoke("history", "14", "--json").stdout
    assert "\u202e" not in as_json and "\\u202e" in as_json


def test_a_line_break_in_by_cannot_forge_a_line(invoke: Invoke) -> None:
    args = ("record", "14", "--unit", "城运中心", "--status", "in_progress", "--date")
    result = invoke(*args, "2024-06-01", "--by", "eve\nrecorded: 2024-01 by boss")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --by: a name is one line of text without control characters: "
        "eve\\nrecorded: 2024-01 by boss\n",
    )


TYPED_TEXT: list[tuple[str, tuple[str, ...], str]] = [
    (
        "ESC in a note",
        (
            "record",
            "16",
            "--unit",
            "镇安委办",
            "--status",
            "in_progress",
            "--date",
            "2024-06-10",
            "--note",
            "第二行\x1b[2J",
        ),
        "error: the argument '第二行\\x1b[2J' holds a control character: type it again without",
    ),
    (
        "CR in a void reason",
        ("void", "P1", "--reason", "a\rb"),
        "error: the argument 'a\\x0db' holds a control character: type it again without",
    ),
    (
        "bidi override in a hazard note",
        ("hazard", "event", "YH-2024-0001", "rectifying", "--note", "\u202eabc"),
        "error: the argument '\\u202eabc' holds a control character: type it again without",
    ),
    (
        "a note longer than a cell",
        ("submit", "--unit", "城运中心", "--month", "2024-06", "--note", "长" * 32_768),
        "error: an argument of 32,768 characters is longer than a spreadsheet cell holds "
        "(32,767): shorten it",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), [a[1:] for a in TYPED_TEXT], ids=[a[0] for a in TYPED_TEXT]
)
def test_typed_text_that_cannot_be_kept_is_refused_before_anything_opens(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    db = tmp_path / "new.db"
    result = invoke("--db", str(db), *args)
    assert (result.exit_code, result.stderr.splitlines()) == (2, [message])
    assert not db.exists()


def test_a_note_with_a_tab_and_a_line_break_is_kept(invoke: Invoke) -> None:
    result = invoke(
        "record",
        "16",
        "--unit",
        "镇安委办",
        "--status",
        "in_progress",
        "--date",
        "2024-06-10",
        "--note",
        "第一行\n第二行\t完",
    )
    assert result.exit_code == 0, result.stderr
