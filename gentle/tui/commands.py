"""gentle's commands in textual's command palette (Ctrl+P), by name.

Only gentle's own: textual's (screenshot, maximise, its key panel) mean nothing to a
couple. Each command does what a key or a screen already does; none has a rule of its
own. A command that does not fit the moment (pause when no session runs) is not listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from textual.app import SystemCommand

if TYPE_CHECKING:
    from textual.screen import Screen

    from gentle.tui.app import GentleApp


def gentle_commands(app: "GentleApp", screen: "Screen") -> Iterator[SystemCommand]:
    from gentle.tui.screens import safety_keys
    from gentle.tui.screens.home import HomeScreen

    session = safety_keys.session_screen(app)
    running = session is not None and not session.runner.finished
    if app.check_action("call_break", ()) is not False:  # at home too: a break of its own
        yield SystemCommand("Take a break", "Either of you can call one, at any moment (Ctrl+B).", app.action_call_break)
    yield SystemCommand("Hide gentle", "A blank screen at once; the same key brings it back (Ctrl+G).", app.action_quick_hide)
    if running:
        paused = session.runner.paused
        yield SystemCommand(
            "Carry on" if paused else "Pause everything",
            "Every timer carries on (Ctrl+L)." if paused else "Freeze every timer until you carry on (Ctrl+L).",
            session.action_pause_all,
        )
    yield SystemCommand("Our names", "Tell gentle your names, or change them.", app.action_names)
    yield SystemCommand("Make our time-out plan", "While you're calm: agree how a break will work.",
                        lambda: _plan(app))
    yield SystemCommand("Theme", "Colours, high contrast, or none; kept for next time.", lambda: _theme(app))
    yield SystemCommand("Support lines: country", "Whose support lines gentle shows.", lambda: _country(app))
    yield SystemCommand("Safety and support", "Support lines, and when gentle is not the right tool.", lambda: app.push_screen("safety"))
    yield SystemCommand("History", "Your past sessions and how they went.", lambda: app.push_screen("history"))
    yield SystemCommand("Resume a session", "Pick up a session you didn't finish.", lambda: app.push_screen("resume"))
    for flow in app.context.flows():
        yield SystemCommand(f"Start: {flow.title}", _flow_help(flow), lambda flow_id=flow.id: _start(app, flow_id))
    if not isinstance(screen, HomeScreen):
        yield SystemCommand("Home", "Back to the list of flows; a session is kept to resume.", app.action_go_home)
    yield SystemCommand("Help", "What this screen is for, and its keys (F1).", app.action_help)
    yield SystemCommand("Quit gentle", "Leave; gentle asks first if something would be lost (Ctrl+Q).", app.action_quit)


def _flow_help(flow) -> str:
    minutes = getattr(flow, "minutes", None)
    return f"A flow of about {max(1, round(minutes))} minutes." if minutes else "A flow."


def _start(app: "GentleApp", flow_id: str) -> None:
    flow = app.load_flow(flow_id)
    if flow is not None:
        app.begin(flow)


def _plan(app: "GentleApp") -> None:
    from gentle.tui.screens.break_at_home import make_time_out_plan

    make_time_out_plan(app)


def _theme(app: "GentleApp") -> None:
    from gentle.tui.screens.theme_picker import choose_theme

    choose_theme(app)


def _country(app: "GentleApp") -> None:
    from gentle.tui.screens.country import choose_country

    choose_country(app)
