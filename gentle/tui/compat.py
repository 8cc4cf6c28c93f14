"""The few places gentle leans on textual's private parts, in one file.

textual has no public way to do these things, and each is small. They live here so that
an upgrade of textual has one file to check, and ``tests/tui/test_compat.py`` pins every
name used below: if textual renames or drops one, that test fails before a couple finds
out. Nothing else in gentle may touch a textual name that begins with an underscore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

# textual's private names used here, as (owner, attribute), for the pinning test.
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("textual.widget:Widget", "_forward_event"),
    ("textual.app:App", "_display"),
    ("instance textual.app:App", "_batch_count"),
    ("textual.app:App", "_watch_theme"),  # what start_with_theme does without a parse
    ("textual.app:App", "_fatal_error"),  # replaced by CrashReportWithoutLocals
    ("instance textual.app:App", "_exit_renderables"),
    ("textual.app:App", "_close_messages_no_wait"),
)


def forward_key(target: "DOMNode", key: "events.Key") -> None:
    """Hand ``key`` to ``target`` as the app hands a typed key to the focused widget.

    Marked as forwarded, so that if it bubbles back up the app does not take it for a
    newly typed key (``post_message`` would).
    """
    target._forward_event(key)  # type: ignore[attr-defined]


def in_batch(app: "App[Any]") -> bool:
    """Is the app inside a batch update (so what is painted now is not shown yet)?"""
    return bool(getattr(app, "_batch_count", 0))


def watch_frames(app: "App[Any]", shown: Callable[["Screen", bool], None]) -> None:
    """Call ``shown(screen, reaches_terminal)`` for each frame the app paints.

    For tests and the bench, which need to know which screen the couple actually saw
    first: textual drops frames painted inside a batch.
    """
    display = app._display  # type: ignore[attr-defined]

    def spy(screen: "Screen", renderable: Any) -> None:
        if renderable is not None:
            shown(screen, not in_batch(app))
        display(screen, renderable)

    app._display = spy  # type: ignore[attr-defined]


def start_with_theme(app: "App[Any]", name: str) -> None:
    """Choose the app's theme before any CSS is read, without a second full parse.

    Assigning ``app.theme`` in ``__init__`` makes textual re-parse every stylesheet after
    the first (~15 ms before the first frame). Nothing is parsed yet, so doing what
    textual's private ``App._watch_theme`` does, minus the re-parse, is the same: the
    theme's CSS variables for the stylesheet, its classes on the app, the signal. The
    ANSI filter textual made in ``__init__`` depends only on ``dark`` and ``ansi``; a theme
    that differs there takes textual's own path. The pinning test compares the outcome
    with textual's own assignment.
    """
    from textual.app import App

    before, after = app.current_theme, app.get_theme(name)
    if after is None or (before.dark, before.ansi) != (after.dark, after.ansi):
        app.theme = name
        return
    app.set_reactive(App.theme, name)
    classes = {old: False for old in app.classes if old.startswith("-theme-")}
    classes.update({f"-theme-{after.name}": True, "-dark-mode": after.dark,
                    "-light-mode": not after.dark})
    app.update_classes(classes, update=False)
    app.stylesheet.set_variables(app.get_css_variables())
    app.call_next(app.theme_changed_signal.publish, after)


class CrashReportWithoutLocals:
    """For the App: textual's crash report, without the values of local variables.

    textual's own report (``App._fatal_error``) shows every frame's locals, which hold
    what partners wrote; it went into the crash log. This is the same report with
    ``show_locals=False``, so the log (gentle/tui/running.py) holds code, never answers.
    """

    def _fatal_error(self) -> None:
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        app: Any = self
        app.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        app._exit_renderables.append(Segments(app.console.render(traceback, app.console.options)))
        app._close_messages_no_wait()
