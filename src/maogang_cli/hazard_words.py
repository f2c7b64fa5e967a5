"""The hazard ledger's words for people: states, events, sources and levels, in Chinese
(default) and English. A table, not gettext msgids, because the English words ("closed",
"verified") would collide with other commands' messages of other meanings."""

from __future__ import annotations

from maogang_cli.i18n import language

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
