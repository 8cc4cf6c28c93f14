"""gentle's own themes, and the two partner colours every theme must provide.

The calm theme is low-contrast, cool and quiet on purpose: people use gentle while
upset, and a bright, busy screen does not help. The high-contrast theme is for low
vision and bright rooms. The built-in ``ansi-*`` themes work too; partner colours
fall back to ANSI names there so the terminal's own palette is respected.
"""

from __future__ import annotations

from textual.theme import Theme

from gentle.config.settings import THEME_ALIASES

CALM = Theme(
    name="gentle",
    primary="#7fa7c9",  # soft sky blue: the breath coming in
    secondary="#8fbfa8",  # sage: the breath going out
    accent="#c9a27f",
    warning="#d8b878",
    error="#d08a8a",
    success="#8fbfa8",
    foreground="#d9dde3",
    background="#1d2229",
    surface="#242a32",
    panel="#2b323b",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=0.92,
    variables={
        "partner-a": "#e0b07a",  # warm apricot
        "partner-b": "#a9a0de",  # lavender
        "footer-key-foreground": "#9fc3e0",
        "block-cursor-background": "#3a4a5c",
        "block-cursor-foreground": "#eef2f6",
        "block-cursor-text-style": "none",
    },
)

HIGH_CONTRAST = Theme(
    name="gentle-high-contrast",
    primary="#5fd7ff",
    secondary="#87ff87",
    accent="#ffd75f",
    warning="#ffd75f",
    error="#ff8787",
    success="#87ff87",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
    luminosity_spread=0.2,
    text_alpha=1.0,
    variables={
        "partner-a": "#ffd75f",
        "partner-b": "#ff87ff",
        "footer-key-foreground": "#5fd7ff",
        "block-cursor-background": "#ffffff",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)

GENTLE_THEMES: tuple[Theme, ...] = (CALM, HIGH_CONTRAST)
DEFAULT_THEME = CALM.name

# Short names people may type in config ("calm", "high-contrast") are THEME_ALIASES, kept
# with the settings (gentle/config/settings.py), which check them without textual.


def partner_colour_defaults(theme: Theme) -> dict[str, str]:
    """Partner colours for a theme that does not name its own."""
    if theme.ansi:
        return {"partner-a": "ansi_yellow", "partner-b": "ansi_magenta"}
    return {"partner-a": "#e0b07a", "partner-b": "#a9a0de"}


def resolve_theme_name(name: str | None, available: set[str] | dict) -> str:
    """The registered theme for a configured name; the calm theme when unknown."""
    if not name:
        return DEFAULT_THEME
    name = THEME_ALIASES.get(name, name)
    return name if name in available else DEFAULT_THEME
