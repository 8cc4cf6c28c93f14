"""Checks for each setting's value, shared by the settings file and the environment.

Each check takes a plain Python value and returns the value gentle will use, or raises
:class:`Invalid` with a sentence a person can act on. Where the value came from (a line
in config.yaml, an environment variable) is added by the caller.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from types import MappingProxyType
from typing import Collection, Mapping

from gentle.config.settings import (
    COUNTRIES,
    COUNTRY_ALIASES,
    DISTRESS_MAX,
    DISTRESS_MIN,
    NAME_MAX,
    THEME_ALIASES,
    THEMES,
)
from gentle.text import clean_line

MAX_FLOWS_DIRS = 50
MAX_KEYS = 200
_BINDING_ID = re.compile(r"[a-z][a-z0-9_.-]*")
_KEY_NAME = re.compile(r"[^\s,]+")


class Invalid(ValueError):
    """A value that cannot be used; ``warning`` values are used but worth a word."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def did_you_mean(word: str, choices: Collection[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_partner_name(value: str) -> str:
    name = clean_line(value).strip()
    if not name:
        raise Invalid("a partner's name is empty")
    if len(name) > NAME_MAX:
        raise Invalid(f"the name '{name[:20]}…' is longer than {NAME_MAX} characters")
    return name


def check_partners(names: list[str]) -> tuple[str, str]:
    if len(names) != 2:
        raise Invalid(f"partners needs exactly two names, like [Sam, Alex]; found {len(names)}")
    first, second = check_partner_name(names[0]), check_partner_name(names[1])
    if first.casefold() == second.casefold():
        raise Invalid(f"both partners are called '{first}'; give each a different name")
    return first, second


def check_theme(value: str) -> str:
    """The theme's full name: an alias ("high-contrast", "calm") becomes the theme it names."""
    theme = "-".join(value.strip().lower().replace("_", " ").split())
    theme = THEME_ALIASES.get(theme, theme)
    if theme not in THEMES:
        hint = did_you_mean(theme, (*THEMES, *THEME_ALIASES))
        raise Invalid(f"there is no theme called '{clean_line(value)}'{hint}")
    return theme


def check_country(value: str) -> tuple[str, str | None]:
    """The country code to use, and a warning when gentle has no lines built in for it."""
    code = value.strip().lower().replace(" ", "-")
    code = COUNTRY_ALIASES.get(code, code)
    if code in COUNTRIES:
        return code, None
    if re.fullmatch(r"[a-z]{2}", code):
        hint = did_you_mean(code, COUNTRIES, cutoff=0.5)  # two letters: one typo is half
        return code, (
            f"gentle has no built-in support lines for '{code}'{hint}; unless your "
            "resources.yaml lists it, the international directory is shown"
        )
    choices = ", ".join(COUNTRIES)
    raise Invalid(f"'{value}' is not a country gentle knows{did_you_mean(code, COUNTRIES)}; use one of {choices}")


def check_threshold(value: int) -> int:
    if not DISTRESS_MIN <= value <= DISTRESS_MAX:
        raise Invalid(
            f"distress_threshold should be between {DISTRESS_MIN} and {DISTRESS_MAX}, not {value}"
        )
    return value


def check_flows_dir(value: str, base: Path) -> Path:
    text = value.strip()
    if not text:
        raise Invalid("a flows folder is empty")
    path = Path(text).expanduser()
    return path if path.is_absolute() else base / path


def check_flows_dirs(values: list[str], base: Path) -> tuple[Path, ...]:
    if len(values) > MAX_FLOWS_DIRS:
        raise Invalid(f"flows_dirs lists {len(values)} folders; at most {MAX_FLOWS_DIRS} are allowed")
    return tuple(check_flows_dir(v, base) for v in values)


def check_binding(binding: str, known: Collection[str] | None) -> str:
    if not _BINDING_ID.fullmatch(binding):
        binding = clean_line(binding)
        raise Invalid(
            f"'{binding}' is not a binding id (lowercase letters, digits, '_', '-' or '.')"
        )
    if known is not None and binding not in known:
        raise Invalid(f"there is no key binding called '{binding}'{did_you_mean(binding, known)}")
    return binding


def check_key_list(binding: str, keys: str) -> str:
    parts = [part.strip() for part in keys.split(",")]
    if not keys.strip() or any(not _KEY_NAME.fullmatch(p) or not p.isprintable() for p in parts):
        raise Invalid(
            f"keys for '{binding}' should be key names separated by commas, like "
            f"'ctrl+b' or 'f2,ctrl+b', not '{clean_line(keys)}'"
        )
    return ",".join(parts)


def check_keys(pairs: Mapping[str, str], known: Collection[str] | None = None) -> Mapping[str, str]:
    if len(pairs) > MAX_KEYS:
        raise Invalid(f"keys lists {len(pairs)} bindings; at most {MAX_KEYS} are allowed")
    checked = {check_binding(b, known): check_key_list(b, k) for b, k in pairs.items()}
    return MappingProxyType(checked)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def parse_env_bool(value: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise Invalid(f"'{value}' is not yes or no (use 1/0, true/false, yes/no or on/off)")


def parse_env_int(value: str) -> int:
    shown = value if len(value) <= 40 else value[:39] + "…"
    if not re.fullmatch(r"\s*[+-]?[0-9]+\s*", value):
        raise Invalid(f"'{shown}' is not a whole number")
    if len(value.strip().lstrip("+-")) > 9:
        raise Invalid(f"'{shown}' is far too large; use a small whole number, like 7")
    return int(value)
