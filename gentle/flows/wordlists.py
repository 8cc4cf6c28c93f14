"""Built-in suggestion lists that write-step blanks can name (``suggestions: feelings``).

``feelings`` are words for how it feels when a need isn't being met. They describe
what is going on inside the speaker, so they leave out words that are really a
verdict on the partner wearing a feeling's clothes ("abandoned", "manipulated",
"ignored", "betrayed"): those tend to start the very fight a gentle start-up avoids.

``needs`` are what mattered in the moment, phrased to read naturally after
"because I need …", and kept free of any one way of meeting them (so "closeness",
not "you to come home earlier").
"""

from __future__ import annotations

FEELINGS: tuple[str, ...] = (
    "hurt",
    "sad",
    "lonely",
    "disappointed",
    "discouraged",
    "worried",
    "anxious",
    "nervous",
    "scared",
    "uneasy",
    "tense",
    "stressed",
    "overwhelmed",
    "exhausted",
    "drained",
    "frustrated",
    "irritated",
    "annoyed",
    "angry",
    "resentful",
    "confused",
    "torn",
    "embarrassed",
    "ashamed",
    "guilty",
    "helpless",
    "hopeless",
    "jealous",
    "vulnerable",
    "heartbroken",
    "restless",
    "numb",
)

NEEDS: tuple[str, ...] = (
    "to be heard",
    "to be understood",
    "to be taken seriously",
    "to matter",
    "reassurance",
    "closeness",
    "affection",
    "time together",
    "time to myself",
    "space",
    "rest",
    "calm",
    "support",
    "help",
    "a fair share",
    "respect",
    "kindness",
    "honesty",
    "trust",
    "to feel safe",
    "appreciation",
    "acceptance",
    "to be included",
    "clarity",
    "to know what to expect",
    "a say in decisions",
    "to choose for myself",
    "consideration",
    "fun together",
    "connection",
)

BUILTIN_LISTS: dict[str, tuple[str, ...]] = {
    "feelings": FEELINGS,
    "needs": NEEDS,
}
