"""JSON with stable English keys (the shape is documented in docs/json.md, `contracts.py`).

One summary entry and one row a line: diffable between two months, and encoded by json's
C encoder (indenting everything falls back to the much slower pure-Python one)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from maogang_cli.contracts import export_json
from maogang_cli.domain.cells import json_inert

if TYPE_CHECKING:
    from maogang_cli.domain.export import MonthlyExport
    from maogang_cli.exporters import Options


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(export: MonthlyExport, options: Options) -> bytes:
    body = export_json(export)
    parts = []
    for key, value in body.items():
        if isinstance(value, list):
            items = ",\n".join(f"    {_dump(item)}" for item in value)
            parts.append(f"  {_dump(key)}: [\n{items}\n  ]" if value else f"  {_dump(key)}: []")
        else:
            parts.append(f"  {_dump(key)}: {_dump(value)}")
    return json_inert("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")
