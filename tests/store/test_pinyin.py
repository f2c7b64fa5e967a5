"""Unit names by pinyin: full spelling, initials, or a beginning of either; several
units for one spelling are listed, never guessed."""

from __future__ import annotations

import pytest

from conftest import Invoke
from maogang_cli.store.pinyin import spellings


@pytest.mark.parametrize(
    ("name", "spelling", "initials"),
    [
        ("城运中心", "chengyunzhongxin", "cyzx"),
        ("综合行政执法队", "zonghexingzhengzhifadui", "zhxzzfd"),  # 行 read xing, not hang
        ("绿容所", "lvrongsuo", "lrs"),
        ("各村（居）", "gecunju", "gcj"),  # punctuation left out
        ("A区2号", "aqu2hao", "aq2h"),
    ],
)
def test_a_name_is_spelled_in_pinyin_and_initials(name: str, spelling: str, initials: str) -> None:
    assert spellings(name) == (spelling, initials)


AS_OF = "2024-06-01"


@pytest.mark.parametrize("typed", ["cyzx", "chengyun", "CYZX", "chengyunzhongxin", "cyz"])
def test_status_takes_a_unit_by_pinyin(invoke: Invoke, typed: str) -> None:
    by_name = invoke("status", "--unit", "城运中心", "--as-of", AS_OF)
    by_pinyin = invoke("status", "--unit", typed, "--as-of", AS_OF)
    assert (by_pinyin.exit_code, by_pinyin.stdout) == (0, by_name.stdout)


def test_an_ambiguous_abbreviation_lists_the_candidates(invoke: Invoke) -> None:
    result = invoke("status", "--unit", "s", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == "错误：“s”可指多个单位：社事办、社建办；请多输入几个字母\n"
    assert result.stdout == ""


def test_records_by_pinyin_go_to_the_canonical_unit(invoke: Invoke) -> None:
    recorded = invoke("record", "14", "--unit", "cyzx", "--status", "推进中", "--date", AS_OF)
    assert recorded.exit_code == 0, recorded
    history = invoke("history", "14", "--unit", "chengyun", "--json")
    assert '"unit": "城运中心"' in history.stdout


def test_pinyin_is_not_tried_for_chinese_text(invoke: Invoke) -> None:
    result = invoke("status", "--unit", "城运", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：未知单位“城运”")


def test_pinyin_is_stored_once_per_name(invoke: Invoke, isolation: object) -> None:
    import os
    import sqlite3

    invoke("units")
    conn = sqlite3.connect(os.environ["MAOGANG_DB"])
    names = conn.execute("SELECT count(*) FROM unit_names").fetchone()[0]
    spelled = conn.execute(
        "SELECT count(*) FROM name_pinyin WHERE name IN (SELECT name FROM unit_names)"
    ).fetchone()[0]
    assert spelled == names > 30
