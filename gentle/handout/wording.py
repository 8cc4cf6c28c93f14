"""Small pieces of handout wording: durations, breathing patterns, and names.

A handout is read before or after a conversation, by a couple or a therapist's client,
so name placeholders become the couple's names when a therapist gave them (``--partner``),
else "Partner A" / "Partner B" (or "you" and "your partner" where one partner is spoken to), and times are written out in words.
"""

from __future__ import annotations

import math
import re

from gentle.flows.names import TOKEN as _TOKEN  # placeholders: one definition
from gentle.flows.model import BreatheStep, Phase
from gentle.flows.patterns import canonical, cycle_seconds
from gentle.text import clean

PARTNER_A = "Partner A"
PARTNER_B = "Partner B"
# The couple's names (``--partner``), or the two defaults; always two, first partner first.
Partners = tuple[str, str]
DEFAULT_PARTNERS: Partners = (PARTNER_A, PARTNER_B)

PATTERN_TITLES = {
    "box": "Box breathing",
    "4-7-8": "4-7-8 breathing",
    "coherent": "Slow, even breathing",
    "extended-exhale": "A longer out-breath",
    "sigh": "The physiological sigh",
}
PHASE_WORDS = {"in": "in", "top-up": "top-up breath in", "hold": "hold", "out": "out", "rest": "rest"}

# A placeholder spoken *to* someone at the start of a sentence: "{partner}, how are you?"
_VOCATIVE = re.compile(r"(^|(?<=[.!?:]\s)|(?<=\n\n))\{(partner|both|speaker)\},\s*")
# Marks a lower-case placeholder value, so only those get a capital at a sentence start.
_MARK = "\x01"


def number(value: float) -> str:
    """4.0 -> "4", 5.5 -> "5.5"."""
    return f"{value:g}"


def duration(seconds: float, *, approximate: bool = False) -> str:
    """Seconds in words: "45 seconds", "1 minute", "20 minutes", "about 2 minutes"."""
    if seconds < 60:
        count = round(seconds)
        return f"{count} second{'s' if count != 1 else ''}"
    minutes = seconds / 60
    whole = round(minutes)
    exact = abs(minutes - whole) < 1e-9 and not approximate
    if exact:
        return f"{whole} minute{'s' if whole != 1 else ''}"
    half = math.floor(minutes * 2 + 0.5) / 2  # to the nearest half minute, halves up
    if half <= 1:
        return "about a minute"
    shown = number(half).replace(".5", "½")
    return f"about {shown} minutes"


def phase_line(phases: tuple[Phase, ...]) -> str:
    """"in 4 s · hold 7 s · out 8 s"."""
    return " · ".join(f"{PHASE_WORDS.get(p.do, p.do)} {number(p.seconds)} s" for p in phases)


def breathing(step: BreatheStep) -> tuple[str | None, str]:
    """The pattern's name (if one was used) and its timing written out.

    "in 4 s · hold 7 s · out 8 s, 6 cycles (about 2 minutes)".
    """
    title = PATTERN_TITLES.get(canonical(step.pattern) or "") if step.pattern else None
    phases = phase_line(step.phases)
    one_cycle = cycle_seconds(step.phases)
    if step.cycles is not None:
        total = step.cycles * one_cycle
        cycles = f"{step.cycles} cycle{'s' if step.cycles != 1 else ''}"
        return title, f"{phases}, {cycles} ({duration(total, approximate=True)})"
    total = step.seconds or 0.0
    count = round(total / one_cycle) if one_cycle else 0
    about = f" (about {count} cycle{'s' if count != 1 else ''})" if count else ""
    return title, f"{phases}, for {duration(total)}{about}"


def fill_names(text: str, who: str | None = None, partners: Partners = DEFAULT_PARTNERS) -> str:
    """Author text with its placeholders written for a handout reader.

    ``who`` is the step's ``who`` (each / together / first / second), or "turns" inside
    a turns step. A placeholder that opens a sentence as a form of address
    ("{partner}, how are you?") is dropped when it would only read as "you".
    """
    text = clean(text)
    if who in (None, "each", "together", "turns"):
        text = _VOCATIVE.sub(_drop_address, text)
    partner, other = _one_partner(who, partners)
    values = {
        "partner1": partners[0],
        "partner2": partners[1],
        "both": _MARK + "you both",
        "partner": partner if partner[0].isupper() else _MARK + partner,
        "other": other if other[0].isupper() else _MARK + other,
        "speaker": _MARK + "the speaker",
        "listener": _MARK + "the listener",
    }

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        if match.group("ref") is not None:
            return "(the answer from earlier)"  # {answer:STEP}: on paper, written above
        value = values.get(match.group(1))
        return token if value is None else value

    return capitalise_sentences(_TOKEN.sub(replace, text))


def _one_partner(who: str | None, partners: Partners) -> tuple[str, str]:
    if who == "first":
        return partners
    if who == "second":
        return partners[1], partners[0]
    return "you", "your partner"


def _drop_address(match: re.Match[str]) -> str:
    # Keep what came before (a sentence end); the next word gets a capital later.
    return match.group(1) + "\x00"


def capitalise_sentences(text: str) -> str:
    """Give a capital to the word after a dropped form of address, and to a lower-case
    placeholder value that now starts a sentence ("the speaker has the floor")."""
    text = re.sub(r"\x00\s*\x01?(\S)", lambda m: m.group(1).upper(), text)
    text = re.sub(
        r"(^|[.!?:]\s+|\n\s*\n\s*)\x01(\w)",
        lambda m: m.group(1) + m.group(2).upper(),
        text,
    )
    return text.replace(_MARK, "")


def blank_template(template: str, who: str | None,
                   partners: Partners = DEFAULT_PARTNERS) -> list[tuple[str, bool]]:
    """A write template split into (text, is_blank) runs, names already filled in."""
    runs: list[tuple[str, bool]] = []
    position = 0
    filled = fill_names(template, who, partners)
    for match in _TOKEN.finditer(filled):
        if match.group(1) is None:
            continue
        runs.append((filled[position : match.start()], False))
        runs.append((match.group(1), True))
        position = match.end()
    runs.append((filled[position:], False))
    return [(text, blank) for text, blank in runs if text]


def paragraphs(text: str) -> list[str]:
    """Author text split at blank lines; lines inside a paragraph joined with spaces
    (YAML block text wraps lines for the author's convenience, not the reader's)."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
