"""Quick hide: one key, no questions, and the screen shows nothing about gentle.

What was typed is kept first: answers are already committed, half-typed words in a step
are kept with the session (they come back in their box), and a note being written is
saved as a note of the session. The step's timers (a timer step, the speaker's floor,
the breathing pacer) pause while hidden and carry on when the same key is pressed
again; a cool-down break keeps the return time the couple agreed. Ctrl+Q from the blank
screen leaves gentle at once, and the terminal gets its old contents back. It does not
hide gentle's files: the README says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

if TYPE_CHECKING:
    from textual.app import App

    from gentle.engine.runner import Runner

DRAFT_PREFIX = "Typed before a quick hide: "
# What was already saved from each text box, so hiding twice saves a draft once.
_saved: "WeakKeyDictionary[object, str]" = WeakKeyDictionary()


class NeutralScreen(Screen[None]):
    """An empty terminal: no title, no footer, no colours of gentle's."""

    DEFAULT_CSS = """
    NeutralScreen { background: black; color: #c0c0c0; align: left top; }
    NeutralScreen #blank { width: 100%; height: 1; }
    """
    # Only the hide key (an app binding, priority) and Ctrl+Q work here; all else is ignored.
    AUTO_FOCUS = None

    def __init__(self, paused: list["Runner"]) -> None:
        super().__init__()
        self.paused = paused

    def compose(self) -> ComposeResult:
        yield Static("", id="blank", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()


def _session_screens(app: "App") -> list:
    from gentle.tui.screens.session import SessionScreen

    return [s for s in app.screen_stack if isinstance(s, SessionScreen)]


def _typed_text(screen: Screen) -> list[object]:
    from gentle.tui.widgets.steps import StepView

    boxes: list[object] = []
    for box in screen.query("Input, TextArea"):
        if getattr(box, "id", None) == "save-path":
            continue  # a file name, not something a partner wrote
        if any(isinstance(node, StepView) for node in box.ancestors):
            continue  # a step's own box: its view keeps it as the step's draft
        boxes.append(box)
    return boxes


def keep_step_drafts(app: "App") -> None:
    """What is typed in each running session's step, kept with the session now."""
    for screen in _session_screens(app):
        view = screen.current_view
        if view is not None:
            view.keep_draft()


def save_drafts(app: "App") -> int:
    """Keep every half-typed text of the running session(s): a step's as its draft, any
    other box's (a note being written) as a note. The number of notes saved."""
    context = app.context  # type: ignore[attr-defined]
    sessions = _session_screens(app)
    if not sessions:
        return 0
    keep_step_drafts(app)
    saved = 0
    # Text on a session screen or on any dialog above it belongs to that session.
    owner = None
    for screen in app.screen_stack:
        if screen in sessions:
            owner = screen
        if owner is None:
            continue
        live = context.live.get(owner.runner)
        if live is None:
            continue
        for box in _typed_text(screen):
            text = box.value if isinstance(box, Input) else box.text if isinstance(box, TextArea) else ""
            text = text.strip()
            if not text or _saved.get(box) == text:
                continue
            step = owner.runner.step
            live.add_note(DRAFT_PREFIX + text, step.id if step is not None else None)
            _saved[box] = text
            saved += 1
    return saved


def hide(app: "App") -> None:
    """Replace everything on screen with a blank one, at once; the same key brings it back."""
    if isinstance(app.screen, NeutralScreen):
        reveal(app)
        return
    try:
        save_drafts(app)
    except Exception as error:  # never let saving stand in the way of hiding
        app.log.error(f"quick hide: drafts not saved: {error!r}")
    paused = []
    for screen in _session_screens(app):
        runner = screen.runner
        if not runner.finished and not runner.paused and runner.break_ is None:
            runner.pause()
            paused.append(runner)
    app.clear_notifications()
    app.push_screen(NeutralScreen(paused))


def reveal(app: "App") -> None:
    screen = app.screen
    if not isinstance(screen, NeutralScreen):
        return
    for runner in screen.paused:
        if runner.paused:
            runner.resume()
    app.pop_screen()
    for session in _session_screens(app):
        session.sync()
