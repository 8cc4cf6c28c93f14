"""``gentle demo [FLOW]``: show gentle to others, with sample names and nothing saved.

The demo never opens the notes store (the database file is not even created): the
session lives in memory and can be saved, on request, to a file marked as a demo.
Textual is imported inside the command only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import typer

from gentle.commands.complete import flow_ids
from gentle.output import echo

if TYPE_CHECKING:
    from gentle.tui.context import AppContext

SAMPLE_PARTNERS = ("Jamie", "Morgan")


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        flow: Optional[str] = typer.Argument(
            None, help="The flow to show: an id, or a .yaml file you wrote. Without one, gentle asks.",
            autocompletion=flow_ids,
        ),
    ) -> None:
        """Show gentle on a big screen: sample names, facilitator notes, nothing saved."""
        context = build_demo_context()
        chosen = None
        if flow is not None:
            try:
                chosen = context.load_flow(flow)
            except Exception as error:  # UnknownFlow, FlowError, OSError: one plain line
                echo(f"gentle: {error}", err=True)
                raise typer.Exit(1) from None
        from gentle.tui.screens.demo import DemoApp
        from gentle.tui.running import run_app

        raise typer.Exit(run_app(DemoApp(context, start_flow=chosen, partners=SAMPLE_PARTNERS)))


def build_demo_context(clock: Any = None) -> "AppContext":
    """Settings for the look and keys, the flows, a clock that can run ×10; no store."""
    from gentle.commands.screens import _load_flow  # an id, or a flow file being written
    from gentle.commands.session_services import start_runner
    from gentle.config import load_settings
    from gentle.engine.clock import ScaledClock, SystemClock
    from gentle.flows.catalogue import Catalogue
    from gentle.tui.context import AppContext
    from gentle.tui.keys import binding_ids

    loaded = load_settings(known_bindings=binding_ids())
    config = loaded.config
    catalogue = Catalogue(extra=config.flows_dirs)
    context = AppContext(
        clock=ScaledClock(clock or SystemClock()),
        flows=catalogue.entries,
        load_flow=lambda ref: _load_flow(catalogue, ref),
        start_runner=lambda flow, partners, relay: start_runner(context, flow, partners, relay),
        partners=SAMPLE_PARTNERS,
        names_asked=True,
        theme=config.theme,
        reduced_motion=config.reduced_motion,
        bell=config.bell,
        keymap=config.keymap(),
        keeps_sessions=True,  # nothing is meant to be kept: leaving never asks
        notices=tuple(str(problem) for problem in loaded.problems),
        # Unset: the system's country, as in gentle itself (gentle.safety.country).
        country=config.country if loaded.origins.get("country", "default") != "default" else None,
        demo=True,
    )
    return context
