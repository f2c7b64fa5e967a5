"""Stage three: rules across files (units, groups, tasks, plan), all reported in one pass."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.mini_catalogue import Mini
from maogang_cli.catalog.load import gather, load_catalogue


@pytest.fixture
def mini(tmp_path: Path) -> Mini:
    return Mini(tmp_path / "mini")


def test_the_mini_catalogue_is_valid(mini: Mini) -> None:
    catalogue, problems = mini.load()
    assert problems == []
    assert catalogue is not None
    assert catalogue.lookup == {
        "镇安委办": "镇安委办",
        "镇安委会办公室": "镇安委办",
        "城运中心": "城运中心",
        "规建办": "规建办",
        "镇规建办": "规建办",
        "有关成员单位": "有关成员单位",
        "各村居": "各村居",
    }
    # members are stored canonical, even when written as an alias
    assert catalogue.members == {"有关成员单位": ["城运中心", "规建办"], "各村居": []}
    # groups expand to their members; a memberless group stays itself; aliases resolve
    assert catalogue.expand(["有关成员单位", "各村居", "镇安委会办公室", "城运中心"]) == [
        "城运中心",
        "规建办",
        "各村居",
        "镇安委办",
    ]
    assert [(year, t.id, Path(f).name) for year, t, f in catalogue.tasks] == [
        (2024, "2024-01", "tasks_2024.yaml"),
        (2024, "2024-02", "tasks_2024.yaml"),
    ]


def test_unknown_unit_suggests_the_nearest_names(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "[镇安委会办公室, 城运中心]", "[镇安委会办公室, 城运中]")
    assert mini.problems() == [
        "tasks_2024.yaml:16:28: unknown unit '城运中' (did you mean: 城运中心?)"
    ]


def test_unknown_unit_without_a_near_name(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "cooperating: [各村居]", "cooperating: [区应急局]")
    assert mini.problems() == ["tasks_2024.yaml:9:19: unknown unit '区应急局'"]


def test_several_units_written_as_one_name(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "[镇安委会办公室, 城运中心]", "[镇安委会办公室，城运中心]")
    assert mini.problems() == [
        "tasks_2024.yaml:16:19: '镇安委会办公室，城运中心' is several units in one name: "
        "write them as [镇安委会办公室, 城运中心]"
    ]


def test_duplicate_id_and_seq_in_one_file(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", 'id: "2024-02"\n    seq: 2', 'id: "2024-01"\n    seq: 1')
    assert mini.problems() == [
        "tasks_2024.yaml:11:9: duplicate task id '2024-01' "
        f"(first at {mini.root}/tasks_2024.yaml:3)",
        "tasks_2024.yaml:12:10: duplicate seq 1 (first at line 4)",
    ]


def test_duplicate_id_across_years_but_seq_per_year(mini: Mini) -> None:
    mini.write(
        "tasks_2025.yaml",
        "year: 2025\ntasks:\n"
        '  - {id: "2024-02", seq: 1, action: a, title: t, deadline: "2025-06", '
        "responsible: [各村居]}\n",
    )
    assert mini.problems() == [
        "tasks_2025.yaml:3:10: duplicate task id '2024-02' "
        f"(first at {mini.root}/tasks_2024.yaml:11)"
    ]


def test_year_must_match_the_file_name(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "year: 2024", "year: 2025")
    assert mini.problems() == [
        "tasks_2024.yaml:1:7: year 2025 does not match the file name tasks_2024.yaml"
    ]


def test_group_member_not_a_unit(mini: Mini) -> None:
    mini.edit("units.yaml", "members: [城运中心, 镇规建办]", "members: [城运中心, 规建]")
    assert mini.problems() == [
        "units.yaml:16:21: member '规建' is not a unit (did you mean: 规建办?)"
    ]


def test_group_member_that_is_a_group(mini: Mini) -> None:
    mini.edit("units.yaml", "members: [城运中心, 镇规建办]", "members: [城运中心, 各村居]")
    assert mini.problems() == [
        "units.yaml:16:21: member '各村居' is a group; members must be units"
    ]


def test_group_containing_itself(mini: Mini) -> None:
    mini.edit("units.yaml", "members: [城运中心, 镇规建办]", "members: [城运中心, 有关成员单位]")
    assert mini.problems() == ["units.yaml:16:21: group '有关成员单位' contains itself"]


def test_measure_not_in_plan(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "measures: [1]", "measures: [1, 31]")
    assert mini.problems() == ["tasks_2024.yaml:10:19: measure 31 is not in the plan"]


def test_duplicate_measure_number_in_plan(mini: Mini) -> None:
    mini.edit("plan_2024_2026.yaml", "      - number: 2", "      - number: 1")
    assert mini.problems() == ["plan_2024_2026.yaml:10:17: duplicate measure number 1"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # an alias that is another unit's name
        (
            "aliases: [镇规建办]",
            "aliases: [城运中心]",
            "units.yaml:12:15: name '城运中心' is already used by '城运中心' (line 7)",
        ),
        # two units with one name
        (
            "  - name: 规建办",
            "  - name: 城运中心",
            "units.yaml:10:11: name '城运中心' is already used by '城运中心' (line 7)",
        ),
        # a group named like a unit
        (
            "  - name: 各村居",
            "  - name: 镇安委会办公室",
            "units.yaml:18:11: name '镇安委会办公室' is already used by '镇安委办' (line 2)",
        ),
    ],
)
def test_name_collisions(mini: Mini, old: str, new: str, expected: str) -> None:
    mini.edit("units.yaml", old, new)
    assert expected in mini.problems()


def test_every_problem_in_one_pass(mini: Mini) -> None:
    mini.edit("units.yaml", "members: [城运中心, 镇规建办]", "members: [城运中心, 规建]")
    mini.edit("tasks_2024.yaml", "seq: 2", "seq: 1")
    mini.edit("tasks_2024.yaml", "cooperating: [各村居]", "cooperating: [各村]")
    mini.edit("tasks_2024.yaml", 'deadline: "2024-04-30"', 'deadline: "2024-04-31"')
    mini.edit("plan_2024_2026.yaml", "title: 行动一", "titel: 行动一")
    assert mini.problems() == [
        "plan_2024_2026.yaml:6:5: unknown key 'titel' (did you mean: title?)",
        "tasks_2024.yaml:9:19: unknown unit '各村' (did you mean: 各村居?)",
        # the task with a bad deadline is still checked for the rest
        "tasks_2024.yaml:12:10: duplicate seq 1 (first at line 4)",
        "tasks_2024.yaml:15:15: deadline: '2024-04-31' is not a real date",
        "units.yaml:16:21: member '规建' is not a unit (did you mean: 规建办?)",
    ]


def test_an_invalid_task_is_still_checked_across_files(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "seq: 2", "seq: 二")
    mini.edit("tasks_2024.yaml", "[镇安委会办公室, 城运中心]", "[镇安委会办公室, 城运]")
    assert mini.problems() == [
        "tasks_2024.yaml:12:10: seq: expected a whole number (got '二')",
        "tasks_2024.yaml:16:28: unknown unit '城运' (did you mean: 城运中心?)",
    ]


def test_an_invalid_unit_does_not_make_its_tasks_unknown(mini: Mini) -> None:
    mini.edit("units.yaml", "kind: office", "kind: 办公室")
    problems = mini.problems()
    assert len(problems) == 1
    assert problems[0].startswith("units.yaml:4:11: kind: ")


def test_missing_units_file(mini: Mini) -> None:
    (mini.root / "units.yaml").unlink()
    assert mini.problems() == ["units.yaml:1:1: units.yaml is missing"]


def test_gather_borrows_units_and_plan_from_beside_a_single_file(mini: Mini) -> None:
    files = gather([mini.root / "tasks_2024.yaml"], mini.root)
    assert [f.name for f in files] == ["units.yaml", "plan_2024_2026.yaml", "tasks_2024.yaml"]
    catalogue, problems = load_catalogue(files)
    assert problems == [] and catalogue is not None


def test_a_file_with_another_name_is_not_a_catalogue_file(mini: Mini, tmp_path: Path) -> None:
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n", "utf-8")
    _, problems = load_catalogue(gather([stray], mini.root))
    assert [str(p) for p in problems] == [
        f"{stray}:1:1: not a catalogue file: "
        "name it units.yaml, hazards.yaml, plan_*.yaml or tasks_*.yaml"
    ]


# --- a clerk's random edit never crashes the checks ------------------------------------------

EDIT = st.text(
    alphabet=st.sampled_from(list(" \n-:：,，[]#&*'\"年月镇安委办村居2024130x~")), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(["units.yaml", "plan_2024_2026.yaml", "tasks_2024.yaml"]),
    start=st.integers(0, 400),
    length=st.integers(0, 6),
    insert=EDIT,
)
def test_random_edits_give_a_catalogue_or_located_problems(
    name: str, start: int, length: int, insert: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        mini = Mini(Path(tmp) / "mini")
        text = (mini.root / name).read_text("utf-8")
        start = min(start, len(text))
        (mini.root / name).write_text(text[:start] + insert + text[start + length :], "utf-8")
        catalogue, problems = load_catalogue(gather([mini.root], mini.root))
        assert (catalogue is None) == bool(problems)
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message


def test_a_key_is_one_units_only(mini: Mini) -> None:
    mini.edit("units.yaml", "key: gjb", "key: cyzx")
    assert mini.problems() == [
        "units.yaml:13:10: 键“cyzx”已被使用（第9行）：每个单位的键只属于它自己，永不复用"
    ]


def test_a_key_is_short_lowercase_ascii(mini: Mini) -> None:
    mini.edit("units.yaml", "key: gjb", "key: 规建")
    assert mini.problems() == [
        "units.yaml:13:10: key: String should match pattern '^[a-z][a-z0-9_]{0,23}$' (got '规建')"
    ]


def test_every_unit_has_a_key(mini: Mini) -> None:
    mini.edit("units.yaml", "    key: gjb\n", "")
    assert mini.problems() == ["units.yaml:10:5: missing key 'key'"]
