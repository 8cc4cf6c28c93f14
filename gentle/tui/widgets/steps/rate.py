"""rate: each partner in turn picks a number with digit keys or arrows, then Enter."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.widget import Widget
from textual.widgets import Static

from gentle.tui.literal import literal_line
from gentle.tui.widgets.steps.base import StepView

TYPING_GAP = 1.2  # seconds within which "1" then "0" means 10


class Scale(Widget):
    """low ──●── high, with the author's anchor labels underneath."""

    DEFAULT_CSS = "Scale { height: auto; }"

    def __init__(self, low: int, high: int, labels: tuple[tuple[int, str], ...]) -> None:
        super().__init__()
        self.low, self.high, self.labels = low, high, labels
        self.value: int | None = None

    def show(self, value: int | None) -> None:
        self.value = value
        self.refresh(layout=True)

    def _column(self, point: int, width: int) -> int:
        return round((point - self.low) / (self.high - self.low) * (width - 1))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))

    def _lines(self, width: int) -> list[Content]:
        low, high = str(self.low), str(self.high)
        points = self.high - self.low
        room = max(3, min(width - len(low) - len(high) - 2, 61))
        # Whole cells per point, so each number sits on the same column every time.
        track = points * max(1, (room - 1) // points) + 1 if room > points else room
        cells = ["─"] * track
        if self.value is not None:
            cells[self._column(self.value, track)] = "●"
        bar = Content.assemble((low + " ", "dim"), ("".join(cells), "bold"), (" " + high, "dim"))
        lines = [bar]
        labels = Content("")
        row: list[str] = [" "] * (track + len(low) + 1)
        fits = True
        for point, label in self.labels:
            text = literal_line(label).plain
            start = len(low) + 1 + self._column(point, track) - len(text) // 2
            start = max(0, min(start, len(row) - len(text)))
            if start < 0 or any(c != " " for c in row[max(0, start - 1) : start + len(text) + 1]):
                fits = False
                break
            row[start : start + len(text)] = list(text)
        if self.labels and fits and len(row) <= width:
            labels = Content("".join(row).rstrip()).stylize("dim")
            lines.append(labels)
        elif self.labels:
            # Too narrow to place the labels under their points: list them instead.
            for point, label in self.labels:
                lines.append(Content.assemble((f"{point}", "bold"), " ", literal_line(label, "dim")))
        return lines


class RateView(StepView):
    kind = "rate"

    BINDINGS = [
        Binding("right,up", "nudge(1)", "More", id="rate-up", key_display="→", tooltip="One higher."),
        Binding("left,down", "nudge(-1)", "Less", id="rate-down", key_display="←", tooltip="One lower."),
        Binding("enter", "confirm", "Confirm", id="rate-confirm", tooltip="Give this number."),
    ]

    def compose(self) -> ComposeResult:
        yield Static(self.text(self.step.ask), classes="ask")
        yield self.shown_words()
        yield Scale(self.step.low, self.step.high, self.step.labels)
        yield Static("", id="rate-value", classes="value")
        yield Static(
            f"Type a number from {self.step.low} to {self.step.high}, or use the arrows. Enter gives it.",
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        self._typed = ""
        self._typed_at = 0.0
        # After Back the answer is taken back, but the number chosen is offered again.
        remembered = self.runner.draft_for(self.step.id, self.asking)
        self.value: int | None = remembered if isinstance(remembered, int) else None
        self._show()
        self.focus_first()

    def _label_for(self, value: int) -> str | None:
        exact = [label for point, label in self.step.labels if point == value]
        return exact[0] if exact else None

    def _show(self) -> None:
        self.query_one(Scale).show(self.value)
        shown = self.query_one("#rate-value", Static)
        if self.value is None:
            shown.update(Content.styled("No number chosen yet.", "dim"))
            return
        label = self._label_for(self.value)
        parts = [(str(self.value), "bold")]
        shown.update(
            Content.assemble(*parts, ("  ", ""), literal_line(label, "italic")) if label else Content.assemble(*parts)
        )

    def set_value(self, value: int) -> None:
        self.value = max(self.step.low, min(self.step.high, value))
        self._show()

    def action_nudge(self, delta: int) -> None:
        if self.value is None:
            self.set_value((self.step.low + self.step.high) // 2)
        else:
            self.set_value(self.value + delta)

    def on_key(self, event: Key) -> None:
        if not self.is_current:
            return
        if event.character is None or not event.character.isdigit() and event.character != "-":
            return
        event.stop()
        now = time.monotonic()
        typed = self._typed + event.character if now - self._typed_at < TYPING_GAP else event.character
        self._typed_at = now
        try:
            number = int(typed)
        except ValueError:
            self._typed = typed
            return
        if not self.step.low <= number <= self.step.high:
            typed = event.character
            try:
                number = int(typed)
            except ValueError:
                self._typed = typed
                return
        self._typed = typed
        if self.step.low <= number <= self.step.high:
            self.set_value(number)

    def action_confirm(self) -> None:
        if self.value is None:
            self.notify("Choose a number first: type it, or use the arrows.", timeout=3)
            return
        self.act(lambda: self.runner.submit(self.value))
