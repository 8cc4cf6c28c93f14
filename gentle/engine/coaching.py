"""Gentle coaching: spot blaming patterns in what a partner writes and offer a kinder way.

``coach(text)`` is pure: it never blocks, changes or stores the text. It only returns
hints, each with the span it is about and one warm, specific suggestion, so the TUI can
show them beside the text, one calm line each (``Hint.line``: the words in curly quotes,
then the suggestion, which reads on from them), and each phrase once (``distinct``). A hint is a nudge, not a verdict, so a few false alarms are
acceptable; still, the common ways these words are used kindly are left alone:

* "you always / you make me" followed closely by a warm word ("you always make me
  laugh", "you make me feel safe") is an appreciation, not an attack;
* "you never" in the idioms "you never know!", "you'll never guess/believe", and
  "you never let me down / fail to / give up" is left alone, but "you never know
  what I need" is a hint: only "know" at the end of a clause (or before "with" /
  "until") counts as the idiom;
* "your fault" after a negation ("it's not your fault") is comfort, not blame;
* "whatever" only as a reply on its own ("Fine, whatever."), not in "whatever you need";
* "typical" only on its own or aimed at the partner ("typical of you"), not "a typical day";
* insults only when aimed at the partner ("you're so lazy", "you idiot"), not "I felt stupid".

Matching ignores case, respects word boundaries, and treats curly apostrophes
(’ ‘ ʼ) as straight ones; the replacement is one character for one, so spans always
index the text exactly as the partner typed it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gentle.records import record


@record
class Hint:
    """One gentle suggestion about ``text[span[0]:span[1]]``.

    ``suggestion`` reads on from the words it is about (``line`` puts them together):
    “you always” can feel like an attack…
    """

    pattern: str  # a stable id, e.g. "you-always"
    span: tuple[int, int]
    suggestion: str

    def said(self, text: str) -> str:
        """The words the hint is about, as typed, on one line."""
        return " ".join(text[self.span[0] : self.span[1]].split())

    def line(self, text: str) -> str:
        """The hint as one calm line: the words, in curly quotes, then the suggestion."""
        return f"\u201c{self.said(text)}\u201d {self.suggestion}"


# One character for one, so offsets stay valid in the original text.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})

_FLAGS = re.IGNORECASE
_YOU_ARE = r"you(?:'?re|\s+are|\s+were)"
# The end of a clause: punctuation or the end of the text.
_CLAUSE_END = r"\s*(?:[.!?,;:\u2026)\-\u2013\u2014]|$)"

# Words that turn "you always …" / "you make me …" into an appreciation.
_WARM = re.compile(
    r"\b(?:laugh\w*|smil\w*|happ(?:y|ier|iest)|safe|loved|proud|glad|calm(?:er)?|better|"
    r"special|welcome|cared|appreciated|grateful|lucky|strong|brave|hopeful|comfortable|"
    r"relaxed|excited|seen|heard|beautiful|whole|there\s+for\s+me)\b",
    _FLAGS,
)
_NEXT_WORDS = re.compile(r"[^.!?;\n]{0,40}")


def _warm_after(text: str, end: int) -> bool:
    """True when a warm word follows within the same clause (about five words)."""
    window = _NEXT_WORDS.match(text, end)
    return bool(window and _WARM.search(window.group(0)))


_NEVER_IDIOM = re.compile(
    r"\s+(?:know(?:" + _CLAUSE_END + r"|\s+(?:with|until)\b)"
    r"|guess\b|believe\b|let\s+me\s+down\b|fail\b|give\s+up\b)",
    _FLAGS,
)


def _never_idiom(text: str, end: int) -> bool:
    return bool(_NEVER_IDIOM.match(text, end))


_NEGATION_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+one's)\s+(?:\w+\s+){0,2}$", _FLAGS)


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION_BEFORE.search(text[max(0, start - 40) : start]))


def _not_alone(text: str, start: int, end: int) -> bool:
    """'whatever' counts only as a reply on its own, between punctuation or the ends."""
    before = text[:start].rstrip()
    alone_before = not before or before[-1] in ".!?,;:-\u2013\u2014(\"'\u2026"
    alone_after = bool(re.match(_CLAUSE_END, text[end:]))
    return not (alone_before and alone_after)


@record
class _Rule:
    pattern: str
    regex: re.Pattern[str]
    suggestion: str
    # Return True to leave this match alone (a kind or idiomatic use).
    skip: Callable[[str, int, int], bool] | None = None


_INSULTS = (
    r"idiot(?:ic)?|stupid|moron(?:ic)?|dumb|jerk|loser|liar|selfish|lazy|useless|pathetic|"
    r"worthless|crazy|psycho|insane|nuts|hysterical|childish|immature|ridiculous|clueless|"
    r"incompetent|spoil(?:ed|t)|heartless|impossible|unbearable|disgusting|a\s+joke|"
    r"asshole|arsehole|bitch|bastard|dick|prick|twat|pig"
)
_INTENSIFIERS = (
    r"such|so|a|an|the|really|just|completely|totally|absolutely|utterly|being|like|acting|"
    r"sound(?:ing)?|look(?:ing)?|act|seem|little|big|total|complete|absolute|fucking|bloody"
)

_RULES: tuple[_Rule, ...] = (
    _Rule(
        "you-always",
        re.compile(rf"\b(?:{_YOU_ARE}|you(?:'ve|\s+have)?)\s+always\b", _FLAGS),
        "can feel like an attack, and it invites an argument about the exceptions. What "
        "happened this time, as a camera would see it?",
        lambda text, start, end: _warm_after(text, end),
    ),
    _Rule(
        "you-never",
        re.compile(
            rf"\b(?:{_YOU_ARE}|you(?:'ve|\s+have|'ll|\s+will|'d|\s+would)?)\s+never\b", _FLAGS
        ),
        "can sound like a verdict on your partner. Could you name one moment, and what you "
        "needed then?",
        lambda text, start, end: _never_idiom(text, end),
    ),
    _Rule(
        "you-make-me",
        re.compile(
            r"\byou(?:\s+(?:make|made|keep\s+making)|'?re\s+making|\s+are\s+making)\s+me\b",
            _FLAGS,
        ),
        "hands your feeling to your partner. Try owning it: \u201cI feel \u2026 when "
        "\u2026\u201d.",
        lambda text, start, end: _warm_after(text, end),
    ),
    _Rule(
        "your-fault",
        re.compile(
            r"\b(?:(?:it's|it\s+is|it\s+was|this\s+is|that's|that\s+is)\s+)?(?:all\s+)?"
            r"your\s+(?:own\s+)?fault\b",
            _FLAGS,
        ),
        "tends to put you both on the defensive. What do you need now, rather than who "
        "caused it?",
        lambda text, start, end: _negated(text, start),
    ),
    _Rule(
        "name-calling",
        re.compile(
            rf"\b(?:{_YOU_ARE}|you)(?:\s+(?:{_INTENSIFIERS}))*\s+(?:{_INSULTS})s?\b"
            r"|\byour\s+(?:stupid|pathetic|ridiculous|useless|idiotic|precious)\b",
            _FLAGS,
        ),
        "describes the person, not what happened, and it is hard to keep listening after a "
        "label. What did they do, and how did it feel for you?",
    ),
    _Rule(
        "eye-roll",
        re.compile(
            r"\*?\b(?:eye[-\s]?roll(?:s|ing)?|roll(?:s|ing)?\s+(?:my\s+|their\s+|his\s+|her\s+)?"
            r"eyes)\b\*?|\U0001f644",
            _FLAGS,
        ),
        "can land as \u201cyou're not worth taking seriously\u201d. What is the frustration "
        "underneath? Try naming it instead.",
    ),
    _Rule(
        "scorn",
        re.compile(
            r"\b(?:pf+t+|psh+|yeah,?\s+right|oh,?\s+please|spare\s+me|who\s+cares)\b"
            r"(?=" + _CLAUSE_END + r")",
            _FLAGS,
        ),
        "can sound scornful, even if you are simply worn out. What do you feel right now, "
        "and what do you need?",
    ),
    _Rule(
        "put-down",
        re.compile(r"\b(?:grow\s+up|get\s+over\s+it|what's\s+wrong\s+with\s+you)\b", _FLAGS),
        "tells your partner how to be, and that usually puts them on guard. Is there one "
        "small, concrete thing you would like them to do?",
    ),
    _Rule(
        "whatever",
        re.compile(r"\bwhatever\b", _FLAGS),
        "can sound like a door closing. If you need a pause, you could say so: \u201cI need "
        "a break, and I'll come back.\u201d",
        _not_alone,
    ),
    _Rule(
        "obviously",
        re.compile(r"\bobviously\b", _FLAGS),
        "suggests your partner should have known. What might not be obvious to them?",
    ),
    _Rule(
        "typical",
        re.compile(
            r"\b(?:so\s+|how\s+|just\s+)?typical\b(?=" + _CLAUSE_END + r"|\s+(?:of\s+)?you\b)",
            _FLAGS,
        ),
        "turns one moment into a pattern. What happened this time, and how did it feel?",
    ),
    _Rule(
        "sarcasm",
        re.compile(
            r"\b(?:big\s+surprise|what\s+a\s+surprise|of\s+course\s+you\s+(?:did|would)"
            r"|must\s+be\s+nice)\b",
            _FLAGS,
        ),
        "can be heard as mockery. Can you say the hurt or the wish underneath it plainly?",
    ),
)

PATTERNS: tuple[str, ...] = tuple(rule.pattern for rule in _RULES)


def distinct(hints: list[Hint], text: str) -> list[Hint]:
    """One hint per phrase: the same words matched again later ("you always… you always")
    are said once, where they first appear."""
    seen: set[tuple[str, str]] = set()
    kept: list[Hint] = []
    for hint in hints:
        key = (hint.pattern, hint.said(text).casefold().translate(_APOSTROPHES))
        if key not in seen:
            seen.add(key)
            kept.append(hint)
    return kept


def coach(text: str) -> list[Hint]:
    """Return gentle hints for blaming patterns in ``text``, in reading order."""
    if not text:
        return []
    plain = text.translate(_APOSTROPHES)
    hints: list[Hint] = []
    for rule in _RULES:
        for match in rule.regex.finditer(plain):
            start, end = match.span()
            if rule.skip is not None and rule.skip(plain, start, end):
                continue
            hints.append(Hint(rule.pattern, (start, end), rule.suggestion))
    hints.sort(key=lambda hint: (hint.span, hint.pattern))
    return hints
