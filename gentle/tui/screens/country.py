"""The country for the support lines: a short list, the system's country preselected.

    from gentle.tui.screens.country import choose_country
    choose_country(app)

Choosing saves ``country`` to config.yaml and redraws the lines wherever they are shown
(the first-run note, Safety & support). Esc leaves everything as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from gentle.config.settings import COUNTRIES
from gentle.safety import all_countries
from gentle.safety.country import support_country
from gentle.safety.resources import INTERNATIONAL
from gentle.tui.literal import literal_line
from gentle.tui.screens.picker import Row, SettingPicker

if TYPE_CHECKING:
    from textual.app import App

    from gentle.safety.country import SupportCountry


def country_rows(system: str | None) -> list[Row | None]:
    """Every country gentle has lines for: the built-in ones in their usual order, then the
    person's own (resources.yaml), then the international lines."""
    countries, _ = all_countries()
    order = [code for code in COUNTRIES if code in countries and code != INTERNATIONAL]
    order += sorted(code for code in countries if code not in COUNTRIES)
    rows: list[Row | None] = []
    for code in order:
        label = literal_line(countries[code].name, "bold")
        if code == system:
            label += Content.styled("  from your system", "dim")
        rows.append((code, label))
    rows.append((INTERNATIONAL, Content.assemble(("Anywhere else", "bold"), ("  lines that work in any country", "dim"))))
    return rows


class CountryPicker(SettingPicker):
    heading = "Support lines for which country?"

    def __init__(self, support: "SupportCountry") -> None:
        highlight = support.code if support.source == "chosen" else support.system or support.code
        super().__init__(country_rows(support.system), current=support.code, highlight=highlight)

    def chosen(self, value: str) -> None:
        context = self.app.context  # type: ignore[attr-defined]
        context.country = value
        context.save_setting(country=value)
        support_changed(self.app)


def support_changed(app: "App") -> None:
    """Redraw the support lines on every screen that shows them."""
    for screen in app.screen_stack:
        for widget in screen.query(".-support-lines"):
            widget.refresh_lines()  # type: ignore[attr-defined]


def choose_country(app: "App") -> None:
    """Open the country picker over whatever is on screen (once)."""
    if isinstance(app.screen, CountryPicker):
        return
    app.push_screen(CountryPicker(support_country(app.context.country)))  # type: ignore[attr-defined]
