"""`maogang schema`: the JSON Schema editors check the data files against."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke
from maogang_cli.catalog.models import (
    DEADLINE_PATTERN,
    HazardsFile,
    PlanFile,
    TasksFile,
    UnitsFile,
)
from maogang_cli.config import bundled_data_dir

REPO = Path(__file__).resolve().parents[2]
MODELS = {"units": UnitsFile, "hazards": HazardsFile, "tasks": TasksFile, "plan": PlanFile}
TOP_KEYS = {
    "units": {"units", "groups"},
    "hazards": {"villages", "sectors"},
    "tasks": {"year", "tasks"},
    "plan": {"title", "document", "issued", "start", "end", "targets", "actions", "duties"},
}


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def test_prints_the_four_schemas(invoke: Invoke) -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    printed = json.loads(result.stdout)
    assert list(printed) == ["units", "hazards", "tasks", "plan"]
    for kind, schema in printed.items():
        assert schema == MODELS[kind].model_json_schema()
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False  # a mistyped key is flagged as typed
        assert set(schema["properties"]) == TOP_KEYS[kind]
        assert set(schema["required"]) <= set(schema["properties"])
        for ref in refs(schema):
            assert ref.startswith("#/$defs/")
            assert ref.removeprefix("#/$defs/") in schema["$defs"]
        for definition in schema.get("$defs", {}).values():
            if definition.get("type") == "object":
                assert definition["additionalProperties"] is False


@pytest.mark.parametrize("kind", ["units", "hazards", "tasks", "plan"])
def test_one_kind(invoke: Invoke, kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == MODELS[kind].model_json_schema()


def test_unknown_kind_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("schema", "people")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["units", "hazards", "tasks", "plan"])
def test_committed_schema_files_are_current(invoke: Invoke, kind: str) -> None:
    """Regenerate with `maogang schema --write schema` after changing the models."""
    committed = (REPO / "schema" / f"{kind}.schema.json").read_text("utf-8")
    assert committed == invoke("schema", kind).stdout


def test_write(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("schema", "--write", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "".join(
        f"已写入 {out / f'{k}.schema.json'}\n" for k in ("units", "hazards", "tasks", "plan")
    )
    for kind in MODELS:
        assert (out / f"{kind}.schema.json").read_text("utf-8") == invoke("schema", kind).stdout


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("units.yaml", "units"),
        ("hazards.yaml", "hazards"),
        ("tasks_2024.yaml", "tasks"),
        ("plan_2024_2026.yaml", "plan"),
    ],
)
def test_data_files_point_at_their_schema(name: str, kind: str) -> None:
    first = (bundled_data_dir() / name).read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
    assert (bundled_data_dir() / f"../schema/{kind}.schema.json").resolve().is_file()


def test_the_deadline_pattern_matches_what_validation_accepts() -> None:
    pattern = re.compile(DEADLINE_PATTERN)
    for good in ("2024-12", "2024-02-29"):
        assert pattern.match(good)
    for bad in ("2024年12月", "12月", "2024/12", "2024-6", "2024-12-1"):
        assert not pattern.match(bad)
    schema = TasksFile.model_json_schema()
    assert schema["$defs"]["Task"]["properties"]["deadline"]["pattern"] == DEADLINE_PATTERN
