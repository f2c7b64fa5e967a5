"""The 督办 word of `status` and the export: the colour, and 阻 beside it for a blocked
(受阻) item, due or not, so it is raised before it turns red. Standard library only."""

from __future__ import annotations

from maogang_cli.i18n import NC_, _, pgettext

# Words, not only colours (NO_COLOR, pipes); no ambiguous-width dots that a Chinese
# terminal may draw double width.
_COLOURS = {
    "red": NC_("signal", "RED"),
    "yellow": NC_("signal", "YELLOW"),
    "green": NC_("signal", "GREEN"),
}


def signal_word(signal: str, *, blocked: bool = False) -> str:
    """红 / 黄 / 绿, with 阻 when something is blocked."""
    word = pgettext("signal", _COLOURS[signal]) if signal in _COLOURS else signal
    if blocked:
        word = _("{colour} BLOCKED").format(colour=word)
    return word


def pair_signal_word(signal: str, status: str) -> str:
    """A (task, unit) pair's 督办 word: blocked while its status is 受阻."""
    return signal_word(signal, blocked=status == "blocked")
