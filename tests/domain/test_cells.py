import json
import re

from maogang_cli.domain.cells import _JSON_ACTIVE_CLASS, _JSON_INERT, json_inert


def test_the_json_scan_finds_exactly_the_characters_json_inert_escapes() -> None:
    # The regex (a quick scan) and the table (the escapes) list the same characters twice.
    scanned = {code for code in range(0x110000) if re.fullmatch(_JSON_ACTIVE_CLASS, chr(code))}
    assert scanned == set(_JSON_INERT)


def test_json_inert_escapes_each_active_character_and_keeps_the_value() -> None:
    for code in sorted(_JSON_INERT):
        encoded = json.dumps({"note": f"泖港{chr(code)}镇"}, ensure_ascii=False)
        assert json_inert(encoded) == f'{{"note": "泖港\\u{code:04x}镇"}}'
        assert json.loads(json_inert(encoded)) == {"note": f"泖港{chr(code)}镇"}


def test_json_inert_leaves_text_without_active_characters_as_it_is() -> None:
    encoded = json.dumps(["城运中心\t逾期", "a\nb"], ensure_ascii=False)
    assert json_inert(encoded) == '["城运中心\\t逾期", "a\\nb"]'
