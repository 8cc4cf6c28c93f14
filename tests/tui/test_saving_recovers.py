"""Saving recovers by itself, in the real app: a notes file locked by another gentle, then a
full disk, mid-session. Nothing is dropped, the screen never waits on the lock, and
everything is saved in order once it can be; leaving while anything waits asks first.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager

import pytest

from gentle import paths
from gentle.store.errors import disk_full
from gentle.tui import running
from tui_support import make_app, on_screen, screen_text


def stored_kinds(session_id: str) -> list[str]:
    with sqlite3.connect(paths.database_file()) as conn:
        rows = conn.execute("SELECT kind FROM events WHERE session_id = ? ORDER BY seq", (session_id,))
        return [row[0] for row in rows]


def only_live(app):
    [(runner, live)] = list(app.context.live.items())
    return runner, live


def watch_patience(store) -> list[int | None]:
    """Spy: the lock patience of every write the session makes."""
    seen: list[int | None] = []
    write = store.write

    @contextmanager
    def spy(*, patience_ms=None):
        seen.append(patience_ms)
        with write(patience_ms=patience_ms) as conn:
            yield conn

    store.write = spy
    return seen


def fill_the_disk(store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = store.write

    def full(**options):
        raise disk_full(paths.database_file())

    monkeypatch.setattr(store, "write", full)
    return real


async def test_a_lock_then_a_full_disk_lose_nothing_and_all_is_saved_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        store = app.context.store
        patience = watch_patience(store)
        # Another gentle (a large import, say) holds the write lock.
        other = sqlite3.connect(paths.database_file(), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("enter")  # welcome
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause(9)  # ten seconds of lock in all: the app's retry timer runs meanwhile
        runner, live = only_live(app)
        assert runner.step.id == "breathe"  # the couple went on, however busy the file
        assert live.waiting and "busy" in (live.trouble or "")
        assert on_screen(app, "tries again every few seconds"), screen_text(app)
        # Every write waited a moment at most, never the 5 s that froze the screen.
        assert patience and all(p is not None and p <= 250 for p in patience)
        other.execute("COMMIT")
        other.close()

        # Then the disk fills up, and the couple go on.
        real = fill_the_disk(store, monkeypatch)
        app.context.clock.advance(2)  # a moment on the breathing, then Enter ends it
        await pilot.press("enter")  # breathing done
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        assert "is full" in (live.trouble or "")
        monkeypatch.setattr(store, "write", real)  # space again
        await pilot.pause(3.5)  # the retry timer saves what waited
        assert not live.waiting, live.trouble
        assert stored_kinds(live.session_id) == [type(e).__name__ for e in live.events]
        assert not app.screen.query("StoreTroubleBanner")
        await pilot.pause()
        assert app.screen.query_one("#banner-slot").region.height == 0  # and no blank gap left
        await pilot.press("1", "enter")
        await pilot.pause()
    with sqlite3.connect(paths.database_file()) as conn:
        ratings = conn.execute("SELECT step_id, partner, rating FROM answers WHERE rating IS NOT NULL"
                               " ORDER BY id").fetchall()
    assert ratings == [("check-in", 0, 4), ("check-in", 1, 2), ("check-again", 0, 1), ("check-again", 1, 1)]


@pytest.mark.parametrize("way_out", ["q on the last screen", "home, then ctrl+q"])
async def test_leaving_with_answers_that_wait_asks_first(way_out: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        fill_the_disk(app.context.store, monkeypatch)
        for keys in (["enter"], ["4"], ["2"], ["enter"], ["1", "enter"], ["1", "enter"],
                     ["enter"]):
            if keys == ["enter"]:
                app.context.clock.advance(2)  # read first: an Enter at once goes with a number
            await pilot.press(*keys)
            await pilot.pause()
        runner, live = only_live(app)
        assert runner.finished and live.waiting
        if way_out == "q on the last screen":
            await pilot.press("q")
        else:
            app.go_home()
            await pilot.pause()
            await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen", screen_text(app)
        assert on_screen(app, "isn't in gentle's notes yet"), screen_text(app)
        await pilot.press("y")  # leave anyway
        await pilot.pause()
    # On the way out, what waits is written to a private file that `gentle import` reads.
    lines = running._save_what_waits(app)
    [line] = lines
    [rescue] = list(paths.data_dir().glob("unsaved-session-*.json"))
    assert str(rescue) in line and "gentle import" in line
    assert oct(rescue.stat().st_mode & 0o777) == "0o600"
    data = json.loads(rescue.read_text(encoding="utf-8"))
    given = [e["value"] for e in data["sessions"][0]["events"]
             if e["kind"] == "AnswerGiven" and e["step_id"] == "check-in"]
    assert given[:2] == [4, 2]


async def test_hidden_then_ctrl_q_leaves_at_once_and_keeps_what_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        fill_the_disk(app.context.store, monkeypatch)
        await pilot.press("enter", "4")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("ctrl+q")  # no question on a hidden screen
        await pilot.pause()
        assert app.return_code is not None
    assert running._save_what_waits(app)
    assert list(paths.data_dir().glob("unsaved-session-*.json"))


async def test_ctrl_r_saves_a_copy_while_saving_works_too(tmp_path) -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "4")
        await pilot.pause()
        assert not on_screen(app, "Save a copy")  # not in the footer: saving works
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveCopyScreen", screen_text(app)
        app.screen.query_one("#save-path").value = str(tmp_path / "copy.md")
        await pilot.press("enter")
        await pilot.pause()
    assert "4 of 10" in (tmp_path / "copy.md").read_text()
