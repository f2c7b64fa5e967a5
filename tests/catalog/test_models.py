"""Stage two: each file against its pydantic model, and how its errors read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from catalog.mini_catalogue import Mini
from maogang_cli.catalog.models import Task, TasksFile, Unit


@pytest.fixture
def mini(tmp_path: Path) -> Mini:
    return Mini(tmp_path / "mini")


def task(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "2024-01",
        "seq": 1,
        "action": "年度目标",
        "title": "任务一",
        "deadline": "2024-12",
        "responsible": ["镇安委办"],
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def error_types(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        Task.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


# --- the models alone ------------------------------------------------------------------------


def test_a_valid_task() -> None:
    parsed = Task.model_validate(task(deadline=" 2024-06 ", cooperating=["各村居"]))
    assert parsed.deadline == "2024-06"
    assert parsed.cooperating == ["各村居"]
    assert parsed.responsible_etc is False
    assert parsed.milestones == [] and parsed.measures == []


def test_unknown_keys_are_forbidden() -> None:
    data = task(responsible=None, responsibel=["镇安委办"])
    assert error_types(data) == [
        (("responsible",), "missing"),
        (("responsibel",), "extra_forbidden"),
    ]


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ("2024-13", "'2024-13' is not a real month"),
        ("2024-00", "'2024-00' is not a real month"),
        ("2024-02-30", "'2024-02-30' is not a real date"),
        ("2023-02-29", "'2023-02-29' is not a real date"),
        (
            "2024年12月",
            "'2024年12月' is not a month (YYYY-MM) or a date (YYYY-MM-DD): write \"2024-12\"",
        ),
        (
            "12月",
            "'12月' is not a month (YYYY-MM) or a date (YYYY-MM-DD): add the year, as \"YYYY-12\"",
        ),
        ("2024/6", "'2024/6' is not a month (YYYY-MM) or a date (YYYY-MM-DD): write \"2024-06\""),
        (
            "2024年6月30日",
            "'2024年6月30日' is not a month (YYYY-MM) or a date (YYYY-MM-DD): write \"2024-06-30\"",
        ),
        ("2024年13月", "'2024年13月' is not a month (YYYY-MM) or a date (YYYY-MM-DD)"),
        ("年底", "'年底' is not a month (YYYY-MM) or a date (YYYY-MM-DD)"),
        (
            "“2024-12”",
            "'“2024-12”' is not a month (YYYY-MM) or a date (YYYY-MM-DD): "
            'use straight quotes, "2024-12"',
        ),
        (2024.12, '2024.12 is a number, not a month or date: write it in quotes, "YYYY-MM"'),
    ],
)
def test_bad_deadlines(deadline: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Task.model_validate(task(deadline=deadline))
    [error] = info.value.errors()
    assert error["loc"] == ("deadline",)
    assert error["msg"] == f"Value error, {message}"


def test_leap_day_and_full_dates_are_deadlines() -> None:
    assert Task.model_validate(task(deadline="2024-02-29")).deadline == "2024-02-29"


@pytest.mark.parametrize("missing", ["id", "seq", "action", "title", "deadline", "responsible"])
def test_required_keys(missing: str) -> None:
    assert error_types(task(**{missing: None})) == [((missing,), "missing")]


def test_responsible_needs_at_least_one_unit() -> None:
    assert error_types(task(responsible=[])) == [(("responsible",), "too_short")]


def test_unit_kind_is_one_of_five() -> None:
    with pytest.raises(ValidationError):
        Unit.model_validate({"name": "x", "kind": "办公室"})


def test_year_is_bounded() -> None:
    with pytest.raises(ValidationError):
        TasksFile.model_validate({"year": 24, "tasks": []})


# --- the messages the clerk reads, located in the file ---------------------------------------


def test_misspelt_key_is_one_problem_with_did_you_mean(mini: Mini) -> None:
    mini.edit(
        "tasks_2024.yaml", "    responsible: [有关成员单位]", "    responsibel: [有关成员单位]"
    )
    assert mini.problems() == [
        "tasks_2024.yaml:8:5: unknown key 'responsibel' (did you mean: responsible?)"
    ]


def test_unknown_key_suggests_the_nearest_fields(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "    measures: [1]", "    measures: [1]\n    note: x")
    assert mini.problems() == ["tasks_2024.yaml:11:5: unknown key 'note' (did you mean: title?)"]


def test_unknown_top_level_key(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "year: 2024", "yaer: 2024")
    assert mini.problems() == ["tasks_2024.yaml:1:1: unknown key 'yaer' (did you mean: year?)"]


def test_missing_key_points_at_the_item(mini: Mini) -> None:
    mini.edit("tasks_2024.yaml", "    title: 任务二\n", "")
    assert mini.problems() == ["tasks_2024.yaml:11:5: missing key 'title'"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'deadline: "2024-12"',
            'deadline: "2024-13"',
            "7:15: deadline: '2024-13' is not a real month",
        ),
        (
            'deadline: "2024-12"',
            'deadline: "2024-02-30"',
            "7:15: deadline: '2024-02-30' is not a real date",
        ),
        (
            'deadline: "2024-12"',
            "deadline: 2024年12月",
            "7:15: deadline: '2024年12月' is not a month (YYYY-MM) or a date (YYYY-MM-DD): "
            'write "2024-12"',
        ),
        (
            'deadline: "2024-12"',
            "deadline: 12月",
            "7:15: deadline: '12月' is not a month (YYYY-MM) or a date (YYYY-MM-DD): "
            'add the year, as "YYYY-12"',
        ),
        ("seq: 1", "seq: 一", "4:10: seq: expected a whole number (got '一')"),
        ('id: "2024-01"', "id: 202401", "3:9: id: expected text: put it in quotes (got 202401)"),
        (
            'id: "2024-01"',
            "id: “2024-01”",
            "3:9: id: an id is letters, digits, '.', '_' or '-', starting with a letter or digit "
            "(got '“2024-01”')",
        ),
        (
            "responsible: [有关成员单位]",
            "responsible: 有关成员单位、各村居",
            "8:18: responsible: expected a list: write [A, B] with ASCII commas, not one text "
            "(got '有关成员单位、各村居')",
        ),
        (
            "responsible: [有关成员单位]",
            "responsible:",
            "8:17: responsible: expected a list, written [A, B] or as one '- A' line per item "
            "(got nothing)",
        ),
        (
            "responsible_etc: true",
            "responsible_etc: 是",
            "17:22: responsible_etc: expected true or false (got '是')",
        ),
    ],
)
def test_schema_messages(mini: Mini, old: str, new: str, expected: str) -> None:
    mini.edit("tasks_2024.yaml", old, new)
    assert mini.problems() == [f"tasks_2024.yaml:{expected}"]


def test_a_file_that_is_not_a_mapping(mini: Mini) -> None:
    mini.write("tasks_2024.yaml", "- 任务一\n- 任务二\n")
    assert mini.problems() == [
        "tasks_2024.yaml:1:1: the file must be a mapping with the keys year, tasks"
    ]


def test_unit_kind_message(mini: Mini) -> None:
    mini.edit("units.yaml", "kind: office", "kind: 办公室")
    assert mini.problems() == [
        "units.yaml:4:11: kind: Input should be 'office', 'department', 'station', 'company' "
        "or 'leadership' (got '办公室')"
    ]
