"""A session being run right now: recorded as it happens, and kept in memory as well.

Every engine event goes to the store's Recorder (one commit per event) *and* into a list
in memory. When the store fails mid-session (a full disk, an unwritable folder) or was
never available (a damaged or too-new notes file), nothing the couple gave is lost: the
app says so once and :meth:`LiveSession.save_copy` writes everything to a file of their
choice, through the same Markdown/JSON export as saved sessions. A demo keeps its events
in memory only and never opens the real store.

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
from gentle.store.errors import SessionNotFound, StoreError
from gentle.store.export import export_data, to_json, to_markdown, write_private_file
from gentle.store.history import session_detail
from gentle.store.recorder import Recorder, event_from_dict
from gentle.store.sessions import add_note, load_resume, start_session

# Problems that mean "the notes file can't be written now"; the session goes on in memory.
_STORE_FAILURES = (StoreError, sqlite3.Error, OSError)
# A demo export can never be imported into real history: `gentle import` refuses it.
DEMO_FORMAT = "gentle-demo"
DEMO_NOTE = (
    "**DEMO.** This is a demonstration of gentle with sample names. It is not a real "
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
            try:
                live.session_id = start_session(store, flow, live.partners, started_at=live.started_at)
                live.store, live.recorder = store, Recorder(store, live.session_id)
            except _STORE_FAILURES as error:
                live._failed(error)
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
            if self.recorder is not None:
                try:
                    self.recorder(event)
                except _STORE_FAILURES as error:
                    self._failed(error)
            relay(event)

        return on_event

    def _follow(self, runner: Runner) -> None:
        if self.recorder is None:
            return
        try:
            self.recorder.follow(runner)
        except _STORE_FAILURES as error:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        # Stop writing after the first failure: a record with holes would read as whole.
        self.recorder = None
        if self.trouble is None:
            self.trouble = str(error) if isinstance(error, StoreError) else (
                f"gentle couldn't save to its notes file ({error})."
            )
            self.warn(
                f"{self.trouble} Your answers are kept while gentle is open: "
                "press Ctrl+R to save a copy to a file."
            )

    # ----- what the couple adds or decides ---------------------------------------------------

    @property
    def saving(self) -> bool:
        """True while every event reaches the notes file."""
        return self.recorder is not None

    def add_note(self, text: str, step_id: str | None) -> bool:
        """Keep a free note; True when it also reached the notes file."""
        at = self.clock.now()
        self.notes.append(KeptNote(text, step_id, at))
        if self.recorder is None or self.store is None or self.session_id is None:
            return False
        try:
            add_note(self.store, self.session_id, text, step_id, at)
        except _STORE_FAILURES as error:
            self._failed(error)
            return False
        return True

    # ----- a copy in a file of their choice ---------------------------------------------------

    def save_copy(self, path: Path, fmt: str = "md") -> Path:
        """Write everything kept in memory to ``path`` (atomically, 0600); StoreError kinds."""
        memory = open_memory_store()
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
        return write_private_file(Path(path), text)


def _readable_events(bodies: Sequence[tuple[str]]) -> list[ev.Event]:
    """The recorded events that still read as events (a damaged row is left out)."""
    events = []
    for (body,) in bodies:
        try:
            events.append(event_from_dict(json.loads(body)))
        except (KeyError, TypeError, ValueError):
            continue
    return events
