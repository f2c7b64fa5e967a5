"""One rule for exit codes, walked across every command (README, Exit codes).

A value that cannot be parsed (2024-6, 2024-13, 2024-02-30), options that contradict each
other, or a path that cannot be used: usage, 2. A well-formed value the data refuses (a
month before the plan, a unit that does not owe a report, an unknown task): 1.
"""

from __future__ import annotations

import pytest

from conftest import Invoke

USAGE = 2
REFUSED = 1

RECORD = "record 14 --unit 城运中心 --status done"
SUBMIT = "submit --unit 城运中心 --date 2024-06-01"
QUARTERLY = "duty done quarterly_dispatch_meeting --unit 镇安委办 --date 2024-06-20"

CASES: list[tuple[str, int]] = [
    ("status --as-of 2024-6", USAGE),
    ("status --as-of 2024-02-30", USAGE),
    ("status --year 20x", USAGE),
    ("status --warn-days 999", USAGE),
    ("status --unit 不存在", REFUSED),
    ("overdue --as-of 2024-13-01", USAGE),
    ("overdue --kind weekly", USAGE),
    ("overdue --unit 不存在", REFUSED),
    ("agenda --month 2024-6", USAGE),
    ("agenda --month 2024-13", USAGE),
    ("agenda --from 2024-02-30 --to 2024-03-31", USAGE),
    ("agenda --from 2024-03-01", USAGE),
    ("agenda --month 2024-05 --year 2024", USAGE),
    ("agenda --unit 不存在", REFUSED),
    (f"{RECORD} --date 2024-6", USAGE),
    (f"{RECORD} --date 2024-02-30", USAGE),
    ("record 14 --unit 城运中心 --status finished --date 2024-06-01", USAGE),
    (f"{RECORD} --date 2024-06-01 --percent 150", USAGE),
    (f"{RECORD} --date 2023-12-01", REFUSED),
    (f"{RECORD} --date 2099-01-01", REFUSED),
    ("record 14 --unit 镇监察办 --status done --date 2024-06-01", REFUSED),
    ("record 99 --unit 城运中心 --status done --date 2024-06-01", REFUSED),
    ("duty list --as-of 2024-6", USAGE),
    (f"{QUARTERLY} --period 2024-Q5", USAGE),
    (f"{QUARTERLY} --period 2024-6", USAGE),
    ("duty done quarterly_dispatch_meeting --unit 镇安委办 --period 2024-Q2 --date 2024-6", USAGE),
    (f"{QUARTERLY} --period 2023-Q4", REFUSED),
    (f"{QUARTERLY} --period 2027-Q1", REFUSED),
    ("duty done quarterly_dispatch_meeting --unit 城运中心 --period 2024-Q2", REFUSED),
    ("duty done monthly_report --unit 城运中心 --period 2024-13 --date 2024-06-01", USAGE),
    ("duty done monthly_report --unit 城运中心 --period 2024-04 --date 2024-06-01", REFUSED),
    ("duty done weekly_tea --unit 镇安委办 --period 2024-Q2", REFUSED),
    ("duty done m03-2024 --unit 规建办 --date 2024-02-30", USAGE),
    ("show 14 --as-of 2024-02-30", USAGE),
    ("show 2099-01", REFUSED),
    ("history 2099-01", REFUSED),
    ("history 14 --unit 不存在", REFUSED),
    ("history", USAGE),
    ("history --duty weekly_tea", REFUSED),
    ("void X1 --reason typo", USAGE),
    ("void P99 --reason typo", REFUSED),
    ("check --db /nonexistent-dir/x.db", USAGE),
    ("backup -o /nonexistent-dir/x.db", USAGE),
    ("restore /nonexistent-dir/x.db", USAGE),
    (f"{SUBMIT} --month 2024-6", USAGE),
    (f"{SUBMIT} --month 2024-13", USAGE),
    (f"{SUBMIT} --month 2024-02-30", USAGE),
    ("submit --unit 城运中心 --month 2024-06 --date 2024-02-30", USAGE),
    (f"{SUBMIT} --month 2024-04", REFUSED),
    ("submit --unit 城运中心 --month 2027-01 --date 2024-06-01", REFUSED),
    ("submit --unit 镇党政班子成员 --month 2024-06 --date 2024-06-02", REFUSED),
    ("submit --unit 城运中心 --month 2024-06 --date 2099-06-02", REFUSED),
    ("reports --month 2024-6", USAGE),
    ("reports --month 2024-13", USAGE),
    ("reports --month 2024-02-30", USAGE),
    ("reports --from 2024-6 --to 2024-12", USAGE),
    ("reports --from 2024-08 --to 2024-06", USAGE),
    ("reports --month 2024-05 --year 2024", USAGE),
    ("reports --month 2024-04", REFUSED),
    ("reports --month 2027-01", REFUSED),
    ("reports --unit 镇党政班子成员", REFUSED),
    ("export --month 2024-6", USAGE),
    ("export --month 2024-13", USAGE),
    ("export --month 2024-02-30", USAGE),
    ("export --month 2024-06 --as-of 2024-6-25", USAGE),
    ("export --month 2024-06 --as-of 2024-05-31", USAGE),
    ("export --month 2024-06 --format doc", USAGE),
    ("export --month 2024-06 --format xlsx", USAGE),
    ("export --month 2024-06 -o /nonexistent-dir/x.csv", USAGE),
    ("export --month 2099-01", REFUSED),
    ("import /nonexistent-dir/x.csv", USAGE),
    ("rank --as-of 2024-13-01", USAGE),
    ("rank --year 20x", USAGE),
    ("tasks --year 20x", USAGE),
    ("tasks --unit 不存在", REFUSED),
    ("plan --as-of 2024-02-30", USAGE),
    ("units --lang fr", USAGE),
    ("units --data /nonexistent-dir", USAGE),
    ("validate /nonexistent-dir", USAGE),
    ("load --data /nonexistent-dir", USAGE),
    ("schema calendar", USAGE),
    ("chart --as-of 2024-13-01", USAGE),
    ("chart -o /nonexistent-dir/x.html", USAGE),
    ("chart --action 99", REFUSED),
    ("chart --unit 不存在", REFUSED),
    ("hazard list --as-of 2024-13-01", USAGE),
    ("hazard list --found-from 2024-6-1", USAGE),
    ("hazard list --village 不存在", REFUSED),
    ("hazard list --source 自查", USAGE),
    ("hazard list --state finished", USAGE),
    ("hazard list --open --closed", USAGE),
    ("hazard list --found-from 2025-01-01 --found-to 2024-01-01", USAGE),
    ("hazard event YH-2099-0001 done", USAGE),
    ("hazard event YH-2099-0001 整改中 --deadline 2024-12-31", USAGE),
    (
        "hazard add --found-on 2024-02-30 --source other --entity x --village 腰泾村 --sector 冷库 "
        "--department 经发办 --description x --deadline 2024-12-31",
        USAGE,
    ),
    (
        "hazard add --found-on 2024-02-03 --source other --entity x --village 腰泾村 --sector 冷库 "
        "--department 城运中心 --description x --deadline 2024-12-31",
        REFUSED,
    ),
    ("hazard event YH-2024-0001 rectified --date 2024-6-1", USAGE),
    ("hazard event YH-2099-0001 rectified --date 2024-06-01", REFUSED),
    ("hazard show YH-2099-0001", REFUSED),
    ("hazard stats --as-of 2024-02-30", USAGE),
    ("hazard targets --as-of 2024-6", USAGE),
    ("hazard import /nonexistent-dir/x.csv", USAGE),
    ("bulletin --month 2024-13", USAGE),
    ("bulletin --month 2024-06 --as-of 2024-05-31", USAGE),
    ("bulletin --month 2024-06 -o /nonexistent-dir/x.docx", USAGE),
    ("bulletin --month 2024-06 -o x.pdf", USAGE),
    ("bulletin --month 2023-12", REFUSED),
    ("bulletin --month 2027-01", REFUSED),
    ("export --month 1999-01", REFUSED),
    ("export --month 2024-06 --year 2025", REFUSED),
    ("chart -o x.pdf", USAGE),
    ("completion install tcsh", USAGE),
    ("completion show", USAGE),
]


# Ids given per case (pytest.param), not as `ids=`: pytest keeps an `ids=` list on the mark
# and escapes its non-ASCII again when the module is collected twice in one process, as
# mutmut does, so a test chosen by its id would not be found.
@pytest.mark.parametrize(("command", "code"), [pytest.param(c, code, id=c) for c, code in CASES])
def test_the_same_mistake_gets_the_same_exit_code(invoke: Invoke, command: str, code: int) -> None:
    result = invoke(*command.split())
    assert result.exit_code == code, result
    assert result.stderr.startswith("错误："), result
    assert "Traceback" not in result.stderr


def test_every_command_is_walked() -> None:
    from maogang_cli.cli import COMMANDS

    walked = {command.split()[0] for command, _ in CASES}
    assert walked == set(COMMANDS)


def test_both_codes_are_walked_for_every_command_that_takes_a_month() -> None:
    for name in ("submit", "reports", "export", "duty", "bulletin"):
        codes = {code for command, code in CASES if command.split()[0] == name}
        assert codes == {USAGE, REFUSED}, name
