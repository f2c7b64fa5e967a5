import json

from conftest import Invoke


def test_overdue_json_contract_and_deadline_day_boundary(invoke: Invoke) -> None:
    assert json.loads(invoke("overdue", "--as-of", "2024-04-30", "--json").stdout) == []
    items = json.loads(invoke("overdue", "--as-of", "2024-05-01", "--json").stdout)
    assert items[0] == {
        "kind": "task",
        "task": "2024-04",
        "seq": 4,
        "title": "组建专班",
        "unit": "镇安委办",
        "role": "responsible",
        "deadline": "2024-04-30",
        "days_overdue": 1,
        "status": "not_started",
    }
    assert {i["task"] for i in items} == {"2024-04", "2024-05"}


def test_done_items_drop_out_and_unit_filter(invoke: Invoke) -> None:
    invoke("record", "4", "-u", "镇安委办", "-s", "done", "-d", "2024-05-03")
    items = json.loads(invoke("overdue", "--as-of", "2024-05-10", "--json").stdout)
    assert "2024-04" not in {i["task"] for i in items}
    city = json.loads(invoke("overdue", "--as-of", "2024-05-10", "-u", "城运中心", "--json").stdout)
    assert [(i["task"], i["unit"], i["days_overdue"]) for i in city] == [
        ("2024-05", "城运中心", 10)
    ]


def test_sorted_most_overdue_first(invoke: Invoke) -> None:
    items = json.loads(invoke("overdue", "--as-of", "2025-01-05", "--json").stdout)
    days = [i["days_overdue"] for i in items]
    assert days == sorted(days, reverse=True)


def test_fail_if_any_for_cron(invoke: Invoke) -> None:
    assert invoke("overdue", "--as-of", "2024-04-30", "--fail-if-any").exit_code == 0
    r = invoke("overdue", "--as-of", "2024-05-01", "--fail-if-any")
    assert r.exit_code == 1
    assert "逾期事项（截至 2024-05-01）" in r.stdout


def test_empty_message(invoke: Invoke) -> None:
    assert invoke("overdue", "--as-of", "2024-04-01").stdout == "截至 2024-04-01 没有逾期事项。\n"


def test_kind_takes_the_chinese_words_its_help_gives(invoke: Invoke) -> None:
    """Tester T10: `--kind 任务` was refused though the help lists 任务, and the refusal
    listed the choices in English joined by ", "."""
    day = ("--as-of", "2024-07-01", "--json")
    by_key = invoke("overdue", "--kind", "task,plan_milestone", *day)
    by_word = invoke("overdue", "--kind", "任务、方案节点", *day)
    assert by_key.exit_code == by_word.exit_code == 0
    assert json.loads(by_word.stdout) == json.loads(by_key.stdout) != []
    refused = invoke("overdue", "--kind", "节点", "--as-of", "2024-07-01")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "错误：--kind: 未知类别“节点”；可选：任务、常态工作、方案节点、隐患\n",
    )
