"""Read a YAML file in two stages, syntax first, keeping every value's line and column.

Nothing is ever constructed from a tag: the file is composed into nodes and walked here,
so `!!python/object` and friends are refused, and alias expansion is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from maogang_cli.errors import Problem

# Enough for a district-scale catalogue; far below what an alias bomb expands to.
MAX_NODES = 1_000_000
MAX_BYTES = 64 * 1024 * 1024

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}

Path_ = tuple[str | int, ...]

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class YamlDoc:
    """A parsed file: plain data plus the (line, column) of each value and mapping key."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest located ancestor."""
        probe = tuple(path)
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.file, line, col, message)


class _TooLarge(Exception):
    pass


class _Walker:
    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.count = 0
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")

    def _pos(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.doc.values[path] = self._pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                self._bad_tag(node, path)
            return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        if node.tag != f"{_TAG}map":
            self._bad_tag(node, path)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_TAG}merge":
                line, col = self._pos(key_node)
                self.problems.append(
                    Problem(self.doc.file, line, col, "mapping keys must be plain names")
                )
                continue
            key = str(key_node.value)
            if key in out:
                line, col = self._pos(key_node)
                self.problems.append(Problem(self.doc.file, line, col, f"duplicate key '{key}'"))
            self.doc.keys[(*path, key)] = self._pos(key_node)
            out[key] = self.walk(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return node.value
        if node.tag in (f"{_TAG}str", f"{_TAG}timestamp"):
            # Dates stay text: the models parse months and days themselves.
            return node.value
        return self._scalars.construct_object(node)

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        line, col = self._pos(node)
        self.problems.append(
            Problem(
                self.doc.file,
                line,
                col,
                f"YAML tag '{node.tag}' is not allowed in the catalogue (nothing is executed)",
            )
        )


def read_yaml(path: Path, display: str | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `path`; return the document, or None and the problems that stopped it."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> tuple[YamlDoc | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        return None, [Problem(name, 1, 1, f"file is larger than {MAX_BYTES // 2**20} MiB")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(name, line, col, "file is not UTF-8 text (save it as UTF-8)")]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(name, 1, 1, "file is empty")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(name, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, 1, f"YAML syntax error: {exc}")]
    if node is None:
        return None, [Problem(name, 1, 1, "file is empty")]
    doc = YamlDoc(name, None)
    walker = _Walker(doc)
    try:
        doc.data = walker.walk(node, ())
    except _TooLarge:
        return None, [
            Problem(name, 1, 1, f"file expands to more than {MAX_NODES} values (alias bomb?)")
        ]
    except RecursionError:
        return None, [Problem(name, 1, 1, "file is nested too deeply (recursive alias?)")]
    if walker.problems:
        return None, walker.problems
    return doc, []
