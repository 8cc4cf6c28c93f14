"""The country for support lines: read from the system locale (no network), used until
a person chooses one, and always saying where it came from."""

from __future__ import annotations

import pytest

from gentle.safety.country import locale_country, support_country

KNOWN = ("us", "uk", "ca", "au", "ie", "nz", "international")


@pytest.mark.parametrize(
    ("environ", "country"),
    [
        ({"LANG": "en_GB.UTF-8"}, "uk"),
        ({"LANG": "en_US.UTF-8"}, "us"),
        ({"LANG": "fr_CA.UTF-8"}, "ca"),
        ({"LANG": "en_IE@euro"}, "ie"),
        ({"LANG": "mi_NZ"}, "nz"),
        ({"LANG": "en-AU"}, "au"),
        ({"LANG": "de_DE.UTF-8"}, "de"),  # a country gentle has no lines for is still named
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "en_IE.UTF-8"}, "ie"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "en_IE.UTF-8", "LC_ALL": "en_NZ.UTF-8"}, "nz"),
        # "C", "POSIX" and a bare language name no country: the next variable is read.
        ({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, "uk"),
        ({"LC_ALL": "POSIX", "LANG": "en_AU"}, "au"),
        ({"LANG": "en"}, None),
        ({"LANG": "C"}, None),
        ({"LANG": ""}, None),
        ({"LANG": "english_United States.1252"}, None),
        ({}, None),
    ],
)
def test_the_locale_names_the_country(environ: dict[str, str], country: str | None) -> None:
    assert locale_country(environ) == country


def test_nothing_chosen_uses_the_system_country_and_says_so() -> None:
    found = support_country(None, environ={"LANG": "en_GB.UTF-8"}, known=KNOWN)
    assert (found.code, found.source, found.system) == ("uk", "system", "uk")


def test_nothing_chosen_and_no_lines_for_the_system_country_is_international() -> None:
    found = support_country(None, environ={"LANG": "de_DE.UTF-8"}, known=KNOWN)
    assert (found.code, found.source, found.system) == ("international", "none", None)
    found = support_country(None, environ={}, known=KNOWN)
    assert (found.code, found.source) == ("international", "none")


def test_a_chosen_country_wins_over_the_system_one() -> None:
    found = support_country("ie", environ={"LANG": "en_GB.UTF-8"}, known=KNOWN)
    assert (found.code, found.source, found.system) == ("ie", "chosen", "uk")
    found = support_country("international", environ={"LANG": "en_GB.UTF-8"}, known=KNOWN)
    assert (found.code, found.source) == ("international", "chosen")


def test_a_country_from_the_users_own_resources_file_counts(tmp_path) -> None:
    user_file = tmp_path / "resources.yaml"
    user_file.write_text(
        "countries:\n  de:\n    name: Deutschland\n    emergency:\n      number: \"112\"\n"
        "      source: https://www.112.de/\n",
        encoding="utf-8",
    )
    found = support_country(None, environ={"LANG": "de_DE.UTF-8"}, user_file=user_file)
    assert (found.code, found.source) == ("de", "system")
