"""Name placeholders in flow texts: finding them, checking them, and filling them in.

Texts hold placeholders such as ``{partner}`` exactly as the author wrote them; the
engine and the TUI call :func:`fill` at display time. Filling is a literal, single-pass
substitution: a partner called ``{other}`` stays ``{other}``, and nothing is evaluated.
``{{`` and ``}}`` write literal braces; any other brace that is not ``{word}`` is text.

An earlier answer is a placeholder too: ``{answer:STEP}`` (the answer given at STEP by
whoever is asked now, or the couple's) and ``{answer:STEP:WHO}`` with WHO one of
:data:`ANSWER_WHO`. Its meaning is the engine's (gentle/engine/shown.py,
``answer_words``); here it is only found, and filling names leaves it as written.
"""

from __future__ import annotations

import re

from gentle.records import record

# {word} or {answer:step-id[:who]}, or an escaped brace. Escapes come first so
# "{{partner}}" is literal text.
_TOKEN = re.compile(r"\{\{|\}\}|\{((?P<answer>answer)(?=:)|[A-Za-z][A-Za-z0-9_-]*)"
                    r"(?(answer):(?P<ref>[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*)(?::(?P<who>[a-z0-9]+))?)\}")
TOKEN = _TOKEN  # for the other places that fill placeholders (the handout)
ANSWER = "answer"
# Whose answer {answer:STEP:WHO} means.
ANSWER_WHO: tuple[str, ...] = ("partner", "other", "partner1", "partner2", "speaker", "listener")

BASE_NAMES: frozenset[str] = frozenset({"partner1", "partner2", "both"})
ONE_PARTNER_NAMES: frozenset[str] = frozenset({"partner", "other"})
TURN_NAMES: frozenset[str] = frozenset({"speaker", "listener"})
ALL_NAMES: frozenset[str] = BASE_NAMES | ONE_PARTNER_NAMES | TURN_NAMES


@record
class Placeholder:
    name: str
    offset: int  # index of the opening brace in the text
    ref: str | None = None  # {answer:REF}: the step whose answer is shown
    who: str | None = None  # {answer:REF:WHO}
    token: str = ""  # the placeholder exactly as written

    @property
    def is_answer(self) -> bool:
        return self.ref is not None


def find(text: str) -> list[Placeholder]:
    """Every ``{word}`` in ``text`` (escaped braces skipped), in order, with offsets."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.group(1) is not None:
            found.append(Placeholder(match.group(1), match.start(), match.group("ref"), match.group("who"),
                                     match.group(0)))
    return found


def placeholders(text: str) -> list[str]:
    """The names of the ``{word}`` placeholders in ``text``, in order of appearance."""
    return [p.name for p in find(text)]


def fill(
    text: str,
    *,
    partner1: str,
    partner2: str,
    partner: str | None = None,
    other: str | None = None,
    speaker: str | None = None,
    listener: str | None = None,
) -> str:
    """``text`` with the name placeholders replaced and ``{{``/``}}`` unescaped.

    A placeholder whose value is not given (e.g. ``{speaker}`` outside a turns step)
    is left as written, so a mistake shows up as text rather than vanishing.
    Other ``{word}`` slots (template blanks) are left alone too.
    """
    values = {
        "partner1": partner1,
        "partner2": partner2,
        "both": f"{partner1} and {partner2}",
        "partner": partner,
        "other": other,
        "speaker": speaker,
        "listener": listener,
    }

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if match.group("ref") is not None:
            return token  # an earlier answer: the engine's to fill
        value = values.get(match.group(1))
        return token if value is None else value

    return _TOKEN.sub(replace, text)


@record
class Slot:
    """A blank in a write template (``{feeling}``), to be filled by a partner."""

    name: str


def template_pieces(
    template: str,
    *,
    partner1: str,
    partner2: str,
    partner: str | None = None,
    other: str | None = None,
) -> list[str | Slot]:
    """Split a write template into literal text (names filled, braces unescaped) and slots.

    Done in one pass so an escaped ``{{word}}`` never turns into a slot.
    """
    names = {
        "partner1": partner1,
        "partner2": partner2,
        "both": f"{partner1} and {partner2}",
        "partner": partner,
        "other": other,
    }
    pieces: list[str | Slot] = []
    text: list[str] = []
    last = 0
    for match in _TOKEN.finditer(template):
        text.append(template[last : match.start()])
        last = match.end()
        token, word = match.group(0), match.group(1)
        if word is None:
            text.append(token[0])
        elif match.group("ref") is not None:
            text.append(token)  # an earlier answer, filled by whoever shows the template
        elif word in ALL_NAMES:
            value = names.get(word)
            text.append(token if value is None else value)
        else:
            if text:
                pieces.append("".join(text))
                text = []
            pieces.append(Slot(word))
    text.append(template[last:])
    if "".join(text):
        pieces.append("".join(text))
    return [p for p in pieces if p != ""]


def slots(template: str) -> list[str]:
    """The blank names of a write template, in order, each once."""
    seen: list[str] = []
    for p in find(template):
        if not p.is_answer and p.name not in ALL_NAMES and p.name not in seen:
            seen.append(p.name)
    return seen
