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


@pytest.mark.parametrize(
    ("state", "event", "message"),
    [
        pytest.param(
            "rectified",
            "closed",
            "it cannot be closed before it is verified (审核通过): it is rectified (整改完成)",
            id="closed-from-rectified",
        ),
        pytest.param(
            "registered",
            "verified",
            "only a rectified hazard (整改完成) can be verified: it is registered (上账)",
            id="verified-from-registered",
        ),
        pytest.param(
            "rectifying",
            "rejected",
            "only a rectified hazard (整改完成) can be rejected: it is rectifying (整改中)",
            id="rejected-from-rectifying",
        ),
        pytest.param(
            "verified",
            "rectifying",
            "it is already verified (审核通过): rectifying no longer applies",
            id="rectifying-from-verified",
        ),
        pytest.param(
            "rectified",
            "rectified",
            "it is already rectified (整改完成): rectified no longer applies",
            id="rectified-twice",
        ),
    ],
)
def test_a_refused_step_says_what_the_hazard_is(state: str, event: str, message: str) -> None:
    """The clerk reads which step was wrong and where the hazard stands, word for word."""
    with pytest.raises(Refused) as refused:
        step(at_state(state), event, date(2024, 5, 1), by="someone else")
    assert str(refused.value) == message


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


def test_a_step_on_the_day_found_or_today_is_recorded() -> None:
    """The first and last days of the hazard's life so far are inside it."""
    assert step(registered(), "rectifying", FOUND)[-1].happened_on == date(2024, 3, 1)
    assert step(registered(), "rectifying", TODAY)[-1].happened_on == date(2026, 12, 2)


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


def refusal(events: list[Event], event: str, day: date, by: str = "clerk", **extra: object) -> str:
    with pytest.raises(Refused) as refused:
        step(events, event, day, by, **extra)
    return str(refused.value)


def test_each_refusal_says_why_word_for_word() -> None:
    """Found 2024-03-01, due 2024-06-30, today 2026-12-02 (the module's constants)."""
    later = date(2024, 9, 30)
    rectified = step(registered(), "rectified", date(2024, 4, 1), by="张三")
    closed = at_state("closed")  # closed 2024-03-04
    voided = step(registered(), "voided", date(2024, 4, 1), note="重复上账")
    assert [
        refusal(voided, "rectifying", date(2024, 4, 2)),
        refusal(registered(), "rectifying", date(2026, 12, 3)),
        refusal(registered(), "rectifying", date(2024, 2, 29)),
        refusal(rectified, "verified", date(2024, 3, 31), by="李四"),
        refusal(registered(), "explained", date(2024, 7, 1), note=" "),
        refusal(closed, "notified", date(2024, 3, 5)),
        refusal(rectified, "verified", date(2024, 4, 2), by="张三"),
        refusal(registered(), "extended", date(2024, 7, 1), new_deadline=later, approved_by="王"),
        refusal(registered(), "extended", date(2024, 6, 1), approved_by="王"),
        refusal(registered(), "extended", date(2024, 6, 1), new_deadline=later),
        refusal(
            registered(), "extended", date(2024, 6, 1), new_deadline=DEADLINE, approved_by="王"
        ),
        refusal(registered(), "explained", date(2024, 6, 30)),
        refusal(registered(), "registered", date(2024, 6, 1)),
    ] == [
        "it was voided on 2024-04-01: nothing more can be recorded",
        "date 2026-12-03 is in the future",
        "date 2024-02-29 is before the hazard was found (2024-03-01)",
        "date 2024-03-31 is before its latest step (rectified, 2024-04-01): "
        "steps are recorded in the order they happened",
        "explained needs a reason (--note)",
        "it was closed (销号) on 2024-03-04",
        "verification must be recorded by someone other than 张三, who reported it rectified",
        "the deadline in force (2024-06-30) had passed by 2024-07-01: an overdue hazard cannot "
        "be extended; record a written explanation (explained) and keep it on the ledger "
        "until closed",
        "extended needs the new deadline (--deadline)",
        "extended needs who approved it (--approved-by)",
        "new deadline 2024-06-30 is not after the deadline in force (2024-06-30)",
        "a written explanation (书面说明) is for an overdue hazard; on 2024-06-30 its deadline "
        "2024-06-30 has not passed",
        "unknown event 'registered'",
    ]


def test_a_hazard_without_its_registration_takes_no_step() -> None:
    """Only a damaged ledger has one; the clerk is told, not shown a traceback."""
    with pytest.raises(Refused) as refused:
        judge([], NewEvent("rectifying", date(2024, 5, 1), "clerk"), found_on=FOUND, today=TODAY)
    assert str(refused.value) == "the hazard has no registration event"


def test_a_refused_void_names_the_step() -> None:
    events = step(
        registered(), "extended", date(2024, 5, 1), new_deadline=date(2024, 9, 30), approved_by="王"
    )
    events = step(events, "rectified", date(2024, 5, 2), by="张三")
    refusals = []
    for seq in (2, 3, 4, 3, 1, 9):
        try:
            events = step(events, "voided", date(2024, 5, 3), voids=seq)
        except Refused as refused:
            refusals.append(str(refused))
    assert refusals == [
        "only its latest step in effect (3, rectified) can be voided: void the later ones first",
        # step 3 voided by step 4; a void is not a step to void
        "it has no step 4 to void",
        "step 3 is already voided",
        "step 1 is the registration: void the hazard itself (no --event)",
        "it has no step 9 to void",
    ]


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


@pytest.mark.parametrize(
    ("text", "parse", "value"),
    [
        pytest.param(" 销号 ", parse_event, "closed", id="spaces-around"),
        pytest.param("Self Report", parse_source, "self_report", id="space-for-underscore"),
        pytest.param("MAJOR", parse_level, "major", id="capitals"),
        pytest.param("重大隐患", parse_level, "major", id="long-word"),
    ],
)
def test_words_as_typed(text: str, parse: object, value: str) -> None:
    assert parse(text) == value  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "parse", "message"),
    [
        pytest.param(
            "上账",  # written by `hazard add` itself, never recorded as an event
            parse_event,
            "unknown hazard event '上账': use one of rectifying, rectified, verified, rejected, "
            "closed, extended, explained, notified, voided "
            "(or 整改中, 整改完成, 审核通过, 验收不合格, 销号, 延期, 书面说明, 通知, 作废)",
            id="event",
        ),
        pytest.param(
            "self",
            parse_source,
            "unknown hazard source 'self': use one of self_report, inspection, public_report, "
            "other (or 企业自查上报, 自查上报, 督导检查发现, 检查发现, 群众举报查实, 举报查实, 其他)",
            id="source",
        ),
        pytest.param(
            " 特别重大 ",
            parse_level,
            "unknown hazard level ' 特别重大 ': use one of major, general "
            "(or 重大, 重大隐患, 一般, 一般隐患)",
            id="level",
        ),
    ],
)
def test_an_unknown_word_is_quoted_with_every_choice(
    text: str, parse: object, message: str
) -> None:
    with pytest.raises(ValueError) as unknown:
        parse(text)  # type: ignore[operator]
    assert str(unknown.value) == message


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


def test_a_check_sum_of_a_multiple_of_31_takes_0() -> None:
    """913101170670000060: the first 17 weighted (9×1 + 1×3 + 3×9 + 1×27 + 0×19 + 1×26 +
    1×16 + 7×17 + 0×20 + 6×29 + 7×25 + 0 … + 6×28) sum to 744 = 24 × 31, so the check
    character is (31 − 0) mod 31 = 0, the first of the 31."""
    assert uscc_check_char("91310117067000006") == "0"
    assert check_uscc("913101170670000060") == "913101170670000060"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        pytest.param(
            "91350100m000100y4",
            "credit code '91350100m000100y4' has 17 characters, not 18",
            id="length",
        ),
        pytest.param(
            "91350100M00O100Y43",
            "credit code '91350100M00O100Y43' has 'O', which no credit code uses "
            "(I, O, S, V and Z are never used)",
            id="letter",
        ),
        pytest.param(
            "91350100m000100y44",
            "credit code '91350100m000100y44' fails its check character (GB 32100): "
            "the 18th should be 3, not 4",
            id="check",
        ),
    ],
)
def test_a_bad_credit_code_is_named_as_typed(code: str, message: str) -> None:
    with pytest.raises(ValueError) as bad:
        check_uscc(code)
    assert str(bad.value) == message


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
