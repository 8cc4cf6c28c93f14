"""timer: a big countdown, "Come back at 21:35", rotating ideas, and a bell at the end.

A short quiet step (a minute to think, not a break) shows its countdown alone, and + adds
a minute to it; the kind decides which is which (``gentle.flows.kinds.timer``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from gentle.flows.kinds.timer import clock_words, extension_seconds, is_short
from gentle.tui.widgets.countdown import CountdownView
from gentle.tui.widgets.plan_lines import PlanLines, plan_of
from gentle.tui.widgets.steps.base import StepView
from gentle.tui.widgets.words import Words

REPAINT_RATE = 4  # the seconds change once a second; 4 Hz keeps them on time


class TimerView(StepView):
    kind = "timer"

    BINDINGS = [
        Binding("space", "screen.pause_all", "Pause", id="timer-pause", tooltip="Pause or carry on.", show=False),
        # One of these two shows, as fits the step (check_action): + adds what suits its length.
        Binding("plus,equals_sign", "more", "5 more min", id="timer-more", key_display="+", tooltip="Add five minutes."),
        Binding("plus,equals_sign", "more_minute", "1 more min", id="timer-more-minute", key_display="+",
                tooltip="Add a minute."),
        Binding("e", "end_early", "End now", id="timer-end", tooltip="End the timer early (asks first)."),
        Binding("enter", "go_on", "Continue", id="timer-continue", tooltip="Go on once the time is up."),
    ]

    def compose(self) -> ComposeResult:
        # The clock first: when to come back matters most, at any screen size.
        yield CountdownView(id="countdown")
        yield Words("", id="suggestion", classes="suggestion")
        # A cool-down break: the couple's own plan for it, before any words of the flow's.
        plan = plan_of(self.app) if self.step.is_break else None
        if plan is not None:
            yield PlanLines(plan, read=False, id="timer-plan")
        if self.step.text:
            yield Static(self.text(self.step.text), classes="prose timer-text")
        if self.step.is_break and plan is None:
            yield PlanLines(None, read=False, id="timer-plan")
        yield Words("", id="timer-hint", classes="hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("more", "more_minute") and (action == "more_minute") != is_short(self.step):
            return False
        if action == "end_early" and self.step.required and not self.time_is_up:
            return False  # a required break runs its full time (engine/breaks.py)
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self._rang = False
        self._tip = -1
        self.set_interval(1 / REPAINT_RATE, self._repaint)
        self._repaint()
        self.state_changed()
        self.focus_first()

    @property
    def time_is_up(self) -> bool:
        countdown = self.runner.timer
        return countdown is not None and countdown.finished(self.runner.now())

    def _repaint(self) -> None:
        countdown = self.runner.timer
        if countdown is None:
            return
        now = self.runner.now()
        remaining = countdown.remaining(now)
        self.query_one(CountdownView).show(remaining, countdown.deadline, paused=self.runner.paused,
                                           when=clock_words(self.step))
        self._rotate(countdown.elapsed(now))
        if remaining <= 0 and not self._rang:
            self._rang = True
            self.context.ring()
            self.state_changed()
        elif remaining > 0 and self._rang:
            self._rang = False  # more time was added after the end
            self.state_changed()

    def _rotate(self, elapsed: float) -> None:
        tips = self.step.suggestions
        if not tips:
            return
        every = self.step.rotate_seconds or 30.0
        index = int(elapsed // every) % len(tips)
        if index != self._tip:
            self._tip = index
            self.query_one("#suggestion", Words).say(self.text(tips[index]))

    def state_changed(self) -> None:
        short = is_short(self.step)
        if self.time_is_up:
            more = "another minute" if short else "five more minutes"
            hint = (f"Time is up. Press Enter when you are both back, or + for {more}." if self.step.is_break
                    else f"Time is up. Press Enter to go on, or + for {more}.")
        elif self.runner.paused:
            hint = "Paused. Press Space to carry on."
        else:
            more = "+ adds a minute" if short else "+ adds five minutes"
            hint = (f"This break runs its full time · {more}" if self.step.required
                    else f"Space pauses · {more} · e ends early")
        found = self.query("#timer-hint")
        if not found:
            return  # the view is being taken away while a key paused everything (key storms)
        found.first(Words).say(hint)
        self._repaint()

    def action_more(self) -> None:
        seconds = extension_seconds(self.step)
        if self.is_current and self.runner.extend_timer(seconds):
            self.notify("One more minute." if seconds == 60 else "Five more minutes.", timeout=3)
            self.state_changed()

    def action_more_minute(self) -> None:
        self.action_more()

    def action_go_on(self) -> None:
        if self.time_is_up or self.step.required:
            # A required break refuses with its reason (engine/breaks.py), shown as a notice.
            self.act(lambda: self.runner.submit(None))
        else:
            self.action_end_early()

    def action_end_early(self) -> None:
        if self.time_is_up:
            self.action_go_on()
            return
        from gentle.tui.screens.confirm import ConfirmScreen

        question = (
            "End the break now? It's fine to come back early if you both feel calm."
            if self.step.is_break
            else "End the timer now?"
        )

        def decided(yes: bool | None) -> None:
            if yes and not self.time_is_up:
                self.act(lambda: self.runner.submit("early"))
            elif yes:
                self.action_go_on()

        keep = "Keep resting" if self.step.is_break else "Let it run"
        self.app.push_screen(ConfirmScreen(question, yes="End now", no=keep), decided)
