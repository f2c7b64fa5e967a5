"""The bundled catalogue: every file is valid and holds what the plan document holds."""

from __future__ import annotations

import pytest

from maogang_cli.catalog.files import catalogue_files
from maogang_cli.catalog.load import Catalogue, load_catalogue
from maogang_cli.config import bundled_data_dir


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(catalogue_files(bundled_data_dir()))
    assert problems == []
    assert loaded is not None
    return loaded


def test_the_bundled_files() -> None:
    assert [p.name for p in catalogue_files(bundled_data_dir())] == [
        "units.yaml",
        "hazards.yaml",
        "plan_2024_2026.yaml",
        "tasks_2024.yaml",
    ]


@pytest.mark.parametrize(
    "name", ["units.yaml", "hazards.yaml", "plan_2024_2026.yaml", "tasks_2024.yaml"]
)
def test_each_file_validates_on_its_own(name: str) -> None:
    # a single file borrows units.yaml and the plan from beside it for the cross-file checks
    from maogang_cli.catalog.load import gather

    files = gather([bundled_data_dir() / name], bundled_data_dir())
    loaded, problems = load_catalogue(files)
    assert problems == []
    assert loaded is not None


def test_26_tasks_numbered_1_to_26(catalogue: Catalogue) -> None:
    assert [(year, task.seq) for year, task, _ in catalogue.tasks] == [
        (2024, n) for n in range(1, 27)
    ]
    assert [task.id for _, task, _ in catalogue.tasks] == [f"2024-{n:02d}" for n in range(1, 27)]


def test_9_actions_and_30_measures_in_order(catalogue: Catalogue) -> None:
    assert catalogue.plan is not None
    actions = catalogue.plan.actions
    assert [a.number for a in actions] == list(range(1, 10))
    assert [m.number for a in actions for m in a.measures] == list(range(1, 31))
    assert [len(a.measures) for a in actions] == [5, 7, 4, 1, 3, 1, 4, 3, 2]


def test_every_task_serves_known_measures(catalogue: Catalogue) -> None:
    assert catalogue.plan is not None
    numbers = {m.number for a in catalogue.plan.actions for m in a.measures}
    served = {n for _, task, _ in catalogue.tasks for n in task.measures}
    assert served <= numbers
    # the transcription notes say which measures no 2024 task serves
    assert numbers - served == {13, 14, 18, 21, 27}


def test_every_name_and_alias_resolves_to_its_own_entry(catalogue: Catalogue) -> None:
    units = catalogue.units
    for entry in [*units.units, *units.groups]:
        for name in [entry.name, *entry.aliases]:
            assert catalogue.lookup[name] == entry.name
    assert len(catalogue.lookup) == sum(1 + len(e.aliases) for e in [*units.units, *units.groups])


def test_every_unit_named_by_a_task_resolves(catalogue: Catalogue) -> None:
    for _, task, _ in catalogue.tasks:
        for name in [*task.responsible, *task.cooperating]:
            assert name in catalogue.lookup, (task.id, name)


def test_groups(catalogue: Catalogue) -> None:
    assert {g: len(m) for g, m in catalogue.members.items()} == {
        "镇安委会成员单位": 18,
        "镇安委会有关成员单位": 11,
        "各负有安全生产监管职责的部门": 6,
        "各村居": 0,
        "镇属企事业单位": 0,
        "镇属相关公司": 0,
        "各生产经营单位": 0,
    }
    unit_names = {u.name for u in catalogue.units.units}
    for members in catalogue.members.values():
        assert set(members) <= unit_names


def test_liugang_appears_only_as_aliases(catalogue: Catalogue) -> None:
    """柳港 is the PDF's misreading of 泖港: kept only so the document's text still matches."""
    units = catalogue.units
    aliases = [a for e in [*units.units, *units.groups] for a in e.aliases if "柳港" in a]
    assert aliases == ["柳港派出所", "柳港市场监管所"]
    for entry in [*units.units, *units.groups]:
        assert "柳港" not in entry.name + entry.full_name
    for _, task, _ in catalogue.tasks:
        assert "柳港" not in task.model_dump_json()
    assert catalogue.plan is not None
    assert "柳港" not in catalogue.plan.model_dump_json()


def test_no_data_line_contains_liugang_outside_comments_and_aliases() -> None:
    for path in catalogue_files(bundled_data_dir()):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if "柳港" in code:
                assert code.strip().startswith("aliases:"), f"{path.name}:{number}: {line}"


def test_rows_6_to_10_share_one_action_and_16_has_two_milestones(catalogue: Catalogue) -> None:
    by_seq = {task.seq: task for _, task, _ in catalogue.tasks}
    # The 行动's heading in 四 (the list prints 开展安全生产责任提升行动; policy: row 6)
    assert {by_seq[n].action for n in range(6, 11)} == {"开展安全生产责任落实提升行动"}
    assert {by_seq[n].action for n in range(13, 16)} == {"开展重大事故隐患动态清零行动"}
    assert [(m.due, m.text[:6]) for m in by_seq[16].milestones] == [
        ("2024-03", "组织餐饮企业"),
        ("2024-06", "组织开展生产"),
    ]
    assert by_seq[19].cooperating == ["镇安委会有关成员单位"]
    assert [n for n, t in by_seq.items() if t.responsible_etc] == [14, 15]
