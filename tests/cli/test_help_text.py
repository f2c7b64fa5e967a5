"""Help names the monthly report's due day as the plan file in use gives it."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from maogang_cli.cli.help_text import due_day_text, monthly_due_day
from maogang_cli.i18n import set_language


@pytest.fixture(autouse=True)
def fresh_due_day() -> Iterator[None]:
    monthly_due_day.cache_clear()
    yield
    monthly_due_day.cache_clear()


@pytest.mark.parametrize(
    ("day", "english", "chinese"),
    [
        (1, "the 1st", "1日"),
        (2, "the 2nd", "2日"),
        (3, "the 3rd", "3日"),
        (4, "the 4th", "4日"),
        (11, "the 11th", "11日"),
        (12, "the 12th", "12日"),
        (13, "the 13th", "13日"),
        (21, "the 21st", "21日"),
        (22, "the 22nd", "22日"),
        (23, "the 23rd", "23日"),
        (25, "the 25th", "25日"),
        (31, "the 31st", "31日"),
        (None, "its due day", "规定日期"),
    ],
)
def test_the_due_day_in_a_sentence(day: int | None, english: str, chinese: str) -> None:
    assert due_day_text(day) == chinese
    set_language("en")
    assert due_day_text(day) == english


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


def test_help_follows_the_data_option_wherever_it_stands(invoke: Invoke, data_copy: Path) -> None:
    plan = data_copy / "plan_2024_2026.yaml"
    plan.write_text(plan.read_text("utf-8").replace("    due_day: 25\n", "    due_day: 20\n"))
    given = str(data_copy)
    for args in (
        ["--data", given, "submit", "--help"],
        ["submit", "--data", given, "--help"],
        ["submit", "--help", f"--data={given}"],
    ):
        assert "（每月20日前报送）" in invoke(*args).stdout, args
    assert "（每月20日前报送）" in invoke("--data", given, "--help").stdout
    export = "".join(invoke("export", "--help", "--data", given).stdout.split())
    assert "（默认：当月20日，今天更早则为今天）" in export
    # the next run without --data: the bundled plan's day again
    assert "（每月25日前报送）" in invoke("submit", "--help").stdout
