"""A group's commands, each built when it is first looked up (cli._group); imported only
when a group runs, its class costing a command that is no group nothing."""

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any


class Subcommands(MutableMapping[str, Any]):
    """Name -> click command, as a group's `commands`; `build(name, info)` makes one from
    its typer registration the first time it is asked for. A run looks up only the command
    it runs; iterating (help, completion, a mistyped name's suggestions) builds them all,
    in the order they were registered."""

    def __init__(self, infos: dict[str, Any], build: Callable[[str, Any], Any]) -> None:
        self._infos = infos
        self._build = build
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._build(name, self._infos[name])  # KeyError: no such
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._infos.setdefault(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def built(self) -> dict[str, Any]:
        """The commands built so far, without building the others."""
        return dict(self._built)
