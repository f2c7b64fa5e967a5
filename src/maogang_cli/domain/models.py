"""Plain records the domain works with, read from the store."""

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from maogang_cli.domain.catalogue_records import TaskInfo as TaskInfo
    from maogang_cli.domain.catalogue_records import UnitInfo as UnitInfo


class TaskHead(NamedTuple):
    """What a list of items needs to name a task."""

    id: str
    year: int
    seq: int
    title: str


def __getattr__(name: str) -> Any:
    """TaskInfo and UnitInfo (the catalogue's tasks and units in full) live in
    domain/catalogue_records.py: a list of items names its tasks by TaskHead alone."""
    if name in ("TaskInfo", "UnitInfo"):
        from maogang_cli.domain import catalogue_records

        return getattr(catalogue_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
