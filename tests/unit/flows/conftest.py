"""Shared helpers for the flow loader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.flows.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[3]
BUILTIN = ROOT / "flows"
BROKEN = ROOT / "tests" / "fixtures" / "broken"


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    """Built-in flows plus the broken fixtures (which include each other), no user flows."""
    return Catalogue(builtin_dir=BUILTIN, user_dir=tmp_path / "no-user-flows", extra=[BROKEN])
