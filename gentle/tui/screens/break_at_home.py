"""Ctrl+B where no session runs (home, history, safety…): a real cool-down break, at once.

It is the break a session has, not a look-alike: the same "We need a break" dialog (who
calls it, when you'll come back, your time-out plan), then the same cool-down screen. A
break belongs to a session, so it starts one: of the quick flow ("Pause and breathe"),
with the break running from its first step. That is what history shows (a Pause and
breathe session, with a break and who called it), ``gentle resume`` brings the countdown
back after a restart, and when the break is over the couple are at the flow's welcome,
ready to check in with each other, as they would be after a break in a session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App


def _names(app: "App", context: object) -> tuple[str, str]:
    """The couple's names: those of the session just finished, the ones gentle remembers,
    or those they gave when they made their time-out plan."""
    from gentle.tui.screens.safety_keys import session_screen
    from gentle.tui.widgets.plan_lines import plan_of

    finished = session_screen(app)
    if finished is not None:
        return finished.runner.partners
    if context.partners:  # type: ignore[attr-defined]
        return context.partners  # type: ignore[attr-defined]
    plan = plan_of(app)
    return plan.partners if plan is not None else context.names()  # type: ignore[attr-defined]


def call_break(app: "App") -> None:
    from gentle.tui.screens.opening import OpeningScreen
    from gentle.tui.widgets.break_call import BreakCallDialog

    if any(isinstance(s, (BreakCallDialog, OpeningScreen)) for s in app.screen_stack):
        return  # a break is being called already, or a session is opening
    context = app.context  # type: ignore[attr-defined]
    flow = app.load_flow(context.quick_flow_id)  # type: ignore[attr-defined]
    if flow is None:
        return  # the app has said what is wrong with it
    partners = _names(app, context)

    def chosen(answer: "tuple[int, float] | None") -> None:
        if answer is None:
            return
        who, seconds = answer
        app.push_screen(OpeningScreen(flow, partners, then=lambda runner: runner.call_break(who, seconds)))

    app.push_screen(BreakCallDialog(partners, context.clock.now(), in_session=False), chosen)


def make_time_out_plan(app: "App") -> None:
    """Open "Our time-out plan" (the command palette's "Make our time-out plan"): doing it
    again makes a newer plan, which replaces the old one."""
    from gentle.store.plan import PLAN_FLOW_ID

    flow = app.load_flow(PLAN_FLOW_ID)  # type: ignore[attr-defined]
    if flow is not None:
        app.begin(flow)  # type: ignore[attr-defined]
