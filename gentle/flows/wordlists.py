"""Built-in suggestion lists that write-step blanks can name (``suggestions: feelings``).

Placeholder content; the content issue fills in the full lists in our own words.
"""

from __future__ import annotations

BUILTIN_LISTS: dict[str, tuple[str, ...]] = {
    "feelings": ("hurt", "lonely", "worried", "overwhelmed", "frustrated", "sad"),
    "needs": ("to be heard", "rest", "reassurance", "closeness", "fairness", "space"),
}
