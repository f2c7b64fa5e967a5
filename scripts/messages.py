"""The message catalogue: extract the English msgids, keep the Chinese .po in step, compile.

    python scripts/messages.py update    # add new msgids to maogang.po, drop unused ones
    python scripts/messages.py compile   # maogang.po -> maogang.mo (commit both)
    python scripts/messages.py check     # exit 1 if a msgid lacks its translation or the
                                         # .mo is stale (the same check runs in the tests)
    python scripts/messages.py merge     # after a rebase conflict in the .po: keep both
                                         # sides' entries, then update and compile

Needs Babel (a dev dependency); the program itself reads the .mo with the standard
library's gettext. The .po is written sorted by msgid, one line per string and without
line numbers, so two branches that add messages rarely touch the same lines; see
CONTRIBUTING.md for a rebase that conflicts in it anyway.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "maogang_cli"
LOCALE = "zh_CN"
PO = PACKAGE / "locale" / LOCALE / "LC_MESSAGES" / "maogang.po"
MO = PO.with_suffix(".mo")
# pgettext(context, message): one English word with a different Chinese per use ("done"
# as a status, "Deadline" of a task or of a hazard); NC_ marks such a word in a table.
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NC_": ((1, "c"), 2),
}
# A placeholder's name; its format spec may differ ({month:02d} in English, {month} in
# Chinese: 2024-06 but 2024年6月).
FIELD = re.compile(r"\{([^{}:!]*)[^{}]*\}")

MessageId = str | tuple[str, str]
Key = tuple[MessageId, str | None]  # (msgid or (singular, plural), context)


def extracted() -> dict[Key, list[str]]:
    """Every msgid in the package's source, with its context and the files that use it."""
    found: dict[Key, list[str]] = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if not message or (isinstance(message, tuple) and not all(message)):
            continue  # _(variable): nothing to translate here
        msgid: MessageId = message if isinstance(message, str) else (message[0], message[1])
        path = f"src/maogang_cli/{filename}"
        paths = found.setdefault((msgid, context), [])
        if path not in paths:
            paths.append(path)
    for key, help_paths in help_texts().items():
        paths = found.setdefault(key, [])
        paths += [path for path in help_paths if path not in paths]
    return found


def help_texts() -> dict[Key, list[str]]:
    """The help of every command, option and argument, paragraph by paragraph, and the
    commands its examples show (context "example"), with the command's module: Babel does
    not see docstrings, nor `help=` strings written without `_()` (typer reads them at
    import, before --lang is known; cli.help_lang translates them when a command is built)."""
    import typer

    from maogang_cli import cli
    from maogang_cli.cli.help_lang import EXAMPLE_CONTEXT, example_commands, help_paragraphs
    from maogang_cli.i18n import set_language

    set_language("en")
    found: dict[Key, list[str]] = {}

    def walk(command: Any, path: str) -> None:
        texts = [command.help, *(getattr(p, "help", None) for p in command.params)]
        for text in texts:
            keys: list[Key] = [(msgid, None) for msgid in help_paragraphs(text or "")]
            keys += [(cmd, EXAMPLE_CONTEXT) for cmd in example_commands(text or "")]
            for key in keys:
                found.setdefault(key, [])
                if path not in found[key]:
                    found[key].append(path)
        for sub in getattr(command, "commands", {}).values():
            walk(sub, path)

    try:
        walk(typer.main.get_command(cli.app), "src/maogang_cli/cli/__init__.py")
        for name, (module, _line) in cli.COMMANDS.items():
            walk(cli.build_command(name), f"src/maogang_cli/cli/{module}.py")
    finally:
        set_language(None)
    return found


def read_catalogue() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f, locale=LOCALE, domain="maogang")


def write_catalogue(catalogue: Catalog) -> None:
    catalogue.msgid_bugs_address = "the project's issue tracker"
    catalogue.last_translator = "maogang contributors"
    catalogue.language_team = "maogang contributors"
    buffer = BytesIO()
    write_po(
        buffer,
        catalogue,
        width=0,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
    )
    PO.write_bytes(buffer.getvalue())


def compiled(catalogue: Catalog) -> bytes:
    buffer = BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def untranslated(catalogue: Catalog) -> list[str]:
    """Each msgid of the source whose Chinese is missing or marked fuzzy."""
    missing = []
    for msgid, context in extracted():
        message = catalogue.get(msgid, context=context)
        strings = message.string if message is not None else ""
        texts = strings if isinstance(strings, tuple) else (strings,)
        if message is None or message.fuzzy or not all(texts):
            text = msgid if isinstance(msgid, str) else msgid[0]
            missing.append(text if context is None else f"{context}: {text}")
    return missing


def mismatched_fields(catalogue: Catalog) -> Iterator[str]:
    """Translations whose {placeholders} differ from their msgid's."""
    for message in catalogue:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = sorted(FIELD.findall(str(ids[-1])))
        for text in strings:
            if sorted(FIELD.findall(str(text))) != wanted:
                yield f"{ids[0]!r} -> {text!r}: placeholders {wanted}"


def stale_mo(catalogue: Catalog) -> list[str]:
    """How the committed .mo differs from the .po, compared as translations (so a .mo
    compiled by GNU msgfmt is as good as Babel's)."""
    with MO.open("rb") as f:
        in_mo = dict(GNUTranslations(f)._catalog)  # type: ignore[attr-defined]
    in_po = dict(GNUTranslations(BytesIO(compiled(catalogue)))._catalog)  # type: ignore[attr-defined]
    in_mo.pop("", None)  # the headers: dates and tool versions may differ
    in_po.pop("", None)
    return sorted(str(k) for k in in_mo.keys() ^ in_po.keys()) + sorted(
        str(k) for k in in_mo.keys() & in_po.keys() if in_mo[k] != in_po[k]
    )


def update() -> None:
    catalogue = read_catalogue()
    found = extracted()
    for message in list(catalogue):
        if message.id and (message.id, message.context) not in found:
            print(f"dropped (no longer in the source): {message.id!r}")
            catalogue.delete(message.id, context=message.context)
    for (msgid, context), paths in found.items():
        old = catalogue.get(msgid, context=context)
        string = old.string if old is not None and old.string else ""
        flags = old.flags - {"python-format", "python-brace-format"} if old else set()
        if old is None:
            print(f"new, translate it: {msgid!r}" + (f" (context {context!r})" if context else ""))
            string = ("",) if isinstance(msgid, tuple) else ""
        # Files only, no line numbers: moving code does not touch the catalogue.
        locations = [(path, 0) for path in sorted(paths)]
        catalogue[msgid] = Message(msgid, string, locations=locations, flags=flags, context=context)
    write_catalogue(catalogue)


CONFLICT = re.compile(r"^<<<<<<< [^\n]*\n(.*?)^=======\n(.*?)^>>>>>>> [^\n]*\n", re.M | re.S)


def merge() -> None:
    """Resolve git's conflict markers in the .po by keeping both sides (entries are
    independent), then update and compile; the .mo is never merged, only rebuilt."""
    text = PO.read_text(encoding="utf-8")
    PO.write_text(CONFLICT.sub(lambda m: f"{m[1]}\n{m[2]}", text), encoding="utf-8")
    update()  # reads the entries back (one per msgid) and writes them sorted
    MO.write_bytes(compiled(read_catalogue()))


def check() -> int:
    catalogue = read_catalogue()
    problems = [f"untranslated: {m!r}" for m in untranslated(catalogue)]
    problems += list(mismatched_fields(catalogue))
    problems += [f"stale {MO.name} (run compile): {k!r}" for k in stale_mo(catalogue)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update()
        return 0
    if argv == ["compile"]:
        MO.write_bytes(compiled(read_catalogue()))
        return 0
    if argv == ["check"]:
        return check()
    if argv == ["merge"]:
        merge()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
