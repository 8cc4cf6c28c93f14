"""Each test gets its own GENTLE_HOME and no GENTLE_* overrides from the developer."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.config import ENVIRONMENT


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENTLE_HOME", str(tmp_path / "home"))
    for variable in ENVIRONMENT:
        monkeypatch.delenv(variable, raising=False)
    return tmp_path / "home"


@pytest.fixture
def config_file(home: Path) -> Path:
    return home / "config" / "config.yaml"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
