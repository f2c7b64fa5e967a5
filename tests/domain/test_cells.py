import json

from maogang_cli.domain.cells import (
    _JSON_INERT,
    inert,
    json_active,
    json_inert,
    neutralise,
    restore,
    unstorable,
)


def test_the_json_scan_finds_exactly_the_characters_json_inert_escapes() -> None:
    scanned = {code for code in [*range(0x10000), 0x1F600, 0x10FFFF] if json_active(chr(code))}
    assert scanned == set(_JSON_INERT)
    assert json_active(f"城运中心{chr(0x202E)}逾期") and not json_active("城运中心—逾期")


def test_json_inert_escapes_each_active_character_and_keeps_the_value() -> None:
    for code in sorted(_JSON_INERT):
        encoded = json.dumps({"note": f"泖港{chr(code)}镇"}, ensure_ascii=False)
        assert json_inert(encoded) == f'{{"note": "泖港\\u{code:04x}镇"}}'
        assert json.loads(json_inert(encoded)) == {"note": f"泖港{chr(code)}镇"}


def test_json_inert_leaves_text_without_active_characters_as_it_is() -> None:
    encoded = json.dumps(["城运中心\t逾期", "a\nb"], ensure_ascii=False)
    assert json_inert(encoded) == '["城运中心\\t逾期", "a\\nb"]'


# --- spreadsheet formulas ------------------------------------------------------------


def test_neutralise_quotes_what_a_spreadsheet_would_run() -> None:
    for text in ["=SUM(A1)", "+1", "-1", "@A1", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text
    assert neutralise("'=A1") == "''=A1"  # a quote already there is counted, not trusted
    for text in ["完成50%", "a=b", "'引用", "", "'", "X=1"]:
        assert neutralise(text) == text


def test_restore_undoes_neutralise_exactly() -> None:
    assert restore("'=SUM(A1)") == "=SUM(A1)"
    assert restore("''=A1") == "'=A1"
    assert restore("'-1") == "-1"
    for text in ["'引用", "=A1", "'", "", "完成", "'X=1"]:
        assert restore(text) == text  # not written by neutralise: left alone
    for text in ["=A1", "'=A1", "''+1", "'引用", "-", "a"]:
        assert restore(neutralise(text)) == text


# --- text shown on a terminal ----------------------------------------------------------


def test_inert_writes_what_a_terminal_acts_on_as_escapes() -> None:
    assert inert("红\x1b[31m字") == "红\\x1b[31m字"
    assert inert("\x00\x7f\x85\x9f") == "\\x00\\x7f\\x85\\x9f"
    assert inert("a\u202eb\u2066c\u061cd\u200e") == "a\\u202eb\\u2066c\\u061cd\\u200e"
    assert inert("一\u2028二\u2029三") == "一\\u2028二\\u2029三"
    assert inert("甲\t乙\n丙\r") == "甲\t乙\n丙\\x0d"
    assert inert("甲\t乙\n丙", one_line=True) == "甲\t乙\\n丙"
    assert inert("\u00a0\u202f\u206a 泖港") == "\u00a0\u202f\u206a 泖港"  # just outside the ranges


def test_unstorable_says_why_text_cannot_be_kept() -> None:
    assert unstorable("x" * 32_767) is None
    assert unstorable("x" * 32_768) == "too long"
    assert unstorable("已整改\x1b") == "control character"
    assert unstorable("第一行\n\t第二行") is None
