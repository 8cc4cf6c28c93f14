"""A session being run right now: recorded as it happens, and kept in memory as well.

Every engine event goes into a list in memory and to the store's Recorder, committed as
it happens. When saving fails (another gentle holds the notes file's lock, a full disk,
a folder that can't be written), nothing is dropped: the events and notes wait in order
(``pending``), the couple are told once, calmly, and every later event and the app's
retry timer try again (:meth:`LiveSession.save_waiting`), never waiting long on the lock
(:data:`PATIENCE_MS`). Once it works, everything that waited is committed in one
transaction, in order. Leaving while anything waits asks first (the TUI), and
:meth:`LiveSession.save_copy` writes everything to a file of the couple's choice. When
the notes file could not be opened at all (damaged, too new), the session is kept in
memory only. A demo keeps its events in memory only and never opens the real store.

No textual here: the TUI finds the LiveSession of a runner through its context.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Callable, Sequence

from gentle.engine import events as ev
from gentle.engine.clock import Clock
from gentle.engine.runner import Runner
from gentle.flows.model import Flow
from gentle.records import record
from gentle.store.db import Store, open_memory_store
from gentle.store.errors import (
    DatabaseCorrupt,
    DatabaseTooNew,
    DiskFull,
    SessionNotFound,
    StoreBusy,
    StoreError,
)
from gentle.store.export_json import DEMO_FORMAT, DEMO_MARK
from gentle.store.recorder import Recorder, event_from_dict
from gentle.store.sessions import add_note, load_resume, start_session

# Problems that mean "the notes file can't be written now"; the session goes on in memory.
_STORE_FAILURES = (StoreError, sqlite3.Error, OSError)
# How long one save waits for another gentle's write lock before it queues and moves on
# (the couple's screen must not freeze while, say, a large import runs elsewhere).
PATIENCE_MS = 250
# A demo export can never be imported into real history: `gentle import` refuses it.
DEMO_NOTE = (
    f"{DEMO_MARK} This is a demonstration of gentle with sample names. It is not a real "
    "session and is not part of anyone's history."
)

Listener = Callable[[ev.Event], None]


@record
class KeptNote:
    text: str
    step_id: str | None
    at: float


class LiveSession:
    """Where one running session records, and everything about it kept in memory."""

    def __init__(
        self,
        flow: Flow,
        partners: Sequence[str],
        clock: Clock,
        *,
        warn: Callable[[str], None] = lambda message: None,
        trouble: str | None = None,
        demo: bool = False,
    ) -> None:
        self.flow = flow
        self.partners = (partners[0], partners[1])
        self.clock = clock
        self.warn = warn
        self.demo = demo
        self.trouble = trouble  # why this session is not being saved, in words for people
        self.store: Store | None = None
        self.session_id: str | None = None
        self.recorder: Recorder | None = None
        self.events: list[ev.Event] = []
        self.notes: list[KeptNote] = []
        # Not yet in the notes file, oldest first: saved before anything newer.
        self.pending: list[ev.Event] = []
        self.pending_notes: list[KeptNote] = []
        self._runner: Runner | None = None
        self.started_at = clock.now()

    # ----- starting and resuming -----------------------------------------------------------

    @classmethod
    def start(
        cls,
        store: Store | None,
        flow: Flow,
        partners: Sequence[str],
        clock: Clock,
        relay: Listener,
        *,
        default_threshold: int | None = None,
        **options: Any,
    ) -> tuple[Runner, "LiveSession"]:
        """A fresh session of ``flow``, recorded in ``store`` (None: memory only)."""
        live = cls(flow, partners, clock, **options)
        if store is not None:
            live.store = store
            try:
                live._begin(store)
            except _STORE_FAILURES as error:
                live._failed(error)  # the session row too is made when saving works again
        runner = Runner(flow, live.partners, clock, on_event=live.listener(relay),
                        default_threshold=default_threshold)
        live._follow(runner)
        return runner, live

    @classmethod
    def resume(
        cls, store: Store, session_id: str, clock: Clock, relay: Listener, **options: Any
    ) -> tuple[Runner, "LiveSession"]:
        """Continue an interrupted session at its exact step (a break keeps its deadline)."""
        point = load_resume(store, session_id)
        live = cls(point.flow, point.partners, clock, **options)
        try:
            runner = Runner.restore(point.flow, point.snapshot, clock, on_event=live.listener(relay))
        except ValueError as error:
            raise SessionNotFound(
                f"That session can't be continued: its saved place doesn't fit any more ({error})."
            ) from None
        with store.read() as conn:
            row = conn.execute("SELECT started_at FROM sessions WHERE id = ?", (session_id,)).fetchone()
            bodies = conn.execute("SELECT body FROM events WHERE session_id = ? ORDER BY seq",
                                  (session_id,)).fetchall()
        live.started_at = float(row[0]) if row else live.started_at
        # The memory copy (for Ctrl+R) starts from the events already recorded, exactly.
        live.events = _readable_events(bodies)
        live.store, live.session_id = store, session_id
        live.recorder = Recorder(store, session_id)
        live._follow(runner)
        return runner, live

    def listener(self, relay: Listener) -> Listener:
        def on_event(event: ev.Event) -> None:
            self.events.append(event)
            if self.store is not None:
                self.pending.append(event)
                self.save_waiting()
            relay(event)

        return on_event

    def _follow(self, runner: Runner) -> None:
        self._runner = runner
        if self.recorder is None:
            return
        try:
            self.recorder.follow(runner)
        except _STORE_FAILURES as error:
            self._failed(error)

    # ----- saving, and saving again after a failure ------------------------------------------

    @property
    def saving(self) -> bool:
        """True when everything so far is in the notes file."""
        return self.store is not None and self.recorder is not None and not self.waiting

    @property
    def waiting(self) -> int:
        """How many events and notes wait to be saved (0: all saved, or nowhere to save)."""
        return len(self.pending) + len(self.pending_notes)

    def save_waiting(self, patience_ms: int = PATIENCE_MS) -> bool:
        """Try to save everything that waits, in order, in one transaction; True if done.

        A busy notes file (another gentle importing), a full disk or a folder that can't be
        written: what waits stays queued, in order, and the next event or the app's retry
        timer tries again. Nothing is ever dropped.
        """
        if self.store is None:
            return not self.waiting
        if not self.waiting:
            return True
        try:
            if self.recorder is None:
                self._begin(self.store)
            assert self.recorder is not None
            self.recorder.record_all(self.pending, patience_ms=patience_ms)
            self.pending.clear()
            while self.pending_notes:
                note = self.pending_notes[0]
                if not _has_note(self.store, self.recorder.session_id, note):  # or imported
                    add_note(self.store, self.recorder.session_id, note.text, note.step_id, note.at)
                self.pending_notes.pop(0)
        except _STORE_FAILURES as error:
            self._failed(error)
            return False
        if self.trouble is not None:
            self.trouble = None
            self.warn("Everything is saved in gentle's notes again.")
        return True

    def _begin(self, store: Store) -> None:
        if self.session_id is None:
            self.session_id = start_session(store, self.flow, self.partners, started_at=self.started_at)
        snapshot = self._runner.snapshot if self._runner is not None else None
        self.recorder = Recorder(store, self.session_id, snapshot)

    def _failed(self, error: BaseException) -> None:
        first = self.trouble is None
        if isinstance(error, (DatabaseCorrupt, DatabaseTooNew, sqlite3.ProgrammingError)):
            # The notes file is gone (moved aside, damaged) or closed: no retry can work,
            # so the session goes on in memory, with the first reason kept.
            self.store = None
            if not first:
                return
        self.trouble = _in_words(error)  # the latest reason: busy can turn into full
        if first:
            # Short: the session screen's banner says why (this shows over a break too).
            self.warn("Saving waits a moment: gentle keeps everything and tries again. "
                      "Ctrl+R saves a copy to a file.")

    # ----- what the couple adds or decides ---------------------------------------------------

    def add_note(self, text: str, step_id: str | None) -> bool:
        """Keep a free note; True when it also reached the notes file."""
        at = self.clock.now()
        note = KeptNote(text, step_id, at)
        self.notes.append(note)
        if self.store is None:
            return False
        self.pending_notes.append(note)
        return self.save_waiting()

    # ----- a copy in a file of their choice ---------------------------------------------------

    def save_copy(self, path: Path, fmt: str = "md", replace: bool = False) -> Path:
        """Write everything kept in memory to ``path`` (atomically, 0600); StoreError kinds."""
        memory = open_memory_store()
        # Only when a copy is asked for: a session's start never waits for these.
        from gentle.store.export import export_data, to_json, to_markdown, write_private_file
        from gentle.store.history import session_detail

        try:
            # The same id as in the notes file, so importing the copy later completes that
            # session instead of adding a second one.
            sid = start_session(
                memory, self.flow, self.partners, started_at=self.started_at, session_id=self.session_id
            )
            recorder = Recorder(memory, sid)
            for event in self.events:
                recorder(event)
            for note in self.notes:
                add_note(memory, sid, note.text, note.step_id, note.at)
            if fmt == "json":
                data = export_data(memory, [sid])
                if self.demo:
                    data.update(format=DEMO_FORMAT, demo=True)
                text = to_json(data)
            else:
                text = to_markdown([session_detail(memory, sid)], now=self.clock.now())
                if self.demo:
                    text = f"{DEMO_NOTE}\n\n{text}"
        finally:
            memory.close()
        return write_private_file(Path(path), text, replace=replace)


def _has_note(store: Store, session_id: str, note: KeptNote) -> bool:
    with store.read() as conn:
        return conn.execute("SELECT 1 FROM notes WHERE session_id = ? AND at = ? AND text = ?",
                            (session_id, note.at, note.text)).fetchone() is not None


def _in_words(error: BaseException) -> str:
    """Why saving waits, for a session that goes on (so no "try again": gentle does)."""
    text = str(error)
    if isinstance(error, StoreBusy) or "locked" in text.lower():
        return "gentle's notes file is busy (another gentle is using it), so saving waits a moment."
    if isinstance(error, DiskFull) or "full" in text.lower() or "no space" in text.lower():
        where = f"The disk holding {error.path}" if isinstance(error, DiskFull) else "The disk"
        return (f"{where} is full, so gentle can't save to its notes just now. Nothing already "
                "saved was lost, and once there is room gentle saves the rest by itself.")
    if isinstance(error, StoreError):
        return text
    return f"gentle couldn't save to its notes file ({error})."


def _readable_events(bodies: Sequence[tuple[str]]) -> list[ev.Event]:
    """The recorded events that still read as events (a damaged row is left out)."""
    events = []
    for (body,) in bodies:
        try:
            events.append(event_from_dict(json.loads(body)))
        except (KeyError, TypeError, ValueError):
            continue
    return events
