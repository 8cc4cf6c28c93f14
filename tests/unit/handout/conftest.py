"""Handouts are rendered without the user's settings or resources file."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENTLE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
