"""The wall chart as a browser draws it: headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by selenium), one browser and one database for the module.

Without a chromium these tests skip, except in CI (CI=true), where they fail: .ci/run
installs it. A screenshot of the bundled catalogue's chart, as printed and on a phone, is
left in artifacts/ (git ignores it) for a person to look at.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chart_page import AS_OF, record_progress, status_colours
from maogang_cli.cli import app
from maogang_cli.exporters.chart_html import MARGIN, PAGE_H, PAGE_W
from maogang_cli.exporters.chart_svg import COLOURS

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PX_PER_MM = 96 / 25.4
# Flags that keep a headless chromium off the network and out of the user's profile.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium = _find("chromium", "chromium-browser", "google-chrome")
    driver_path = _find("chromedriver")
    missing = [n for n, p in (("chromium", chromium), ("chromedriver", driver_path)) if not p]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"no {', '.join(missing)}: apt-get install chromium chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (.ci/run installs them)")
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


class Rendered:
    """The chart page of a database with progress, and what `status` says of that day."""

    def __init__(self, folder: Path) -> None:
        runner = CliRunner()
        db = str(folder / "maogang.db")

        def invoke(*args: str) -> Any:
            return runner.invoke(app, ["--db", db, "--lang", "zh", *args], env={"COLUMNS": "80"})

        record_progress(invoke)
        self.page = folder / "chart.html"
        assert invoke("chart", "--as-of", AS_OF, "-o", str(self.page)).exit_code == 0
        self.colours = status_colours(invoke("status", "--as-of", AS_OF).stdout)
        self.tasks = [t["id"] for t in json.loads(invoke("tasks", "--json").stdout)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return Rendered(tmp_path_factory.mktemp("chart"))


def show(browser: Any, rendered: Rendered, *, media: str, width: int, height: int) -> None:
    """Load the page in a viewport of exactly this size, for screen or for print."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    browser.get(rendered.page.as_uri())


def as_printed(browser: Any, rendered: Rendered) -> None:
    """The printable area of the A3 sheet, in CSS pixels, with the print styles."""
    width, height = round(PAGE_W * PX_PER_MM), round(PAGE_H * PX_PER_MM)
    show(browser, rendered, media="print", width=width, height=height)


def test_prints_on_one_a3_landscape_sheet(browser: Any, rendered: Rendered) -> None:
    as_printed(browser, rendered)
    pdf = browser.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    data = base64.b64decode(pdf["data"])
    assert re.findall(rb"/Count (\d+)", data) == [b"1"]
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    width, height = (float(v) * 25.4 / 72 for v in box.groups())  # points to mm
    assert (round(width), round(height)) == (round(PAGE_W + 2 * MARGIN), 297)


def test_nothing_overflows_the_print_area(browser: Any, rendered: Rendered) -> None:
    as_printed(browser, rendered)
    found = browser.execute_script(
        """
        const mm = arguments[0];
        const out = {page: [document.documentElement.scrollWidth / mm,
                            document.documentElement.scrollHeight / mm], outside: [], long: []};
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.right / mm > arguments[1] + 0.2 || r.bottom / mm > arguments[2] + 0.2)
            out.outside.push(el.tagName + ' ' + (el.getAttribute('class') || ''));
        }
        for (const svg of document.querySelectorAll('svg.panel-svg')) {
          const right = parseFloat(svg.dataset.labelRight);
          for (const label of svg.querySelectorAll('text.label')) {
            const box = label.getBBox();
            if (box.x + box.width > right) out.long.push(label.textContent);
          }
        }
        return out;
        """,
        PX_PER_MM,
        PAGE_W,
        PAGE_H,
    )
    assert found["outside"] == []
    assert found["long"] == []  # each label ends before its figures and the months
    assert found["page"][0] <= PAGE_W + 0.2
    assert found["page"][1] <= PAGE_H + 0.2


def test_every_unit_and_task_is_drawn_in_the_colour_status_gives(
    browser: Any, rendered: Rendered
) -> None:
    as_printed(browser, rendered)
    rows = browser.execute_script(
        """
        return [...document.querySelectorAll('g.row')].map(row => {
          const r = row.getBoundingClientRect();
          const chip = row.querySelector('g.chip > *');
          return {kind: row.dataset.kind, key: row.dataset.key, signal: row.dataset.signal,
                  drawn: r.width > 0 && r.height > 0,
                  label: row.querySelector('text.label').textContent,
                  shape: chip.tagName, fill: getComputedStyle(chip).fill,
                  stroke: getComputedStyle(chip).stroke};
        });
        """
    )
    assert all(r["drawn"] and r["label"] for r in rows)
    assert sorted(r["key"] for r in rows if r["kind"] == "task") == sorted(rendered.tasks)
    units = {r["key"]: r["signal"] for r in rows if r["kind"] == "unit"}
    assert units == rendered.colours
    shapes = {"red": "rect", "yellow": "polygon", "green": "circle"}
    for row in rows:
        painted = row["stroke"] if row["signal"] == "green" else row["fill"]
        assert painted == _rgb(COLOURS[row["signal"]]), row
        assert row["shape"] == shapes[row["signal"]], row


def test_every_mark_is_drawn_in_its_colour_and_shape(browser: Any, rendered: Rendered) -> None:
    as_printed(browser, rendered)
    marks = browser.execute_script(
        """
        return [...document.querySelectorAll('g.mark')].map(mark => {
          const shape = mark.querySelector('rect, polygon, circle');
          const r = shape.getBoundingClientRect();
          return {signal: mark.dataset.signal, done: mark.dataset.done,
                  shape: shape.tagName, fill: getComputedStyle(shape).fill,
                  stroke: getComputedStyle(shape).stroke, size: Math.min(r.width, r.height)};
        });
        """
    )
    assert {m["signal"] for m in marks} == {"red", "yellow", "green"}
    for mark in marks:
        colour = _rgb(COLOURS[mark["signal"]])
        if mark["signal"] == "green":
            assert mark["shape"] == "circle"
            assert mark["stroke"] == colour
            assert mark["fill"] == (colour if mark["done"] == "true" else "rgb(255, 255, 255)")
        else:
            assert (mark["shape"], mark["fill"]) == (
                {"red": "rect", "yellow": "polygon"}[mark["signal"]],
                colour,
            )
        assert mark["size"] >= 1.0 * PX_PER_MM * 0.55  # a small step mark is still seen


def test_reads_on_a_phone_and_leaves_screenshots(browser: Any, rendered: Rendered) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    as_printed(browser, rendered)
    (ARTIFACTS / "chart-a3.png").write_bytes(browser.get_screenshot_as_png())
    show(browser, rendered, media="screen", width=390, height=844)
    found = browser.execute_script(
        """
        const label = document.querySelector('#by-action text.label').getBoundingClientRect();
        return {page: document.documentElement.scrollWidth, label: label.height,
                panel: document.querySelector('.panel.actions').scrollWidth};
        """
    )
    (ARTIFACTS / "chart-phone.png").write_bytes(browser.get_screenshot_as_png())
    assert found["page"] <= 390  # the page itself does not scroll sideways ...
    assert found["panel"] > 390  # ... each panel does, with its text large enough to read
    assert found["label"] >= 9


def _rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"
