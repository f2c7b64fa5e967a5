"""The 督办 word of `status` and the export: the colour, and 阻 beside it for a blocked
(受阻) item, due or not, so it is raised before it turns red. Standard library only."""

from __future__ import annotations

from maogang_cli.i18n import Lang, _, t


def signal_word(signal: str, lang: Lang, *, blocked: bool = False) -> str:
    """红 / 黄 / 绿, with 阻 when something is blocked."""
    word = t(f"mark_{signal}", lang)
    if blocked:
        word = _("{colour} BLOCKED").format(colour=word)
    return word


def pair_signal_word(signal: str, status: str, lang: Lang) -> str:
    """A (task, unit) pair's 督办 word: blocked while its status is 受阻."""
    return signal_word(signal, lang, blocked=status == "blocked")
