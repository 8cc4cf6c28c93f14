"""Theme aliases: the short names people write ("high-contrast", "calm") are accepted
everywhere a theme can be set, and gentle keeps (and shows) the theme's full name."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.config import load_settings, update_config
from gentle.config.settings import THEME_ALIASES, THEMES
from .conftest import write


@pytest.mark.parametrize(
    ("written", "theme"),
    [
        ("high-contrast", "gentle-high-contrast"),
        ("contrast", "gentle-high-contrast"),
        ("High Contrast", "gentle-high-contrast"),
        ("high_contrast", "gentle-high-contrast"),
        ("calm", "gentle"),
        ("default", "gentle"),
        ("ANSI-Dark", "ansi-dark"),
    ],
)
def test_an_alias_in_the_file_is_read_as_the_full_theme_name(config_file: Path, written: str, theme: str) -> None:
    write(config_file, f"theme: {written}\n")
    loaded = load_settings()
    assert loaded.problems == ()
    assert loaded.config.theme == theme
    assert loaded.origins["theme"] == "file"


def test_an_alias_in_the_environment_works_too(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENTLE_THEME", "high-contrast")
    loaded = load_settings()
    assert (loaded.config.theme, loaded.origins["theme"], loaded.problems) == ("gentle-high-contrast", "environment", ())


def test_a_saved_alias_is_written_as_the_full_name(config_file: Path) -> None:
    write(config_file, "theme: high-contrast\nbell: no\n")
    update_config(reduced_motion=True)  # rewrites the file, keeping the theme
    text = config_file.read_text(encoding="utf-8")
    assert "theme: gentle-high-contrast\n" in text and "high-contrast\n" not in text.replace("gentle-high-contrast\n", "")
    assert load_settings().config.theme == "gentle-high-contrast"


def test_a_misspelt_alias_gets_a_did_you_mean(config_file: Path) -> None:
    write(config_file, "theme: hihg-contrast\n")
    loaded = load_settings()
    assert loaded.config.theme == "gentle"
    [problem] = loaded.problems
    assert "there is no theme called 'hihg-contrast' (did you mean 'high-contrast'?)" in problem.message


def test_every_alias_names_a_real_theme() -> None:
    assert set(THEME_ALIASES.values()) <= set(THEMES)
    assert not set(THEME_ALIASES) & set(THEMES)
