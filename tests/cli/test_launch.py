"""The fast way into the app (``gentle``, ``gentle start FLOW``) skips typer, and says
nothing different from the typer CLI when something is wrong.

Every command runs in a subprocess with its own GENTLE_HOME. "The typer CLI" is
``gentle.cli.main`` run directly, which is what ``gentle`` ran before the fast path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TYPER_CLI = ("-c", "import sys; sys.argv[0] = 'gentle'; from gentle.cli import main; main()")
FAST_CLI = ("-c", "import sys; sys.argv[0] = 'gentle'; from gentle.launch import main; main()")


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    env["GENTLE_HOME"] = str(home)
    result = subprocess.run([sys.executable, *args], check=False, capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def imported_modules(stderr: str) -> list[str]:
    return [line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")]


@pytest.mark.parametrize("args", [[], ["start", "pause-and-breathe"],
                                  ["start", "-p", "Sam", "pause-and-breathe", "--partner", "Alex"]])
def test_opening_the_app_never_imports_typer(home: Path, args: list[str]) -> None:
    # Everything `gentle` does before the app runs, without running it.
    code = (f"from gentle.launch import build_launch\nlaunch = build_launch({args!r})\n"
            "assert launch is not None and 'context' in launch\n"
            f"assert {not args} or launch['start_flow'].id == 'pause-and-breathe'\n")
    result = run(home, "-X", "importtime", "-c", code)
    assert result.returncode == 0, result.stderr
    imported = imported_modules(result.stderr)
    assert "gentle.commands.app_context" in imported  # the measurement worked
    assert [m for m in imported if m.split(".")[0] in ("typer", "click") or m == "gentle.cli"] == []


def test_names_given_on_the_fast_path_reach_the_app(home: Path) -> None:
    code = ("from gentle.launch import build_launch\n"
            "launch = build_launch(['start', 'validate', '-p', 'Sam', '--partner', 'Alex'])\n"
            "print(launch['partners'], launch['start_flow'].id)\n")
    result = run(home, "-c", code)
    assert result.stdout.strip() == "('Sam', 'Alex') validate"


@pytest.mark.parametrize("args", [
    ["start", "no-such-flow"],
    ["start", "pause-and-breath"],  # a near miss: "did you mean"
    ["start", "missing/flow.yaml"],
    ["start", "pause-and-breathe", "-p", "Sam", "-p", "sam"],
    ["start", "pause-and-breathe", "-p", "Sam", "-p", "Alex", "-p", "Kim"],
    ["start", "pause-and-breathe", "--partner", ""],
    ["start", "pause-and-breathe", "--partner", "x" * 200],
    ["start", "pause-and-breathe", "-p"],
    ["start"],
    ["start", "a", "b"],
    ["start", "--help"],
    ["--data-dir"],
    ["nonsense"],
])
def test_mistakes_get_the_same_words_and_exit_code_as_the_typer_cli(home: Path, args: list[str]) -> None:
    fast = run(home, *FAST_CLI, *args)
    typer_cli = run(home, *TYPER_CLI, *args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        typer_cli.returncode, typer_cli.stdout, typer_cli.stderr)
    assert fast.returncode != 0 or args[-1] == "--help"


@pytest.mark.parametrize("args", [["start", "no-such-flow"], ["start", "validate", "-p", "Sam", "-p", "SAM"]])
def test_a_mistake_is_one_plain_line(home: Path, args: list[str]) -> None:
    result = run(home, "-m", "gentle", *args)
    assert result.returncode in (1, 2)
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("gentle: ")
