"""Commands that open a screen: bare ``gentle`` (home) and ``gentle start FLOW``.

Textual is imported inside the functions only, so the rest of the CLI starts fast
and never pulls it in. What the app needs from outside (config, flows, the notes
store, the clock) is gathered by :mod:`gentle.commands.app_context`, which the fast
entry point (``gentle/launch.py``) uses too, without typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from gentle.commands.complete import flow_ids

from gentle.commands.app_context import BadNames, build_context, load_flow_ref, partner_names
from gentle.output import echo

if TYPE_CHECKING:
    from gentle.tui.context import AppContext

__all__ = ["build_context", "open_home", "register"]

_load_flow = load_flow_ref  # the name `gentle demo` imports


def register(app: typer.Typer) -> None:
    @app.command("start")
    def start(
        flow: str = typer.Argument(
            ..., help="The flow to open: an id such as pause-and-breathe, or a .yaml file.",
            autocompletion=flow_ids,
        ),
        partner: Optional[List[str]] = typer.Option(
            None, "--partner", "-p", help="A partner's name (give it twice, first partner first)."
        ),
    ) -> None:
        """Open a flow straight away."""
        names = _partner_names(partner or [])
        context = build_context()
        try:
            chosen = context.load_flow(flow)
        except Exception as error:  # UnknownFlow, FlowError, OSError: one plain line, no traceback
            echo(f"gentle: {error}", err=True)
            raise typer.Exit(1) from None
        _run(context, start_flow=chosen, partners=names)


def open_home() -> None:
    _run(build_context())


def _partner_names(given: list[str]) -> tuple[str, str] | None:
    try:
        return partner_names(given)
    except BadNames as error:
        echo(f"gentle: {error}", err=True)
        raise typer.Exit(2) from None


def _run(context: "AppContext", **options: Any) -> None:
    from gentle.commands.app_context import run_screen

    raise typer.Exit(run_screen(context, **options))
