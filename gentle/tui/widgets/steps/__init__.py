"""One view per step kind, registered with the kind itself (``StepKind.view`` in
gentle/flows/kinds/). ``view_for(kind)`` imports the view only when a step of its kind
appears; each view only shows the runner's state and calls runner methods, then posts
``StepView.Changed``."""

from __future__ import annotations

from gentle.tui.widgets.steps.base import StepContext, StepView


def view_for(kind: str) -> type[StepView]:
    from importlib import import_module

    from gentle.flows.kinds import KINDS

    declared = KINDS[kind].view
    if declared is None:
        raise LookupError(f"the {kind} step kind has no view")
    module, name = declared.split(":")
    return getattr(import_module(f"gentle.tui.widgets.steps.{module}"), name)


__all__ = ["StepContext", "StepView", "view_for"]
