"""The hazard ledger's rules: every transition, lateness with extensions, credit codes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.hazards import (
    EVENTS,
    STATES,
    Event,
    NewEvent,
    Refused,
    check_uscc,
    days_overdue,
    effective,
    hazard_id,
    is_overdue,
    judge,
    parse_event,
    parse_level,
    parse_source,
    uscc_check_char,
)
from maogang_cli.i18n import set_language


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The refusals are matched by their English text."""
    set_language("en")
    yield
    set_language(None)


FOUND = date(2024, 3, 1)
DEADLINE = date(2024, 6, 30)
TODAY = date(2026, 12, 2)

# The plain model: from each state, the steps that may follow and where they lead.
# Written out here, independently of domain.hazards.STEPS.
MODEL = {
    "registered": {"rectifying": "rectifying", "rectified": "rectified"},
    "rectifying": {"rectifying": "rectifying", "rectified": "rectified"},
    "rectified": {"verified": "verified", "rejected": "rectifying"},
    "verified": {"closed": "closed"},
    "closed": {},
}
KEEPS_STATE = {"extended", "explained", "notified"}


def registered(deadline: date = DEADLINE) -> list[Event]:
    return [Event(1, "registered", FOUND, "clerk", "registered", deadline)]


def step(
    events: list[Event], event: str, day: date, by: str = "clerk", **extra: object
) -> list[Event]:
    note = str(extra.pop("note", "reason"))
    new = NewEvent(event, day, by, note=note, **extra)  # type: ignore[arg-type]
    state, deadline = judge(events, new, found_on=FOUND, today=TODAY)
    seq = events[-1].seq + 1
    return [*events, Event(seq, event, day, by, state, deadline, new.voids)]


PATHS = {  # the events that bring a hazard to each state
    "registered": [],
    "rectifying": ["rectifying"],
    "rectified": ["rectified"],
    "verified": ["rectified", "verified"],
    "closed": ["rectified", "verified", "closed"],
}


def at_state(state: str) -> list[Event]:
    events = registered()
    for i, event in enumerate(PATHS[state]):
        events = step(events, event, FOUND + timedelta(days=i + 1), by=f"p{i}")
    assert events[-1].state == state
    return events


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("event", ["rectifying", "rectified", "verified", "rejected", "closed"])
def test_every_step_from_every_state(state: str, event: str) -> None:
    events = at_state(state)
    day = date(2024, 5, 1)
    if event in MODEL[state]:
        after = step(events, event, day, by="someone else")
        assert after[-1].state == MODEL[state][event]
        assert after[-1].deadline == DEADLINE
    else:
        with pytest.raises(Refused):
            step(events, event, day, by="someone else")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("event", sorted(KEEPS_STATE))
def test_remarks_keep_the_state_while_open(state: str, event: str) -> None:
    events = at_state(state)
    # past the deadline for an explanation, before it for an extension
    day = date(2024, 6, 30) if event == "extended" else date(2024, 7, 5)
    extra = (
        {"new_deadline": date(2024, 8, 31), "approved_by": "王镇长"} if event == "extended" else {}
    )
    if state == "closed":
        with pytest.raises(Refused, match="closed"):
            step(events, event, day, **extra)
        return
    after = step(events, event, day, **extra)
    assert after[-1].state == state


def test_closing_an_unverified_hazard_is_refused() -> None:
    with pytest.raises(Refused, match="cannot be closed before it is verified"):
        step(at_state("rectified"), "closed", date(2024, 5, 1))


def test_the_reporter_of_rectification_cannot_verify_it() -> None:
    events = step(registered(), "rectified", date(2024, 4, 1), by="张三")
    with pytest.raises(Refused, match="someone other than 张三"):
        step(events, "verified", date(2024, 4, 2), by="张三")
    assert step(events, "verified", date(2024, 4, 2), by="李四")[-1].state == "verified"


def test_rejection_needs_a_reason_and_sends_it_back() -> None:
    events = step(registered(), "rectified", date(2024, 4, 1), by="张三")
    with pytest.raises(Refused, match="needs a reason"):
        step(events, "rejected", date(2024, 4, 2), note="")
    events = step(events, "rejected", date(2024, 4, 2), note="消防通道仍被占用")
    assert events[-1].state == "rectifying"
    # the next verification is judged against the latest report of rectification
    events = step(events, "rectified", date(2024, 4, 3), by="王五")
    assert step(events, "verified", date(2024, 4, 4), by="张三")[-1].state == "verified"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2024, 2, 29), "before the hazard was found"),
        (date(2026, 12, 3), "in the future"),
    ],
)
def test_dates_outside_the_hazards_life(day: date, message: str) -> None:
    with pytest.raises(Refused, match=message):
        step(registered(), "rectifying", day)


def test_steps_are_recorded_in_date_order() -> None:
    events = step(registered(), "rectifying", date(2024, 5, 1))
    with pytest.raises(Refused, match="before its latest step"):
        step(events, "rectified", date(2024, 4, 30))
    assert step(events, "rectified", date(2024, 5, 1))[-1].state == "rectified"


def test_extension_needs_a_later_deadline_a_reason_and_an_approver() -> None:
    events = registered()
    day = date(2024, 6, 1)
    with pytest.raises(Refused, match="new deadline"):
        step(events, "extended", day, approved_by="王")
    with pytest.raises(Refused, match="approved"):
        step(events, "extended", day, new_deadline=date(2024, 9, 30))
    with pytest.raises(Refused, match="not after"):
        step(events, "extended", day, new_deadline=DEADLINE, approved_by="王")
    with pytest.raises(Refused, match="needs a reason"):
        step(events, "extended", day, new_deadline=date(2024, 9, 30), approved_by="王", note="")
    events = step(events, "extended", day, new_deadline=date(2024, 9, 30), approved_by="王")
    assert events[-1].deadline == date(2024, 9, 30)
    assert events[0].deadline == DEADLINE  # the original stays on record


def test_an_extension_only_until_the_deadline_in_force() -> None:
    """F32: extended after its deadline passed, an overdue hazard would read as never
    overdue (and 动态清零 turn green); it is refused, on the deadline day allowed."""
    late = date(2024, 7, 1)
    with pytest.raises(Refused, match=r"deadline in force \(2024-06-30\) had passed by 2024-07-01"):
        step(registered(), "extended", late, new_deadline=date(2024, 9, 30), approved_by="王")
    events = step(
        registered(), "extended", DEADLINE, new_deadline=date(2024, 9, 30), approved_by="王"
    )
    assert events[-1].deadline == date(2024, 9, 30)
    events = step(events, "extended", late, new_deadline=date(2024, 12, 31), approved_by="王")
    assert events[-1].deadline == date(2024, 12, 31)  # judged against the deadline in force


def test_an_explanation_only_once_overdue() -> None:
    with pytest.raises(Refused, match="has not passed"):
        step(registered(), "explained", DEADLINE)
    assert step(registered(), "explained", DEADLINE + timedelta(days=1))[-1].state == "registered"


def test_voiding_the_hazard_and_then_nothing_more() -> None:
    events = step(at_state("rectifying"), "voided", date(2024, 5, 1), note="重复上账")
    assert events[-1].state == "voided"
    with pytest.raises(Refused, match="voided"):
        step(events, "rectified", date(2024, 5, 2))


def test_voiding_the_latest_step_restores_what_was_before() -> None:
    events = step(
        registered(), "extended", date(2024, 5, 1), new_deadline=date(2024, 9, 30), approved_by="王"
    )
    events = step(events, "rectified", date(2024, 5, 2), by="张三")
    with pytest.raises(Refused, match="latest step"):
        step(events, "voided", date(2024, 5, 3), voids=2)
    events = step(events, "voided", date(2024, 5, 3), voids=3)
    assert (events[-1].state, events[-1].deadline) == ("registered", date(2024, 9, 30))
    events = step(events, "voided", date(2024, 5, 3), voids=2)
    assert (events[-1].state, events[-1].deadline) == ("registered", DEADLINE)
    assert [e.seq for e in effective(events)] == [1]
    with pytest.raises(Refused, match="already voided"):
        step(events, "voided", date(2024, 5, 3), voids=2)
    with pytest.raises(Refused, match="registration"):
        step(events, "voided", date(2024, 5, 3), voids=1)
    with pytest.raises(Refused, match="no step 9"):
        step(events, "voided", date(2024, 5, 3), voids=9)


def test_lateness_against_the_deadline_in_force() -> None:
    assert not is_overdue("rectifying", DEADLINE, DEADLINE)  # due on its deadline day
    assert is_overdue("rectifying", DEADLINE, DEADLINE + timedelta(days=1))
    assert days_overdue("verified", DEADLINE, date(2024, 7, 10)) == 10
    assert days_overdue("closed", DEADLINE, date(2024, 7, 10)) == 0
    assert days_overdue("voided", DEADLINE, date(2024, 7, 10)) == 0


@pytest.mark.parametrize(
    ("text", "parse", "value"),
    [
        ("销号", parse_event, "closed"),
        ("验收不合格", parse_event, "rejected"),
        ("Rectified", parse_event, "rectified"),
        ("群众举报查实", parse_source, "public_report"),
        ("public-report", parse_source, "public_report"),
        ("一般", parse_level, "general"),
    ],
)
def test_words(text: str, parse: object, value: str) -> None:
    assert parse(text) == value  # type: ignore[operator]


def test_an_unknown_word_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="use one of rectifying, rectified"):
        parse_event("done")


def test_ids() -> None:
    assert hazard_id(2024, 1) == "YH-2024-0001"
    assert hazard_id(2025, 12345) == "YH-2025-12345"


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91310117MA1J3XXXXJ".replace("X", "0")])
def test_valid_credit_codes(code: str) -> None:
    if code[17] != uscc_check_char(code[:17]):
        code = code[:17] + uscc_check_char(code[:17])
    assert check_uscc(code.lower()) == code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "17 characters"),
        ("91350100M000100Y44", "the 18th should be 3"),
        ("91350100M00O100Y43", "'O'"),
    ],
)
def test_malformed_credit_codes(code: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_uscc(code)


# --- property: random event sequences against the plain model ---------------------------

event_kinds = st.sampled_from([e for e in EVENTS if e != "voided"] + ["voided-step"])


@given(st.lists(st.tuples(event_kinds, st.integers(0, 40), st.booleans()), max_size=12))
def test_random_sequences_follow_the_model(steps: list[tuple[str, int, bool]]) -> None:
    events = registered()
    day = FOUND
    model_state, model_deadline = "registered", DEADLINE
    model_chain: list[tuple[str, date]] = [(model_state, model_deadline)]  # effective
    reporter = None
    for kind, gap, same_person in steps:
        day = day + timedelta(days=gap)
        if day > TODAY:
            break
        by = (reporter or "x") if same_person else f"p{len(events)}"
        extra: dict[str, object] = {}
        if kind == "extended":
            extra = {"new_deadline": model_deadline + timedelta(days=30), "approved_by": "王"}
        if kind == "voided-step":
            extra = {"voids": effective(events)[-1].seq}
            kind = "voided"
        # the plain model's verdict
        if kind == "voided":
            ok = len(model_chain) > 1
        elif model_state == "closed":
            ok = False
        elif kind in KEEPS_STATE:
            # an explanation once overdue; an extension only until the deadline
            ok = (
                day > model_deadline
                if kind == "explained"
                else not (kind == "extended" and day > model_deadline)
            )
        else:
            ok = kind in MODEL[model_state] and not (kind == "verified" and by == reporter)
        try:
            events = step(events, kind, day, by=by, **extra)
        except Refused:
            assert not ok, (kind, model_state)
            continue
        assert ok, (kind, model_state)
        if kind == "voided":
            model_chain.pop()
            effective_rectified = [e for e in effective(events) if e.event == "rectified"]
            reporter = effective_rectified[-1].recorded_by if effective_rectified else None
        else:
            if kind == "extended":
                model_deadline = model_deadline + timedelta(days=30)
            elif kind in MODEL[model_state]:
                model_state = MODEL[model_state][kind]
            if kind == "rectified":
                reporter = by
            model_chain.append((model_state, model_deadline))
        model_state, model_deadline = model_chain[-1]
        assert (events[-1].state, events[-1].deadline) == (model_state, model_deadline)
