"""The hazard ledger's words for people: states, events, sources and levels, in Chinese
(default) and English. A table, not gettext msgids, because the English words ("closed",
"verified") would collide with other commands' messages of other meanings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.domain.rates import rate_text
from maogang_cli.i18n import _, language

if TYPE_CHECKING:
    from maogang_cli.domain.hazard_figures import DynamicZero, Increment, Stock, Targets

WORDS: dict[str, tuple[str, str]] = {
    # states
    "registered": ("已上账", "registered"),
    "rectifying": ("整改中", "rectifying"),
    "rectified": ("整改完成", "rectified"),
    "verified": ("审核通过", "verified"),
    "closed": ("已销号", "closed"),
    "voided": ("已作废", "voided"),
    # events (the states' own words serve for the events that lead to them)
    "ev_registered": ("上账", "registered"),
    "ev_rectifying": ("整改中", "rectifying"),
    "ev_rectified": ("整改完成", "rectified"),
    "ev_verified": ("审核通过", "verified"),
    "ev_rejected": ("验收不合格", "rejected"),
    "ev_closed": ("销号", "closed"),
    "ev_extended": ("延期", "extended"),
    "ev_explained": ("书面说明", "explained"),
    "ev_notified": ("通知主要负责人", "principal notified"),
    "ev_voided": ("作废", "voided"),
    # sources
    "self_report": ("企业自查上报", "self-report"),
    "inspection": ("督导检查发现", "inspection"),
    "public_report": ("群众举报查实", "public report"),
    "other": ("其他", "other"),
    # levels
    "major": ("重大", "major"),
    "general": ("一般", "general"),
}


def word(key: str) -> str:
    zh, en = WORDS.get(key, (key, key))
    return en if language() == "en" else zh


def event_word(event: str) -> str:
    return word(f"ev_{event}")


def target_figures(
    targets: Targets,
) -> tuple[tuple[str, Stock | Increment | DynamicZero, str], ...]:
    """The plan's three hazard targets, each with its name and its figures as one sentence,
    as `hazard targets` and the 通报 print them."""
    s, i, d = targets
    return (
        (
            _("Stock cleared"),
            s,
            _("{found} found by 2023, {closed} closed, {open} open on {day}").format(
                found=s.found, closed=s.closed, open=s.open, day=s.judged_on
            ),
        ),
        (
            _("Increment contained"),
            i,
            _("{a} found in 2024, {b} in 2025 (up to {day})").format(
                a=i.found_2024, b=i.found_2025, day=i.judged_on
            ),
        ),
        (
            _("Dynamic zero"),
            d,
            _(
                "{overdue} open past deadline on {day}; {on_time} of {closed} closed in 2026 "
                "on time ({rate})"
            ).format(
                overdue=d.open_overdue,
                day=d.judged_on,
                on_time=d.closed_on_time,
                closed=d.closed,
                rate=rate_text(d.on_time_rate),  # the one rate formatter
            ),
        ),
    )
