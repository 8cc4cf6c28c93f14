"""Everything the app needs from outside, gathered without typer (and without textual).

Both ways into the TUI use this: the typer commands (``gentle/commands/screens.py``) and
the fast entry point (``gentle/launch.py``), which opens the app for bare ``gentle`` and
``gentle start`` without importing typer at all. Textual is imported only by
:func:`run_screen`, when the app is about to run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gentle.tui.context import AppContext


class BadNames(ValueError):
    """The --partner names cannot be used; ``str()`` is the line to print, after "gentle: "."""


def partner_names(given: list[str]) -> tuple[str, str] | None:
    """The names given with --partner, checked; None when none were given. Raises BadNames."""
    if not given:
        return None
    from gentle.config.values import Invalid, check_partner_name
    from gentle.tui.context import DEFAULT_PARTNERS

    if len(given) > 2:
        raise BadNames("give --partner at most twice, one name for each of you.")
    try:
        names = [check_partner_name(name) for name in given]
    except Invalid as error:
        raise BadNames(error.message) from None
    first = names[0]
    second = names[1] if len(names) > 1 else DEFAULT_PARTNERS[1]
    if first.casefold() == second.casefold():
        raise BadNames("the two partners need different names.")
    return first, second


def run_screen(context: "AppContext", **options: Any) -> int:
    """Run the app (home, or ``start_flow=``) and return its exit code."""
    from gentle.tui.app import GentleApp
    from gentle.tui.running import run_app

    return run_app(GentleApp(context, **options))


def build_context(clock: Any = None) -> "AppContext":
    """Config, flows and the notes store, ready for the app. Problems become notices."""
    from gentle.commands.app_settings import wire_settings
    from gentle.commands.session_services import start_runner, wire_sessions
    from gentle.config import load_settings, update_config
    from gentle.config.settings import DEFAULTS
    from gentle.engine.clock import SystemClock
    from gentle.flows.catalogue import Catalogue
    from gentle.tui.context import AppContext

    # Key ids are checked by the app after its first frame (that check imports every screen).
    loaded = load_settings()
    config = loaded.config
    notices = [str(problem) for problem in loaded.problems]
    catalogue = Catalogue(extra=config.flows_dirs)
    clock = clock or SystemClock()
    store_problems: list[str] = []
    store = _open_store(notices, store_problems)

    context = AppContext(
        clock=clock,
        flows=catalogue.entries,
        load_flow=lambda ref: load_flow_ref(catalogue, ref),
        start_runner=lambda flow, partners, relay: start_runner(context, flow, partners, relay),
        theme=config.theme,
        reduced_motion=config.reduced_motion,
        bell=config.bell,
        keymap=config.keymap(),
        keeps_sessions=store is not None,
        notices=tuple(notices),
    )
    names_given = loaded.origins.get("partners", "default") != "default"
    context.partners = config.partners if names_given else None
    context.names_asked = names_given

    def remember(names: tuple[str, str] | None) -> None:
        # Skipping is remembered too (the default names are written), so we never nag.
        try:
            update_config(partners=names or context.partners or DEFAULTS.partners)
        except Exception as error:  # an unwritable config folder must not stop a session
            context.warn(f"Your names could not be saved: {error}")

    context.remember_partners = remember
    wire_sessions(context, config, store, store_problems[0] if store_problems else None)
    wire_settings(context, loaded)
    return context


def load_flow_ref(catalogue: Any, ref: str) -> Any:
    """A flow by id, or straight from a file when ``ref`` names one (``gentle start my.yaml``)."""
    from pathlib import Path

    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        path = Path(ref).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"there is no flow file at {path}")
        return catalogue.load_path(path)
    return catalogue.load(ref)


def _open_store(notices: list[str], problems: list[str]) -> Any:
    from gentle.store.db import open_store
    from gentle.store.errors import StoreError

    try:
        store = open_store()
    except StoreError as error:
        problems.append(str(error))
        notices.append(
            f"{error} Sessions won't be saved this time; answers are kept while gentle is "
            "open, and Ctrl+R in a session saves a copy to a file."
        )
        return None
    notices.extend(store.notices)
    return store
