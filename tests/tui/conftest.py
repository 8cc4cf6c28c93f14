"""Every TUI test runs in its own GENTLE_HOME, in UTC, with none of the developer's settings
(nor their locale's country)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in list(os.environ):
        if key.startswith("GENTLE_") or key in ("NO_COLOR", "TEXTUAL_ANIMATIONS", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(key, raising=False)
    # No country from the developer's locale (the support lines follow it until one is chosen).
    monkeypatch.setenv("LANG", "C.UTF-8")
    home = tmp_path / "home"
    monkeypatch.setenv("GENTLE_HOME", str(home))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield home
    monkeypatch.undo()
    time.tzset()
