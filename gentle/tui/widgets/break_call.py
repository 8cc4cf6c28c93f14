""""We need a break": who is calling it, when to come back, and the cool-down itself.

* :class:`BreakCallDialog` asks who calls the break (1 or 2) and when to come back
  (20 minutes at least, 24 hours at most); the engine records both.
* :class:`FloodingOffer` is shown when a distress rating reached the flow's threshold.
* :class:`CoolDownScreen` counts the break down from its wall-clock deadline and, when
  the time is up (or the couple come back early), returns to exactly where they were.

All three show the couple's time-out plan in their own words (``PlanLines``), or, on the
cool-down itself, one calm line offering to make one later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from gentle.engine.breaks import MAX_BREAK_SECONDS, MIN_BREAK_SECONDS
from gentle.store import describe as say
from gentle.tui.literal import literal_line
from gentle.tui.screens.dialog import ClosesItself, Dialog
from gentle.tui.widgets.demo_marker import demo_markers
from gentle.tui.widgets.countdown import CountdownView, local_time
from gentle.tui.widgets.keys_footer import KeysFooter
from gentle.tui.widgets.plan_lines import PlanLines, plan_of
from gentle.tui.widgets.words import Words

if TYPE_CHECKING:
    from gentle.engine.runner import Runner
    from gentle.store.plan import Plan

LENGTHS_MINUTES = (20, 30, 45, 60, 120, 24 * 60)
EXTRA_SECONDS = 5 * 60
PARTNER_STYLES = ("bold $partner-a", "bold $partner-b")


def break_lengths(minimum: float = MIN_BREAK_SECONDS, maximum: float = MAX_BREAK_SECONDS) -> list[float]:
    return [m * 60.0 for m in LENGTHS_MINUTES if minimum <= m * 60 <= maximum]


def length_label(seconds: float, now: float) -> str:
    if seconds >= 24 * 3600:
        return f"Tomorrow, same time (24 hours, back at {local_time(now + seconds)})"
    return f"{say.duration(seconds)}  (back at {local_time(now + seconds)})"


class Lengths(OptionList):
    """The break lengths. Enter starts the break at once, in its own key's turn, not by a
    message handled later: an Esc typed straight after it must not cancel the break that
    the Enter asked for (it did, in the key storms)."""

    def action_select(self) -> None:
        dialog = self.screen
        if self.highlighted is not None and isinstance(dialog, BreakCallDialog):
            dialog.choose(self.highlighted)
        else:
            super().action_select()


class BreakCallDialog(Dialog["tuple[int, float] | None"]):
    """Returns (who called it: 0 or 1, seconds), or None for "not now"."""

    DEFAULT_CSS = """
    BreakCallDialog > Vertical { padding: 0 2; }
    BreakCallDialog #who { height: auto; margin: 0 0 1 0; }
    BreakCallDialog #who Button { margin-right: 2; }
    BreakCallDialog #who Button.-chosen { text-style: bold reverse; }
    BreakCallDialog #lengths { height: auto; max-height: 8; }
    /* A small terminal keeps what a break needs: who, and when to come back. The plan is
       on the cool-down screen a moment later. */
    BreakCallDialog.-short .prose, BreakCallDialog.-short #break-plan { display: none; }
    BreakCallDialog.-short #who { margin: 0; }
    BreakCallDialog.-short #lengths { max-height: 5; }
    BreakCallDialog.-short .hint { display: none; }  /* the footer says "Esc Not now" */
    BreakCallDialog.-short > Vertical { border: none; }
    """

    BINDINGS = [
        Binding("1", "who(0)", "First partner", id="break-who-1", show=False, priority=True,
                tooltip="The first partner is calling the break."),
        Binding("2", "who(1)", "Second partner", id="break-who-2", show=False, priority=True,
                tooltip="The second partner is calling the break."),
        Binding("escape", "cancel", "Not now", id="break-cancel", tooltip="Go back without a break."),
    ]

    def __init__(self, partners: tuple[str, str], now: float, *, who: int | None = None,
                 plan: "Plan | None" = None, in_session: bool = True) -> None:
        super().__init__()
        self.partners = partners
        self.now = now
        self.who = who
        self.plan = plan
        self.in_session = in_session  # False: called from home (a session starts with it)
        self.lengths = break_lengths()

    def compose(self) -> ComposeResult:
        if self.plan is None:
            self.plan = plan_of(self.app)
        yield from demo_markers(self.app, self.partners)
        with Vertical():
            yield Static("We need a break", classes="dialog-title", markup=False)
            after = ("you'll come back to exactly this point." if self.in_session
                     else "afterwards, gentle helps you check in with each other.")
            why = ("Stopping is a kind thing to do, and you agreed on how." if self.plan is not None
                   and not self.plan.empty else
                   f"Stopping is a kind thing to do. It takes at least 20 minutes to calm down; {after}")
            yield Static(why, classes="prose", markup=False)
            yield PlanLines(self.plan, offer=False, read=False, brief=True, id="break-plan")
            yield Static("Who is calling it? Press 1 or 2.", markup=False)
            with Horizontal(id="who"):
                for n, name in enumerate(self.partners):
                    label = Content.assemble(f"{n + 1}  ", literal_line(name, PARTNER_STYLES[n]))
                    yield Button(label, id=f"who-{n}", compact=True)
            yield Static("When will you come back? Enter starts the break.", markup=False)
            yield Lengths(
                *(Option(length_label(s, self.now), id=str(i)) for i, s in enumerate(self.lengths)),
                id="lengths",
                markup=False,
            )
            yield Words("", id="break-problem")
            yield Static("Esc: not now", classes="hint", markup=False)

    def on_mount(self) -> None:
        lengths = self.query_one(OptionList)
        planned = self.plan.seconds if self.plan is not None else None
        # The length the couple agreed in their plan is the one Enter takes.
        lengths.highlighted = self.lengths.index(planned) if planned in self.lengths else 0
        lengths.focus()
        if self.who is not None:
            self.action_who(self.who)

    def action_who(self, who: int) -> None:
        self.who = who
        for n in (0, 1):
            self.query_one(f"#who-{n}", Button).set_class(n == who, "-chosen")
        self.query_one("#break-problem", Words).say(
            Content.assemble(literal_line(self.partners[who], PARTNER_STYLES[who]), " is calling the break.")
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id in ("who-0", "who-1"):
            self.action_who(int(event.button.id[-1]))
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click (Enter comes straight to ``choose``)
        self.choose(event.option_index)

    def choose(self, index: int) -> None:
        if self.who is None:
            self.query_one("#break-problem", Words).say("Who is calling the break? Press 1 or 2.")
            return
        self.dismiss((self.who, self.lengths[index]))

    def action_cancel(self) -> None:
        self.dismiss(None)


class FloodingOffer(Dialog[bool]):
    """True: take a break now; False: go on."""

    DEFAULT_CSS = """
    FloodingOffer > Vertical { width: 64; border: round $warning; }
    FloodingOffer Horizontal { height: auto; margin-top: 1; }
    FloodingOffer Button { margin-right: 2; }
    /* A small terminal keeps the question and its two answers; the plan follows on the
       cool-down screen. */
    FloodingOffer.-short > Vertical { padding: 0 1; }
    FloodingOffer.-short #offer-plan { display: none; }
    """

    BINDINGS = [
        Binding("b,y", "choose(True)", "Take a break", id="flooding-break",
                tooltip="Stop for at least 20 minutes and come back to this step."),
        Binding("g,n,escape", "choose(False)", "Go on", id="flooding-go-on",
                tooltip="Carry on without a break."),
    ]

    def __init__(self, threshold: int, plan: "Plan | None" = None) -> None:
        super().__init__()
        self.threshold = threshold
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield from demo_markers(self.app)
        with Vertical():
            yield Static("This feels like a lot right now", classes="dialog-title", markup=False)
            yield Static(
                f"One of you rated your distress at {self.threshold} or more. When feelings run "
                "this high it is hard to hear each other; that's the body, not a failing. "
                "A break of at least 20 minutes usually helps more than pushing on.",
                classes="prose",
                markup=False,
            )
            yield PlanLines(self.plan, offer=False, brief=True, id="offer-plan")
            with Horizontal():
                yield Button("Take a break  (b)", id="take-break", variant="primary", compact=True)
                yield Button("Go on  (g)", id="go-on", compact=True)

    def on_mount(self) -> None:
        self.query_one("#take-break", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "take-break")

    def action_choose(self, take: bool) -> None:
        self.dismiss(take)


class CoolDownScreen(ClosesItself, Screen[None]):
    """The break itself: a calm countdown to a wall-clock time, then back to the step."""

    DEFAULT_CSS = """
    CoolDownScreen #cool-column { align-horizontal: center; }
    CoolDownScreen .cool-guide { margin-top: 1; }
    """

    BINDINGS = [
        Binding("plus,equals_sign", "more", "5 more min", id="break-more", key_display="+", tooltip="Five more minutes."),
        Binding("e", "end_early", "Back early", id="break-end", tooltip="Come back before the time is up (asks first)."),
        Binding("enter", "return", "Continue", id="break-return", tooltip="Go back to where you left off."),
    ]

    def __init__(self, runner: "Runner") -> None:
        super().__init__()
        self.runner = runner
        self._rang = False

    def help_topic(self) -> str:
        return "timer"

    def compose(self) -> ComposeResult:
        plan = plan_of(self.app)
        yield from demo_markers(self.app, self.runner.partners)
        with Vertical(classes="column", id="cool-column"):
            yield Static("Cool-down break", classes="step-title", markup=False)
            yield Words("", id="called-by")
            yield CountdownView(id="cool-countdown")
            # Their own plan first, in their words: it says more than any advice of ours.
            yield PlanLines(plan, offer=False, read=False, id="cool-plan")
            yield Static(
                "Spend this time apart, doing something soothing on your own: a walk, music, "
                "a shower, a few slow breaths. Try not to replay the argument in your head. "
                "You're coming back to finish this, together.",
                classes="prose cool-guide",
                markup=False,
            )
            if plan is None:
                yield PlanLines(None, read=False, id="cool-offer")
            yield Words("", id="cool-hint", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        brk = self.runner.break_
        if brk is not None and brk.called_by in (0, 1):
            who = brk.called_by
            self.query_one("#called-by", Words).say(
                Content.assemble(
                    "Called by ", literal_line(self.runner.partners[who], PARTNER_STYLES[who]), "."
                )
            )
        self.set_interval(0.25, self._repaint)
        self._repaint()

    @property
    def over(self) -> bool:
        brk = self.runner.break_
        return brk is None or brk.finished(self.runner.now())

    def _repaint(self) -> None:
        brk = self.runner.break_
        now = self.runner.now()
        remaining = brk.remaining(now) if brk is not None else 0.0
        deadline = brk.deadline if brk is not None else None
        self.query_one(CountdownView).show(remaining, deadline, paused=self.runner.paused)
        if self.over and not self._rang:
            self._rang = True
            self.app.ring()  # type: ignore[attr-defined]
        hint = (
            "Time is up. Welcome back. Press Enter when you're both here."
            if self.over
            else "+ adds five minutes · e comes back early"
        )
        self.query_one("#cool-hint", Words).say(hint)

    def action_more(self) -> None:
        if self.runner.break_ is None:
            return
        verdict = self.runner.extend_break(EXTRA_SECONDS)
        if not verdict:
            self.notify(str(verdict.reason).capitalize() + ".", timeout=4, markup=False)
            return
        self._rang = False
        self.notify("Five more minutes.", timeout=3)
        self._repaint()

    def action_end_early(self) -> None:
        if self.over:
            self.action_return()
            return
        from gentle.tui.screens.confirm import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self.action_return(early=True)

        self.app.push_screen(
            ConfirmScreen(
                "Come back now? It's fine to end early if you both feel calm.",
                yes="Come back",
                no="Keep resting",
            ),
            decided,
        )

    def action_return(self, early: bool = False) -> None:
        if not self.over and not early:
            self.notify("The break isn't over yet. Press e to come back early.", timeout=4)
            return
        if self.runner.break_ is not None:
            self.runner.end_break()
        self.dismiss(None)
