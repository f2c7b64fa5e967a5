from conftest import Invoke


def test_tasks_json_lists_all_26_rows(invoke: Invoke) -> None:
    import json

    result = invoke("tasks", "--json")
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)
    assert [r["seq"] for r in rows] == list(range(1, 27))
