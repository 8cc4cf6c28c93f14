"""No escape sequence or control byte ever reaches the terminal from a gentle command.

Hostile text comes from everywhere a command echoes: the arguments, flow files and their
names, partner names, a session's words, config values, and GENTLE_HOME itself (every
path printed contains an OSC 52 clipboard escape here). Each command runs as people run
it, in a subprocess; its stdout and stderr must hold no control byte but newline, and no
traceback. And no module prints except through gentle/output.py's cleaning ``echo``.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
CSI = "\x1b[2J\x1b[31m"
HOSTILE = f"x{OSC52}y{CSI}z\x9b1m"
# Any C0 control but newline, DEL, and the C1 range (as characters and as UTF-8).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\x80-\x9f]")


def hostile_flow(folder: Path) -> Path:
    path = folder / f"flow{OSC52}.yaml"
    path.write_text(
        "id: hostile\n"
        f'title: "Title {OSC52} {CSI}"\n'
        f'summary: "Summary \\e]0;TITLE\\a"\n'
        "steps:\n"
        "  - kind: write\n"
        "    id: words\n"
        f'    ask: "{{partner}}, say \\e[2J something"\n'
        "    optional: true\n"
        "  - kind: say\n"
        f'    text: "Bye \\e]52;c;x\\a"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("clean")
    home = base / f"home{OSC52}"
    home.mkdir()
    flow = hostile_flow(base)
    broken = base / f"broken{CSI}.yaml"
    broken.write_text(f"id: {HOSTILE}\ntitle: [\n", encoding="utf-8")
    answers = base / "answers.yaml"
    answers.write_text(f'words: ["{HOSTILE}", "second {CSI}"]\n'.replace("\x1b", "\\e").replace("\x07", "\\a")
                       .replace("\x9b", "\\x9b"), encoding="utf-8")
    config = home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(f'theme: "{OSC52}"\ncountry: "{CSI}"\n'.replace("\x1b", "\\e").replace("\x07", "\\a"),
                      encoding="utf-8")
    env = {**os.environ, "GENTLE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    saved = run(env, "flows", "walk", str(flow), "--answers", str(answers), "--save",
                "--partner", f"Sam{OSC52}", "--partner", f"Alex{CSI}")
    assert "Traceback" not in saved.stderr, saved.stderr
    return {"env": env, "flow": flow, "broken": broken, "answers": answers, "base": base}


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gentle", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="surrogateescape", timeout=60,
                          stdin=subprocess.DEVNULL)


COMMANDS = [
    ("start", "{hostile}"), ("demo", "{hostile}"), ("start", "{broken}"), ("start", "{flow}", "--partner", "{hostile}"),
    ("flows", "validate", "{flow}", "{broken}"), ("flows", "show", "{flow}"), ("flows", "show", "{hostile}"),
    ("flows", "list", "--flows", "{base}"), ("flows", "walk", "{flow}", "--answers", "{answers}"),
    ("flows", "walk", "{flow}", "--answers", "{hostile}"), ("flows", "walk", "{broken}", "--answers", "{answers}"),
    ("flows", "handout", "{flow}"), ("flows", "handout", "{hostile}"),
    ("flows", "handout", "{flow}", "-o", "{base}/missing{hostile}/x.md"),
    ("history",), ("history", "--json"), ("show", "{hostile}"), ("export", "--all"), ("export", "--all", "--format", "json"),
    ("export", "{hostile}"), ("import", "{hostile}"), ("import", "{broken}"), ("forget", "{hostile}", "--yes"),
    ("where",), ("config",), ("resume",), ("--data-dir", "{base}/data{hostile}", "history"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c).replace("{", "").replace("}", ""))
def test_no_command_lets_a_control_byte_through(world: dict, command: tuple[str, ...]) -> None:
    args = [part.format(hostile=HOSTILE, flow=world["flow"], broken=world["broken"],
                        answers=world["answers"], base=world["base"]) for part in command]
    done = run(world["env"], *args)
    for name, stream in (("stdout", done.stdout), ("stderr", done.stderr)):
        assert "Traceback" not in stream, stream
        found = CONTROL.search(stream)
        assert found is None, f"{name} of gentle {' '.join(command)} has {found.group()!r}:\n{stream!r}"
    assert done.stdout.strip() or done.stderr.strip(), "the command said nothing at all"


def printing_calls(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            lines.append(node.lineno)
        elif isinstance(func, ast.Attribute) and func.attr in ("echo", "secho", "write"):
            owner = ast.unparse(func.value)
            if owner in ("typer", "click", "sys.stdout", "sys.stderr"):
                lines.append(node.lineno)
    return lines


def test_nothing_prints_except_through_the_one_cleaning_echo() -> None:
    found = []
    for path in sorted((ROOT / "gentle").rglob("*.py")):
        if path.name == "output.py" and path.parent.name == "gentle":
            continue
        for line in printing_calls(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert not found, "printing around gentle.output.echo:\n" + "\n".join(found)
