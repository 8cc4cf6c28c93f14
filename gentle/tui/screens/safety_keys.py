"""When the app-wide safety keys apply: the break key, the safety note's Esc, quick hide.

Kept out of app.py so the app stays small; the app's ``check_action`` and actions call here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App


def session_screen(app: "App"):
    """The session being run (the topmost one), or None."""
    from gentle.tui.screens.session import SessionScreen

    for screen in reversed(app.screen_stack):
        if isinstance(screen, SessionScreen):
            return screen
    return None


def allowed(app: "App", action: str) -> bool | None:
    from gentle.tui.widgets.quick_hide import NeutralScreen

    hidden = isinstance(app.screen, NeutralScreen)
    if action == "dismiss_note":
        from gentle.tui.widgets.safety_banner import banner_showing

        return banner_showing(app.screen)
    if action == "call_break":
        session = session_screen(app)
        return not hidden and session is not None and not session.runner.finished
    if hidden:
        return action in ("quick_hide", "quit")
    return True


def call_break(app: "App") -> None:
    from gentle.tui.screens import session_hooks

    session = session_screen(app)
    if session is not None:
        session_hooks.call_break(session)
