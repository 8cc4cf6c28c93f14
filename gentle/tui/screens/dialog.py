"""What gentle's screens share when they close: they close themselves, once, and only
themselves; and what its small dialogs share: centred, framed, on top of their screen.

textual's ``Screen.dismiss`` and ``App.pop_screen`` take whatever screen is on top. When
two Enters arrive together, the second can reach a dialog that the first already closed,
and would close the screen underneath it instead (the session itself: seen in the key
storm tests). :class:`ClosesItself` makes a second close do nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

Result = TypeVar("Result")


class ClosesItself:
    """For a Screen: ``dismiss`` (and the ``leave`` action) close this screen only, once."""

    _gentle_closed = False  # not textual's own MessagePump._closed

    def on_screen_resume(self) -> None:
        # An installed screen (history, safety…) is shown again later: it can close again.
        self._gentle_closed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        screen: Screen = self  # type: ignore[assignment]
        if self._gentle_closed or not screen.is_attached or screen.app.screen is not screen:
            return AwaitComplete.nothing()
        self._gentle_closed = True
        return super().dismiss(result)  # type: ignore[misc]

    def action_leave(self) -> None:
        """Back to the screen underneath (the Esc of history, safety, insights…)."""
        screen: Screen = self  # type: ignore[assignment]
        if not self._gentle_closed and screen.is_attached and screen.app.screen is screen and len(screen.app.screen_stack) > 1:
            self._gentle_closed = True
            screen.app.pop_screen()


class ShowsKeys:
    """For a ModalScreen: its own footer line, so Break, Hide and Help stay in sight when
    the box fills a small terminal. The box scrolls rather than being cut off."""

    def on_mount(self) -> None:
        from gentle.tui.widgets.keys_footer import KeysFooter

        screen: ModalScreen = self  # type: ignore[assignment]
        if not screen.query(KeysFooter):
            screen.mount(KeysFooter())


class Dialog(ShowsKeys, ClosesItself, ModalScreen[Result]):
    """A ModalScreen whose one ``Vertical`` child is a calm, centred box."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        overflow-y: auto; padding: 1 2; border: round $primary; background: $surface;
    }
    Dialog .dialog-title { text-style: bold; }
    """
