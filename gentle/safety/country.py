"""Which country's support lines to show, and where that choice came from.

    locale_country({"LANG": "en_GB.UTF-8"})   # -> "uk"
    support_country(None)                      # nothing set: the system's country, if known
    support_country("ie")                      # set in config.yaml or in the app

Until a person chooses a country, the system locale's country is used when gentle has
lines for it, and the screen says so ("from your system"). Nothing here uses the
network or textual; the locale is read from the environment only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Literal

from gentle.config.settings import COUNTRY_ALIASES
from gentle.records import record

# The variables that name the locale, most specific first (POSIX: LC_ALL wins).
LOCALE_VARIABLES: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANG")
# language[_TERRITORY][.codeset][@modifier]: "en_GB.UTF-8", "fr_CA", "de_DE@euro", "en-US".
_LOCALE = re.compile(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?=$|[.@])")

Source = Literal["chosen", "system", "none"]


@record
class SupportCountry:
    """The lines to show (``code``, for ``resources_for``) and why those."""

    code: str
    # "chosen": set by the person (config.yaml, GENTLE_COUNTRY or the app);
    # "system": not set, taken from the locale; "none": not set, no lines for the locale.
    source: Source
    # The locale's country when gentle has lines for it (preselected in the picker).
    system: str | None = None


def locale_country(environ: Mapping[str, str] | None = None) -> str | None:
    """The country the system locale names, as gentle's code ("en_GB.UTF-8" -> "uk").

    The first of LC_ALL, LC_MESSAGES and LANG that names a territory counts; "C",
    "POSIX" and a bare language ("en") name none, so the next one is tried.
    """
    env = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        found = _LOCALE.match(env.get(variable, "").strip())
        if found:
            code = found.group(1).lower()
            return COUNTRY_ALIASES.get(code, code)
    return None


def support_country(
    setting: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    known: Collection[str] | None = None,
    user_file: Path | None = None,
) -> SupportCountry:
    """The lines to show for ``setting`` (None: the person has not chosen a country).

    ``known`` are the countries gentle has lines for; by default the built-in ones and
    those in the person's resources.yaml.
    """
    if known is None:
        from gentle.safety.resources import all_countries

        known = all_countries(user_file=user_file)[0].keys()
    system = locale_country(environ)
    system = system if system in known else None
    if setting is not None:
        return SupportCountry(code=setting, source="chosen", system=system)
    if system is not None:
        return SupportCountry(code=system, source="system", system=system)
    return SupportCountry(code="international", source="none", system=None)
