"""Help in the run's language (issue 12): every help text has its Chinese; the Chinese help
holds no English sentence and the English no Chinese one; help fits 60 and 80 columns,
measured in display cells, without cutting a word, an option or a name in two."""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.cells import cell_len

from conftest import Invoke
from maogang_cli.cli import COMMANDS, app, build_command, load_command
from maogang_cli.cli.help_format import wrap
from maogang_cli.cli.help_lang import help_paragraphs, translate
from maogang_cli.i18n import _, set_language


def every_command() -> list[tuple[str, Any]]:
    """(path, click command) for the root, each command and each group's subcommands, with
    their help as written (English)."""
    found: list[tuple[str, Any]] = [("", typer.main.get_command(app))]
    for name in COMMANDS:
        command = build_command(name)
        found.append((name, command))
        found += [(f"{name} {sub}", c) for sub, c in getattr(command, "commands", {}).items()]
    return found


COMMAND_PATHS = [path for path, _command in every_command()]


def help_texts(command: Any) -> Iterator[tuple[str, str]]:
    """(where, text) for a command's help and each of its options' and arguments'."""
    yield "help", command.help or ""
    for param in command.params:
        yield param.name or "?", getattr(param, "help", None) or ""


def untranslated(texts: list[tuple[str, str]]) -> list[str]:
    """Each help paragraph with no Chinese in the catalogue."""
    set_language("zh")
    return [
        f"{where}: {msgid}"
        for where, text in texts
        for msgid in help_paragraphs(text)
        if _(msgid) == msgid
    ]


def test_every_help_text_has_its_chinese() -> None:
    texts = [
        (f"maogang {path} {where}", text)
        for path, command in every_command()
        for where, text in help_texts(command)
    ]
    assert len(texts) > 250  # every command, option and argument
    assert untranslated(texts) == []


def test_a_help_text_without_its_chinese_is_found() -> None:
    texts = [("x", "Show the state on this day [default: today]."), ("y", "Nobody said this.")]
    assert untranslated(texts) == ["y: Nobody said this."]


def rendered(invoke: Invoke, path: str, lang: str) -> str:
    args = ["--lang", lang, *path.split(), "--help"]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def sentences(help_text: str) -> list[str]:
    """The help's paragraphs, lines joined (a column's gap kept), without the usage line,
    examples and `quoted commands`."""
    paragraphs = [" ".join(line.strip() for line in p.split("\n")) for p in help_text.split("\n\n")]
    return [
        re.sub(r"`[^`]*`", "", p)
        for p in paragraphs
        if not p.startswith(("示例：", "Example:", "用法：", "Usage:")) and " Example: " not in p
    ]


# Three English words in a row is a sentence left in English; a name (maogang status),
# an option (--as-of), a value list (task、duty) or a metavar (YYYY, <str>) is not.
ENGLISH = re.compile(r"(?<![\w-])[A-Za-z][a-z]+(?: [A-Za-z][a-z]+){2}(?![\w-])")
# The English help keeps Chinese terms and names (督办, 主办, 城运中心, the plan's title) but
# no Chinese sentence: no Chinese punctuation, no run of Chinese longer than the title.
CHINESE_SENTENCE = re.compile(r"[，。；：、（）]|[\u4e00-\u9fff]{16,}")


@pytest.mark.parametrize("path", COMMAND_PATHS)
def test_the_chinese_help_has_no_english_sentence(invoke: Invoke, path: str) -> None:
    found = [m for p in sentences(rendered(invoke, path, "zh")) for m in ENGLISH.findall(p)]
    assert found == []


@pytest.mark.parametrize("path", COMMAND_PATHS)
def test_the_english_help_has_no_chinese_sentence(invoke: Invoke, path: str) -> None:
    text = rendered(invoke, path, "en")
    assert text.startswith("Usage: maogang")
    assert [m for p in sentences(text) for m in CHINESE_SENTENCE.findall(p)] == []


def test_the_checks_find_a_sentence_left_in_the_other_language() -> None:
    assert ENGLISH.findall(sentences("选项：\n  --unit  Only this unit.")[0]) == ["Only this unit"]
    assert ENGLISH.findall(" ".join(sentences("用法：maogang status [选项]"))) == []
    assert CHINESE_SENTENCE.findall("Count 协办 pairs too.") == []
    assert CHINESE_SENTENCE.findall("Count 协办的也计入。") == ["。"]


def loaded(path: str, lang: str) -> Any:
    """The command at `path` as `--help` shows it, in `lang`."""
    set_language(lang)
    command = translate_root() if not path else load_command(path.split()[0])
    for name in path.split()[1:]:
        command = command.commands[name]
    return command


def translate_root() -> Any:
    root = typer.main.get_command(app)
    translate(root)
    return root


def words_of(command: Any) -> set[str]:
    """What must not be cut: English words, options, paths, ids; and in an example each
    space-separated part (a unit's name among them)."""
    found: set[str] = set()
    shown = [command.help or ""]
    shown += [p.help or "" for p in command.params if not getattr(p, "hidden", False)]
    for text in shown:
        for paragraph in text.split("\n\n"):
            joined = " ".join(paragraph.split())
            for example in ("Example: ", "示例："):
                joined, _sep, shown = joined.partition(example)
                found.update(shown.split())
            found.update(re.findall(r"[^\s\u2e80-\uffff]{2,}", joined))
    return {word.strip(".,;:()[]`") for word in found} - {""}


def help_at(columns: int, *args: str) -> str:
    """`maogang ARGS --help` in a terminal this wide (click's test runner fixes 80)."""
    run = subprocess.run(
        [sys.executable, "-m", "maogang_cli", *args, "--help"],
        env=os.environ | {"COLUMNS": str(columns)},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


CLOSING = "，。、；：？！）」』》"


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["", "status", "hazard event", "hazard", "submit", "duty done"])
def test_help_fits_the_terminal_without_cutting_a_word(path: str, lang: str, columns: int) -> None:
    """As the clerk runs it, in a terminal this wide."""
    lines = help_at(columns, "--lang", lang, *path.split()).splitlines()
    assert [line for line in lines if cell_len(line) > columns] == []
    assert [line for line in lines if line.strip()[:1] in set(CLOSING)] == []
    flat = "\n".join(lines)
    assert sorted(w for w in words_of(loaded(path, lang)) if w not in flat) == []


def test_click_words_and_placeholders_in_chinese(invoke: Invoke) -> None:
    out = invoke("hazard", "--help").stdout
    assert out.startswith("用法：maogang hazard [选项] 命令 [参数]…\n")
    assert "\n选项：\n  -h, --help  显示本帮助并退出。\n\n命令：\n" in out
    out = invoke("status", "--help").stdout
    assert "\n  -u, --unit <单位>      只看这一单位的任务。\n" in out
    assert "（环境变量：MAOGANG_WARN_DAYS；默认：15；0<=x<=365）" in "".join(out.split())
    out = invoke("restore", "--help").stdout
    assert "\n参数：\n  <文件>  maogang backup 做的副本。（必填）\n" in out


def test_chinese_fills_the_line_never_breaking_before_a_closing_mark() -> None:
    """A line is filled, breaking between Chinese characters; punctuation is the break only
    near the line's end; a clause's last character stays with the one before it."""
    assert wrap("按完成率、逾期、逾期完成和月报按时报送给各单位排名。", 36) == [
        "按完成率、逾期、逾期完成和月报按时报",
        "送给各单位排名。",
    ]
    assert wrap("一二三四五六七，八九十一二", 18) == ["一二三四五六七，", "八九十一二"]
    assert wrap("一二三四五，六七", 10) == ["一二三", "四五，六七"]
    assert wrap("不足这些天时标黄。好", 16) == ["不足这些天时", "标黄。好"]
    assert wrap("运行一次 `maogang completion install`，之后", 36) == [
        "运行一次",
        "`maogang completion install`，之后",
    ]
    assert wrap("Only this year: its task list", 16) == ["Only this year:", "its task list"]
    # a quoted command wider than the line breaks between its words, not inside a name
    assert wrap(
        "写上 `# yaml-language-server: $schema=../schema/tasks.schema.json` 即可。", 40
    ) == [
        "写上",
        "`# yaml-language-server:",
        "$schema=../schema/tasks.schema.json`",
        "即可。",
    ]


@pytest.mark.parametrize(
    ("path", "zh", "en"),
    [
        ("record", "maogang record [选项] <任务>", "maogang record [OPTIONS] <task>"),
        ("history", "maogang history [选项] [<任务>]", "maogang history [OPTIONS] [<task>]"),
        ("void", "maogang void [选项] <记录号>", "maogang void [OPTIONS] <entry id>"),
        ("duty done", "maogang duty done [选项] <职责>", "maogang duty done [OPTIONS] <duty>"),
        (
            "hazard event",
            "maogang hazard event [选项] <隐患编号> <事件>",
            "maogang hazard event [OPTIONS] <hazard id> <event>",
        ),
        ("import", "maogang import [选项] <文件>", "maogang import [OPTIONS] <file>"),
        ("validate", "maogang validate [选项] [<路径>…]", "maogang validate [OPTIONS] [<path>...]"),
        (
            "schema",
            "maogang schema [选项] [<units|hazards|tasks|plan>]",
            "maogang schema [OPTIONS] [<units|hazards|tasks|plan>]",
        ),
        (
            "completion show",
            "maogang completion show [选项] <bash|zsh|fish|powershell|pwsh>",
            "maogang completion show [OPTIONS] <bash|zsh|fish|powershell|pwsh>",
        ),
        ("duty", "maogang duty [选项] 命令 [参数]…", "maogang duty [OPTIONS] COMMAND [ARGS]..."),
    ],
)
def test_arguments_are_named_as_option_values_are(
    invoke: Invoke, path: str, zh: str, en: str
) -> None:
    """Usage names each argument as an option's value is named (<文字>, <路径>), in the
    run's language; `--help --lang en` works after every command (schema's too)."""
    assert invoke(*path.split(), "--help").stdout.splitlines()[0] == f"用法：{zh}"
    assert invoke(*path.split(), "--help", "--lang", "en").stdout.splitlines()[0] == f"Usage: {en}"


def test_every_argument_has_its_placeholder() -> None:
    """A new argument gets its entry in help_lang._ARGUMENTS (or choices)."""
    set_language("zh")
    unnamed = []
    for path, command in every_command():
        translate(command)
        for param in command.params:
            if param.param_type_name == "argument" and not str(param.metavar).startswith("<"):
                unnamed.append(f"{path} {param.name}")
    assert unnamed == []


def test_the_arguments_list_and_a_missing_argument_use_the_placeholder(invoke: Invoke) -> None:
    out = invoke("void", "--help").stdout
    assert "\n参数：\n  <记录号>  history 中的记录号，如 P12、D7。（必填）\n" in out
    r = invoke("record", "-u", "城运中心", "-s", "done")
    assert (r.exit_code, r.stderr) == (2, "错误：缺少参数 '<任务>'（见 maogang record --help）\n")
    r = invoke("completion", "show")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：缺少参数 '<bash|zsh|fish|powershell|pwsh>'（见 maogang completion show --help）\n",
    )


def test_an_example_keeps_its_command_whole() -> None:
    """On one line when it fits; else on its own line under 示例：; a command wider than
    that is broken between options, each line but the last ending in a shell's \\."""
    out = help_at(60, "record")
    assert (
        "\n\n  示例：\n    maogang record 14 --unit 城运中心 --status 推进中 \\\n"
        "      --note 已上线\n\n"
    ) in out
    out = help_at(60, "void")
    assert '\n\n  示例：\n    maogang void P12 --reason "日期录错，应为 2024-07-05"\n\n' in out
    out = help_at(60, "--lang", "en", "hazard", "add")
    assert out.split("\n\n")[1:3] == [
        "  Register one hazard (上账) and print its id.",
        "  Example:\n"
        "    maogang hazard add --found-on 2024-06-03 \\\n"
        "      --source inspection --entity 某冷库 \\\n"
        "      --village 腰泾村 --sector 冷库 --department 经发办 \\\n"
        "      --description 冷库未设置泄压口 \\\n"
        "      --deadline 2024-07-31",
    ]
    out = help_at(80, "record")
    assert "\n\n  示例：maogang record 14 --unit 城运中心 --status 推进中 --note 已上线\n\n" in out


def test_chinese_examples_show_the_chinese_words_the_command_takes(invoke: Invoke) -> None:
    assert "--status 推进中" in invoke("record", "--help").stdout
    assert "--status in_progress" in invoke("record", "--help", "--lang", "en").stdout
    assert "maogang duty done 调度会 --period" in invoke("duty", "done", "--help").stdout
    out = " ".join(invoke("history", "--help").stdout.split())
    assert "改看职责或方案节点，如 月报。" in out


@pytest.mark.parametrize(
    ("words", "lang", "first"),
    [
        ("maogang status --", "", '"--unit":"只看这一单位的任务。"'),
        ("maogang status --", "en", '"--unit":"One unit\'\'s tasks."'),
        ("maogang --lang en status --", "", '"--unit":"One unit\'\'s tasks."'),
        ("maogang hazard ", "", '"add":"登记一条隐患（上账），并显示其编号。"'),
    ],
)
def test_completion_describes_in_the_language_one_line_each(
    tmp_path: Path, words: str, lang: str, first: str
) -> None:
    """zsh shows a description beside each choice: in the run's language, on one line
    (typer lays descriptions out at 80 columns; a long one would break the script)."""
    env = os.environ | {
        "_MAOGANG_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": words,
        "MAOGANG_DB": str(tmp_path / "none.db"),
        "MAOGANG_LANG": lang,
    }
    run = subprocess.run(
        [sys.executable, "-m", "maogang_cli"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "_arguments '*: :((" + first
    choice = re.compile(r"(_arguments '\*: :\(\()?\"[^\"]+\":\"[^\"\n]+\"(\)\)')?")
    assert [line for line in lines if not choice.fullmatch(line)] == []
    assert max(cell_len(line) for line in lines) <= 80


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--lang", "en", "--help"],
        ["status", "--help", "--lang", "en"],
        ["--lang", "en", "status", "--help"],
        ["--lang=en", "--help"],
        ["hazard", "event", "--help", "--lang", "en"],
        ["hazard", "--help", "--lang", "en"],
    ],
)
def test_lang_en_gives_english_help_wherever_it_stands(invoke: Invoke, args: list[str]) -> None:
    out = invoke(*args).stdout
    assert out.startswith("Usage: maogang")
    assert "Show this message and exit." in out


def test_the_environment_chooses_unless_lang_says_otherwise(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("status", "--help").stdout.startswith("用法：maogang status [选项]\n")
    monkeypatch.setenv("MAOGANG_LANG", "en")
    assert invoke("status", "--help").stdout.startswith("Usage: maogang status [OPTIONS]\n")
    assert invoke("status", "--help", "--lang", "zh").stdout.startswith("用法：maogang status")


@pytest.mark.parametrize(("args", "usage"), [([], "maogang"), (["hazard"], "maogang hazard")])
def test_nothing_given_shows_the_help_laid_out(invoke: Invoke, args: list[str], usage: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"用法：{usage} [选项] 命令 [参数]…\n\n")
    assert "\n选项：\n" in result.stderr


def test_option_values_are_named_by_what_they_are(invoke: Invoke) -> None:
    out = invoke("hazard", "add", "--help").stdout
    for shown in ("--village <村居>", "--by <姓名>", "--entity <文字>", "--funds <文字>"):
        assert f"  {shown}  " in out
    out = invoke("hazard", "add", "--help", "--lang", "en").stdout
    for shown in ("--village <village>", "--by <name>", "--entity <text>"):
        assert f"  {shown}  " in out
    assert "--warn-days <天数>" in invoke("status", "--help").stdout
    assert "--warn-days <days>" in invoke("status", "--help", "--lang", "en").stdout
