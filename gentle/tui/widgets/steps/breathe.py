"""breathe: follow the pacer with your eyes. Enter goes on (early, or when it is done)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from gentle.tui.widgets.pacer import BreathPacer
from gentle.tui.widgets.steps.base import StepView
from gentle.tui.widgets.words import Words

FRAME_RATE = 16  # smooth enough to follow, cheap enough to leave the CPU alone
CALM_RATE = 2  # reduced motion: the bar and the countdown only change once a second


class BreatheView(StepView):
    kind = "breathe"

    BINDINGS = [
        Binding("enter", "go_on", "Continue", id="breathe-continue", tooltip="Finish breathing and go on."),
        Binding("space", "screen.pause_all", "Pause", id="breathe-pause", tooltip="Pause or carry on.", show=False),
    ]

    def compose(self) -> ComposeResult:
        # The pacer first, so it is in view at any height; the words follow.
        yield BreathPacer(reduced_motion=self.app.reduced_motion, id="pacer")  # type: ignore[attr-defined]
        yield Words("", id="breathe-hint", classes="hint")
        if self.step.text:
            yield Static(self.text(self.step.text), classes="prose breathe-text")

    def on_mount(self) -> None:
        self._last_phase: tuple[int, int] | None = None
        self._done = False
        rate = CALM_RATE if self.app.reduced_motion else FRAME_RATE  # type: ignore[attr-defined]
        self._frames = self.set_interval(1 / rate, self._frame)
        self._frame()
        self.state_changed()
        self.focus_first()

    def _frame(self) -> None:
        state = self.runner.breath
        if state is None or (self.runner.paused and self._last_phase is not None):
            return  # frozen: the picture has not changed
        self.query_one(BreathPacer).show(state)
        phase = (state.cycle, state.phase_index)
        if self._last_phase is not None and phase != self._last_phase and not state.finished:
            self.context.ring()
        self._last_phase = phase
        if state.finished and not self._done:
            self._done = True
            self.context.ring()
            self._frames.stop()  # nothing moves any more: no need to repaint
            self.state_changed()

    def state_changed(self) -> None:
        if self.runner.paused:
            hint = "Paused. Press Space or Ctrl+L to carry on."
        elif self._done:
            hint = "Press Enter when you are ready to go on."
        else:
            hint = "Space pauses. Enter finishes early."
        self.query_one("#breathe-hint", Words).say(hint)

    def action_go_on(self) -> None:
        self.act(lambda: self.runner.submit(None))
