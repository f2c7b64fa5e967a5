"""overdue_lines writes `overdue --json`'s items without their dicts: its text must be,
byte for byte, each item's contract encoded (contracts.overdue_json for a task pair,
plan_contracts.owed_overdue_json for a duty, milestone or hazard)."""

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from maogang_cli import output
from maogang_cli.contracts import overdue_json
from maogang_cli.domain.models import TaskHead
from maogang_cli.domain.owed import Owed
from maogang_cli.domain.status import PairState
from maogang_cli.overdue_lines import overdue_lines
from maogang_cli.plan_contracts import owed_overdue_json

# Chinese, JSON syntax, escapes, the active characters json_inert escapes.
_TEXT = st.lists(
    st.sampled_from([*'城运中心{}[],: "\\\n\t\x00', "\u202e", "\x85", "\u2028", "—", "🙂"]),
    max_size=6,
).map("".join)
_DAY = st.dates(date(1, 1, 1), date(9999, 12, 31))
_TASKS = {
    "2024-04": TaskHead("2024-04", 2024, 4, "组建专班"),
    "2025-12": TaskHead("2025-12", 2025, 12, '台账"清单"\u202e'),
}
_PAIR = st.builds(
    PairState,
    task_id=st.sampled_from(sorted(_TASKS)),
    unit=_TEXT,
    role=st.sampled_from(["responsible", "cooperating"]),
    deadline=_DAY,
    status=st.sampled_from(["not_started", "in_progress", "blocked", "done"]),
    done_on=st.none() | _DAY,
    as_of=_DAY,
)
_OWED = st.builds(
    Owed,
    kind=st.sampled_from(["duty", "plan_milestone", "hazard"]),
    id=_TEXT,
    period=_TEXT,
    title=_TEXT,
    unit=_TEXT,
    due=_DAY,
    state=st.sampled_from(["on_time", "late", "missing", "not_due"]),
    done_on=st.none() | _DAY,
    days_overdue=st.integers(-(10**6), 10**6),
)


def _contracts(items: list[PairState | Owed]) -> str:
    return output.json_each(
        [
            overdue_json(i, _TASKS[i.task_id]) if isinstance(i, PairState) else owed_overdue_json(i)
            for i in items
        ]
    )


@given(st.lists(st.one_of(_PAIR, _OWED), min_size=1, max_size=8))
@example(
    [
        Owed("duty", "monthly_report", "2024-05", "月报", "城运中心", date(2024, 6, 5), "missing",
             None, 390),
        Owed("hazard", "YH-2022-0020", "", "合成企业：描述\u2028", "农办", date(2022, 5, 1),
             "missing", None, 1521),
        PairState("2024-04", "镇安委办", "responsible", date(2024, 4, 30), "in_progress", None,
                  date(2026, 6, 30)),
    ]
)  # fmt: skip
def test_each_line_is_the_contract_encoded(items: list[PairState | Owed]) -> None:
    assert output.json_lines_text(overdue_lines(items, _TASKS)) == _contracts(items)


def test_no_items_print_an_empty_list() -> None:
    assert output.json_lines_text(overdue_lines([], _TASKS)) == "[]\n" == output.json_text([])
