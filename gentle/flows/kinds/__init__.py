"""The registry of step kinds: each kind is declared once, in its own module here.

``KINDS`` maps a kind's name (what a flow writes after ``kind:``) to its
:class:`~gentle.flows.kinds.base.StepKind`. To add a kind, write its module (model,
reader, schema, answer, words, handout; see docs/design.md), add its name to
``MODULES``, and write its view in gentle/tui/widgets/steps/ with a help page.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from gentle.flows.kinds.base import SKIP, AnswerNames, Refused, StepKind

MODULES: tuple[str, ...] = (
    "say", "breathe", "timer", "rate", "write", "choose", "checklist", "turns", "support",
    "include",
)

KINDS: dict[str, StepKind] = {
    name: import_module(f"gentle.flows.kinds.{name}").KIND for name in MODULES
}
# The kinds a flow's steps can have once loaded (includes are inlined).
STEP_KINDS: tuple[str, ...] = tuple(name for name, kind in KINDS.items() if kind.model is not None)
MODELS: dict[str, type] = {name: KINDS[name].model for name in STEP_KINDS}  # type: ignore[misc]


def kind_of(step: Any) -> StepKind:
    """The declaration of ``step``'s kind."""
    return KINDS[step.kind]


def asks(step: Any) -> bool:
    return KINDS[step.kind].asks


__all__ = ["KINDS", "MODELS", "MODULES", "SKIP", "STEP_KINDS", "AnswerNames", "Refused",
           "StepKind", "asks", "kind_of"]
