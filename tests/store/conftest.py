"""A loaded database for each store test, copied from one loaded once per module."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from maogang_cli.config import bundled_data_dir
from maogang_cli.store.db import connect
from maogang_cli.store.sync import sync_catalogue


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.db"
    conn = connect(path)
    sync_catalogue(conn, bundled_data_dir())
    conn.close()
    return path


@pytest.fixture
def conn(template: Path, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    copy = tmp_path / "copy.db"
    source = sqlite3.connect(template)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    c = connect(copy)
    yield c
    c.close()
