"""The DEMO marker: one bright line saying this is a demo, with sample names and nothing saved.

Kept apart from the demo's screens so that screens any session can show (the break
dialog, the flooding offer, the cool-down) can carry it too, without importing the demo
app: they ask the app for its marker words (only the demo apps have ``marker_words``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static


class DemoMarker(Static):
    DEFAULT_CSS = """
    DemoMarker {
        height: auto; width: 100%; padding: 0 1;
        background: $warning; color: $background; text-style: bold;
    }
    /* On a screen laid over the session (a dialog, the cool-down): along the top. */
    DemoMarker.-over { dock: top; }
    """

    def __init__(self, content: Any = "", *, partners: tuple[str, str] | None = None, **kwargs: Any) -> None:
        """``content`` is one text, or several ways of saying it, the fullest first: the
        marker shows the fullest that fits on one line (else the last, wrapped)."""
        self.choices: tuple[str, ...] = ()
        if isinstance(content, (tuple, list)):
            self.choices = tuple(content)
            content = self.choices[0] if self.choices else ""
            kwargs.setdefault("markup", False)
        super().__init__(content, **kwargs)
        self.partners = partners  # on a screen over the session: redrawn when the speed changes

    def show(self, choices: Sequence[str]) -> None:
        self.choices = tuple(choices)
        self.refresh(layout=True)

    def pick(self, width: int) -> str:
        """The fullest wording that fits on one line of ``width`` (else the last, wrapped)."""
        fitting = [text for text in self.choices if len(text) <= width] if width > 0 else list(self.choices)
        return fitting[0] if fitting else self.choices[-1]

    # Chosen as it is drawn, for the width it is drawn at (no second layout pass).
    def render(self) -> Any:
        return Content(self.pick(self.content_size.width)) if self.choices else super().render()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.choices:
            return super().get_content_height(container, viewport, width)
        return Content(self.pick(width)).get_height(self.styles, width) if width else 0


def marker_words(partners: tuple[str, str], factor: float = 1.0, kind: str = "DEMO") -> tuple[str, ...]:
    """``DEMO · sample partners Jamie and Morgan · nothing is saved`` (and the speed, when
    fast), the roomiest first and then more compact ways of saying the same."""
    first, second = partners
    parts = [kind, f"sample partners {first} and {second}", "nothing is saved"]
    if factor != 1.0:
        parts.append(f"timers ×{factor:g}")
    brief = [kind, "sample partners", *parts[2:]]
    return ("  ·  ".join(parts), " · ".join(parts), " · ".join(brief))


def demo_markers(app: Any, partners: tuple[str, str] | None = None) -> list[DemoMarker]:
    """The marker for a screen over a demo session: one in a demo, none in gentle itself."""
    words = getattr(app, "marker_words", None)
    if not callable(words):
        return []
    shown = partners or app.context.names()
    return [DemoMarker(words(shown), classes="-over", partners=shown)]
