"""Name placeholders: found, filled literally, escaped, and template blanks kept apart."""

from __future__ import annotations

from gentle.flows.names import Slot, fill, placeholders, slots, template_pieces

NAMES = {"partner1": "Sam", "partner2": "Alex"}


def test_placeholders_are_found_in_order_and_escapes_skipped() -> None:
    assert placeholders("{partner}, tell {other} ({{partner}}) and {both}") == ["partner", "other", "both"]
    assert placeholders("no {names here} or { spaced }, {1x}") == []


def test_fill_replaces_every_name() -> None:
    text = "{partner1}+{partner2}={both}; {partner} to {other}; {speaker}/{listener}"
    assert fill(text, **NAMES, partner="Sam", other="Alex", speaker="Alex", listener="Sam") == (
        "Sam+Alex=Sam and Alex; Sam to Alex; Alex/Sam")


def test_fill_is_literal_and_single_pass() -> None:
    # A name that looks like a placeholder is not filled in again, nor evaluated.
    out = fill("{partner} and {other}", partner1="{other}", partner2="{0.__class__}",
               partner="{other}", other="{partner1}")
    assert out == "{other} and {partner1}"


def test_fill_unescapes_braces_and_leaves_unknown_slots() -> None:
    assert fill("{{hi}} {feeling} {partner}", **NAMES) == "{hi} {feeling} {partner}"
    assert fill("a } b { c", **NAMES) == "a } b { c"


def test_template_pieces_split_text_and_blanks() -> None:
    pieces = template_pieces("{{Note}}: I feel {feeling} when {other} {situation}.", **NAMES,
                             partner="Sam", other="Alex")
    assert pieces == ["{Note}: I feel ", Slot("feeling"), " when Alex ", Slot("situation"), "."]
    assert slots("{a} {partner} {b} {a}") == ["a", "b"]
