"""`gentle config` and `gentle config path`, run as a person would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def gentle(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GENTLE_") and key != "NO_COLOR"
    }
    environment.update(GENTLE_HOME=str(home), **env)
    return subprocess.run(
        [sys.executable, "-m", "gentle", *args],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=60,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def rows(stdout: str) -> dict[str, list[str]]:
    table = {}
    for line in stdout.splitlines():
        parts = line.split()
        if parts and parts[0].replace("_", "").isalpha() and "Settings" not in line:
            table[parts[0]] = parts[1:]
    return table


def test_config_path_prints_where_the_file_lives(home: Path) -> None:
    result = gentle(home, "config", "path")
    assert result.returncode == 0
    assert result.stdout == f"{home / 'config' / 'config.yaml'}\n"


def test_config_shows_each_setting_and_where_it_came_from(home: Path) -> None:
    config = home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("theme: nord\npartners: [Sam, Alex]\n")
    result = gentle(home, "config", GENTLE_THEME="ansi-dark", GENTLE_COUNTRY="nz")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"Settings file: {config}" in result.stdout
    table = rows(result.stdout)
    assert table["theme"] == ["ansi-dark", "environment", "(GENTLE_THEME)"]
    assert table["country"] == ["nz", "environment", "(GENTLE_COUNTRY)"]
    assert table["partners"] == ["Sam", "and", "Alex", "file"]
    assert table["bell"] == ["yes", "default"]
    assert table["distress_threshold"] == ["7", "default"]


def test_a_missing_file_is_mentioned_not_an_error(home: Path) -> None:
    result = gentle(home, "config")
    assert result.returncode == 0
    assert "(not created yet)" in result.stdout
    assert all(row[-1] == "default" for row in rows(result.stdout).values())


def test_a_broken_file_is_explained_with_line_and_column_and_defaults_are_shown(home: Path) -> None:
    config = home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("theme: nord\nbell: maybe\nreduced-motion: true\n")
    result = gentle(home, "config")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert f"{config}:2:7: bell should be true or false (without quotes), not 'maybe'; using the default (yes)" in result.stderr
    assert f"{config}:3:1: there is no setting called 'reduced-motion' (did you mean 'reduced_motion'?)" in result.stderr
    table = rows(result.stdout)
    assert table["theme"] == ["nord", "file"]
    assert table["bell"] == ["yes", "default"]


def test_unreadable_yaml_still_lists_the_defaults(home: Path) -> None:
    config = home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("theme: [nord\n")
    result = gentle(home, "config")
    assert result.returncode == 0
    assert f"{config}:2:1: this is not valid YAML" in result.stderr
    assert "using the defaults" in result.stderr
    assert rows(result.stdout)["theme"] == ["gentle", "default"]


def test_no_color_is_mentioned(home: Path) -> None:
    result = gentle(home, "config", NO_COLOR="1")
    assert "NO_COLOR is set" in result.stdout


def test_settings_safety_and_handout_commands_never_import_textual(home: Path, tmp_path: Path) -> None:
    # These run in a heated moment or in scripts: they must start fast and open no screen.
    script = (
        "import sys\n"
        "from gentle.cli import app\n"
        "import gentle.config, gentle.safety, gentle.handout\n"
        "for args in (['config'], ['config', 'path'], ['flows', 'handout', 'full', '-f', 'html', '-o', sys.argv[1]]):\n"
        "    try:\n"
        "        app(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    environment["GENTLE_HOME"] = str(home)
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "full.html")],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "full.html").exists()


def test_an_unset_country_shows_the_systems_country_the_app_will_use(home: Path) -> None:
    result = gentle(home, "config", LANG="en_GB.UTF-8", LC_ALL="", LC_MESSAGES="")
    assert result.returncode == 0, result.stderr
    assert rows(result.stdout)["country"] == ["uk", "(from", "your", "system)", "default"]
    result = gentle(home, "config", LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")
    assert rows(result.stdout)["country"] == ["international", "default"]
    result = gentle(home, "config", LANG="en_GB.UTF-8", LC_ALL="", LC_MESSAGES="", GENTLE_COUNTRY="ie")
    assert rows(result.stdout)["country"] == ["ie", "environment", "(GENTLE_COUNTRY)"]


def test_a_theme_alias_is_shown_as_the_theme_it_names(home: Path) -> None:
    config = home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("theme: high-contrast\n")
    result = gentle(home, "config")
    assert result.returncode == 0 and result.stderr == ""
    assert rows(result.stdout)["theme"] == ["gentle-high-contrast", "file"]


def test_gentle_config_warns_about_a_key_id_no_key_has(home: Path) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.yaml").write_text("keys:\n  brake: ctrl+b\n", encoding="utf-8")
    done = gentle(home, "config")
    assert done.returncode == 0
    assert "brake" in done.stderr and "break" in done.stderr


def test_config_and_where_speak_json(home: Path) -> None:
    import json

    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.yaml").write_text("theme: contrast\n", encoding="utf-8")
    data = json.loads(gentle(home, "config", "--json").stdout)
    assert data["exists"] is True
    assert data["settings"]["theme"] == {"value": "gentle-high-contrast", "from": "file",
                                         "variable": "GENTLE_THEME"}
    assert data["settings"]["partners"]["from"] == "default"
    places = json.loads(gentle(home, "where", "--json").stdout)
    assert places["settings"] == str(home / "config" / "config.yaml")
    assert places["notes"].endswith("gentle.db")


def test_config_reference_prints_the_settings_doc(home: Path) -> None:
    from gentle.config.reference import settings_reference

    assert gentle(home, "config", "reference").stdout == settings_reference()
