"""JSON with stable English keys (the shape is documented in the README, `contracts.py`)."""

from __future__ import annotations

import json

from maogang_cli.contracts import export_json
from maogang_cli.domain.export import MonthlyExport
from maogang_cli.exporters import Options


def render(export: MonthlyExport, options: Options) -> bytes:
    return (json.dumps(export_json(export), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
