"""history, show, export, import, forget and where, run as a person would run them."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.flows.model import Flow, RateStep, SayStep, WriteStep
from gentle.store.db import open_store
from gentle.store.recorder import Recorder
from gentle.store.sessions import add_note, start_session

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "[/] [@click=app.quit] \x1b[2J\x1b]0;owned\x07 [bold red]loud[/] \x9b31m done"
TERMINAL_CONTROLS = (b"\x1b", b"\xc2\x9b", b"\x07")  # ESC, a UTF-8 encoded CSI, BEL


def gentle(home: Path, *args: str, input: str | None = None, **env: str):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    environment.update(GENTLE_HOME=str(home), **env)
    return subprocess.run(
        [sys.executable, "-m", "gentle", *args],
        capture_output=True, input=input.encode() if input is not None else None,
        env=environment, cwd=ROOT, timeout=60,
    )  # fmt: skip


def text(done: subprocess.CompletedProcess) -> str:
    return done.stdout.decode("utf-8")


def flow() -> Flow:
    return Flow(
        id="talk",
        title="Talk it [i]through[/i]",
        summary="test",
        steps=(
            RateStep(id="before", ask="How upset are you?", measures="distress"),
            WriteStep(id="feel", ask="How do you feel?"),
            RateStep(id="after", ask="And now?", measures="distress"),
            SayStep(id="bye", text="Well done."),
        ),
    )


def record(
    home: Path, names=("Sam", "Alex"), words: str = "I feel tired", done=True, start=1.7e9
) -> str:
    """A session recorded in-process through the Recorder, as the TUI would."""
    os.environ["GENTLE_HOME"] = str(home)
    try:
        with open_store() as store:
            clock = FakeClock(start)
            sid = start_session(store, flow(), names, started_at=clock.now())
            runner = Runner(flow(), names, clock, Recorder(store, sid))
            for value in (8, 6, words, "I feel rushed"):
                clock.advance(30)
                runner.submit(value)
            add_note(store, sid, f"note: {words}", "feel", at=clock.now())
            if done:
                runner.submit(3)
                runner.submit(4)
                runner.submit(None)
        return sid
    finally:
        del os.environ["GENTLE_HOME"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GENTLE_HOME", raising=False)
    return tmp_path / "home"


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in done.stderr + done.stdout


def test_history_and_show(home: Path) -> None:
    assert b"No saved sessions yet" in gentle(home, "history").stdout
    first = record(home)
    second = record(home, done=False, start=1.7e9 + 86_400)
    listing = text(gentle(home, "history"))
    lines = listing.splitlines()
    assert lines[0].startswith(second[:8]) and "interrupted" in lines[0]
    assert lines[1].startswith(first[:8]) and "completed" in lines[1]
    assert "Sam 8 → 3" in lines[1] and "Alex 6 → 4" in lines[1]
    as_json = json.loads(text(gentle(home, "history", "--json", "--limit", "1")))
    assert [s["id"] for s in as_json] == [second]
    shown = text(gentle(home, "show", first[:6]))
    assert "Sam: I feel tired" in shown and "Alex: I feel rushed" in shown
    assert "note: I feel tired" in shown and "Sam 8 → 3" in shown
    full = json.loads(text(gentle(home, "show", first[:6], "--json")))
    assert full["sessions"][0]["id"] == first


def test_unknown_ids_and_missing_arguments_are_kind(home: Path) -> None:
    record(home)
    missing = gentle(home, "show", "ffffffff")
    assert missing.returncode == 1 and b"No saved session" in missing.stderr
    no_traceback(missing)
    bare = gentle(home, "export")
    assert bare.returncode == 2 and b"or use --all" in bare.stderr


def test_export_import_round_trip_through_the_cli(home: Path, tmp_path: Path) -> None:
    record(home)
    record(home, ("Robin", "Kai"))
    out = tmp_path / "all.json"
    saved = gentle(home, "export", "--all", "--format", "json", "-o", str(out))
    assert saved.returncode == 0 and stat.S_IMODE(out.stat().st_mode) == 0o600
    other = tmp_path / "other-home"
    assert b"Imported 2 sessions" in gentle(other, "import", str(out)).stdout
    again = gentle(other, "import", str(out))
    assert b"Imported 0 sessions (2 were already here)" in again.stdout
    assert text(gentle(other, "history")) == text(gentle(home, "history"))
    md = tmp_path / "notes.md"
    gentle(home, "export", "--all", "-o", str(md))
    assert md.read_text().startswith("# Session notes from gentle")
    assert md.read_text().count("\n## ") == 2


def test_forget_asks_first(home: Path) -> None:
    sid = record(home)
    kept = record(home, words="we should keep this")
    declined = gentle(home, "forget", sid[:8], input="n\n")
    assert declined.returncode == 1 and b"Nothing was forgotten" in declined.stdout
    assert sid[:8].encode() in gentle(home, "history").stdout
    agreed = gentle(home, "forget", sid[:8], input="y\n")
    assert agreed.returncode == 0 and b"Forgot 1 session" in agreed.stdout
    assert b"backups" in agreed.stdout  # honest about what the disk may keep
    listing = gentle(home, "history").stdout
    assert sid[:8].encode() not in listing and kept[:8].encode() in listing
    assert gentle(home, "forget", "--all", "--yes").returncode == 0
    assert b"No saved sessions" in gentle(home, "history").stdout


def test_forget_all_erases_crash_reports_and_rescue_copies_and_names_kept_copies(home: Path) -> None:
    record(home)
    data = home / "data"
    crash = data / "crash-20261203-101010.log"
    crash.write_text("a report from an older gentle, with answers in it")
    rescue = data / "unsaved-session-20261203-101010.json"
    rescue.write_text("{}")
    damaged = data / "gentle.db.damaged-20261203T101010Z"
    damaged.write_bytes(b"old notes")
    mine = data / "crash-notes-i-keep.txt"  # not a name gentle writes: left alone
    mine.write_text("mine")
    done = gentle(home, "forget", "--all", "--yes")
    assert done.returncode == 0, done.stderr
    assert not crash.exists() and not rescue.exists()
    assert b"Also erased 2" in done.stdout
    assert damaged.exists() and str(damaged).encode() in done.stderr  # named, never deleted
    assert mine.exists()


def test_where_and_data_dir(home: Path, tmp_path: Path) -> None:
    lines = dict(ln.split(None, 1) for ln in text(gentle(home, "where")).splitlines())
    assert lines["notes:"] == str(home / "data" / "gentle.db")
    assert lines["flows:"] == str(home / "config" / "flows")
    elsewhere = tmp_path / "elsewhere"
    moved = dict(
        ln.split(None, 1)
        for ln in text(gentle(home, "--data-dir", str(elsewhere), "where")).splitlines()
    )
    assert moved["notes:"] == str(elsewhere / "gentle.db")
    assert not elsewhere.exists()  # where only tells; it creates nothing
    gentle(home, "--data-dir", str(elsewhere), "history")
    assert (elsewhere / "gentle.db").exists()


def test_hostile_text_is_stored_verbatim_and_printed_literally(home: Path) -> None:
    sid = record(home, names=(HOSTILE, "Alex"), words=HOSTILE)
    with sqlite3.connect(home / "data" / "gentle.db") as conn:
        stored = conn.execute("SELECT value FROM answers WHERE step_id = 'feel'").fetchone()[0]
    assert json.loads(stored)["text"] == HOSTILE  # verbatim, escape bytes and all
    for args in (
        ("history",), ("show", sid), ("history", "--json"), ("show", sid, "--json"),
        ("export", sid), ("export", sid, "--format", "json"),
    ):  # fmt: skip
        done = gentle(home, *args)
        assert done.returncode == 0, args
        for control in TERMINAL_CONTROLS:
            assert control not in done.stdout, (args, control)
    shown = text(gentle(home, "show", sid))
    assert "[/] [@click=app.quit] " in shown and "[bold red]loud[/]" in shown
    assert "Talk it [i]through[/i]" in shown
    md = text(gentle(home, "export", sid))
    assert "\\[/\\] \\[@click=app.quit\\]" in md


def test_a_corrupted_database_is_kept_and_explained(home: Path) -> None:
    db = home / "data" / "gentle.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database, but precious" * 50)
    done = gentle(home, "history")
    assert done.returncode == 1
    no_traceback(done)
    [kept] = [p for p in db.parent.iterdir() if p.name.startswith("gentle.db.damaged-")]
    assert str(kept).encode() in done.stderr
    assert kept.read_bytes().startswith(b"not a database, but precious")
    assert gentle(home, "history").returncode == 0  # a fresh start next time


def test_a_database_from_a_newer_gentle_is_left_alone(home: Path) -> None:
    db = home / "data" / "gentle.db"
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE t (x)")
    before = db.read_bytes()
    done = gentle(home, "history")
    assert done.returncode == 1 and b"newer version of gentle" in done.stderr
    no_traceback(done)
    assert db.read_bytes() == before


def test_an_unwritable_folder_is_explained(home: Path) -> None:
    done = gentle(home, "history", GENTLE_TEST_FAULT="unwritable")
    assert done.returncode == 1 and b"can't be written to" in done.stderr
    assert b"--data-dir" in done.stderr
    no_traceback(done)


def test_a_full_disk_is_explained_and_nothing_half_imported(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    for n in range(40):
        record(source, words=f"words {n} " * 40)
    out = tmp_path / "all.json"
    gentle(source, "export", "--all", "--format", "json", "-o", str(out))
    record(home)
    done = gentle(home, "import", str(out), GENTLE_TEST_FAULT="disk-full")
    assert done.returncode == 1 and b"is full" in done.stderr
    no_traceback(done)
    assert len(text(gentle(home, "history")).splitlines()) == 1  # the import was all or nothing


def test_forget_on_a_full_disk_says_what_happened_and_can_finish_later(home: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from gentle.cli import app as cli
    from gentle.store import forget as forgetting
    from gentle.store.errors import disk_full

    sid = record(home)
    real = forgetting.scrub

    def full(store):
        raise disk_full(home / "data" / "gentle.db")

    monkeypatch.setattr(forgetting, "scrub", full)
    result = CliRunner().invoke(cli, ["forget", sid[:8], "--yes"], env={"GENTLE_HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert "gone from history" in result.output and "is full" in result.output
    assert "erased these notes" not in result.output  # no claim that contradicts it
    monkeypatch.setattr(forgetting, "scrub", real)
    again = CliRunner().invoke(cli, ["forget", "--all", "--yes"], env={"GENTLE_HOME": str(home)})
    assert again.exit_code == 0 and "no saved sessions" in again.output


def test_a_notes_file_that_is_a_link_is_refused_for_what_it_is(home: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    real.write_bytes(b"")
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "data" / "gentle.db").symlink_to(real)
    done = gentle(home, "history")
    assert done.returncode == 1
    assert b"is a link" in done.stderr and b"can't be written" not in done.stderr
    assert real.read_bytes() == b""  # nothing written through it


def test_an_unwritable_folder_still_lets_history_show_and_export_read(home: Path) -> None:
    sid = record(home, words="we can still read this")
    for args in (("history",), ("show", sid[:8]), ("export", sid[:8])):
        done = gentle(home, *args, GENTLE_TEST_FAULT="unwritable")
        assert done.returncode == 0, done.stderr
        assert b"can still be read" in done.stderr
        no_traceback(done)
    assert b"we can still read this" in gentle(home, "show", sid[:8], GENTLE_TEST_FAULT="unwritable").stdout
    writing = gentle(home, "forget", sid[:8], "--yes", GENTLE_TEST_FAULT="unwritable")
    assert writing.returncode == 1 and b"can't be written to" in writing.stderr  # only reading is offered


def test_import_refuses_what_never_ends_at_once(home: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "a-pipe"
    os.mkfifo(fifo)
    for source in ("/dev/zero", str(fifo)):
        done = gentle(home, "import", source)
        assert done.returncode == 1 and b"not an ordinary file" in done.stderr, done.stderr
        no_traceback(done)


def test_history_json_gives_iso_8601_times_beside_the_epoch(tmp_path) -> None:
    import json as json_module
    import os as os_module
    import subprocess as sp
    import sys as system
    from datetime import datetime

    home = tmp_path / "home"
    code = ("from gentle.store.db import open_store\nfrom gentle.store.seed import seed_sessions\n"
            "s = open_store(); seed_sessions(s, 3); s.close()\n")
    env = dict(os_module.environ, GENTLE_HOME=str(home), TZ="Europe/Madrid")
    sp.run([system.executable, "-c", code], env=env, check=True)
    done = sp.run([system.executable, "-m", "gentle", "history", "--json"], env=env,
                  capture_output=True, text=True, check=True)
    rows = json_module.loads(done.stdout)
    assert len(rows) == 3
    for row in rows:
        started = datetime.fromisoformat(row["started"])
        assert started.utcoffset() is not None
        assert abs(started.timestamp() - row["started_at"]) < 1
        if row["ended_at"] is not None:
            assert abs(datetime.fromisoformat(row["ended"]).timestamp() - row["ended_at"]) < 1
