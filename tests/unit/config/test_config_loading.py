"""Reading config.yaml and GENTLE_* variables: precedence, and clear problems with
line and column that never stop gentle from starting."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gentle.config import DEFAULTS, load_config, load_settings
from gentle.config.settings import TEXTUAL_THEMES

from .conftest import write


def test_no_file_means_every_default_and_no_problems(config_file: Path) -> None:
    loaded = load_settings()
    assert loaded.path == config_file
    assert not loaded.file_exists
    assert loaded.config == DEFAULTS
    assert set(loaded.origins.values()) == {"default"}
    assert loaded.problems == ()


def test_file_values_are_used_and_marked_as_from_the_file(config_file: Path) -> None:
    write(
        config_file,
        "partners: [Sam, Alex]\ntheme: ansi-dark\nreduced_motion: yes\nbell: false\n"
        "country: UK\ndistress_threshold: 6\nkeys:\n  break: ctrl+b\n  quick-hide: f12, ctrl+q\n"
        "first_run_acknowledged: true\n",
    )
    config, problems = load_config()
    assert problems == []
    assert config.partners == ("Sam", "Alex")
    assert config.theme == "ansi-dark"
    assert config.reduced_motion is True and config.bell is False
    assert config.country == "uk"
    assert config.distress_threshold == 6
    assert config.keymap() == {"break": "ctrl+b", "quick-hide": "f12,ctrl+q"}
    assert config.first_run_acknowledged is True
    origins = load_settings().origins
    assert origins["theme"] == "file" and origins["flows_dirs"] == "default"


def test_environment_beats_the_file_and_says_so(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(config_file, "theme: nord\nbell: true\n")
    monkeypatch.setenv("GENTLE_THEME", "gentle-high-contrast")
    monkeypatch.setenv("GENTLE_BELL", "0")
    monkeypatch.setenv("GENTLE_REDUCED_MOTION", "")  # empty counts as unset
    loaded = load_settings()
    assert loaded.config.theme == "gentle-high-contrast"
    assert loaded.config.bell is False
    assert loaded.origins["theme"] == "environment"
    assert loaded.origins["reduced_motion"] == "default"
    assert loaded.problems == ()


def test_a_bad_environment_value_keeps_the_file_value_and_names_the_variable(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(config_file, "theme: nord\n")
    monkeypatch.setenv("GENTLE_THEME", "drakula")
    loaded = load_settings()
    assert loaded.config.theme == "nord"
    assert loaded.origins["theme"] == "file"
    [problem] = loaded.problems
    assert str(problem) == (
        "environment variable GENTLE_THEME: there is no theme called 'drakula' "
        "(did you mean 'dracula'?); using nord"
    )


def test_broken_yaml_gives_line_and_column_and_all_defaults(config_file: Path) -> None:
    write(config_file, "theme: nord\npartners: [Sam, Alex\nbell: no\n")
    config, problems = load_config()
    assert config == DEFAULTS
    [problem] = problems
    assert problem.path == str(config_file)
    assert (problem.line, problem.column) == (3, 5)
    assert "not valid YAML" in problem.message and problem.message.endswith("using the defaults")


def test_a_tab_used_for_indenting_is_named_plainly(config_file: Path) -> None:
    write(config_file, "keys:\n\tbreak: ctrl+b\n")
    [problem] = load_config()[1]
    assert (problem.line, problem.column) == (2, 1)
    assert problem.message == "a tab is used for indenting; YAML needs spaces; using the defaults"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("thme: nord\n", (1, 1), "there is no setting called 'thme' (did you mean 'theme'?); ignoring it"),
        ("bell: \"yes\"\n", (1, 7), "bell should be true or false (without quotes), not 'yes'; using the default (yes)"),
        ("partners: [Sam, no]\n", (1, 17),
         "a partner's name: YAML reads 'no' as true/false; put it in quotes (\"no\") if you mean the text; "
         "using the default (Partner A and Partner B)"),
        ("partners: [Sam]\n", (1, 11),
         "partners needs exactly two names, like [Sam, Alex]; found 1; using the default (Partner A and Partner B)"),
        ("partners: [Sam, sam]\n", (1, 11),
         "both partners are called 'Sam'; give each a different name; using the default (Partner A and Partner B)"),
        ("distress_threshold: 012\n", (1, 21),
         "distress_threshold: write '012' without the leading zero (YAML reads it as octal); using the default (7)"),
        # 5,000 digits: Python refuses to convert them, and gentle would not start at all.
        ("distress_threshold: " + "9" * 5000 + "\n", (1, 21),
         "distress_threshold is far too large (" + "9" * 39 + "…); use a small whole number, like 7; "
         "using the default (7)"),
        ("distress_threshold: 11\n", (1, 21),
         "distress_threshold should be between 1 and 10, not 11; using the default (7)"),
        ("theme: Drakula\n", (1, 8), "there is no theme called 'Drakula' (did you mean 'dracula'?); using the default (gentle)"),
        ("country: narnia\n", (1, 10),
         "'narnia' is not a country gentle knows; use one of us, uk, ca, au, ie, nz, international; "
         "using the default (international)"),
        ("keys:\n  break: ctrl + b\n", (2, 10),
         "keys for 'break' should be key names separated by commas, like 'ctrl+b' or 'f2,ctrl+b', "
         "not 'ctrl + b'; using the default (none)"),
        ("keys: [ctrl+b]\n", (1, 7),
         "keys should be a mapping of 'name: value' lines, not a list; using the default (none)"),
        ("theme: nord\ntheme: dracula\n", (2, 1), "theme is set twice; using the first one (line 1)"),
        ("- theme\n", (1, 1), "settings should be 'name: value' lines, like 'theme: gentle'; using the defaults"),
    ],
)
def test_each_mistake_is_pinned_to_its_line_and_column(
    config_file: Path, text: str, where: tuple[int, int], message: str
) -> None:
    write(config_file, text)
    config, problems = load_config()
    assert [((p.line, p.column), p.message) for p in problems] == [(where, message)]
    assert problems[0].severity == "error"
    assert str(problems[0]).startswith(f"{config_file}:{where[0]}:{where[1]}: ")


def test_only_the_broken_setting_falls_back(config_file: Path) -> None:
    write(config_file, "theme: nord\nbell: maybe\ncountry: ie\n")
    config, problems = load_config()
    assert (config.theme, config.bell, config.country) == ("nord", DEFAULTS.bell, "ie")
    assert len(problems) == 1


def test_a_country_without_built_in_lines_is_kept_with_a_warning(config_file: Path) -> None:
    write(config_file, "country: nx\n")
    config, [problem] = load_config()
    assert config.country == "nx"
    assert problem.severity == "warning"
    assert "no built-in support lines for 'nx' (did you mean 'nz'?)" in problem.message


def test_country_aliases(config_file: Path) -> None:
    write(config_file, "country: GB\n")
    assert load_config()[0].country == "uk"


def test_an_empty_value_is_a_warning_and_the_default(config_file: Path) -> None:
    write(config_file, "theme:\n")
    config, [problem] = load_config()
    assert config.theme == "gentle"
    assert problem.severity == "warning" and problem.line == 1


def test_flows_dirs_expand_home_and_resolve_relative_to_the_config_folder(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    write(config_file, "flows_dirs: [~/therapy, shared/flows, /srv/flows]\n")
    config, problems = load_config()
    assert problems == []
    assert config.flows_dirs == (
        tmp_path / "me" / "therapy",
        config_file.parent / "shared" / "flows",
        Path("/srv/flows"),
    )
    write(config_file, "flows_dirs: /srv/flows\n")  # one folder as plain text
    assert load_config()[0].flows_dirs == (Path("/srv/flows"),)


def test_unknown_binding_ids_get_did_you_mean_when_the_tui_lists_its_bindings(config_file: Path) -> None:
    write(config_file, "keys:\n  brake: ctrl+b\n")
    config, [problem] = load_config(known_bindings={"break", "quick_hide", "help"})
    assert config.keymap() == {}
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message.startswith("there is no key binding called 'brake' (did you mean 'break'?)")


def test_text_that_is_not_utf8_is_pinned_to_its_line(config_file: Path) -> None:
    write(config_file, b"theme: nord\npartners: [Sam, Al\xe9x]\n")
    config, [problem] = load_config()
    assert config == DEFAULTS
    assert (problem.line, problem.column) == (2, 19)
    assert problem.message == "the file is not UTF-8 text; using the defaults"


def test_an_empty_or_comment_only_file_is_fine(config_file: Path) -> None:
    write(config_file, "# nothing yet\n")
    assert load_config() == (DEFAULTS, [])


def test_partner_names_lose_control_characters(config_file: Path) -> None:
    write(config_file, 'partners: ["Sam\\e[31m", "Alex\\u0007"]\n')
    assert load_config()[0].partners == ("Sam", "Alex")


def test_the_theme_list_matches_textual() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(TEXTUAL_THEMES) == set(BUILTIN_THEMES)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_no_file_content_makes_loading_raise(data: str | bytes) -> None:
    # A person can type anything into config.yaml; gentle must still start.
    from gentle import paths

    path = paths.config_file()
    write(path, data)
    config, problems = load_config()
    assert isinstance(config.theme, str)
    for problem in problems:
        assert problem.message


def test_a_huge_number_in_the_environment_is_refused_before_it_is_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENTLE_DISTRESS_THRESHOLD", "9" * 5000)
    config, problems = load_config()
    assert config.distress_threshold == 7
    assert len(problems) == 1 and "far too large" in str(problems[0]) and len(str(problems[0])) < 300
