"""Help names the monthly report's due day as the plan file in use gives it."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli.cli.help_text import monthly_due_day, ordinal


@pytest.fixture(autouse=True)
def fresh_due_day() -> Iterator[None]:
    monthly_due_day.cache_clear()
    yield
    monthly_due_day.cache_clear()


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (25, "25th"),
        (31, "31st"),
    ],
)
def test_ordinal(day: int, text: str) -> None:
    assert ordinal(day) == text


def test_the_bundled_plan_says_the_25th(invoke: Invoke) -> None:
    assert "（每月25日前报送）" in invoke("submit", "--help").stdout
    assert "（每月25日前报送）" in invoke("--help").stdout
    assert "(due by the 25th)" in invoke("submit", "--help", "--lang", "en").stdout
    assert "(due by the 25th)" in invoke("--lang", "en", "--help").stdout


def test_help_follows_the_plan_file(
    invoke: Invoke, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = data_copy / "plan_2024_2026.yaml"
    text = plan.read_text("utf-8")
    assert text.count("    due_day: 25\n") == 1
    plan.write_text(text.replace("    due_day: 25\n", "    due_day: 20\n"), "utf-8")
    monkeypatch.setenv("MAOGANG_DATA", str(data_copy))
    assert "(due by the 20th)" in invoke("submit", "--help", "--lang", "en").stdout
    assert "(due by the 20th)" in invoke("--help", "--lang", "en").stdout
    export = " ".join(invoke("export", "--help", "--lang", "en").stdout.split())
    assert "[default: the 20th of the month, or today if earlier]" in export
    assert "（每月20日前报送）" in invoke("submit", "--help").stdout
    export = "".join(invoke("export", "--help").stdout.split())
    assert "（默认：当月20日，今天更早则为今天）" in export


def test_without_a_due_day_help_says_its_due_day(
    invoke: Invoke, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = data_copy / "plan_2024_2026.yaml"
    plan.write_text(plan.read_text("utf-8").replace("    due_day: 25\n", ""), "utf-8")
    monkeypatch.setenv("MAOGANG_DATA", str(data_copy))
    assert "(due by its due day)" in invoke("submit", "--help", "--lang", "en").stdout
    assert "（每月规定日期前报送）" in invoke("submit", "--help").stdout
