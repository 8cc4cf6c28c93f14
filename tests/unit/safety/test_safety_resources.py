"""Support lines by country, the user's own resources.yaml, and the safety note."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gentle.safety import all_countries, contact_lines, load_notice, resources_for

COUNTRIES = ("us", "uk", "ca", "au", "ie", "nz", "international")
EXPECTED_EMERGENCY = {"us": "911", "uk": "999", "ca": "911", "au": "000", "ie": "112 or 999", "nz": "111"}
_PHONE = re.compile(r"[0-9][0-9 \-]*[0-9]|[0-9]")


@pytest.fixture
def no_user_file(tmp_path: Path) -> Path:
    return tmp_path / "missing.yaml"


@pytest.mark.parametrize("code", COUNTRIES)
def test_every_country_has_emergency_abuse_and_crisis_help_with_sources(code: str, no_user_file: Path) -> None:
    info = resources_for(code, user_file=no_user_file)
    assert info.code == code and info.problems == ()
    assert info.emergency.number == EXPECTED_EMERGENCY.get(code, "Your local emergency number")
    assert info.domestic_abuse, f"{code} has no domestic abuse line"
    assert info.crisis, f"{code} has no crisis line"
    for item in (info.emergency, *info.contacts):
        assert item.source.startswith("https://")
        # When and against what each entry was checked is written down.
        assert item.checked and item.checked.startswith("2026-11")
    for contact in info.contacts:
        assert contact.phone or contact.text or contact.web
        if contact.phone:
            assert _PHONE.fullmatch(contact.phone), contact.phone
        if contact.web:
            assert contact.web.startswith("https://")


def test_the_headline_numbers(no_user_file: Path) -> None:
    def phones(code: str) -> set[str]:
        return {c.phone for c in resources_for(code, user_file=no_user_file).contacts if c.phone}

    assert {"1-800-799-7233", "988"} <= phones("us")
    assert {"0808 2000 247", "116 123"} <= phones("uk")
    assert {"988"} <= phones("ca")
    assert {"1800 737 732", "13 11 14"} <= phones("au")
    assert {"1800 341 900", "116 123"} <= phones("ie")
    assert {"0800 733 843", "1737"} <= phones("nz")


def test_aliases_and_unknown_countries(no_user_file: Path) -> None:
    assert resources_for("GB", user_file=no_user_file).code == "uk"
    fallback = resources_for("de", user_file=no_user_file)
    assert fallback.code == "international"
    [problem] = fallback.problems
    assert problem.severity == "warning" and "'de'" in problem.message


def test_a_user_file_replaces_one_country_and_can_add_another(tmp_path: Path) -> None:
    user = tmp_path / "resources.yaml"
    user.write_text(
        "countries:\n"
        "  uk:\n"
        "    name: United Kingdom (our practice)\n"
        "    emergency: {number: \"999\", source: https://example.org/999}\n"
        "    crisis:\n"
        "      - {name: Our out-of-hours line, phone: \"0800 000 000\", source: https://example.org}\n"
        "  de:\n"
        "    name: Deutschland\n"
        "    emergency: {number: \"112\", source: https://example.org/112}\n"
    )
    uk = resources_for("uk", user_file=user)
    assert uk.name == "United Kingdom (our practice)"
    assert [c.name for c in uk.contacts] == ["Our out-of-hours line"]
    assert uk.origin == str(user)
    assert resources_for("de", user_file=user).emergency.number == "112"
    assert resources_for("ie", user_file=user).origin == "built-in"


def test_an_unquoted_number_in_the_user_file_skips_that_country_with_a_clear_problem(tmp_path: Path) -> None:
    user = tmp_path / "resources.yaml"
    user.write_text(
        "countries:\n  au:\n    name: Australia\n    emergency:\n      number: 000\n      source: https://example.org\n"
    )
    info = resources_for("au", user_file=user)
    assert info.origin == "built-in" and info.emergency.number == "000"
    [problem] = info.problems
    assert (problem.line, problem.column) == (5, 15)
    assert "YAML reads '000' as a number; put it in quotes" in problem.message
    assert problem.message.endswith("skipping this country (the built-in lines are used)")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("countries: [uk\n", (2, 1), "not valid YAML"),
        ("countrys: {}\n", (1, 1), "no field 'countrys' (did you mean 'countries'?)"),
        ("countries:\n  uk:\n    name: UK\n    emergency: {number: \"999\", source: ftp://x}\n", (4, 40),
         "source should be a web address starting with https://"),
        ("countries:\n  uk:\n    name: UK\n    emergency: {number: \"999\", source: https://x.org}\n"
         "    crisis:\n      - {name: Line, source: https://x.org}\n", (6, 9), "needs a phone, text or web entry"),
        ("countries:\n  united: {name: U}\n", (2, 3), "not a two-letter country code"),
    ],
)
def test_a_broken_user_file_falls_back_to_the_built_in_lines(
    tmp_path: Path, text: str, where: tuple[int, int], words: str
) -> None:
    user = tmp_path / "resources.yaml"
    user.write_text(text)
    info = resources_for("uk", user_file=user)
    assert info.origin == "built-in" and info.emergency.number == "999"
    [problem] = [p for p in info.problems if p.path == str(user)]
    assert (problem.line, problem.column) == where
    assert words in problem.message


def test_the_user_file_in_the_config_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENTLE_HOME", str(tmp_path))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "resources.yaml").write_text(
        "countries:\n  nz:\n    name: Aotearoa\n    emergency: {number: \"111\", source: https://example.org}\n"
    )
    assert resources_for("nz").name == "Aotearoa"
    countries, problems = all_countries()
    assert set(COUNTRIES) <= set(countries) and problems == []


def test_contact_lines_label_each_way_to_get_in_touch(no_user_file: Path) -> None:
    hotline = resources_for("us", user_file=no_user_file).domestic_abuse[0]
    assert contact_lines(hotline) == [
        ("Call", "1-800-799-7233"),
        ("", "Text START to 88788"),
        ("Web", "https://www.thehotline.org"),
        ("Hours", "24/7"),
    ]


def test_the_safety_note_says_what_the_issue_asks_for() -> None:
    notice = load_notice()
    text = notice.plain()
    assert notice.title == "Before you begin"
    for words in (
        "partners who feel safe with each other",
        "not therapy",
        "not emergency help",
        "afraid of your partner",
        "someone has been hurt",
        "don't use gentle together",
        "call the emergency number",
    ):
        assert words in text
    assert len(text.split()) < 120  # short enough to read in a heated moment
    assert notice.summary.startswith("gentle is for partners who feel safe")
