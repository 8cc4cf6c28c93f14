"""Gentle coaching: what a partner sees hinted while writing, and what is left alone."""

from __future__ import annotations

import pytest

from gentle.engine.coaching import PATTERNS, Hint, coach


def patterns(text: str) -> list[str]:
    return [hint.pattern for hint in coach(text)]


def flagged(text: str) -> list[str]:
    """The exact stretches of text each hint points at."""
    return [text[hint.span[0] : hint.span[1]] for hint in coach(text)]


@pytest.mark.parametrize(
    ("text", "pattern", "stretch"),
    [
        ("You always leave the dishes.", "you-always", "You always"),
        ("you're always late", "you-always", "you're always"),
        ("YOU ALWAYS do this", "you-always", "YOU ALWAYS"),
        ("You never listen to me.", "you-never", "You never"),
        ("You've never once asked", "you-never", "You've never"),
        ("You never know what I need.", "you-never", "You never"),
        ("You make me so angry", "you-make-me", "You make me"),
        ("you made me feel small", "you-make-me", "you made me"),
        ("It's your fault we're late", "your-fault", "It's your fault"),
        ("this is all your fault", "your-fault", "this is all your fault"),
        ("You're so lazy.", "name-calling", "You're so lazy"),
        ("you idiot", "name-calling", "you idiot"),
        ("You are being completely ridiculous", "name-calling", "You are being completely ridiculous"),
        ("put your stupid phone down", "name-calling", "your stupid"),
        ("*rolls eyes* fine", "eye-roll", "*rolls eyes*"),
        ("eye roll", "eye-roll", "eye roll"),
        ("sure \U0001f644", "eye-roll", "\U0001f644"),
        ("Yeah, right.", "scorn", "Yeah, right"),
        ("Pfft.", "scorn", "Pfft"),
        ("Just grow up", "put-down", "grow up"),
        ("What's wrong with you?", "put-down", "What's wrong with you"),
        ("Fine. Whatever.", "whatever", "Whatever"),
        ("whatever", "whatever", "whatever"),
        ("Obviously I'm the only one who cleans", "obviously", "Obviously"),
        ("Typical.", "typical", "Typical"),
        ("That's so typical of you", "typical", "so typical"),
        ("Oh, of course you did.", "sarcasm", "of course you did"),
        ("Must be nice to sleep in", "sarcasm", "Must be nice"),
    ],
)
def test_blaming_patterns_get_a_hint_on_the_words_that_matter(
    text: str, pattern: str, stretch: str
) -> None:
    hints = [h for h in coach(text) if h.pattern == pattern]
    assert hints, f"no {pattern} hint for {text!r}: {coach(text)}"
    start, end = hints[0].span
    assert text[start:end] == stretch


@pytest.mark.parametrize(
    "text",
    [
        "I always feel lonely when plans change at the last minute.",
        "I never know what to say when I'm this tired.",
        "Well, you never know!",
        "You never know, it might work.",
        "You'll never guess who called.",
        "You always make me laugh.",
        "You make me feel safe.",
        "It's not your fault.",
        "That wasn't your fault at all",
        "I felt stupid and small.",
        "I'll do whatever you need.",
        "It was a typical Tuesday.",
        "Your always-on phone",  # no "you always": a compound, and not about the partner
        "yourself always",
        "I need to be heard.",
        "",
    ],
)
def test_kind_and_idiomatic_uses_are_left_alone(text: str) -> None:
    assert coach(text) == []


def test_curly_apostrophes_count_like_straight_ones_and_spans_index_the_original() -> None:
    text = "Honestly, it\u2019s your fault and you\u2019re always like this."
    hints = coach(text)
    assert [h.pattern for h in hints] == ["your-fault", "you-always"]
    assert flagged(text) == ["it\u2019s your fault", "you\u2019re always"]


def test_words_inside_other_words_do_not_count() -> None:
    assert coach("youalways, younever, whateverything, obviousness, atypical day") == []


def test_several_hints_come_back_in_reading_order_without_changing_the_text() -> None:
    text = "Whatever. You never help and you always complain. Typical."
    before = str(text)
    hints = coach(text)
    assert [h.pattern for h in hints] == ["whatever", "you-never", "you-always", "typical"]
    assert [h.span[0] for h in hints] == sorted(h.span[0] for h in hints)
    assert text == before  # it never rewrites


def test_suggestions_are_kind_and_specific() -> None:
    [hint] = coach("You always do this.")
    assert "camera" in hint.suggestion
    seen = set()
    for sample in (
        "you always",
        "you never",
        "you make me cry",
        "it's your fault",
        "you're a jerk",
        "*eye roll*",
        "oh please",
        "get over it",
        "whatever",
        "obviously",
        "typical",
        "big surprise",
    ):
        [hint] = coach(sample)
        seen.add(hint.pattern)
        # A question or an alternative, never a telling-off.
        assert "?" in hint.suggestion or "Try" in hint.suggestion or "could" in hint.suggestion
        for harsh in ("wrong", "bad", "don't", "stop", "never say"):
            assert harsh not in hint.suggestion.lower()
    assert seen == set(PATTERNS)


def test_hints_are_frozen() -> None:
    hint = coach("you always")[0]
    assert isinstance(hint, Hint)
    with pytest.raises(AttributeError):
        hint.span = (0, 1)  # type: ignore[misc]
