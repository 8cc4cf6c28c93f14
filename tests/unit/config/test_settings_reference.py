"""docs/settings.md is gentle's settings, as the code has them: every setting, every
environment variable, every key id the TUI binds."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from gentle.config.key_ids import KEY_IDS
from gentle.config.loading import ENVIRONMENT
from gentle.config.reference import EXAMPLES, TYPES, field_notes, settings_reference
from gentle.config.settings import Config

DOC = Path(__file__).resolve().parents[3] / "docs" / "settings.md"


def test_the_settings_doc_is_what_the_code_says() -> None:
    assert DOC.read_text(encoding="utf-8") == settings_reference(), (
        "docs/settings.md is out of date: python -m gentle.config.reference > docs/settings.md")


def test_every_setting_has_words_a_type_and_an_example() -> None:
    notes = field_notes()
    for f in fields(Config):
        assert notes.get(f.name), f.name
        assert f.name in TYPES and f.name in EXAMPLES, f.name
        assert f"| `{f.name}` |" in settings_reference()


def test_every_environment_variable_is_listed() -> None:
    text = settings_reference()
    for variable in ENVIRONMENT:
        assert f"`{variable}`" in text, variable


def test_the_key_ids_are_exactly_the_tuis() -> None:
    from gentle.tui.keys import binding_ids

    assert set(KEY_IDS) == set(binding_ids())
    text = settings_reference()
    for key_id in KEY_IDS:
        assert f"| `{key_id}` |" in text
