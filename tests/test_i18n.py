"""Messages: English msgids, Chinese by default from the compiled catalogue, English with
--lang en or MAOGANG_LANG=en; every msgid in the source has its Chinese, and the .mo
committed is the .po compiled."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import Invoke
from maogang_cli import i18n
from maogang_cli.i18n import _, set_language

ROOT = Path(__file__).resolve().parent.parent


def messages_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = module
    spec.loader.exec_module(module)
    return module


def test_every_message_in_the_source_has_its_chinese() -> None:
    tool = messages_tool()
    missing = tool.untranslated(tool.read_catalogue())
    assert missing == [], "run `python scripts/messages.py update`, translate, compile"


def test_translations_keep_their_placeholders() -> None:
    tool = messages_tool()
    assert list(tool.mismatched_fields(tool.read_catalogue())) == []


def test_the_compiled_catalogue_is_the_po_compiled() -> None:
    tool = messages_tool()
    assert tool.stale_mo(tool.read_catalogue()) == [], "run `python scripts/messages.py compile`"


def test_the_catalogue_is_inside_the_package() -> None:
    # The wheel ships the package directory whole, and an editable install reads src/.
    assert Path(i18n.CATALOGUE).is_file()
    assert Path(i18n.CATALOGUE).is_relative_to(Path(i18n.__file__).parent)


def test_chinese_by_default_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    message = "note: started a new database at {path}"
    assert _(message) == "提示：已新建数据库 {path}"
    set_language("en")
    assert _(message) == message
    set_language("zh")
    assert _(message) == "提示：已新建数据库 {path}"
    monkeypatch.setenv("MAOGANG_LANG", "en_GB.UTF-8")
    set_language(None)
    assert (i18n.language(), _(message)) == ("en", message)


def test_an_unknown_message_reads_as_its_english() -> None:
    assert _("no such message, surely") == "no such message, surely"


def test_lang_option_and_environment_switch_the_messages(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from maogang_cli.cli import app

    db = tmp_path / "new.db"
    runner = CliRunner()
    zh = runner.invoke(app, ["units", "--db", str(db)])
    assert zh.stderr == f"提示：已新建数据库 {db}\n"
    db.unlink()
    en = runner.invoke(app, ["units", "--lang", "en", "--db", str(db)])
    assert en.stderr == f"note: started a new database at {db}\n"
    db.unlink()
    monkeypatch.setenv("MAOGANG_LANG", "en")
    env = runner.invoke(app, ["units", "--db", str(db)])
    assert env.stderr == f"note: started a new database at {db}\n"


def test_the_compiled_catalogue_reads_every_message_as_gettext_does() -> None:
    # maogang reads the .mo with its own quick reader; gettext's is the reference.
    from gettext import GNUTranslations

    from maogang_cli.compiled_messages import CompiledMessages

    data = Path(i18n.CATALOGUE).read_bytes()
    with open(i18n.CATALOGUE, "rb") as mo:
        reference = GNUTranslations(mo)
    ours = CompiledMessages(data)
    plurals = {
        message.id[0]: message.id[1]
        for message in messages_tool().read_catalogue()
        if isinstance(message.id, tuple)
    }
    compared = 0
    for key in reference._catalog:  # type: ignore[attr-defined]
        if isinstance(key, tuple):
            singular, _form = key
            for n in (0, 1, 2, 7):
                got = ours.ngettext(singular, plurals[singular], n)
                assert got == reference.ngettext(singular, plurals[singular], n)
        elif "\x04" in key:
            context, message = key.split("\x04")
            assert ours.pgettext(context, message) == reference.pgettext(context, message)
        elif key:
            assert ours.gettext(key) == reference.gettext(key)
        compared += 1
    assert compared > 700 and any("\x04" in k for k in reference._catalog)  # type: ignore[attr-defined]
    # A message the catalogue lacks is itself, as with gettext.
    assert ours.gettext("no such message") == "no such message"
    assert ours.pgettext("sheet", "no such word") == "no such word"
    assert ours.ngettext("{n} apple", "{n} apples", 1) == "{n} apple"
    assert ours.ngettext("{n} apple", "{n} apples", 2) == "{n} apples"
    assert ours.gettext("note: started a new database at {path}") == "提示：已新建数据库 {path}"
