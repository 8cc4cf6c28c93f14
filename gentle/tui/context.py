"""What the app is given from outside: clock, flows, settings, and how to start a session.

``gentle/commands/app_context.py`` builds one of these from config,
the catalogue and the store; tests build one with a ``FakeClock`` and a temporary
``GENTLE_HOME``. Screens read it through ``app.context`` and never reach for globals.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from gentle.records import record

if TYPE_CHECKING:
    from gentle.engine.clock import Clock
    from gentle.engine.events import Event
    from gentle.engine.runner import Runner
    from gentle.flows.model import Flow
    from gentle.store.live import LiveSession

# Starts the engine for a flow: (flow, partner names, the TUI's event listener) -> Runner.
# The builder chains the store's recorder in front of the TUI's listener.
StartRunner = Callable[["Flow", tuple[str, str], Callable[["Event"], None]], "Runner"]
# Continues a saved, interrupted session: (session id, the TUI's event listener) -> Runner.
ResumeRunner = Callable[[str, Callable[["Event"], None]], "Runner"]

DEFAULT_PARTNERS: tuple[str, str] = ("Partner A", "Partner B")
QUICK_FLOW_ID = "pause-and-breathe"


@record(frozen=False)
class AppContext:
    clock: "Clock"
    # The flows to offer: cheap listing rows with .id, .title, .minutes (catalogue entries).
    flows: Callable[[], Sequence[Any]]
    # Loads and checks one flow; raises (FlowError, UnknownFlow…) with a message for people.
    load_flow: Callable[[str], "Flow"]
    start_runner: StartRunner
    # Names remembered from last time; None when nobody has given them yet.
    partners: tuple[str, str] | None = None
    # True once the names were asked (given or skipped), so we never nag.
    names_asked: bool = False
    remember_partners: Callable[[tuple[str, str] | None], None] = lambda names: None
    theme: str | None = None
    reduced_motion: bool = False
    bell: bool = False
    keymap: Mapping[str, str] = field(default_factory=dict)
    quick_flow_id: str = QUICK_FLOW_ID
    # False when nothing records sessions (no store): quitting mid-session then loses answers.
    keeps_sessions: bool = True
    # Problems to tell the person about once the first screen is up (e.g. a broken config).
    notices: Sequence[str] = ()
    extras: dict[str, Any] = field(default_factory=dict)
    # The notes store (gentle.store.db.Store) for history, insights and resuming; None when
    # it could not be opened (``store_trouble`` says why) or in a demo.
    store: Any = None
    store_trouble: str | None = None
    resume_runner: ResumeRunner | None = None
    # Each session's LiveSession (recording, notes, the copy kept in memory), held until
    # everything it has is saved: a session left with answers waiting keeps trying.
    live: "dict[Runner, LiveSession]" = field(default_factory=dict)
    # Support lines to show (config ``country``); None until a person chooses one, when
    # the system's country is used (gentle.safety.country.support_country). And the
    # first-run safety note.
    country: str | None = "international"
    show_safety_note: bool = False
    acknowledge_safety: Callable[[], None] = lambda: None
    # A therapist's demo (gentle demo): sample names, nothing saved, presentation look.
    demo: bool = False
    # config.yaml's distress_threshold, for flows that set none (engine/offers.py).
    default_threshold: int | None = None

    def names(self) -> tuple[str, str]:
        return self.partners or DEFAULT_PARTNERS

    # Tells the person about a problem that happened behind the scenes (set by the app).
    warn: Callable[[str], None] = lambda message: None
    # Saves settings chosen in the app (theme=..., country=...) to config.yaml; False
    # (after a warning) when they could not be saved. Nothing is saved by default.
    save_setting: Callable[..., bool] = lambda **changes: False
