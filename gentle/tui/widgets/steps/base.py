"""What every step view shares: the runner, the wording, drafts, and how to say "I moved it".

Drafts (words typed but not yet given) belong to the runner (``Runner.keep_draft``), so
they are events like any other: kept in the store every few seconds while typing, and at
once on a quick hide, a break, quitting or a crash (``GentleApp.keep_drafts``). A view
with a box to type in says what it holds in :meth:`StepView.draft`.
"""

from __future__ import annotations

import time

from typing import TYPE_CHECKING, Any, Callable

from textual import events
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from gentle.records import record
from gentle.tui.wording import PARTNER_CLASSES, Wording

if TYPE_CHECKING:
    from gentle.engine.runner import Runner


@record(frozen=False)
class StepContext:
    """Handed by the session screen to each step view."""

    runner: "Runner"
    wording: Wording
    reduced_motion: bool = False
    ring: Callable[[], None] = lambda: None


# How often words being typed are kept in the store (and so survive kill -9).
DRAFT_EVERY = 2.0  # seconds


class StepView(Vertical):
    """Shows one step of the flow. Subclasses set ``kind`` and compose the body."""

    kind = "step"
    # Focusable so the view's own keys (Enter to go on, digits to rate…) work at once.
    can_focus = True

    class Changed(Message):
        """The view called the runner; the screen should look at its state again."""

    def __init__(self, context: StepContext) -> None:
        super().__init__(classes=f"step step-{self.kind}")
        self.context = context
        self.step: Any = context.runner.step
        self.asking: int | None = context.runner.asking
        # False until focus_later has given this view the focus and the keys typed ahead.
        self.taking_keys = False
        if self.asking is not None:
            self.add_class(PARTNER_CLASSES[self.asking])

    @property
    def runner(self) -> "Runner":
        return self.context.runner

    @property
    def wording(self) -> Wording:
        return self.context.wording

    def text(self, raw: str | None, **who: int | None):
        """Flow text for this step, names filled in for whoever is asked now."""
        who.setdefault("partner", self.asking)
        runner = self.runner

        def answer(ref: str, whose: str | None) -> str:
            return runner.answer_words(ref, whose, asking=who.get("partner"),
                                       speaker=who.get("speaker"), listener=who.get("listener"))

        return self.wording.text(raw, answer=answer, **who)

    def shown_words(self) -> Any:
        """What this step shows of earlier words (`show:`); takes no room without any."""
        from gentle.tui.widgets.shown import ShownWords

        return ShownWords(self.runner.shown, self.wording, self.asking)

    @property
    def is_current(self) -> bool:
        """Whether the runner still stands where this view was made.

        Keys typed faster than the screen redraws reach the old view after the runner has
        moved on; such a view must never act on the next step or the other partner.
        """
        runner = self.runner
        return (
            not runner.finished
            and runner.break_ is None
            and runner.step is self.step
            and runner.asking == self.asking
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.is_current

    def changed(self) -> None:
        self.post_message(self.Changed())

    def act(self, call: Callable[[], object]) -> bool:
        """Call the runner, then redraw; but only while this view is still current.

        The runner refuses what doesn't fit the moment (a second Enter, say); a refusal
        with a reason people should read (an empty answer) is shown as a notice.
        """
        if not self.is_current:
            return False
        verdict = call()
        if verdict is not None and not verdict:
            reason = getattr(verdict, "reason", None)
            if reason and self.explains(reason):
                self.tell(self.explain(reason))
            return False
        self.changed()
        return True

    def tell(self, words: str, seconds: float = 4) -> None:
        """A notice, once: the same words while they are still showing are not stacked."""
        now = time.monotonic()
        if words == getattr(self, "_told", None) and now < getattr(self, "_told_until", 0.0):
            return
        self._told, self._told_until = words, now + seconds
        self.notify(words, timeout=seconds, markup=False)

    def explains(self, reason: str) -> bool:
        """Whether a refusal is worth telling the person (not a key pressed twice)."""
        return False

    def explain(self, reason: str) -> str:
        return reason

    # ----- drafts ----------------------------------------------------------------------------

    def draft(self) -> Any:
        """What is typed here and not yet given (None: nothing)."""
        return None

    def draft_partner(self) -> int | None:
        return self.asking

    def keep_draft(self) -> None:
        """Keep what is typed now with the session (the runner skips it when unchanged)."""
        if self.is_attached and self.is_current:
            self.runner.keep_draft(self.draft(), partner=self.draft_partner())

    def keep_drafts_while_typing(self) -> None:
        """Call from on_mount in views with a box to type in."""
        self.set_interval(DRAFT_EVERY, self.keep_draft)

    def state_changed(self) -> None:
        """The runner moved without leaving this step (paused, turn phase…): redraw."""

    def unsaved(self) -> str | None:
        """A reason to ask before quitting (typed text not yet given), or None."""
        return None

    def help_pages(self) -> tuple[str, ...]:
        """This kind's help page, and who answers (one page per `who:`, help/who-*.md)."""
        return (self.kind, *self.who_pages())

    def who_pages(self) -> tuple[str, ...]:
        from gentle.flows.kinds import asks

        who = getattr(self.step, "who", None)
        return (f"who-{who}",) if who and asks(self.step) else ()

    def focus_first(self) -> None:
        """Put the keyboard where the person will want to type or choose."""
        # No scrolling: the step's title and first words should stay in view.
        self.focus(scroll_visible=False)

    def focus_later(self) -> None:
        """focus_first once the view is laid out, unless the step moved on meanwhile; then
        the keys typed ahead meanwhile (screens/typed_ahead.py) are given to this view."""
        self.call_after_refresh(self._focus_if_still_here)

    def _focus_if_still_here(self) -> None:
        if not self.is_attached:
            return  # the step moved on: the next view takes the keys typed ahead
        try:
            self.focus_first()
        except NoMatches:  # the step moved on while we waited
            pass
        # textual moves the focus on the app's next turn; the keys follow it there.
        self.app.call_later(self._take_keys)

    def _take_keys(self) -> None:
        if not self.is_attached:
            return
        self.taking_keys = True
        typed_ahead = self._typed_ahead()
        if typed_ahead is not None:
            typed_ahead.release()

    def _typed_ahead(self) -> Any:
        return getattr(self.screen, "typed_ahead", None) if self.is_attached else None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and await self.take_key(event):
            return
        try:
            await super().on_event(event)
        except NoMatches:
            # A step that moved on while its view was still being mounted: textual has
            # taken the view's parts away already (seen in the key storms, under load).
            if self.is_current and self._shown_view() is self:
                raise

    def _shown_view(self) -> "StepView | None":
        try:
            return getattr(self.screen, "current_view", None)
        except Exception:  # noqa: BLE001 - no screen any more: this view is gone
            return None

    async def take_key(self, event: events.Key) -> bool:
        """Whether this view dealt with ``event`` itself, before anything else sees it.

        A key typed ahead (this view's step is over, or the view has not yet been given
        the keys held for it) is kept for the view that comes next; a key bound by this
        view runs its action at once. Fields and lists inside the view ask this first too
        (``ViewKeysFirst``), so a binding never waits behind keys typed after it.
        """
        if not (self.is_current and self.taking_keys):
            typed_ahead = self._typed_ahead()
            if typed_ahead is None:
                return False
            typed_ahead.keep(event)
            return True
        if self._enter_after_a_number(event):
            event.stop()
            event.prevent_default()
            return True
        return await self._run_own_binding(event)

    def _enter_after_a_number(self, event: events.Key) -> bool:
        """An Enter typed straight after a number that counted at once (``3`` then Enter,
        out of habit) belongs to that number: it must not skip the next step unread."""
        after = getattr(self.screen, "enter_after_number", None)
        return after is not None and after(event)

    async def _run_own_binding(self, event: events.Key) -> bool:
        """Run this view's binding for the key here and now, in the view's own turn.

        Left to textual, a binding runs later, when the key has bubbled up to the app,
        while this view goes on with the keys after it; in a burst those would act on a
        step the binding is about to leave.
        """
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node is not self or not active.enabled:
            return False
        event.stop()
        event.prevent_default()
        await self.run_action(active.binding.action)
        return True


class ViewKeysFirst:
    """For a widget that takes the focus inside a step view (a text field, a pick list).

    textual gives a key to the focused widget, and only later, once the widget has
    moved on to the next keys, bubbles it up to the view. So the step view looks at
    each key first, in this widget's turn (``StepView.take_key``); outside a step view
    nothing changes.
    """

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            view = next((node for node in self.ancestors if isinstance(node, StepView)), None)  # type: ignore[attr-defined]
            if view is not None and await view.take_key(event):
                return
        await super().on_event(event)  # type: ignore[misc]

    def render_lines(self, crop: Region) -> list[Strip]:
        # When a step moves on under a dialog, textual can paint the old step's widget
        # once more as the dialog's background, after it has dropped the widget's styles
        # (a KeyError for "text-area--gutter", seen in the key storms). Removed, it shows
        # nothing.
        if not self.is_attached:  # type: ignore[attr-defined]
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)  # type: ignore[misc]
