"""People-facing text in Chinese (default) or English. Machine output never uses these.

Messages are written in English in the source, `_("recorded")`, and translated through
the gettext catalogue locale/zh_CN/LC_MESSAGES/maogang.po (compiled to maogang.mo; see
CONTRIBUTING.md). The language is chosen once per run with `set_language` (the `--lang`
option) or `MAOGANG_LANG`; Chinese when neither says otherwise. The compiled catalogue is
read on the first message, not at import, and only when the language is Chinese.
"""

from __future__ import annotations

import os
from gettext import NullTranslations
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from maogang_cli.compiled_messages import CompiledMessages

Lang = Literal["zh", "en"]

LANG_ENV = "MAOGANG_LANG"
DOMAIN = "maogang"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
CATALOGUE = os.path.join(LOCALE_DIR, "zh_CN", "LC_MESSAGES", f"{DOMAIN}.mo")

_chosen: Lang | None = None  # set by --lang; None: the environment decides
_translations: NullTranslations | CompiledMessages | None = None  # loaded on the first message


def set_language(lang: str | None) -> None:
    """Choose the language of every message from here on: "zh" or "en" (anything starting
    with "en" is English); None goes back to MAOGANG_LANG, else Chinese."""
    global _chosen, _translations
    _chosen = None if lang is None else _parse(lang)
    _translations = None


def language() -> Lang:
    """The language messages are in: --lang, else MAOGANG_LANG, else Chinese."""
    if _chosen is not None:
        return _chosen
    return _parse(os.environ.get(LANG_ENV, ""))


def _parse(lang: str) -> Lang:
    return "en" if lang.strip().lower().startswith("en") else "zh"


def _catalogue() -> NullTranslations | CompiledMessages:
    global _translations
    if _translations is None:
        if language() == "en":
            _translations = NullTranslations()  # the English msgids are the English text
        else:
            from maogang_cli.compiled_messages import CompiledMessages

            with open(CATALOGUE, "rb") as mo:
                _translations = CompiledMessages(mo.read())
    return _translations


def _(message: str) -> str:
    """The message in the chosen language (its English msgid when untranslated)."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for n, in the chosen language (Chinese has one form)."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message as used in a context ("status", "sheet column"): one short English word
    may need a different Chinese in each use."""
    return _catalogue().pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """Mark a message and its context for extraction in a module-level table; translate it
    with `pgettext(context, message)` where it is used."""
    return message


def N_(message: str) -> str:
    """Mark a message for extraction where it must stay English until shown (a module-level
    table); translate it with `_(message)` where it is used."""
    return message


def on_time_or_late(state: str, days_late: int) -> str:
    """How a confirmation says when a duty instance was done."""
    if state == "on_time":
        return _("on time")
    return ngettext("{n} day late", "{n} days late", days_late).format(n=days_late)
