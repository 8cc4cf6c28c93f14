"""When the app-wide safety keys apply: the break key, the safety note's Esc and F2, quick hide.

Kept out of app.py so the app stays small; the app's ``check_action`` and actions call here.
``check_action`` runs for every binding whenever the footer is drawn, the first frame
included, so it never imports a module itself: a screen or widget whose module was never
imported cannot be on screen (importing session, quick hide and the safety note here
cost ~60 ms before the first frame).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


def _loaded(module: str, name: str) -> Any:
    """``module.name`` if that module was imported already, else None."""
    found = sys.modules.get(module)
    return getattr(found, name, None) if found is not None else None


def session_screen(app: "App"):
    """The session being run (the topmost one), or None."""
    session_class = _loaded("gentle.tui.screens.session", "SessionScreen")
    if session_class is None:
        return None
    for screen in reversed(app.screen_stack):
        if isinstance(screen, session_class):
            return screen
    return None


def allowed(app: "App", action: str) -> bool | None:
    neutral = _loaded("gentle.tui.widgets.quick_hide", "NeutralScreen")
    hidden = neutral is not None and isinstance(app.screen, neutral)
    if action in ("dismiss_note", "change_country"):
        # Only while the first-run note is showing: the keys are the note's own.
        banner_showing = _loaded("gentle.tui.widgets.safety_banner", "banner_showing")
        return banner_showing is not None and banner_showing(app.screen)
    if action == "call_break":
        # In a session, its break; anywhere else (home, history, a finished session…) a
        # break of its own, which starts a session (break_at_home.py). Not while one opens.
        opening = _loaded("gentle.tui.screens.opening", "OpeningScreen")
        asking = _loaded("gentle.tui.widgets.break_call", "BreakCallDialog")
        resting = _loaded("gentle.tui.widgets.break_call", "CoolDownScreen")
        already = tuple(c for c in (opening, asking, resting) if c is not None)
        # Not while one is being asked for or counted down (a question over it included).
        return not hidden and not (already and any(isinstance(s, already) for s in app.screen_stack))
    if hidden:
        return action in ("quick_hide", "quit")
    return True


def call_break(app: "App") -> None:
    session = session_screen(app)
    if session is not None and not session.runner.finished:
        from gentle.tui.screens import session_hooks

        session_hooks.call_break(session)
        return
    from gentle.tui.screens import break_at_home

    break_at_home.call_break(app)
