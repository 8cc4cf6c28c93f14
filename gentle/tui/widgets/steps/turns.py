"""turns: one partner has the floor, the other listens, mirrors, and checks.

speaking (the floor timer runs) -> Enter -> the listener mirrors (types it, or just
presses Enter after saying it aloud) -> the speaker is asked "did you feel heard?":
y passes the floor on, n gives the listener another try (with the step's
`restate_prompt:` shown to the speaker). With a `more_question:`, a y asks "is there
more?" first: y, the speaker goes on with the same floor; n passes it. The runner keeps
score.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from gentle.tui.widgets.countdown import clock_face
from gentle.tui.widgets.steps.base import StepView
from gentle.tui.widgets.words import Words
from gentle.tui.wording import PARTNER_CLASSES
from gentle.tui.widgets.fields import Field

REPAINT_RATE = 2
EXTRA_SECONDS = 60


class TurnsView(StepView):
    kind = "turns"

    BINDINGS = [
        Binding("enter", "done_speaking", "Done speaking", id="turn-done", tooltip="The speaker has finished."),
        Binding("y", "heard(True)", "Yes, heard", id="turn-heard-yes", tooltip="Yes, I felt heard."),
        Binding("n", "heard(False)", "Not quite", id="turn-heard-no", tooltip="Not quite: try mirroring again."),
        Binding("y", "more_answer(True)", "Yes, there's more", id="turn-there-is-more", tooltip="Yes, there is more to say: the speaker goes on."),
        Binding("n", "more_answer(False)", "That's all", id="turn-no-more", tooltip="That's all for now: the floor passes."),
        Binding("plus,equals_sign", "more", "1 more min", id="turn-more", key_display="+", tooltip="One more minute on the floor."),
        Binding("space", "screen.pause_all", "Pause", id="turn-pause", tooltip="Pause or carry on.", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="floor-banner", classes="banner")
        yield Static("", id="turn-round", classes="hint")
        yield self.shown_words()  # what they wrote to talk about, if the flow shows it
        with Vertical(id="speaking"):
            yield Static("", id="speaker-prompt", classes="ask")
            yield Static("", id="floor-time", classes="floor-time")
            yield Static("", id="listener-prompts", classes="listener-prompts")
        with Vertical(id="mirroring"):
            yield Static("", id="restate-prompt", classes="ask")  # to the speaker, on a retry
            yield Static("", id="mirror-ask", classes="ask")
            yield Field(id="mirror-input", placeholder="Type what you heard, or just press Enter after saying it aloud")
        with Vertical(id="checking"):
            yield Static("", id="mirror-said", classes="prose")
            yield Static("", id="heard-question", classes="ask")
        with Vertical(id="more"):
            yield Static("", id="more-question", classes="ask")
        yield Words("", id="turn-hint", classes="hint")
        # The flow's own words about taking turns come last: the banner says who is who.
        yield Words("", id="turns-text", classes="prose turns-text")

    def on_mount(self) -> None:
        self._phase_shown: tuple | None = None
        self.set_interval(1 / REPAINT_RATE, self._repaint_floor)
        self.state_changed()
        self.keep_drafts_while_typing()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        turn = self.runner.turn
        phase = turn.phase if turn is not None else None
        if action in ("done_speaking", "more"):
            return phase == "speaking"
        if action == "heard":
            return phase == "checking"
        if action == "more_answer":
            return phase == "more"
        return True

    def state_changed(self) -> None:
        turn = self.runner.turn
        if turn is None:
            return
        speaker, listener = turn.speaker, turn.listener
        w = self.wording
        banner = self.query_one("#floor-banner", Static)
        banner.update(Content.assemble(w.name(speaker), " has the floor — ", w.name(listener), " listens"))
        for index, css_class in enumerate(PARTNER_CLASSES):
            banner.set_class(index == speaker, css_class)
        # After "is there more?" yes, the same floor holds another part.
        part = 1 + sum(1 for e in turn.exchanges if (e.get("round"), e.get("speaker")) == (turn.round, turn.speaker))
        self.query_one("#turn-round", Static).update(
            f"Round {turn.round} of {turn.rounds}" + (f" · part {part}" if part > 1 else "")
            + (f" · try {turn.attempt}" if turn.attempt > 1 else "")
        )
        key = self._moment(turn)
        if key != self._phase_shown:
            self._phase_shown = key
            self._show_phase(turn)
        self._repaint_floor()
        self.refresh_bindings()

    def _show_phase(self, turn) -> None:
        who = {"speaker": turn.speaker, "listener": turn.listener}
        self.query_one("#turns-text", Words).say(self.text(self.step.text, **who) if self.step.text else "")
        for phase in ("speaking", "mirroring", "checking", "more"):
            self.query_one(f"#{phase}").display = turn.phase == phase
        hint = ""
        if turn.phase == "speaking":
            self.query_one("#speaker-prompt", Static).update(self.text(self.step.speaker_prompt, **who))
            prompts = [self.text(p, **who) for p in self.step.listener_prompts]
            lines = [Content.assemble(self.wording.name(turn.listener), ", while you listen:")]
            lines += [Content.assemble("  · ", p) for p in prompts]
            self.query_one("#listener-prompts", Static).update(Content("\n").join(lines))
            hint = "Enter when the speaker is done · + one more minute · Space pauses"
            self.focus(scroll_visible=False)
        elif turn.phase == "mirroring":
            restate = self.query_one("#restate-prompt", Static)
            retry = turn.attempt > 1 and bool(self.step.restate_prompt)
            restate.display = retry
            restate.update(self.text(self.step.restate_prompt, **who) if retry else "")
            ask = Content.assemble(
                self.wording.name(turn.listener),
                ", say back what you heard, in your own words. ",
                ("You can type it here, or say it aloud and press Enter.", "dim"),
            )
            self.query_one("#mirror-ask", Static).update(ask)
            field = self.query_one("#mirror-input", Input)
            # What the listener had typed (kept across a restart, or taken back with Back).
            draft = self.runner.draft_for(self.step.id, turn.listener)
            field.value = draft if isinstance(draft, str) else ""
            self.call_after_refresh(field.focus)
        elif turn.phase == "more":
            self.query_one("#more-question", Static).update(self.text(self.step.more_question, **who))
            hint = "y: yes, there's more · n: that's all, the floor passes"
            self.focus(scroll_visible=False)
        else:
            said = turn.mirrors[-1] if turn.mirrors else None
            mirror = self.query_one("#mirror-said", Static)
            if said:
                mirror.update(Content.assemble(self.wording.name(turn.listener), " heard: ", ("“", "dim"), Content(said), ("”", "dim")))
            else:
                mirror.update(Content.assemble(self.wording.name(turn.listener), " said it aloud."))
            self.query_one("#heard-question", Static).update(self.text(self.step.heard_question, **who))
            hint = "y: yes · n: not quite, let's try again"
            self.focus(scroll_visible=False)
        self.query_one("#turn-hint", Words).say(hint)

    def _repaint_floor(self) -> None:
        turn = self.runner.turn
        if turn is None or turn.phase != "speaking":
            return
        remaining = turn.floor.remaining(self.runner.now())
        if remaining > 0:
            text = Content.assemble((clock_face(remaining), "bold"), " left on the floor")
        else:
            text = Content.styled("Time is up. Finish your thought, then press Enter.", "bold")
        if self.runner.paused:
            text = Content.assemble(text, ("  (paused)", "dim"))
        self.query_one("#floor-time", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        turn = self.runner.turn
        if turn is None or turn.phase != "mirroring" or self._phase_shown != self._moment(turn):
            return  # a second Enter, after the mirror was already given
        text = event.value.strip()
        self.act(lambda: self.runner.turn_mirrored(text or None))

    @staticmethod
    def _moment(turn) -> tuple:
        return (turn.round, turn.speaker, turn.phase, turn.attempt, len(turn.exchanges))

    def draft(self) -> object:
        turn = self.runner.turn
        if turn is None or turn.phase != "mirroring":
            return None
        return self.query_one("#mirror-input", Input).value

    def draft_partner(self) -> int | None:
        turn = self.runner.turn
        return turn.listener if turn is not None else None

    def keep_draft(self) -> None:
        turn = self.runner.turn
        if turn is not None and turn.phase == "mirroring":
            super().keep_draft()

    def action_done_speaking(self) -> None:
        self.act(lambda: self.runner.turn_done_speaking())

    def action_heard(self, yes: bool) -> None:
        self.act(lambda: self.runner.turn_heard(yes))

    def action_more_answer(self, yes: bool) -> None:
        self.act(lambda: self.runner.turn_more(yes))

    def action_more(self) -> None:
        if self.is_current:
            self.runner.extend_timer(EXTRA_SECONDS)
            self._repaint_floor()

    def unsaved(self) -> str | None:
        turn = self.runner.turn
        if turn is not None and turn.phase == "mirroring" and self.query_one("#mirror-input", Input).value.strip():
            return "A mirror you typed hasn't been given yet."
        return None
