"""Rates as people read them: whole percents, rounded half up, the same in every table,
export and Markdown (1/8 is 13%, 7/8 is 88%; Python's round() and f"{x:.0f}" would round
half to even and print 12%). Machine output (--json) keeps the rate itself, to 4 places.
"""


def ratio(part: int, whole: int) -> float | None:
    """part ÷ whole, or None when there is nothing to count (no basis for a rate)."""
    return part / whole if whole else None


def percent(rate: float) -> int:
    """A rate 0–1 as a whole percent, half up. The product is first rounded to 6 places:
    29/200 is stored as 0.14499…, and its 14.5% must still become 15%."""
    return int(round(rate * 100, 6) + 0.5)


def shown_rate(rate: float) -> float:
    """The rate as shown (0.13 for 1/8): what a spreadsheet cell holds, so the figure it
    shows and any sum made from it agree with every other output."""
    return percent(rate) / 100


def rate_text(rate: float | None, none: str = "-") -> str:
    """ "13%"; `none` when there is no basis for a rate (nothing counted)."""
    return none if rate is None else f"{percent(rate)}%"
