"""Stage one of loading: YAML syntax, positions, and refusing what must not be parsed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maogang_cli.catalog.yamlsource import MAX_DEPTH, MAX_NODES, parse_yaml, read_yaml
from maogang_cli.errors import Problem


def parse(text: str | bytes) -> tuple[object, list[Problem]]:
    raw = text.encode() if isinstance(text, str) else text
    doc, problems = parse_yaml(raw, "f.yaml")
    return (doc.data if doc else None), problems


def only_problem(text: str | bytes) -> str:
    data, problems = parse(text)
    assert data is None
    assert len(problems) == 1, problems
    return str(problems[0])


# --- positions -----------------------------------------------------------------------------


def test_positions_of_values_and_keys() -> None:
    text = (
        "# a comment\n"
        "year: 2024\n"
        "tasks:\n"
        "  - id: a\n"
        "    responsible: [镇安委办, 城运中心]\n"
        "  - id: b\n"
    )
    doc, problems = parse_yaml(text.encode(), "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {
        "year": 2024,
        "tasks": [{"id": "a", "responsible": ["镇安委办", "城运中心"]}, {"id": "b"}],
    }
    assert doc.values[("year",)] == (2, 7)
    assert doc.keys[("year",)] == (2, 1)
    assert doc.values[("tasks", 0)] == (4, 5)
    assert doc.keys[("tasks", 0, "responsible")] == (5, 5)
    assert doc.values[("tasks", 0, "responsible")] == (5, 18)
    # columns count characters, not bytes: 镇安委办 is four columns wide here
    assert doc.values[("tasks", 0, "responsible", 1)] == (5, 25)
    assert doc.values[("tasks", 1, "id")] == (6, 9)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    doc, _ = parse_yaml(b"a:\n  b: 1\n", "f.yaml")
    assert doc is not None
    assert doc.locate(("a", "b", "missing")) == (2, 6)
    assert doc.locate(("a", "b"), key=True) == (2, 3)
    assert doc.locate(("nowhere",)) == (1, 1)
    assert str(doc.problem(("a", "b"), "bad")) == "f.yaml:2:6: bad"


def test_dates_stay_text_and_scalars_keep_their_type() -> None:
    data, problems = parse('a: 2024-12-31\nb: "2024-12"\nc: 2024-12\nd: true\ne: 3\nf: ~\n')
    assert problems == []
    assert data == {"a": "2024-12-31", "b": "2024-12", "c": "2024-12", "d": True, "e": 3, "f": None}


def test_bom_and_windows_line_endings_are_accepted() -> None:
    raw = "\ufeffyear: 2024\r\ntasks:\r\n  - id: a\r\n".encode()
    doc, problems = parse_yaml(raw, "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"year": 2024, "tasks": [{"id": "a"}]}
    assert doc.values[("tasks", 0, "id")] == (3, 9)


# --- refusals --------------------------------------------------------------------------------


def test_duplicate_keys_are_reported_at_the_second() -> None:
    data, problems = parse("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert data is None
    assert [str(p) for p in problems] == ["f.yaml:4:3: duplicate key 'c'"]


def test_python_tags_are_refused_and_nothing_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "ran"
    monkeypatch.chdir(tmp_path)
    text = f'seq: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert only_problem(text) == (
        "f.yaml:1:6: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed in the catalogue (nothing is executed)"
    )
    assert not marker.exists()


@pytest.mark.parametrize(
    "text",
    [
        'a: !!python/object/apply:os.system ["echo hi"]\n',
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGk=\n",
        "a: !!set {x}\n",
    ],
)
def test_any_non_plain_tag_is_refused(text: str) -> None:
    assert "is not allowed in the catalogue" in only_problem(text)


def test_merge_keys_are_refused() -> None:
    text = "base: &b {kind: office}\nunit:\n  <<: *b\n  name: x\n"
    assert only_problem(text) == "f.yaml:3:3: merge keys '<<' are not allowed: write the keys out"


def billion_laughs(levels: int = 10) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    started = time.perf_counter()
    message = only_problem(billion_laughs())
    assert time.perf_counter() - started < 1.0
    # 9**6 values under a5 already exceed the bound: that is where it is reported
    assert message == (
        f"f.yaml:6:5: aliases expand this to more than {MAX_NODES} values (an alias bomb?)"
    )


def test_modest_aliases_are_fine() -> None:
    data, problems = parse("a: &x [镇安委办, 城运中心]\nb: *x\n")
    assert problems == []
    assert data == {"a": ["镇安委办", "城运中心"], "b": ["镇安委办", "城运中心"]}


def test_recursive_alias_is_refused() -> None:
    assert only_problem("a: &x [1, *x]\n") == (
        "f.yaml:1:4: an alias refers to itself (recursive alias)"
    )


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 5
    message = only_problem("a: " + "[" * depth + "]" * depth + "\n")
    assert message.startswith("f.yaml:1:")
    assert message.endswith(f"values are nested more than {MAX_DEPTH} levels deep")


# --- encodings and empty files ---------------------------------------------------------------


def test_non_utf8_points_at_the_first_bad_byte() -> None:
    raw = "year: 2024\ntasks:\n  - title: 细化部署\n".encode() + "  - title: 组建专班\n".encode(
        "gbk"
    )
    assert only_problem(raw) == (
        "f.yaml:4:12: file is not UTF-8 text: "
        "it looks like GBK/GB18030 (a Chinese Windows encoding): save it as UTF-8"
    )


def test_non_utf8_column_counts_characters_before_the_bad_byte() -> None:
    raw = "a: 组建专班".encode() + b"\xff\n"
    assert only_problem(raw) == "f.yaml:1:8: file is not UTF-8 text: save it as UTF-8"


def test_utf16_is_named() -> None:
    assert only_problem("a: 1\n".encode("utf-16")) == (
        "f.yaml:1:1: file is UTF-16 text: save it as UTF-8"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n\n   # another\n", "\ufeff"])
def test_empty_or_comment_only_file(text: str) -> None:
    assert only_problem(text) == "f.yaml:1:1: file is empty (only blank lines or comments)"


@pytest.mark.parametrize("text", ["---\n...\n", "~\n", "---\n# nothing\n"])
def test_a_document_with_nothing_in_it_is_empty(text: str) -> None:
    assert only_problem(text) == "f.yaml:1:1: file is empty (no YAML document)"


def test_unreadable_file(tmp_path: Path) -> None:
    doc, problems = read_yaml(tmp_path / "missing.yaml", "units.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "units.yaml:1:1: cannot read file: No such file or directory"
    ]


# --- syntax errors: one clear line at the place to fix ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tab used for indentation
        ("a:\n  b: 1\n\tc: 2\n", "3:1: tab character: indent with spaces, not tabs"),
        # a full-width colon after a key, with or without a space after it
        (
            "a: 1\nb： 2\nc: 3\n",
            "2:2: full-width colon '：' after a key: use ':' followed by a space",
        ),
        (
            "tasks:\n  - id: a\n    title：组建专班\n    seq: 1\n",
            "3:10: full-width colon '：' after a key: use ':' followed by a space",
        ),
        (
            "year：2024\ntasks: []\n",
            "1:5: full-width colon '：' after a key: use ':' followed by a space",
        ),
        # no space after an ASCII colon
        ("a: 1\nb:2\nc: 3\n", "2:2: no space after ':': write 'key: value'"),
        # a quote that is never closed
        ('a: "2024-04\nb: 1\n', "1:4: this quote is never closed"),
        ('a: "x\nb: 1\nc: "y"\nd: 2\n', "1:4: this quote is never closed on its line"),
        # a flow list that is never closed
        ("a: [x, y\nb: 1\n", "1:4: this '[' is never closed: end the list with ']'"),
        # indentation
        (
            "a:\n  b: 1\n    c: 2\n",
            "3:6: unexpected ':': check the indentation, or put a value with ': ' in quotes",
        ),
        (
            "- id: a\n  seq: 1\n title: x\n",
            "3:2: unexpected indentation: keys of one item must line up",
        ),
        # two documents
        ("a: 1\n---\nb: 2\n", "2:1: a second YAML document ('---') is not allowed: one per file"),
        # a control character
        ("a: 组建\x00专班\n", "1:6: control character U+0000 is not allowed: delete it"),
    ],
)
def test_syntax_errors(text: str, expected: str) -> None:
    assert only_problem(text) == f"f.yaml:{expected}"


def test_syntax_error_line_and_column_in_a_long_file() -> None:
    lines = [f"k{i}: v{i}" for i in range(40)]
    lines[29] = "k29: [unclosed"
    message = only_problem("\n".join(lines) + "\n")
    assert message == "f.yaml:30:6: this '[' is never closed: end the list with ']'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b: 1\n\u3000\u3000c: 2\n", "3:1: full-width space (U+3000) in key 'c'"),
        ("a:\n  b: 1\n\u00a0 c: 2\n", "3:1: no-break space (U+00A0) in key 'c'"),
        ("a: 1\nb\u3000: 2\n", "2:2: full-width space (U+3000) in key 'b'"),
    ],
)
def test_odd_spaces_in_keys(text: str, expected: str) -> None:
    assert only_problem(text) == f"f.yaml:{expected}: use ordinary (half-width) spaces"


# --- whatever the clerk types, one located problem, never an exception -----------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(
        list(" \t\n\r-:：,，[]{}#&*!|>'\"%@`~?年月镇安委办2024aZ\u3000\x00\\")
    ),
    max_size=80,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_any_text_gives_a_document_or_located_problems(text: str) -> None:
    doc, problems = parse_yaml(text.encode(), "f.yaml")
    assert (doc is None) == bool(problems)
    lines = max(text.count("\n"), text.count("\r")) + 1
    for problem in problems:
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60))
def test_any_bytes_give_a_document_or_problems(raw: bytes) -> None:
    doc, problems = parse_yaml(raw, "f.yaml")
    assert (doc is None) == bool(problems)
