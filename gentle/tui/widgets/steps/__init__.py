"""One view per step kind. ``view_for(kind)`` picks the class; each view only shows the
runner's state and calls runner methods, then posts ``StepView.Changed``."""

from __future__ import annotations

from gentle.tui.widgets.steps.base import StepContext, StepView


# kind -> (module, class): each view is imported only when a step of its kind appears.
VIEWS: dict[str, tuple[str, str]] = {
    "say": ("say", "SayView"),
    "breathe": ("breathe", "BreatheView"),
    "timer": ("timer", "TimerView"),
    "rate": ("rate", "RateView"),
    "write": ("write", "WriteView"),
    "choose": ("choose", "ChooseView"),
    "checklist": ("choose", "ChecklistView"),
    "turns": ("turns", "TurnsView"),
}


def view_for(kind: str) -> type[StepView]:
    from importlib import import_module

    module, name = VIEWS[kind]
    return getattr(import_module(f"gentle.tui.widgets.steps.{module}"), name)


__all__ = ["StepContext", "StepView", "VIEWS", "view_for"]
