"""`maogang schema`: the JSON Schema of the catalogue files, for editors and CI."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from maogang_cli import output
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _


class Kind(StrEnum):
    units = "units"
    hazards = "hazards"
    tasks = "tasks"
    plan = "plan"


def schemas() -> dict[str, dict[str, Any]]:
    from maogang_cli.catalog.models import HazardsFile, PlanFile, TasksFile, UnitsFile

    return {
        "units": UnitsFile.model_json_schema(),
        "hazards": HazardsFile.model_json_schema(),
        "tasks": TasksFile.model_json_schema(),
        "plan": PlanFile.model_json_schema(),
    }


def schema(
    kind: Annotated[Kind | None, typer.Argument(help="One file kind [default: all four].")] = None,
    write: Annotated[
        Path | None,
        typer.Option(
            "--write", help="Write one schema file per kind into this folder (tasks.schema.json …)."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of units.yaml, hazards.yaml, tasks_*.yaml and plan_*.yaml.

    Point a data file at it with a first line such as
    `# yaml-language-server: $schema=../schema/tasks.schema.json`.
    """
    all_schemas = schemas()
    chosen = {kind.value: all_schemas[kind.value]} if kind else all_schemas
    if write is not None:
        from maogang_cli.outfiles import check_target, make_folder, remove_folders, write_set

        if write.exists() and not write.is_dir():
            raise UsageError(_("--write wants a directory: {path} is not one").format(path=write))
        made = make_folder(write)
        files = [
            (
                write / f"{name}.schema.json",
                (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            )
            for name, body in chosen.items()
        ]
        try:
            for path, _body in files:
                check_target(path, force=True)
            write_set(write, files)  # all of them or none (a full disk midway)
        except BaseException:
            remove_folders(made)
            raise
        for path, _body in files:
            output.note(_("wrote {path}").format(path=path))
        return
    output.print_json(chosen[kind.value] if kind else chosen)


def register(app: typer.Typer) -> None:
    app.command()(schema)
