"""What `overdue --kind` asks for, and how the overdue items group into obligations."""

from __future__ import annotations

from datetime import date

import pytest

from maogang_cli.domain.models import TaskHead
from maogang_cli.domain.owed import Owed, OwedKind, group_overdue, merge_overdue, parse_kinds
from maogang_cli.domain.status import PairState
from maogang_cli.i18n import set_language

AS_OF = date(2024, 7, 1)


def pair(task_id: str, unit: str, deadline: date) -> PairState:
    return PairState(task_id, unit, "responsible", deadline, "not_started", None, AS_OF)


def missed(kind: OwedKind, ident: str, period: str, unit: str, due: date) -> Owed:
    days = (AS_OF - due).days
    return Owed(kind, ident, period, f"{ident} title", unit, due, "missing", None, days)


@pytest.mark.parametrize(
    ("values", "kinds"),
    [
        ([], ("task", "duty", "plan_milestone", "hazard")),
        (["duty"], ("duty",)),
        (["plan_milestone,task"], ("task", "plan_milestone")),
        (["duty", "task", "duty"], ("task", "duty")),
        ([" duty , "], ("duty",)),
        # the words the help gives, in either language (tester T10: 任务 was refused)
        (["任务"], ("task",)),
        (["隐患、方案节点"], ("plan_milestone", "hazard")),
        (["常态工作，task"], ("task", "duty")),
    ],
)
def test_parse_kinds(values: list[str], kinds: tuple[str, ...]) -> None:
    assert parse_kinds(values) == kinds


def test_parse_kinds_names_the_unknown_one() -> None:
    with pytest.raises(ValueError) as refused:
        parse_kinds(["duty,milestone"])
    assert str(refused.value) == "未知类别“milestone”；可选：任务、常态工作、方案节点、隐患"
    set_language("en")
    with pytest.raises(ValueError) as refused:
        parse_kinds(["节点"])
    assert str(refused.value) == (
        "unknown kind '节点'; choose from: task, duty, plan_milestone, hazard"
    )


def test_group_overdue_one_group_per_task_duty_period_and_milestone() -> None:
    june, may = date(2024, 6, 30), date(2024, 5, 25)
    items = merge_overdue(
        [
            pair("2024-04", "镇安委办", date(2024, 4, 30)),
            pair("2024-16", "镇安委办", june),
            pair("2024-16", "经发办", june),
        ],
        [
            missed("duty", "monthly_report", "2024-05", "农办", may),
            missed("duty", "monthly_report", "2024-05", "规建办", may),
            missed("duty", "quarterly_review", "2024-Q2", "镇安委办", june),
            missed("plan_milestone", "m03-2024", "2024-06", "农办", june),
            missed("duty", "quarterly_review", "2024-Q2", "镇监察办", june),
        ],
    )
    heads = {t: TaskHead(t, 2024, int(t[-2:]), f"task {t}") for t in ("2024-04", "2024-16")}
    groups = group_overdue(items, heads)
    assert [
        (g.kind, g.id, g.period, g.days_overdue, [i.unit for i in g.items]) for g in groups
    ] == [
        ("task", "2024-04", "", 62, ["镇安委办"]),
        ("duty", "monthly_report", "2024-05", 37, ["农办", "规建办"]),
        ("task", "2024-16", "", 1, ["镇安委办", "经发办"]),
        ("duty", "quarterly_review", "2024-Q2", 1, ["镇安委办", "镇监察办"]),
        ("plan_milestone", "m03-2024", "", 1, ["农办"]),
    ]
    assert (groups[0].title, groups[0].due) == ("task 2024-04", date(2024, 4, 30))
    assert (groups[1].title, groups[1].due) == ("monthly_report title", may)
