"""Reading a wall chart page back, and a day of progress that shows all three colours
(shared by the chart's command tests and its browser tests)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

AS_OF = "2024-12-20"  # tasks due 2024-12-31 are yellow, earlier ones red or done
BULLETIN_SECTIONS = [  # the 通报's first-level headings, in order
    "一、总体情况",
    "二、晾晒排名",
    "三、逾期事项",
    "四、月报报送情况",
    "五、职责和方案节点落实情况",
    "六、重大事故隐患整治情况",
    "七、下步工作",
]

PROGRESS = [
    ("record", "2024-04", "-u", "镇安委办", "-s", "done", "-d", "2024-04-20"),
    ("record", "2024-05", "-u", "规建办", "-s", "done", "-d", "2024-06-10"),  # late
    ("record", "6", "-u", "党政办", "-s", "done", "-d", "2024-06-28"),
    ("record", "19", "-u", "镇安委办", "-s", "done", "-d", "2024-09-30"),
    # 镇监察办 has done both its tasks (green); 各村居 has one left, due 2024-12-31 (yellow)
    ("record", "5", "-u", "各村居", "-s", "done", "-d", "2024-04-28"),
    ("record", "6", "-u", "镇监察办", "-s", "done", "-d", "2024-06-30"),
    ("record", "10", "-u", "镇监察办", "-s", "done", "-d", "2024-11-29"),
    ("record", "14", "-u", "城运中心", "-s", "in_progress", "-d", "2024-11-01"),
    ("submit", "-u", "规建办", "-m", "2024-05", "-d", "2024-05-24"),
    ("submit", "-u", "规建办", "-m", "2024-06", "-d", "2024-06-25"),
    ("submit", "-u", "农办", "-m", "2024-05", "-d", "2024-05-27"),
    (
        "duty",
        "done",
        "quarterly_dispatch_meeting",
        "-p",
        "2024-Q2",
        "-u",
        "镇安委办",
        "-d",
        "2024-06-28",
    ),
    # The 重大事故隐患 ledger: one of the 2023 stock, one found in 2024, both open and
    # overdue by AS_OF; and a general hazard, which the major figures leave out.
    *(
        (
            "hazard",
            "add",
            "--source",
            "inspection",
            "--village",
            "腰泾村",
            "--sector",
            "冷库",
            "--department",
            "经发办",
            "--description",
            "隐患",
            "--by",
            "tester",
            *more,
        )
        for more in (
            ("--found-on", "2023-11-02", "--deadline", "2024-03-31", "--entity", "某冷库"),
            ("--found-on", "2024-06-03", "--deadline", "2024-07-31", "--entity", "某仓库"),
            (
                "--found-on",
                "2024-08-01",
                "--deadline",
                "2024-09-30",
                "--entity",
                "某厂",
                "--level",
                "general",
            ),
        )
    ),
]


def record_progress(invoke: Callable[..., Any]) -> None:
    for step in PROGRESS:
        result = invoke(*step)
        assert result.exit_code == 0, (step, result)


class Element(dict[str, str]):
    """An element's attributes, and the text of its <title> child."""

    tag: str = ""
    hover: str = ""


class ChartPage(HTMLParser):
    """Rows, marks and summary figures of a chart page, by their data attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows: list[Element] = []
        self.marks: list[Element] = []
        self.figures: dict[str, str] = {}
        self.tags: set[str] = set()
        self._open: list[Element] = []
        self._in_title = False
        self._figure: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        element = Element((k, v or "") for k, v in attrs)
        element.tag = tag
        classes = element.get("class", "").split()
        if "row" in classes:
            self.rows.append(element)
        if "mark" in classes:
            self.marks.append(element)
        if "figure" in classes:
            self._figure = element["data-figure"]
            self.figures[self._figure] = ""
        if tag == "title":
            self._in_title = True
        if tag == "g":
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "g" and self._open:
            self._open.pop()
        if tag == "span":
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._in_title and self._open:
            self._open[-1].hover += data
        if self._figure is not None:
            self.figures[self._figure] += data


COLOUR_WORDS = {
    "红": "red",
    "黄": "yellow",
    "绿": "green",
    "RED": "red",
    "YELLOW": "yellow",
    "GREEN": "green",
}


def status_colours(table: str) -> dict[str, str]:
    """unit -> red/yellow/green, read from `status`'s table (its last column)."""
    out = {}
    for line in table.splitlines():
        words = line.split()
        if len(words) > 2 and words[-1] in COLOUR_WORDS and re.fullmatch(r"\d+", words[1]):
            out[words[0]] = COLOUR_WORDS[words[-1]]
    return out
