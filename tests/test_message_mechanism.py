"""One mechanism for people-facing words: gettext (i18n._, ngettext, pgettext). A language
chosen inline (`"逾期" if lang == "zh" else "Overdue"`) or a hand-written word table looked up
with i18n.t() passes every other test in Chinese and leaves English (or Chinese) half done,
so the source is searched for them here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from maogang_cli.i18n import set_language
from maogang_cli.words import report_word, status_word, yes_no
from test_i18n import messages_tool

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "maogang_cli"

# lang == "zh", language() != "en", "en" == lang … (the i18n module itself decides)
INLINE_CHOICE = re.compile(
    r"""\b(?:lang|language\(\))\s*[!=]=\s*["'](?:zh|en)["']"""
    r"""|["'](?:zh|en)["']\s*[!=]=\s*(?:lang\b|language\(\))"""
)
# the word table of old: i18n.t(key, lang), both(key), _WORDS
WORD_TABLE = re.compile(r"""\bt\(\s*["'f]|\bt\([a-z_.]+,\s*lang\b|\bboth\(|\b_WORDS\b""")
# A line that compares the language for another reason than choosing text says so.
NOT_A_TEXT_CHOICE = "# not a text choice"

# Files still to be converted (remove a file from here when it is): the test fails when one
# of them no longer needs its place, so the list only shrinks.
NOT_YET: set[str] = set()


def offending_lines() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name == "i18n.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if NOT_A_TEXT_CHOICE in line:
                continue
            if INLINE_CHOICE.search(line) or WORD_TABLE.search(line):
                found.setdefault(name, []).append(f"{number}: {line.strip()}")
    return found


def test_no_inline_language_choice_or_word_table_outside_i18n() -> None:
    found = offending_lines()
    new = {name: lines for name, lines in found.items() if name not in NOT_YET}
    assert new == {}, "write the English through _()/pgettext() and translate it in the .po"
    done = sorted(NOT_YET - set(found))
    assert done == [], "converted: take these out of NOT_YET"


@pytest.mark.parametrize(
    "line",
    [
        'title = "单位" if lang == "zh" else "Units"',
        "if language() != 'en':",
        'sep = ", " if "en" == lang else "、"',
        'Column(t("seq", lang))',
        "word = t(state.status, lang)",
        "for word in both(key):",
        "zh, en = _WORDS.get(key, (key, key))",
    ],
)
def test_the_search_finds_what_it_looks_for(line: str) -> None:
    assert INLINE_CHOICE.search(line) or WORD_TABLE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        'output.note(_("wrote {path}").format(path=path))',
        'status_word("done")',
        "fmt = options.format",
        'print(f"{count} units")',
    ],
)
def test_the_search_leaves_messages_alone(line: str) -> None:
    assert not (INLINE_CHOICE.search(line) or WORD_TABLE.search(line))


def test_a_word_with_its_context_lacking_chinese_is_reported() -> None:
    tool = messages_tool()
    missing = tool.untranslated(Catalog(locale="zh_CN"))
    # words.py's status words are looked up by context: their check names it
    assert {"status: done", "report: late {n}d", "answer: yes"} <= set(missing)


def test_the_words_follow_the_language() -> None:
    zh = (status_word("done"), report_word("late", 3), yes_no(True))
    set_language("en")
    en = (status_word("done"), report_word("late", 3), yes_no(True))
    assert (zh, en) == (("已完成", "迟报3天", "是"), ("done", "late 3d", "yes"))
