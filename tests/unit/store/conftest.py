"""Fixtures for the store tests: a private GENTLE_HOME per test, and an open store."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from gentle import paths
from gentle.store.db import FAULT_ENV, Store, open_store


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENTLE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(FAULT_ENV, raising=False)
    paths.set_data_dir(None)
    return tmp_path / "home"


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    s = open_store()
    yield s
    s.close()
