"""output.print_json: a list of flat dicts (every `--json` list) is encoded in one call of
json's C encoder; the text must be exactly what encoding each item apart gives."""

import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from maogang_cli import output
from maogang_cli.domain.cells import _JSON_INERT

# Text that could fool the one-call path: its separators and NUL inside strings, JSON
# syntax, Chinese, the active characters json_inert escapes.
_TEXT = st.lists(
    st.sampled_from(
        [*'城运中心{}[],: "\\\n\x00', "},\x00{", ", ", "\u202e", "\x85", "\u2028", "—"]
    ),
    max_size=6,
).map("".join)
_SCALAR = st.one_of(
    _TEXT,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
_ROW = st.dictionaries(st.one_of(_TEXT, st.integers(0, 3)), _SCALAR, max_size=5)


@given(st.lists(_ROW, max_size=6))
@example([{"title": "台账},\x00{", "unit": "城运中心"}, {"n": 1}])
@example([{"note": "泖港\u202e镇"}, {"note": "泖港镇"}])
@example([{}, {}])
def test_a_list_of_flat_dicts_prints_as_each_item_encoded_apart(rows: list[dict[Any, Any]]) -> None:
    assert output.json_text(rows) == (output.json_each(rows) if rows else "[]\n")


def test_the_one_call_path_prints_one_item_a_line() -> None:
    rows = [{"kind": "duty", "unit": "城运中心", "days": 3}, {"kind": "task", "done": None}]
    assert output.json_text(rows) == (
        '[\n{"kind": "duty", "unit": "城运中心", "days": 3},\n{"kind": "task", "done": null}\n]\n'
    )


def test_an_active_character_in_any_row_is_escaped() -> None:
    for code in sorted(_JSON_INERT):
        rows = [{"a": "城运中心"}, {"b": f"泖港{chr(code)}镇"}]
        assert output.json_text(rows) == (
            f'[\n{{"a": "城运中心"}},\n{{"b": "泖港\\u{code:04x}镇"}}\n]\n'
        )
        assert json.loads(output.json_text(rows)) == rows


@given(
    st.lists(
        st.one_of(
            _ROW,
            st.dictionaries(_TEXT, st.lists(_SCALAR, max_size=3), max_size=2),
            st.dictionaries(_TEXT, st.dictionaries(_TEXT, _SCALAR, max_size=2), max_size=2),
            st.lists(_SCALAR, max_size=3),
            _SCALAR,
        ),
        min_size=1,
        max_size=5,
    )
)
@example([{"units": ["城运中心", "泖港镇"]}, {"x": 1}])
@example([{"a": {"b": "},\x00{"}}])
@example(["城运中心", 1])
def test_any_other_list_prints_as_each_item_encoded_apart(items: list[Any]) -> None:
    assert output.json_text(items) == output.json_each(items)
