"""Shell completion through the real protocol: the shell sets _GENTLE_COMPLETE and the
words typed so far, and gentle prints what could come next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GENTLE = [sys.executable, "-m", "gentle"]


def complete(home: Path, words: str, shell: str = "bash") -> list[str]:
    env = dict(os.environ, GENTLE_HOME=str(home), _GENTLE_COMPLETE=f"complete_{shell}",
               COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    if shell != "bash":
        env["_TYPER_COMPLETE_ARGS"] = words
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = subprocess.run(GENTLE, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.split()


@pytest.mark.parametrize("words, expected", [
    ("gentle start pa", "pause-and-breathe"),
    ("gentle demo re", "reconnect"),
    ("gentle flows show time", "time-out-plan"),
    ("gentle flows walk va", "validate"),
    ("gentle flows handout i-", "i-statement"),
])
def test_flow_ids_complete(tmp_path: Path, words: str, expected: str) -> None:
    assert complete(tmp_path, words) == [expected]


def test_session_ids_complete_for_show_export_and_forget(tmp_path: Path) -> None:
    code = ("from gentle.store.db import open_store\nfrom gentle.store.seed import seed_sessions\n"
            "s = open_store(); ids = seed_sessions(s, 5); s.close(); print(ids[0])\n")
    first = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, GENTLE_HOME=str(tmp_path)),
                           capture_output=True, text=True, check=True).stdout.strip()
    for command in ("show", "export", "forget"):
        found = complete(tmp_path, f"gentle {command} {first[:3]}")
        assert first[:8] in found, (command, found)
    assert complete(tmp_path, "gentle show zzz") == []


def test_no_notes_yet_completes_nothing_quietly(tmp_path: Path) -> None:
    assert complete(tmp_path / "empty", "gentle show a") == []
    assert not (tmp_path / "empty" / "data").exists()  # a Tab never creates the notes


def test_zsh_and_fish_are_answered_too(tmp_path: Path) -> None:
    assert any("pause-and-breathe" in word for word in complete(tmp_path, "gentle start pa", "zsh"))
    assert any("pause-and-breathe" in word for word in complete(tmp_path, "gentle start pa", "fish"))
