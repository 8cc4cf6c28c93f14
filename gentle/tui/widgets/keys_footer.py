"""The footer with the keys: readable names, the safety keys always there, and never in
the way of its screen's first frame.

It is one line of text, not a row of widgets: gentle's own, because textual's Footer
shows keys in caret notation (``^b``), drops whichever keys come last when the line is
too short (Break and Hide went first), and keeps its screen's first frame back while it
mounts a widget per key.

* Keys are named as people read them (``Ctrl+B``, ``Esc``, ``Enter``): see
  :func:`key_label`, which ``GentleApp.get_key_display`` (and so the help screen) uses too.
* Break, Hide and Help are kept at every width, at the right-hand end where they always
  are. The others are dropped when the line is too short, the least needed first
  (:data:`LESSER`, then the later ones on the line), and the line says nothing
  misleading: a key that is shown works.
* A click on a key presses it.

It also knows when its screen was first shown: textual may paint a frame while the app
is still being put together (inside a "batch") and then drop it, so only a paint
outside a batch counts. ``on_shown`` is called then, for work that should wait until the
couple can see something (opening the notes store, loading a flow's summary).
"""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from gentle.tui.compat import in_batch

# If the footer is never painted (a terminal too small to show it), count the screen as
# shown after this long anyway, so nothing waits for a sign that never comes.
UNSEEN_LIMIT = 0.5  # seconds

# Kept at every width, in this order, at the end of the line.
SAFETY = ("break", "quick-hide", "help")
# Dropped first when the line is short (after these, the later keys on the line go).
LESSER = ("commands", "quit", "home-quit", "note", "pause-all", "skip")
GAP = "  "
NARROW_GAP = " "  # when the wider gap would cost a key

_NAMES = {
    "escape": "Esc", "enter": "Enter", "space": "Space", "tab": "Tab", "backspace": "Backspace",
    "question_mark": "?", "plus": "+", "minus": "-", "equals_sign": "=", "left": "←",
    "right": "→", "up": "↑", "down": "↓", "pageup": "PgUp", "pagedown": "PgDn",
    "home": "Home", "end": "End", "delete": "Del", "insert": "Ins",
}


def key_label(key: str) -> str:
    """``ctrl+b`` -> ``Ctrl+B``, ``escape`` -> ``Esc``, ``f1`` -> ``F1``: one key, readable."""
    *modifiers, name = key.split("+")
    if name in _NAMES:
        shown = _NAMES[name]
    elif len(name) == 1:
        shown = name.upper() if modifiers else name
    elif name[:1] == "f" and name[1:].isdigit():
        shown = name.upper()
    else:
        shown = name.replace("_", " ").capitalize()
    return "+".join([*(m.capitalize() for m in modifiers), shown])


class KeysFooter(Widget):
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom; height: 1; width: 1fr;
        background: $panel; color: $foreground-muted;
    }
    """
    ALLOW_SELECT = False

    def __init__(self, *, keys: bool = True, on_shown: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._keys = keys
        self._on_shown = on_shown
        self.shown = False
        # (start column, end column, key to press) for each key on the line as drawn.
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.set_timer(UNSEEN_LIMIT, self._now_shown)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if self._keys and screen is self.screen:
            self.refresh()

    # ----- the line -------------------------------------------------------------------------

    def entries(self) -> list[tuple[Binding, bool]]:
        """(binding, enabled) for each key to show, one per action, in the screen's order."""
        if not self._keys or not self.is_attached:
            return []
        seen: dict[str, tuple[Binding, bool]] = {}
        described: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not (binding.show and binding.description) or binding.action in seen:
                continue
            if binding.description in described:
                continue  # one "Quit" is enough: the screen's own key comes first
            described.add(binding.description)
            seen[binding.action] = (binding, enabled)
        if self.screen.is_modal:
            # textual leaves the app's keys out of a modal screen's bindings, but its
            # priority keys (Break, Hide, Help) still work there: show them too.
            for binding in type(self.app).BINDINGS:
                if not isinstance(binding, Binding) or binding.id not in SAFETY or binding.action in seen:
                    continue
                state = self.app.check_action(binding.action, ())
                if state is not False:
                    seen[binding.action] = (binding, bool(state))
        return list(seen.values())

    def chosen(self, width: int) -> list[tuple[Binding, bool]]:
        """The keys that fit in ``width`` columns: the safety keys always, then the most needed."""
        return self._fit(width)[0]

    def _fit(self, width: int) -> tuple[list[tuple[Binding, bool]], str]:
        """The keys that fit, and the gap between them: the narrow gap only if it keeps more."""
        wide = self._fit_with(width, GAP)
        narrow = self._fit_with(width, NARROW_GAP)
        return (narrow, NARROW_GAP) if len(narrow) > len(wide) else (wide, GAP)

    def _fit_with(self, width: int, gap: str) -> list[tuple[Binding, bool]]:
        entries = self.entries()
        safety = sorted((e for e in entries if e[0].id in SAFETY), key=lambda e: SAFETY.index(e[0].id))
        others = [e for e in entries if e[0].id not in SAFETY]
        # The order to drop them in: the lesser keys first, then from the end of the line.
        lesser = sorted((i for i, e in enumerate(others) if e[0].id in LESSER),
                        key=lambda i: LESSER.index(others[i][0].id))
        drop_order = lesser + [i for i in reversed(range(len(others))) if others[i][0].id not in LESSER]
        kept = set(range(len(others)))
        while kept and self._width(safety + [others[i] for i in sorted(kept)], gap) > width:
            kept.discard(drop_order.pop(0))
        return [others[i] for i in sorted(kept)] + safety

    def _label(self, binding: Binding) -> str:
        return self.app.get_key_display(binding)

    def _width(self, entries: list[tuple[Binding, bool]], gap: str = GAP) -> int:
        words = [f"{self._label(b)} {b.description}" for b, _ in entries]
        return 1 + sum(len(w) for w in words) + len(gap) * max(0, len(words) - 1)

    def render(self) -> Content:
        width = self.size.width
        chosen, gap = self._fit(width)
        others = [e for e in chosen if e[0].id not in SAFETY]
        safety = [e for e in chosen if e[0].id in SAFETY]
        pieces: list[Content] = [Content(" ")]
        spans: list[tuple[int, int, str]] = []
        column = 1

        def add(binding: Binding, enabled: bool) -> None:
            nonlocal column
            label = self._label(binding)
            style = "bold $footer-key-foreground" if enabled else "dim"
            piece = Content.assemble((label, style), " ", (binding.description, "" if enabled else "dim"))
            if len(pieces) > 1:
                pieces.append(Content(gap))
                column += len(gap)
            pieces.append(piece)
            spans.append((column, column + piece.cell_length, binding.key.split(",")[0]))
            column += piece.cell_length

        for binding, enabled in others:
            add(binding, enabled)
        if safety:
            # The safety keys sit at the right-hand end, in the same place on every screen.
            room = width - column - self._width(safety, gap) + 1
            if others and room > len(gap):
                pieces.append(Content(" " * (room - len(gap))))
                column += room - len(gap)
            for binding, enabled in safety:
                add(binding, enabled)
        self._spans = spans
        return Content.assemble(*pieces)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return

    # ----- the first frame ------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if not self.shown:
            if in_batch(self.app):
                self.call_later(self.refresh)  # be painted again with the frame that is shown
            else:
                self.call_later(self._now_shown)
        return lines

    def _now_shown(self) -> None:
        if self.shown:
            return
        self.shown = True
        if self._on_shown is not None:
            self._on_shown()
