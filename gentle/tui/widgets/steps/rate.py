"""rate: each partner in turn picks a number with digit keys or arrows, then Enter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.widget import Widget
from textual.widgets import Static

from gentle.tui.literal import literal_line
from gentle.tui.widgets.steps.base import StepView

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
    # Set before mounting too: a key typed in a storm can reach the view first.
    value: int | None = None
    _typed = ""
    _proposed = False

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
        yield Static("", id="rate-hint", classes="hint")

    def on_mount(self) -> None:
        self._typed = ""
        self._proposed = False  # Enter on an untouched scale offered a number to accept
        # After Back the answer is taken back, but the number chosen is offered again.
        remembered = self.runner.draft_for(self.step.id, self.asking)
        self.value: int | None = remembered if isinstance(remembered, int) else None
        self._show()
        self.focus_first()

    def _label_for(self, value: int) -> str | None:
        exact = [label for point, label in self.step.labels if point == value]
        return exact[0] if exact else None

    def _show(self, hint: str | None = None) -> None:
        if not self.query("#rate-value"):
            return  # not composed yet (a key in a storm): on_mount shows it
        low, high = self.step.low, self.step.high
        self.query_one(Scale).show(self.value)
        shown = self.query_one("#rate-value", Static)
        if self.value is None:
            shown.update(Content.styled("No number chosen yet.", "dim"))
        else:
            label = self._label_for(self.value)
            parts = [(str(self.value), "bold")]
            shown.update(
                Content.assemble(*parts, ("  ", ""), literal_line(label, "italic")) if label else Content.assemble(*parts)
            )
        if hint is None:
            hint = (f"Type a number from {low} to {high}: it counts at once. "
                    "Or use the arrows, then Enter.")
        self.query_one("#rate-hint", Static).update(Content(hint))

    def set_value(self, value: int) -> None:
        self.value = max(self.step.low, min(self.step.high, value))
        self._typed = ""
        self._proposed = False
        self._show()

    def action_nudge(self, delta: int) -> None:
        if self.value is None:
            self.set_value(self.proposal())
        else:
            self.set_value(self.value + delta)

    def proposal(self) -> int:
        """The number Enter offers on an untouched scale (the engine's rule)."""
        return self.runner.proposal(self.asking)

    def on_key(self, event: Key) -> None:
        if not self.is_current:
            return
        if event.character is None or not event.character.isdigit() and event.character != "-":
            return
        event.stop()
        low, high = self.step.low, self.step.high
        typed = self._typed + event.character
        if not _could_be(typed, low, high):
            typed = event.character  # a fresh number: "1" then "5" on 0-10 is 5
        if not _could_be(typed, low, high):
            self._typed = ""
            return
        self._typed = typed
        if typed == "-":
            return
        number = int(typed)
        if low <= number <= high and not _longer_possible(typed, low, high):
            self.value = number
            self._show()
            if self.act(lambda: self.runner.submit(number)):  # one key, and it counts
                given = getattr(self.screen, "number_given", None)
                if given is not None:
                    given()
            return
        if low <= number <= high:
            self.value = number
            self._proposed = False
            longer = sorted(n for n in range(low, high + 1) if str(n).startswith(typed) and str(n) != typed)
            self._show(f"{number}: Enter gives it, or type {str(longer[0])[len(typed):]} for {longer[0]}.")

    def action_confirm(self) -> None:
        if self.value is None:
            self.value = self.proposal()
            self._proposed = True
            self._show(f"Enter again gives {self.value}. Or type your own number.")
            return
        value = self.value
        self.act(lambda: self.runner.submit(value))


def _could_be(typed: str, low: int, high: int) -> bool:
    """Whether ``typed`` is a number on the scale, or the start of one."""
    return any(str(n).startswith(typed) for n in range(low, high + 1))


def _longer_possible(typed: str, low: int, high: int) -> bool:
    return any(str(n).startswith(typed) and str(n) != typed for n in range(low, high + 1))
