"""The settings object, its defaults, and the values each setting may take.

No textual here: the theme names of textual 8.2.8 are listed by hand, and a unit test
keeps the list in step with ``textual.theme.BUILTIN_THEMES``.
"""

from __future__ import annotations

from dataclasses import field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Literal, Mapping

from gentle.records import record

# gentle's own themes (defined by the TUI) and textual's built-in ones.
GENTLE_THEMES: tuple[str, ...] = ("gentle", "gentle-high-contrast")
TEXTUAL_THEMES: tuple[str, ...] = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
THEMES: tuple[str, ...] = GENTLE_THEMES + TEXTUAL_THEMES
# Short names people may write instead (config.yaml, GENTLE_THEME). gentle keeps the full
# name: what is saved, and what `gentle config` shows, is always one of THEMES.
THEME_ALIASES: Mapping[str, str] = MappingProxyType(
    {"calm": "gentle", "default": "gentle", "high-contrast": "gentle-high-contrast",
     "contrast": "gentle-high-contrast"}
)

# Countries with built-in support lines (gentle/safety/resources.yaml).
COUNTRIES: tuple[str, ...] = ("us", "uk", "ca", "au", "ie", "nz", "international")
COUNTRY_ALIASES: Mapping[str, str] = MappingProxyType(
    {"gb": "uk", "usa": "us", "united-states": "us", "united-kingdom": "uk", "canada": "ca",
     "australia": "au", "ireland": "ie", "new-zealand": "nz", "aotearoa": "nz"}
)

DISTRESS_MIN, DISTRESS_MAX = 1, 10
NAME_MAX = 40

Origin = Literal["default", "file", "environment"]


@record
class Config:
    """Everything a person can set in ``config.yaml`` (see ``gentle config``)."""

    partners: tuple[str, str] = ("Partner A", "Partner B")
    """The two names gentle uses on screen and in history, first partner first."""

    theme: str = "gentle"
    """The colour theme: "gentle" (calm, the default), "gentle-high-contrast" (for low
    vision and bright rooms; "high-contrast" works too), or one of textual's themes (for
    example "ansi-dark", which follows the terminal's own colours)."""

    reduced_motion: bool = False
    """Calmer screens: nothing moves smoothly. The breathing pacer is a still bar that
    fills a cell a second on the in-breath and empties on the out-breath, beside the
    words and the seconds left, instead of a growing shape."""

    bell: bool = True
    """Ring the terminal bell when a timer or a cool-down break ends."""

    country: str = "international"
    """Which support lines to show: us, uk, ca, au, ie, nz, or "international" (a
    directory of helplines worldwide). Another two-letter code works when the user's
    resources.yaml lists it. Until it is set, the app shows the lines for the system's
    country (from LANG, e.g. en_GB.UTF-8) when gentle has them."""

    flows_dirs: tuple[Path, ...] = ()
    """Extra folders of flow files, searched after the built-in flows and the user's
    own flows folder. Relative paths are relative to the folder of config.yaml."""

    distress_threshold: int = 7
    """A distress rating (0 to 10) at or above which gentle offers a cool-down break,
    for flows that do not set their own threshold."""

    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Key remapping: binding id -> key(s), e.g. {"break": "ctrl+b"}; several keys are
    separated by commas. Applied by the TUI with App.set_keymap."""

    first_run_acknowledged: bool = False
    """Whether the safety note has been read and dismissed once."""

    def keymap(self) -> dict[str, str]:
        """The key remapping as a plain dict, ready for ``App.set_keymap``."""
        return dict(self.keys)


DEFAULTS = Config()
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Config))


def describe(name: str, value: object) -> str:
    """A one-line, human form of a setting's value, for ``gentle config``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "partners":
        return " and ".join(value)  # type: ignore[arg-type]
    if name == "flows_dirs":
        return ", ".join(str(p) for p in value) or "none"  # type: ignore[union-attr]
    if name == "keys":
        items = sorted(value.items())  # type: ignore[union-attr]
        return ", ".join(f"{k}={v}" for k, v in items) or "none"
    return str(value)
