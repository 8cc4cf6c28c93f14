"""One view per step kind. ``view_for(kind)`` picks the class; each view only shows the
runner's state and calls runner methods, then posts ``StepView.Changed``."""

from __future__ import annotations

from gentle.tui.widgets.steps.base import StepContext, StepView


def view_for(kind: str) -> type[StepView]:
    from gentle.tui.widgets.steps.breathe import BreatheView
    from gentle.tui.widgets.steps.choose import ChecklistView, ChooseView
    from gentle.tui.widgets.steps.rate import RateView
    from gentle.tui.widgets.steps.say import SayView
    from gentle.tui.widgets.steps.timer import TimerView
    from gentle.tui.widgets.steps.turns import TurnsView
    from gentle.tui.widgets.steps.write import WriteView

    views: dict[str, type[StepView]] = {
        "say": SayView,
        "breathe": BreatheView,
        "timer": TimerView,
        "rate": RateView,
        "write": WriteView,
        "choose": ChooseView,
        "checklist": ChecklistView,
        "turns": TurnsView,
    }
    return views[kind]


__all__ = ["StepContext", "StepView", "view_for"]
