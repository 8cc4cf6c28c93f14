"""Rows an older gentle wrote badly (or a hand-edited notes file) never stop a command:
history, show, export and the History screen show what they can, leave out what they
can't, and say so, with no traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gentle.cli import app as cli

DAMAGE = [
    "UPDATE sessions SET started_at = 'x' WHERE id = :id",
    "UPDATE sessions SET started_at = 1e308 * 10 WHERE id = :id",
    "UPDATE sessions SET ended_at = 'x', last_at = -1e300 WHERE id = :id",
    "UPDATE events SET body = '{bad' WHERE session_id = :id",
    "UPDATE flows SET body = '{\"x\": 1}'",
    "UPDATE sessions SET snapshot = '[1, 2' WHERE id = :id",
    "UPDATE answers SET value = '{bad', at = 'y' WHERE session_id = :id",
    "UPDATE timings SET seconds = 'z', called_by = 7",
    "UPDATE sessions SET partner_a = hex(zeroblob(400000))",
    "UPDATE sessions SET distress_before_a = 'q', flow_title = 12",
]


def run(home: Path, *args: str):
    result = CliRunner().invoke(cli, list(args), env={"GENTLE_HOME": str(home)}, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"gentle {' '.join(args)} raised {result.exception!r}") from result.exception
    return result


def two_sessions(home: Path) -> tuple[Path, str]:
    answers = home.parent / "answers.yaml"
    answers.write_text("check-in: [3, 2]\n")
    for _ in range(2):
        assert run(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers), "--save").exit_code == 0
    db = home / "data" / "gentle.db"
    with sqlite3.connect(db) as conn:
        first = conn.execute("SELECT id FROM sessions ORDER BY started_at LIMIT 1").fetchone()[0]
    return db, first


@pytest.mark.parametrize("damage", DAMAGE)
def test_every_reading_command_survives_a_damaged_row(tmp_path: Path, damage: str) -> None:
    home = tmp_path / "home"
    db, first = two_sessions(home)
    with sqlite3.connect(db) as conn:
        conn.execute(damage, {"id": first})
    for args in (("history",), ("history", "--json"), ("show", first[:8]), ("export", "--all"),
                 ("export", "--all", "--format", "json"), ("history", "--limit", "9" * 30)):
        result = run(home, *args)
        assert "Traceback" not in result.output
    listing = run(home, "history", "--json")
    rows = json.loads(listing.stdout)
    assert len(rows) >= 1  # the undamaged session is always there
    if "started_at" in damage:
        assert len(rows) == 1 and "could not be read" in listing.stderr
    exported = run(home, "export", "--all", "--format", "json")
    json.loads(exported.stdout)  # still valid JSON
