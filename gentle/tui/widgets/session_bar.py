"""The line at the top of a session: flow title, step n of m, time together so far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from gentle.tui.literal import literal_line
from gentle.tui.widgets.countdown import elapsed_face


class SessionBar(Horizontal):
    DEFAULT_CSS = """
    SessionBar { height: 1; dock: top; padding: 0 1; }
    SessionBar #flow-title { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    SessionBar #progress { width: auto; margin-left: 1; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self._title = title
        self._shown = ""

    def compose(self) -> ComposeResult:
        yield Static(literal_line(self._title, "bold"), id="flow-title")
        yield Static("", id="progress", markup=False)

    def show(self, position: tuple[int, int] | None, elapsed: float, *, paused: bool) -> None:
        parts = []
        if paused:
            parts.append("Paused")
        if position is not None:
            parts.append(f"Step {position[0]} of {position[1]}")
        parts.append(elapsed_face(elapsed))
        text = "  ·  ".join(parts)
        if text != self._shown:
            self._shown = text
            self.query_one("#progress", Static).update(text)
