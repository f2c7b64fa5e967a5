"""Rates round half up to whole percents, in one function every output uses."""

from __future__ import annotations

import pytest

from maogang_cli.domain.rates import percent, rate_text, ratio, shown_rate


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (0, 8, "0%"),
        (1, 8, "13%"),  # half to even would say 12%
        (3, 8, "38%"),
        (5, 8, "63%"),
        (7, 8, "88%"),
        (8, 8, "100%"),
        (1, 3, "33%"),
        (2, 3, "67%"),
        (1, 12, "8%"),  # CSV and XLSX said 8.3% beside Markdown's 8%
        (1, 40, "3%"),  # 2.5%
        (29, 200, "15%"),  # 0.145 is stored as 0.14499…
        (1, 200, "1%"),  # 0.5%
        (1, 201, "0%"),
        (199, 200, "100%"),  # 99.5%
    ],
)
def test_a_rate_is_a_whole_percent_rounded_half_up(part: int, whole: int, shown: str) -> None:
    rate = ratio(part, whole)
    assert rate is not None
    assert rate_text(rate) == shown
    assert shown_rate(rate) == percent(rate) / 100 == int(shown[:-1]) / 100


def test_no_basis_is_no_rate() -> None:
    assert ratio(0, 0) is None
    assert rate_text(None) == "-"
    assert rate_text(None, "") == ""
