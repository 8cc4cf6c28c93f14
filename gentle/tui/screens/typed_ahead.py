"""Keys typed while one step's view gives way to the next: kept, in order, for the next view.

A couple who know the flow type ahead ("Enter 8 Enter 3 Enter"). textual hands each key
to the focused widget as it comes, so most of such a burst lands on the view of a step
the runner has just left, and the rest on the screen while the next view is mounted. A
stale view must never act on them (``StepView.act`` refuses), and dropping them loses
what a partner typed; so they are held here and given to the next view, in the order
they were typed, once it has the focus.

The order holds because a step view runs its own key bindings itself, in its own turn
(``StepView.take_key``), instead of leaving them to the app: the key after an Enter that
moves the runner on is only looked at once the runner has moved, and is then held. The
held keys go into the new view's queue in one go, before the app can hand it any key
typed later. Keys bound with priority (quick hide, the break key) never reach a step
view and are never held.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from gentle.tui.compat import forward_key

# How often to look again whether the keys can go: normally the next view takes them
# long before, but if its step has no view to wait for (the flow finished, say) they go
# to whatever has the focus.
HOLD_LIMIT = 1.0  # seconds


class TypedAhead:
    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self._held: list[events.Key] | None = None

    @property
    def holding(self) -> bool:
        return self._held is not None

    def start(self) -> None:
        """From now on keep keys, until ``release``: a new step view is on its way."""
        if self._held is None:
            self._held = []
            self.screen.set_timer(HOLD_LIMIT, self._time_up)

    def hold(self, keys: list[events.Key]) -> None:
        """Keep ``keys`` (typed before this screen was up) ahead of any that follow."""
        self.start()
        assert self._held is not None
        self._held[:0] = keys

    def keep(self, event: events.Key) -> None:
        """Take ``event`` away from where it landed; ``release`` replays it."""
        event.stop()
        event.prevent_default()
        self.start()
        assert self._held is not None
        self._held.append(events.Key(event.key, event.character))

    def _time_up(self) -> None:
        if self._held is None:
            return
        view = getattr(self.screen, "current_view", None)
        if view is not None and not (view.is_current and view.taking_keys):
            # The next view is still on its way (a busy machine): keep waiting for it.
            self.screen.set_timer(HOLD_LIMIT, self._time_up)
            return
        self.release()

    def release(self) -> None:
        """Give the kept keys, oldest first, to what has the focus now."""
        held, self._held = self._held, None
        if not held:
            return
        if not self.screen.is_attached:
            return  # the app is closing (or the screen went): nobody is there to type to
        target = self.screen.app.focused or self.screen
        for key in held:
            forward_key(target, key)
