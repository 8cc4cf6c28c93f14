"""Bad days for the notes file, with nothing lost: an unwritable folder, a full disk, a damaged
file, a file from a newer gentle. Each gets one kind message and no traceback; the session
goes on with its answers in memory, and Ctrl+R saves them to a file the couple choose.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from gentle import paths
from gentle.store.db import FAULT_ENV
from gentle.store.errors import disk_full
from tui_support import make_app, on_screen, screen_text


def break_the_notes(how: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = paths.database_file()
    db.parent.mkdir(parents=True, exist_ok=True)
    if how == "unwritable":
        monkeypatch.setenv(FAULT_ENV, "unwritable")
    elif how == "disk-full":
        monkeypatch.setenv(FAULT_ENV, "disk-full")
    elif how == "damaged":
        db.write_bytes(b"this is not a database, it was scribbled over " * 20)
    elif how == "too-new":
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE later (x)")
            conn.execute("PRAGMA user_version = 999")
    return db


MESSAGES = {
    "unwritable": "that folder can't be written to",
    "disk-full": "is full",
    "damaged": "was damaged and couldn't be read",
    "too-new": "saved by a newer version of gentle",
}


def trouble_text(app) -> str:
    banners = app.screen.query("StoreTroubleBanner")
    return " ".join(str(banners.first().render()).split()) if banners else ""


async def answer_and_save(app, pilot, target: Path) -> None:
    await pilot.pause()
    await pilot.press("enter")  # welcome
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    assert app.screen.runner.step.id == "breathe"
    assert on_screen(app, "Ctrl+R Save a copy"), screen_text(app)
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert type(app.screen).__name__ == "SaveCopyScreen"
    app.screen.query_one("#save-path").value = str(target)
    await pilot.press("enter")
    await pilot.pause()
    assert type(app.screen).__name__ == "SessionScreen"


@pytest.mark.parametrize("how", ["unwritable", "disk-full", "damaged", "too-new"])
async def test_the_session_goes_on_and_its_answers_can_be_saved_elsewhere(
    how: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = break_the_notes(how, monkeypatch)
    before = db.read_bytes() if db.exists() else None
    target = tmp_path / "our answers.json"
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        words = trouble_text(app)
        assert MESSAGES[how] in words, words
        assert "Ctrl+R saves a copy to a file of your choice." in words
        assert "Traceback" not in screen_text(app)
        await answer_and_save(app, pilot, target)
        # Leaving asks first, because these answers are not in gentle's notes.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert (on_screen(app, "aren't saved") or on_screen(app, "not being saved")
                or on_screen(app, "isn't in gentle's notes yet")), screen_text(app)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "gentle-notes"
    given = [
        (e["step_id"], e["partner"], e["value"]) for e in data["sessions"][0]["events"] if e["kind"] == "AnswerGiven"
    ]
    assert ("check-in", 0, 4) in given and ("check-in", 1, 2) in given
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    if how == "damaged":
        kept = [p for p in db.parent.iterdir() if ".damaged-" in p.name]
        assert len(kept) == 1 and kept[0].read_bytes() == before  # kept aside, never overwritten
    if how == "too-new":
        assert db.read_bytes() == before  # left exactly as it was


async def test_a_disk_that_fills_up_mid_session_keeps_everything_in_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "copy.md"
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert trouble_text(app) == ""
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()

        def full(**options):  # from now on, every commit to the notes file finds the disk full
            raise disk_full(paths.database_file())

        monkeypatch.setattr(app.context.store, "write", full)
        await pilot.press("3")
        await pilot.pause(0.2)
        assert "The disk holding" in trouble_text(app), screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveCopyScreen", screen_text(app)
        app.screen.query_one("#save-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running, screen_text(app)
    text = target.read_text(encoding="utf-8")
    assert "6 of 10" in text and "3 of 10" in text  # the answer before and after the disk filled
    saved = sqlite3.connect(paths.database_file()).execute(
        "SELECT step_id, partner, value FROM answers WHERE step_id = 'check-in'"
    ).fetchall()
    assert saved == [("check-in", 0, "6")]  # what was committed before stays committed


async def test_saving_the_copy_to_a_bad_place_says_why_and_lets_you_try_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    break_the_notes("too-new", monkeypatch)
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        field = app.screen.query_one("#save-path")
        (tmp_path / "a file").write_text("not a folder")
        field.value = str(tmp_path / "a file" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveCopyScreen"
        assert on_screen(app, "Couldn't write"), screen_text(app)
        field.value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert on_screen(app, "That is a folder: please add a file name.")
        field.value = str(tmp_path / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
    assert (tmp_path / "x.md").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder, so chmod proves nothing")
async def test_a_read_only_data_folder_for_real(tmp_path: Path) -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        app, _ = make_app("pause-and-breathe")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert "can't be written to" in trouble_text(app)
    finally:
        folder.chmod(0o700)


async def test_ctrl_r_onto_an_existing_file_asks_before_replacing_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    break_the_notes("too-new", monkeypatch)
    precious = tmp_path / "precious.md"
    precious.write_text("my own words")
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#save-path").value = str(precious)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveCopyScreen"
        assert on_screen(app, "There is already a file called precious.md"), screen_text(app)
        assert precious.read_text() == "my own words"
        await pilot.press("enter")  # yes, replace it
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
    assert "Pause and breathe" in precious.read_text()
    assert oct(precious.stat().st_mode & 0o777) == "0o600"
