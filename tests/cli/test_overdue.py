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
