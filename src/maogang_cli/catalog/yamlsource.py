"""Read a YAML file in two stages, syntax first, keeping every value's line and column.

Nothing is ever constructed from a tag: the file is composed into nodes and walked here,
so `!!python/object` and friends are refused, and alias expansion is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from maogang_cli.catalog.files import MAX_FILE_BYTES
from maogang_cli.catalog.yaml_syntax import decode, syntax_problem
from maogang_cli.errors import Problem

# The bundled catalogue has a few thousand values; these leave room for decades of task
# lists and stay far below what an alias bomb expands to (bounded time and memory).
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_BYTES = MAX_FILE_BYTES

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


# Whitespace a YAML parser does not treat as indentation: it ends up inside the key.
_ODD_SPACE = re.compile(r"[^\S ]")


def _space_name(char: str) -> str:
    names = {"\u3000": "full-width space", "\u00a0": "no-break space", "\t": "tab"}
    return f"{names.get(char, 'unusual space')} (U+{ord(char):04X})"


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


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
        if len(path) > MAX_DEPTH:
            raise _TooDeep(node)
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
                message = (
                    "merge keys '<<' are not allowed: write the keys out"
                    if key_node.tag == f"{_TAG}merge"
                    else "mapping keys must be plain names"
                )
                self.problems.append(Problem(self.doc.file, line, col, message))
                continue
            key = str(key_node.value)
            odd = _ODD_SPACE.search(key)
            if odd:
                line, col = self._pos(key_node)
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line,
                        col + odd.start(),
                        f"{_space_name(odd[0])} in key '{key.strip()}': "
                        "use ordinary (half-width) spaces",
                    )
                )
                continue
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
        try:
            value = self._scalars.construct_object(node)
        except ValueError:  # an integer of more digits than Python converts (4,300)
            return self._number_too_large(node)
        return self._number_too_large(node) if _too_big(value) else value

    def _number_too_large(self, node: yaml.Node) -> str:
        line, col = self._pos(node)
        message = f"number too large ({len(node.value)} digits)"
        self.problems.append(Problem(self.doc.file, line, col, message))
        return str(node.value)

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


def _too_big(value: Any) -> bool:
    """An integer SQLite cannot store (beyond 64 bits) is no row number or count."""
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63


def read_yaml(
    path: Path, display: str | None = None, *, positions: bool = True
) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `path`; return the document, or None and the problems that stopped it.

    With positions=False a file that is plain YAML (no anchors, tags or duplicate keys) is
    read at libyaml's speed without line numbers; anything unusual takes the full path.
    """
    name = display or str(path)
    try:
        # The size is judged before reading: a huge (or sparse) file is never read whole.
        if path.stat().st_size > MAX_BYTES:
            return None, [_too_large(name)]
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    if not positions:
        fast = _fast_parse(raw, name)
        if fast is not None:
            return fast, []
    return parse_yaml(raw, name)


class _PlainLoader(_Loader):  # type: ignore[misc]
    """Safe, with dates kept as text (as the walker keeps them), duplicate keys refused."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != f"{_TAG}timestamp"]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)) or len(keys) != len(node.value):
            raise _NotPlain
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


class _NotPlain(Exception):
    pass


def _fast_parse(raw: bytes, name: str) -> YamlDoc | None:
    """The document without positions, or None when it needs the careful path."""
    if len(raw) > MAX_BYTES or b"&" in raw or b"!" in raw:
        return None  # anchors (alias bombs), tags: let the walker judge them
    try:
        text = raw.decode("utf-8-sig")
        data = yaml.load(text, Loader=_PlainLoader)  # a SafeLoader subclass
    except (UnicodeDecodeError, yaml.YAMLError, _NotPlain, RecursionError, ValueError):
        return None
    if data is None or not isinstance(data, dict):
        return None
    return YamlDoc(name, data)


def parse_yaml(raw: bytes, name: str) -> tuple[YamlDoc | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        return None, [_too_large(name)]
    text, problem = decode(raw, name)
    if problem is not None:
        return None, [problem]
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Problem(name, 1, 1, "file is empty (only blank lines or comments)")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return None, [syntax_problem(exc, text, name)]
    if node is None or node.tag == f"{_TAG}null":
        return None, [Problem(name, 1, 1, "file is empty (no YAML document)")]
    # Without an anchor there is no alias, so no bomb and no cycle: skip the extra pass
    # (it costs as much as the walk itself on a large catalogue).
    too_big = _check_expansion(node, name) if "&" in text else None
    if too_big is not None:
        return None, [too_big]
    doc = YamlDoc(name, None)
    walker = _Walker(doc)
    try:
        doc.data = walker.walk(node, ())
    except _TooLarge:  # pragma: no cover - _check_expansion refuses these first
        return None, [Problem(name, 1, 1, f"file expands to more than {MAX_NODES} values")]
    except _TooDeep as deep:
        mark = deep.node.start_mark
        message = f"values are nested more than {MAX_DEPTH} levels deep"
        return None, [Problem(name, mark.line + 1, mark.column + 1, message)]
    if walker.problems:
        return None, walker.problems
    return doc, []


def _too_large(name: str) -> Problem:
    return Problem(name, 1, 1, f"file is larger than {MAX_BYTES // 2**20} MiB")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node, name: str) -> Problem | None:
    """Refuse recursive aliases, alias bombs and deep nesting before building anything.

    Aliases share nodes, so sizes are counted once per distinct node: the check costs no
    more than the file's length, however far the aliases would expand.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def where(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    while stack:
        node, finished = stack.pop()
        key = id(node)
        kids = _children(node)
        if finished:
            in_progress.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            height[key] = 1 + max((height[id(k)] for k in kids), default=0)
            continue
        if key in size:
            continue
        if key in in_progress:
            return Problem(name, *where(node), "an alias refers to itself (recursive alias)")
        in_progress.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(kids))

    if height[id(root)] > MAX_DEPTH:
        node = root
        while _children(node):
            node = max(_children(node), key=lambda k: height[id(k)])
        return Problem(name, *where(node), f"values are nested more than {MAX_DEPTH} levels deep")
    if size[id(root)] > MAX_NODES:
        # Point at the smallest value that is already too big: where the aliases multiply.
        node = root
        while True:
            bigger = [k for k in _children(node) if size[id(k)] > MAX_NODES]
            if not bigger:
                break
            node = bigger[0]
        return Problem(
            name,
            *where(node),
            f"aliases expand this to more than {MAX_NODES} values (an alias bomb?)",
        )
    return None
