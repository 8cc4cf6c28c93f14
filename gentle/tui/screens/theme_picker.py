"""Colours: the theme picker. Moving tries each theme at once; Enter keeps it (saved to
config.yaml), Esc puts back the one you had.

    from gentle.tui.screens.theme_picker import choose_theme
    choose_theme(app)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from gentle.config.settings import THEMES
from gentle.tui.screens.picker import Row, SettingPicker

if TYPE_CHECKING:
    from textual.app import App

# gentle's own themes and the terminal's, first and in words; textual's others follow.
DESCRIBED: dict[str, tuple[str, str]] = {
    "gentle": ("Calm", "gentle's quiet colours"),
    "gentle-high-contrast": ("High contrast", "for low vision"),
    "ansi-dark": ("Terminal colours", "dark"),
    "ansi-light": ("Terminal colours", "light"),
    "textual-light": ("Light", "dark text on white"),
}


def theme_rows(available: set[str] | dict) -> list[Row | None]:
    rows: list[Row | None] = [
        (name, Content.assemble((label, "bold"), (f"  {about}", "dim")))
        for name, (label, about) in DESCRIBED.items()
        if name in available
    ]
    others = [name for name in THEMES if name not in DESCRIBED and name in available]
    if others:
        rows.append(None)
        rows += [(name, Content(name)) for name in others]
    return rows


class ThemePicker(SettingPicker):
    heading = "Colours"
    hint = "Arrows try one · Enter keeps it · Esc: as before"

    def __init__(self, current: str, available: set[str] | dict) -> None:
        super().__init__(theme_rows(available), current=current, highlight=current)

    def tried(self, value: str) -> None:
        if self.app.theme != value:
            self.app.theme = value

    def chosen(self, value: str) -> None:
        self.app.theme = value
        context = self.app.context  # type: ignore[attr-defined]
        context.theme = value
        context.save_setting(theme=value)

    def cancelled(self) -> None:
        if self.current is not None and self.app.theme != self.current:
            self.app.theme = self.current


def choose_theme(app: "App") -> None:
    """Open the theme picker over whatever is on screen (once)."""
    if isinstance(app.screen, ThemePicker):
        return
    app.push_screen(ThemePicker(app.theme, app.available_themes))
