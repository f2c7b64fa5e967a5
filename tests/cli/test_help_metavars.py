"""Option values named in the help's language (T25): `--kind <类型>`, not `--kind KIND`;
where Chinese values are accepted, the help lists them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Invoke
from readable import render

CASES = [
    (("overdue",), "-k, --kind <类型>", "-k, --kind <kind>"),
    (("hazard", "list"), "--state <状态>", "--state <state>"),
    (("hazard", "event"), "--event <步骤>", "--event <step>"),
    (("chart",), "-a, --action <行动>", "-a, --action <action>"),
    (("export",), "--split <文件夹>", "--split <folder>"),
    (("schema",), "--write <文件夹>", "--write <folder>"),
]


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize(("command", "chinese", "english"), CASES)
def test_option_values_are_named_in_the_help_language(
    invoke: Invoke,
    width: Callable[[int], None],
    columns: int,
    command: tuple[str, ...],
    chinese: str,
    english: str,
) -> None:
    zh = render(invoke, width, columns, *command, "--help")
    en = render(invoke, width, columns, *command, "--help", "--lang", "en")
    assert [line.split()[:3] for line in zh.splitlines() if line.strip().startswith(chinese)]
    assert [line.split()[:3] for line in en.splitlines() if line.strip().startswith(english)]
    for text in (zh, en):
        assert not any(word in text for word in (" KIND", " STATE", " STEP", "N|WORDS", " DIR ")), (
            text
        )


def _option_help(text: str, option: str) -> str:
    """An option's help, its lines joined (wrapped at the terminal width), without the
    space between a Chinese and an English word that a line break takes away."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(option))
    first = lines[start].strip()[len(option) :].strip()
    rest = []
    for line in lines[start + 1 :]:
        if not line.startswith(" " * 6) or line.strip().startswith("-"):
            break
        rest.append(line.strip())
    return "".join([first, *rest]).replace(" ", "")


@pytest.mark.parametrize("columns", [60, 80])
def test_the_chinese_values_accepted_are_listed(
    invoke: Invoke, width: Callable[[int], None], columns: int
) -> None:
    states = _option_help(
        render(invoke, width, columns, "hazard", "list", "--help"), "--state <状态>"
    )
    assert states == (
        "已上账、整改中、整改完成、审核通过、已销号或已作废（也可写registered、rectifying、"
        "rectified、verified、closed、voided；可重复）。"
    )
    kinds = _option_help(render(invoke, width, columns, "overdue", "--help"), "-k, --kind <类型>")
    assert kinds == (
        "只看这几类：任务、常态工作、方案节点、隐患（也可写task、duty、plan_milestone、"
        "hazard）；可重复本选项，或用逗号隔开（默认：全部）。"
    )
