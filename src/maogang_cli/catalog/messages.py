"""Pydantic's validation errors, said the way a clerk editing the YAML needs them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from maogang_cli.catalog.yamlsource import Path_, YamlDoc
from maogang_cli.errors import Problem, did_you_mean

# "Did you mean" costs a string comparison with every known key: for the first unknown
# keys only (100,000 junk keys took 12 s with a hint each).
MAX_SUGGESTIONS = 50


def pydantic_problems(
    exc: ValidationError, doc: YamlDoc, model: type[BaseModel]
) -> Iterator[Problem]:
    errors = exc.errors(include_url=False)
    absent_at: dict[Path_, list[str]] = {}
    for e in errors:
        if e["type"] == "missing":
            absent_at.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    explained: set[Path_] = set()
    suggested = 0
    for error in errors:
        loc: Path_ = tuple(error["loc"])
        if error["type"] != "extra_forbidden":
            continue
        key, parent = str(loc[-1]), loc[:-1]
        suggested += 1
        if suggested > MAX_SUGGESTIONS:  # a file of junk keys: no hints, in bounded time
            yield doc.problem(loc, f"unknown key '{key}'", key=True)
            continue
        # A misspelt key usually also leaves a required key missing: say it once.
        absent = absent_at.get(parent, [])
        close = difflib.get_close_matches(key, absent, n=1, cutoff=0.6)
        if close:
            explained.add((*parent, close[0]))
            message = f"unknown key '{key}' (did you mean: {close[0]}?)"
        else:
            message = (
                f"unknown key '{key}'{did_you_mean(key, _fields_at(model, parent), english=True)}"
            )
        yield doc.problem(loc, message, key=True)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" or loc in explained:
            continue
        if error["type"] == "missing":
            yield doc.problem(loc[:-1], f"missing key '{loc[-1]}'")
        else:
            yield doc.problem(loc, _describe(error, model))


def _describe(error: Any, model: type[BaseModel]) -> str:
    """A pydantic error as the clerk should read it: the key, what is wrong, what was there."""
    loc: Path_ = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        message = (
            f"the file must be a mapping with the keys {', '.join(model.model_fields)}"
            if not loc
            else "expected 'key: value' lines here"
        )
    elif kind == "list_type":
        message = "expected a list, written [A, B] or as one '- A' line per item"
        if isinstance(value, str) and re.search(r"[、，,;；\s]", value.strip()):
            message = "expected a list: write [A, B] with ASCII commas, not one text"
    elif kind == "string_type":
        message = "is empty" if value is None else "expected text: put it in quotes"
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = "expected a whole number"
    elif kind in ("bool_parsing", "bool_type"):
        message = "expected true or false"
    elif kind == "string_pattern_mismatch" and field == "id":
        message = "an id is letters, digits, '.', '_' or '-', starting with a letter or digit"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "too_short":
        message = "needs at least one entry"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    # Our own validators quote the value already; containers are too long to repeat.
    quiet = kind == "value_error" or isinstance(value, dict | list) or message == "is empty"
    got = "" if quiet else f" (got {_show(value)})"
    return f"{field}: {message}{got}" if field else f"{message}{got}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = f"'{value}'" if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the model found at `loc`, for did-you-mean on unknown keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
