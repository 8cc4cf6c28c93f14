"""What the app needs from the notes store and settings to run, resume and protect sessions.

``build_context`` (screens.py) calls :func:`wire_sessions` once. Every session then starts
(or resumes) through a :class:`gentle.store.live.LiveSession`, which commits each event and
keeps a copy in memory, so a store that fails at start or mid-session never loses answers.
No textual here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from gentle.config import Config
    from gentle.engine.runner import Runner
    from gentle.flows.model import Flow
    from gentle.tui.context import AppContext


def wire_sessions(context: "AppContext", config: "Config", store: Any, trouble: str | None) -> None:
    context.store = store
    context.store_trouble = trouble
    context.keeps_sessions = store is not None
    context.default_threshold = config.distress_threshold
    context.show_safety_note = not config.first_run_acknowledged
    context.acknowledge_safety = lambda: acknowledge_safety(context)
    context.start_runner = lambda flow, partners, relay: start_runner(context, flow, partners, relay)
    context.resume_runner = (
        (lambda session_id, relay: resume_runner(context, session_id, relay)) if store else None
    )


def acknowledge_safety(context: "AppContext") -> None:
    """Remember that the safety note was read, so it is not shown on every start."""
    from gentle.config import update_config

    context.show_safety_note = False
    try:
        update_config(first_run_acknowledged=True)
    except Exception as error:  # an unwritable config folder: say so, never stop
        context.warn(f"gentle couldn't remember that you read the note: {error}")


def start_runner(
    context: "AppContext", flow: "Flow", partners: tuple[str, str], relay: Callable[[Any], None]
) -> "Runner":
    from gentle.store.live import LiveSession

    runner, live = LiveSession.start(
        context.store,
        flow,
        partners,
        context.clock,
        relay,
        warn=lambda message: context.warn(message),
        trouble=context.store_trouble,
        demo=context.demo,
        default_threshold=context.default_threshold,
    )
    _forget_saved(context)
    context.live[runner] = live
    return runner


def _forget_saved(context: "AppContext") -> None:
    """Let go of sessions that ended with everything saved (the others keep retrying)."""
    for runner, live in list(context.live.items()):
        if runner.finished and not live.waiting:
            del context.live[runner]


def resume_runner(context: "AppContext", session_id: str, relay: Callable[[Any], None]) -> "Runner":
    """The interrupted session, at its exact step; raises StoreError kinds with a message."""
    from gentle.store.live import LiveSession

    # A session left for the home screen is picked up from the store: the runner it had
    # then is let go (its events are all saved; one with events waiting is kept retrying).
    for old, kept in list(context.live.items()):
        if kept.session_id == session_id and not kept.waiting:
            del context.live[old]
    runner, live = LiveSession.resume(
        context.store, session_id, context.clock, relay, warn=lambda message: context.warn(message)
    )
    _forget_saved(context)
    context.live[runner] = live
    return runner


def latest_resumable(context: "AppContext") -> str | None:
    """The most recent interrupted session that can be continued, if any."""
    from gentle.store.sessions import resumable_ids

    if context.store is None:
        return None
    found = resumable_ids(context.store, limit=1)
    return found[0] if found else None
