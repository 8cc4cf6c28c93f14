"""The named breathing patterns: one table shared by the loader, the engine and handouts.

A flow names a pattern (``pattern: box``); the loader turns the name into phases with
:func:`phases_for`, so the engine only ever sees phases. Keep this table the single
place where the timings live.
"""

from __future__ import annotations

from gentle.flows.model import Phase

PATTERNS: dict[str, tuple[Phase, ...]] = {
    "box": (Phase("in", 4), Phase("hold", 4), Phase("out", 4), Phase("rest", 4)),
    "4-7-8": (Phase("in", 4), Phase("hold", 7), Phase("out", 8)),
    "coherent": (Phase("in", 5.5), Phase("out", 5.5)),
    "extended-exhale": (Phase("in", 4), Phase("out", 6)),
    "sigh": (Phase("in", 2), Phase("top-up", 1), Phase("out", 6)),
}

# Other names people use for the same patterns.
ALIASES: dict[str, str] = {
    "4-4-4-4": "box",
    "resonance": "coherent",
    "physiological-sigh": "sigh",
}

# Every name an author may write, canonical names first (for did-you-mean and the schema).
PATTERN_NAMES: tuple[str, ...] = tuple(PATTERNS) + tuple(ALIASES)


def canonical(name: str) -> str | None:
    """The canonical pattern name for ``name`` (an alias or a name), or None if unknown."""
    if name in PATTERNS:
        return name
    return ALIASES.get(name)


def phases_for(name: str) -> tuple[Phase, ...]:
    """The phases of a named pattern (aliases allowed). Raises KeyError for unknown names."""
    key = canonical(name)
    if key is None:
        raise KeyError(name)
    return PATTERNS[key]


def cycle_seconds(phases: tuple[Phase, ...]) -> float:
    """How long one cycle of ``phases`` lasts."""
    return sum(p.seconds for p in phases)
