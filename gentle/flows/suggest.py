"""Did-you-mean hints for misspelt keys, kinds, patterns, step ids and placeholders."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, or None when nothing is close enough to help."""
    options = [c for c in choices if c != word]
    if not options:
        return None
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        # Case slips ("Say", "TITLE") are common and difflib scores them low.
        lowered = {c.lower(): c for c in options}
        return lowered.get(word.lower())
    return matches[0]


def did_you_mean(word: str, choices: Iterable[str], *, wrap: str = '"{}"') -> str:
    """``'; did you mean "x"?'`` or an empty string, ready to append to a message."""
    match = closest(word, choices)
    if match is None:
        return ""
    return "; did you mean " + wrap.format(match) + "?"


def did_you_mean_or_list(word: str, choices: Iterable[str], noun: str = "the step ids",
                         limit: int = 12) -> str:
    """A did-you-mean when one choice is close; otherwise the choices themselves, so a
    person who has the id wrong can see the right one."""
    options = [c for c in choices if c != word]
    hint = did_you_mean(word, options)
    if hint or not options:
        return hint
    shown = ", ".join(options[:limit]) + (", ..." if len(options) > limit else "")
    return f" ({noun} are: {shown})"


def one_of(choices: Iterable[str]) -> str:
    """``"a", "b" or "c"`` for messages that list what is allowed."""
    quoted = [f'"{c}"' for c in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
