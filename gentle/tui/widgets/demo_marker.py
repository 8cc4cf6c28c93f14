"""The DEMO marker: one bright line saying this is a demo, with sample names and nothing saved.

Kept apart from the demo's screens so that screens any session can show (the break
dialog, the flooding offer, the cool-down) can carry it too, without importing the demo
app: they ask the app for its marker words (only the demo apps have ``marker_words``).
"""

from __future__ import annotations

from typing import Any

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

    def __init__(self, *args: Any, partners: tuple[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = partners  # on a screen over the session: redrawn when the speed changes


def marker_words(partners: tuple[str, str], factor: float = 1.0, kind: str = "DEMO") -> str:
    """``DEMO · sample partners Jamie and Morgan · nothing is saved`` (and the speed, when fast)."""
    fast = f"  ·  timers ×{factor:g}" if factor != 1.0 else ""
    first, second = partners
    return f"{kind}  ·  sample partners {first} and {second}  ·  nothing is saved{fast}"


def demo_markers(app: Any, partners: tuple[str, str] | None = None) -> list[DemoMarker]:
    """The marker for a screen over a demo session: one in a demo, none in gentle itself."""
    words = getattr(app, "marker_words", None)
    if not callable(words):
        return []
    shown = partners or app.context.names()
    return [DemoMarker(words(shown), classes="-over", markup=False, partners=shown)]
