"""`maogang validate`: every problem in one run, as FILE:LINE:COL, for people and for CI."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Invoke, Result

# 82 cells: at 80 columns it breaks between two counts (T25)
VALID = "校验通过：4个文件、26项任务、22个单位、7个单位组、30项措施、\n17个村居、25个行业领域\n"
# one file borrows units.yaml and the plan from beside it, not hazards.yaml
VALID_ALONE = "校验通过：3个文件、26项任务、22个单位、7个单位组、30项措施\n"


def hits(path: Path, needle: str, offset: int = 0) -> list[str]:
    """FILE:LINE:COL of each line holding `needle` (columns in characters), plus `offset`."""
    return [
        f"{path}:{number}:{line.index(needle) + 1 + offset}"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if needle in line
    ]


def where(path: Path, needle: str, offset: int = 0) -> str:
    [found] = hits(path, needle, offset)
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def no_traceback(result: Result) -> Result:
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_the_bundled_catalogue_is_valid(invoke: Invoke) -> None:
    result = no_traceback(invoke("validate"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, VALID, "")
    english = invoke("validate", "--lang", "en").stdout
    assert english == (
        "valid: 4 files, 26 tasks, 22 units, 7 groups, 30 measures, 17 villages,\n25 sectors\n"
    )


def test_a_directory_and_a_single_file(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("validate", str(data_copy)).stdout == VALID
    single = invoke("validate", str(data_copy / "tasks_2024.yaml"))
    # the file borrows units.yaml and the plan from beside it
    assert (single.exit_code, single.stdout) == (0, VALID_ALONE)
    units = invoke("validate", str(data_copy / "units.yaml"))
    assert units.stdout == "校验通过：2个文件、0项任务、22个单位、7个单位组、30项措施\n"


def test_data_option_chooses_the_catalogue(invoke: Invoke, data_copy: Path) -> None:
    edit(data_copy / "tasks_2024.yaml", "seq: 3\n", "seq: 2\n")
    assert invoke("validate").exit_code == 0
    assert invoke("validate", "--data", str(data_copy)).exit_code == 1


@pytest.fixture
def broken(data_copy: Path) -> tuple[Path, list[str]]:
    """A copy with problems of every stage in three files, and the lines validate prints."""
    units, plan, tasks = (
        data_copy / n for n in ("units.yaml", "plan_2024_2026.yaml", "tasks_2024.yaml")
    )
    edit(units, "城建中心, 农业农村服务中心", "城建中心, 农业服务中心")
    edit(plan, "      - number: 17", "      - number: 16")
    edit(tasks, "    title: 组建专班\n", "    titel: 组建专班\n")
    edit(tasks, 'deadline: "2024-09"', 'deadline: "2024-13"')
    edit(tasks, "cooperating: [各生产经营单位]", "cooperating: [各生产单位]")
    edit(tasks, "    seq: 21\n", "    seq: 20\n")
    first_20, second_20 = hits(tasks, "seq: 20", 5)
    bad_month = where(tasks, 'deadline: "2024-13"', 10)
    expected = [
        f"{hits(plan, 'number: 16', 8)[1]}: duplicate measure number 16",
        f"{where(tasks, 'titel:')}: unknown key 'titel' (did you mean: title?)",
        f"{bad_month}: deadline: '2024-13' is not a real month",
        f"{where(tasks, '各生产单位')}: unknown unit '各生产单位' (did you mean: 各生产经营单位?)",
        # row 16 serves measure 17, which the plan lost
        f"{where(tasks, 'measures: [17]', 11)}: measure 17 is not in the plan",
        f"{second_20}: duplicate seq 20 (first at line {first_20.split(':')[1]})",
        f"{where(units, '农业服务中心')}: member '农业服务中心' is not a unit "
        "(did you mean: 农业农村服务中心?)",
        # so does the duty that serves it
        f"{where(plan, 'measure: 17', 9)}: measure 17 is not in the plan",
    ]
    return data_copy, sorted(expected, key=_order)


def _order(line: str) -> tuple[str, int, int, str]:
    file, number, col, message = line.split(":", 3)
    return file, int(number), int(col), message


def test_every_problem_in_one_run(invoke: Invoke, broken: tuple[Path, list[str]]) -> None:
    data, expected = broken
    result = no_traceback(invoke("validate", str(data)))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected
    assert result.stderr == "3个文件中有8处问题\n"
    english = invoke("validate", str(data), "--lang", "en")
    assert english.stderr == "8 problem(s) in 3 file(s)\n"


def test_json_format(invoke: Invoke, broken: tuple[Path, list[str]]) -> None:
    data, expected = broken
    result = no_traceback(invoke("validate", str(data), "--format", "json"))
    assert result.exit_code == 1
    assert result.stderr == ""
    records = []
    for line in expected:
        file, number, col, message = line.split(":", 3)
        records.append(
            {"file": file, "line": int(number), "column": int(col), "message": message[1:]}
        )
    assert json.loads(result.stdout) == records


def test_json_format_when_valid(invoke: Invoke) -> None:
    result = invoke("validate", "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_github_format(invoke: Invoke, broken: tuple[Path, list[str]]) -> None:
    data, expected = broken
    result = no_traceback(invoke("validate", str(data), "-f", "github"))
    assert result.exit_code == 1
    annotations = []
    for line in expected:
        file, number, col, message = line.split(":", 3)
        annotations.append(f"::error file={file},line={number},col={col}::{message[1:]}")
    assert result.stdout.splitlines() == annotations


def test_github_format_escapes_newlines_and_percent(invoke: Invoke, data_copy: Path) -> None:
    edit(
        data_copy / "tasks_2024.yaml",
        "cooperating: [各生产经营单位]",
        'cooperating: ["各生产\\n100%"]',
    )
    result = invoke("validate", str(data_copy), "--format", "github")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.endswith("::unknown unit '各生产%0A100%25' (did you mean: 各生产经营单位?)")


# --- usage errors: exit 2 --------------------------------------------------------------------


def test_a_path_that_does_not_exist(invoke: Invoke, tmp_path: Path) -> None:
    result = no_traceback(invoke("validate", str(tmp_path / "nope")))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"错误：文件或目录不存在：{tmp_path / 'nope'}\n"


def test_a_bad_format(invoke: Invoke) -> None:
    result = no_traceback(invoke("validate", "--format", "xml"))
    assert result.exit_code == 2
    assert "“xml”不是可选值之一（'text', 'json', 'github'）" in result.stderr


def test_a_data_dir_that_does_not_exist(invoke: Invoke, tmp_path: Path) -> None:
    result = no_traceback(invoke("validate", "--data", str(tmp_path / "nope")))
    assert result.exit_code == 2
    assert result.stderr == f"错误：找不到清单目录：{tmp_path / 'nope'}\n"


def test_a_directory_without_catalogue_files(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = no_traceback(invoke("validate", str(tmp_path / "empty")))
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：no catalogue files found (units.yaml, hazards.yaml, plan_*.yaml, tasks_*.yaml)\n"
    )


# --- what a hurried clerk types: one clear line each, exit 1 ----------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "offset", "message"),
    [
        (
            "    seq: 3\n",
            "\tseq: 3\n",
            "\tseq: 3",
            0,
            "tab character: indent with spaces, not tabs",
        ),
        (
            "    seq: 3\n",
            "    seq： 3\n",
            "seq：",
            3,
            "full-width colon '：' after a key: use ':' followed by a space",
        ),
        (
            "    title: 推动落实重点",
            "    title：推动落实重点",
            "title：",
            5,
            "full-width colon '：' after a key: use ':' followed by a space",
        ),
        (
            '    deadline: "2024-04"\n',
            "    deadline: 2024年12月\n",
            "2024年12月",
            0,
            "deadline: '2024年12月' is not a month (YYYY-MM) or a date (YYYY-MM-DD): "
            'write "2024-12"',
        ),
        (
            '    deadline: "2024-04"\n',
            "    deadline: 12月\n",
            "deadline: 12月",
            10,
            "deadline: '12月' is not a month (YYYY-MM) or a date (YYYY-MM-DD): "
            'add the year, as "YYYY-12"',
        ),
        (
            '    deadline: "2024-04"\n',
            "    deadline: 2024.12\n",
            "2024.12",
            0,
            'deadline: 2024.12 is a number, not a month or date: write it in quotes, "YYYY-MM"',
        ),
        (
            "    responsible: [镇安委办]\n",
            "    responsible: [镇安委办，城运中心]\n",
            "镇安委办，",
            0,
            "'镇安委办，城运中心' is several units in one name: write them as [镇安委办, 城运中心]",
        ),
        (
            "    seq: 3\n",
            '    seq: !!python/object/apply:os.system ["echo hi"]\n',
            "!!python",
            0,
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in the "
            "catalogue (nothing is executed)",
        ),
    ],
)
def test_hostile_edits(
    invoke: Invoke, data_copy: Path, old: str, new: str, needle: str, offset: int, message: str
) -> None:
    tasks = data_copy / "tasks_2024.yaml"
    edit(tasks, old, new)
    result = no_traceback(invoke("validate", str(data_copy)))
    assert result.exit_code == 1
    assert result.stdout == f"{where(tasks, needle, offset)}: {message}\n"
    assert result.stderr == "1个文件中有1处问题\n"


def test_bom_and_windows_line_endings_are_fine(invoke: Invoke, data_copy: Path) -> None:
    for path in data_copy.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = invoke("validate", str(data_copy))
    assert (result.exit_code, result.stdout) == (0, VALID)


def test_windows_line_endings_keep_line_numbers(invoke: Invoke, data_copy: Path) -> None:
    tasks = data_copy / "tasks_2024.yaml"
    edit(tasks, "seq: 3\n", "seq: 2\n")
    expected = invoke("validate", str(data_copy)).stdout
    tasks.write_bytes(tasks.read_bytes().replace(b"\n", b"\r\n"))
    assert invoke("validate", str(data_copy)).stdout == expected


def test_a_gbk_file(invoke: Invoke, data_copy: Path) -> None:
    units = data_copy / "units.yaml"
    units.write_bytes(units.read_text("utf-8").encode("gb18030"))
    result = no_traceback(invoke("validate", str(data_copy)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{units}:3:")
    assert lines[0].endswith(
        "file is not UTF-8 text: it looks like GBK/GB18030 (a Chinese Windows encoding): "
        "save it as UTF-8"
    )


def test_an_empty_file(invoke: Invoke, data_copy: Path) -> None:
    (data_copy / "plan_2024_2026.yaml").write_text("# nothing yet\n", "utf-8")
    result = no_traceback(invoke("validate", str(data_copy)))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{data_copy / 'plan_2024_2026.yaml'}:1:1: file is empty (only blank lines or comments)\n"
    )


def test_an_alias_bomb(invoke: Invoke, data_copy: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (data_copy / "tasks_2024.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    result = no_traceback(invoke("validate", str(data_copy)))
    assert result.exit_code == 1
    assert result.stdout.endswith("(an alias bomb?)\n")


# --- the installed entry points --------------------------------------------------------------


def test_python_dash_m_runs(tmp_path: Path) -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "maogang_cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert help_text.returncode == 0, help_text.stderr
    assert "validate" in help_text.stdout and "tasks" in help_text.stdout
    validate = subprocess.run(
        [sys.executable, "-m", "maogang_cli", "validate"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (validate.returncode, validate.stdout) == (0, VALID)


@pytest.mark.parametrize(
    ("columns", "lang", "lines"),
    [
        pytest.param(
            60,
            "zh",
            [
                "校验通过：4个文件、26项任务、22个单位、7个单位组、",
                "30项措施、17个村居、25个行业领域",
            ],
            id="zh-60",
        ),
        pytest.param(
            60,
            "en",
            [
                "valid: 4 files, 26 tasks, 22 units, 7 groups, 30 measures,",
                "17 villages, 25 sectors",
            ],
            id="en-60",
        ),
        pytest.param(
            120,
            "zh",
            ["校验通过：4个文件、26项任务、22个单位、7个单位组、30项措施、17个村居、25个行业领域"],
            id="zh-120",
        ),
    ],
)
def test_the_summary_breaks_between_counts(
    invoke: Invoke, width: Callable[[int], None], columns: int, lang: str, lines: list[str]
) -> None:
    # T25: one 82-cell line at 60 and 80 columns, cut by the terminal mid-word
    width(columns)
    result = invoke("validate", "--lang", lang)
    assert (result.exit_code, result.stdout.splitlines()) == (0, lines)
