"""The ``gentle`` entry point: the two ways into the TUI start without typer.

Importing typer and registering every command costs ~25 ms of CPU before the first
frame, for nothing when the person just opens the app. This module recognises exactly
``gentle`` (no arguments) and ``gentle start FLOW [--partner NAME | -p NAME]...`` and
opens the app through the same functions the typer commands use. Everything else (any
other command or option, ``--help``, ``--data-dir``, ``--partner=NAME``, and every
mistake: an unknown flow, names that cannot be used) goes to the typer CLI in
``gentle/cli.py``, so its messages and exit codes stay exactly the same.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

START = "start"
PARTNER_OPTIONS = ("--partner", "-p")


def read_launch(args: Sequence[str]) -> tuple[str | None, list[str]] | None:
    """(flow or None for home, partner names) when ``args`` is a plain launch, else None."""
    if not args:
        return None, []
    if args[0] != START:
        return None
    flows: list[str] = []
    names: list[str] = []
    rest = list(args[1:])
    while rest:
        token = rest.pop(0)
        if token in PARTNER_OPTIONS:
            if not rest or _looks_like_option(rest[0]):
                return None
            names.append(rest.pop(0))
        elif _looks_like_option(token):
            return None  # --help, --partner=…, -pSam, --: typer knows what they mean
        else:
            flows.append(token)
    if len(flows) != 1:
        return None
    return flows[0], names


def _looks_like_option(token: str) -> bool:
    return token == "" or token.startswith("-")


def build_launch(args: Sequence[str]) -> dict[str, Any] | None:
    """The context and app options for a plain launch that will work, else None.

    None also when something is wrong (bad names, a flow that does not load): the typer
    CLI then says so in its own words. Nothing here prints.
    """
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ):
        return None  # a shell-completion request: typer answers those
    launch = read_launch(args)
    if launch is None:
        return None
    from gentle.commands.app_context import BadNames, build_context, partner_names

    flow_ref, given = launch
    if flow_ref is None:
        return {"context": build_context()}
    try:
        names = partner_names(given)
    except BadNames:
        return None
    context = build_context()
    try:
        flow = context.load_flow(flow_ref)
    except Exception:  # UnknownFlow, FlowError, OSError: typer prints the one-line message
        return None
    return {"context": context, "start_flow": flow, "partners": names}


def main() -> None:
    launch = build_launch(sys.argv[1:])
    if launch is None:
        from gentle.cli import main as cli_main

        cli_main()
        return
    from gentle.commands.app_context import run_screen

    try:
        code = run_screen(launch.pop("context"), **launch)
    except KeyboardInterrupt:  # as typer (click) ends on Ctrl+C: quietly, 130
        sys.exit(130)
    except EOFError:
        from gentle.output import echo

        echo(err=True)
        echo("Aborted!", err=True)
        sys.exit(1)
    sys.exit(code)
