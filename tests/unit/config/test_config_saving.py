"""Saving settings: atomic, private, only what is set, and nothing a person typed is lost."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gentle.config import DEFAULTS, Config, load_config, load_settings, save_config, update_config

from .conftest import write


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_update_creates_a_private_file_in_a_private_folder(config_file: Path) -> None:
    os.umask(0o022)
    config = update_config(first_run_acknowledged=True)
    assert config.first_run_acknowledged is True
    assert mode(config_file) == 0o600
    assert mode(config_file.parent) == 0o700
    assert load_config() == (config, [])


def test_update_keeps_the_other_settings_but_not_environment_overrides(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(config_file, "# my settings\ntheme: nord\npartners: [Sam, Alex]\n")
    monkeypatch.setenv("GENTLE_COUNTRY", "ie")
    config = update_config(bell=False)
    assert (config.theme, config.partners, config.bell, config.country) == ("nord", ("Sam", "Alex"), False, "ie")
    text = config_file.read_text()
    assert "country" not in text  # the environment is not written into the file
    assert "theme: nord" in text and "bell: false" in text
    assert load_settings(environ={}).origins["bell"] == "file"


def test_update_over_a_broken_file_keeps_a_copy_of_it(config_file: Path) -> None:
    original = "theme: nord\nbell: perhaps\nthme: dracula\n"
    write(config_file, original)
    update_config(first_run_acknowledged=True)
    assert (config_file.parent / "config.yaml.broken").read_text() == original
    config, problems = load_config()
    assert problems == []
    assert config.theme == "nord" and config.first_run_acknowledged is True


def test_save_writes_only_what_differs_from_the_defaults_and_reads_back(config_file: Path, tmp_path: Path) -> None:
    from types import MappingProxyType

    config = Config(
        partners=("Kim", "Jo"),
        theme="ansi-light",
        flows_dirs=(tmp_path / "flows",),
        keys=MappingProxyType({"break": "ctrl+b"}),
    )
    save_config(config)
    text = config_file.read_text()
    assert "reduced_motion" not in text and "distress_threshold" not in text
    assert load_config() == (config, [])
    save_config(DEFAULTS)
    assert load_config() == (DEFAULTS, [])


def test_a_failed_write_leaves_the_old_file_and_no_temporary_files(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(config_file, "theme: nord\n")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        update_config(theme="dracula")
    assert config_file.read_text() == "theme: nord\n"
    assert sorted(p.name for p in config_file.parent.iterdir()) == ["config.yaml"]


def test_programming_mistakes_raise_instead_of_writing_a_bad_file(config_file: Path) -> None:
    with pytest.raises(TypeError, match="thme"):
        update_config(thme="nord")
    with pytest.raises(ValueError, match="no theme called 'purple'"):
        update_config(theme="purple")
    assert not config_file.exists()


def test_saving_a_setting_keeps_the_persons_comments_and_order(config_file: Path) -> None:
    from gentle.config.saving import update_config

    config_file.parent.mkdir(parents=True, exist_ok=True)
    written = ("# our settings, written by hand\n"
               "bell: no\n"
               "\n"
               "# names, first partner first\n"
               "partners:\n"
               "- Sam\n"
               "- Alex\n"
               "theme: nord\n")
    config_file.write_text(written, encoding="utf-8")
    update_config(config_file, partners=("Robin", "Kai"), country="uk")
    text = config_file.read_text(encoding="utf-8")
    assert text == ("# our settings, written by hand\n"
                    "bell: no\n"
                    "\n"
                    "# names, first partner first\n"
                    "partners:\n"
                    "- Robin\n"
                    "- Kai\n"
                    "theme: nord\n"
                    "country: uk\n")
    update_config(config_file, theme="gentle-high-contrast")
    assert "\ntheme: gentle-high-contrast\ncountry: uk\n" in config_file.read_text(encoding="utf-8")
    assert config_file.read_text(encoding="utf-8").startswith("# our settings, written by hand\n")
