"""The fast read (no positions) must give the same data as the careful one, or step aside."""

from pathlib import Path

import pytest

from maogang_cli.catalog.yamlsource import _fast_parse, parse_yaml
from maogang_cli.config import bundled_data_dir


@pytest.mark.parametrize("path", sorted(bundled_data_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_same_data_both_ways(path: Path) -> None:
    raw = path.read_bytes()
    fast = _fast_parse(raw, path.name)
    careful, problems = parse_yaml(raw, path.name)
    assert fast is not None and careful is not None and not problems
    assert fast.data == careful.data


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: only the careful read reports it
        "a: &x [1]\nb: *x\n",  # anchors: bombs are judged by the careful read
        "a: !!python/object/apply:os.system ['true']\n",  # tags
        "a: [1\n",  # syntax error: the careful read locates it
        "- 1\n",  # not a mapping
    ],
)
def test_unusual_files_take_the_careful_path(text: str) -> None:
    assert _fast_parse(text.encode(), "f.yaml") is None


def test_dates_stay_text() -> None:
    doc = _fast_parse(b"deadline: 2024-12-31\nmonth: 2024-12\n", "f.yaml")
    assert doc is not None and doc.data == {"deadline": "2024-12-31", "month": "2024-12"}
