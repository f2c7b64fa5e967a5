"""The hazard ledger's words for people: states, events, sources and levels, in the run's
language through the catalogue. Each has its gettext context ("hazard", "hazard event"):
the English words ("closed", "verified") mean other things in other commands' messages,
and a state (已销号) is worded apart from the event leading to it (销号)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.domain.rates import rate_text
from maogang_cli.i18n import NC_, _, pgettext

if TYPE_CHECKING:
    from maogang_cli.domain.hazard_figures import DynamicZero, Increment, Stock, Targets

WORDS: dict[str, str] = {
    # states
    "registered": NC_("hazard", "registered"),
    "rectifying": NC_("hazard", "rectifying"),
    "rectified": NC_("hazard", "rectified"),
    "verified": NC_("hazard", "verified"),
    "closed": NC_("hazard", "closed"),
    "voided": NC_("hazard", "voided"),
    # sources
    "self_report": NC_("hazard", "self-report"),
    "inspection": NC_("hazard", "inspection"),
    "public_report": NC_("hazard", "public report"),
    "other": NC_("hazard", "other"),
    # levels
    "major": NC_("hazard", "major"),
    "general": NC_("hazard", "general"),
}
EVENTS: dict[str, str] = {
    "registered": NC_("hazard event", "registered"),
    "rectifying": NC_("hazard event", "rectifying"),
    "rectified": NC_("hazard event", "rectified"),
    "verified": NC_("hazard event", "verified"),
    "rejected": NC_("hazard event", "rejected"),
    "closed": NC_("hazard event", "closed"),
    "extended": NC_("hazard event", "extended"),
    "explained": NC_("hazard event", "explained"),
    "notified": NC_("hazard event", "principal notified"),
    "voided": NC_("hazard event", "voided"),
}


def word(key: str) -> str:
    """A hazard's state, source or level as people read it (整改中, 企业自查上报, 重大)."""
    return pgettext("hazard", WORDS[key]) if key in WORDS else key


def event_word(event: str) -> str:
    """A step of a hazard's history (上账, 销号, 延期)."""
    return pgettext("hazard event", EVENTS[event]) if event in EVENTS else event


def dimension_headings() -> dict[str, str]:
    """What a hazard is counted by (`hazard stats`' table headings): 监管部门, 属地 …"""
    return {
        "department": _("Department"),
        "village": _("Village"),
        "sector": _("Sector"),
        "source": _("Source"),
        "level": _("Level"),
        "month": _("Month found"),
    }


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
