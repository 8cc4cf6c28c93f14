"""Command: ``gentle flows handout FLOW [--format md|html] [-o PATH] [--partner NAME]...
[--note TEXT] [--paper letter|a4]``.

Added to the ``flows`` group by the flows command module (``register(flows_app)``).
Opens no screen and imports no textual.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from gentle.commands.complete import flow_ids

from gentle.text import clean_line
from gentle.output import echo


class HandoutFormat(str, Enum):
    md = "md"
    html = "html"


class Paper(str, Enum):
    letter = "letter"
    a4 = "a4"


# The territories where Letter is the paper in the shops; everywhere else it is A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"})
_TERRITORY = re.compile(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?=$|[.@])")


def locale_paper(environ: Mapping[str, str]) -> str:
    """The page size the locale prints on (LC_ALL, LC_PAPER or LANG, as POSIX orders them):
    "a4" or "letter". Letter when the locale names no country ("C", "POSIX", unset)."""
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(variable, "")
        if value:
            match = _TERRITORY.match(value)
            if match is None:
                return "letter"
            return "letter" if match.group(1).upper() in LETTER_TERRITORIES else "a4"
    return "letter"


def register(flows_app: typer.Typer) -> None:
    @flows_app.command("handout")
    def handout(
        flow: str = typer.Argument(..., help="The flow's id (see `gentle flows list`) or a flow file.",
                                   autocompletion=flow_ids),
        fmt: HandoutFormat = typer.Option(
            HandoutFormat.md, "--format", "-f", help="md (Markdown) or html (one page, ready to print)."
        ),
        output: Optional[Path] = typer.Option(
            None, "--output", "-o", help="Write the handout to this file instead of printing it."
        ),
        country: Optional[str] = typer.Option(
            None, "--country", help="Support lines for this country (us, uk, ca, au, ie, nz or international); "
            "default: the country in your settings."
        ),
        force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
        partner: Optional[list[str]] = typer.Option(
            None, "--partner", "-p", metavar="NAME",
            help="A partner's name, used instead of Partner A / Partner B (give it twice, first partner first).",
        ),
        note: Optional[str] = typer.Option(
            None, "--note", metavar="TEXT", help="A few words of your own for the couple, printed in a box near the top."
        ),
        paper: Optional[Paper] = typer.Option(
            None, "--paper", help="The page size of the HTML handout: letter or a4; "
            "default: the one your locale prints on (LC_PAPER), else letter.",
        ),
    ) -> None:
        """A printable version of a flow for clients: its purpose, each step with room to
        write, the timings, and where to get help. Facilitator notes are left out."""
        write_handout(flow, fmt.value, output, country, force, partners=list(partner or []), note=note,
                      paper=paper.value if paper else None)


def write_handout(target: str, fmt: str, output: Path | None, country: str | None,
                  force: bool = False, *, partners: list[str] | None = None, note: str | None = None,
                  paper: str | None = None) -> None:
    from gentle.commands.app_context import BadNames, partner_names
    from gentle.commands.flows import catalogue_from_options, load_flow_arg
    from gentle.config import load_config
    from gentle.handout import render_handout

    try:  # the same checks as gentle start: two different names of a sensible length
        names = partner_names(partners or [])
    except BadNames as problem:
        echo(clean_line(f"gentle: {problem}"), err=True)
        raise typer.Exit(2) from None
    config, problems = load_config()
    for problem in problems:
        # Settings problems don't stop a handout; say them once, quietly, on stderr.
        echo(clean_line(f"gentle: note: {problem}"), err=True)
    # By id (built-in, the user's folder, config's flows_dirs, --flows) or by path;
    # unknown ids and broken flows end here with one plain message and exit 1.
    flow = load_flow_arg(target, catalogue_from_options(config.flows_dirs))
    if country is not None:
        from gentle.config.values import Invalid, check_country

        try:
            country, warning = check_country(country)
        except Invalid as error:
            echo(clean_line(f"gentle: --country: {error.message}"), err=True)
            raise typer.Exit(2) from None
        if warning:
            echo(clean_line(f"gentle: note: {warning}"), err=True)
    country = country or config.country
    paper = paper or locale_paper(os.environ)
    text = render_handout(flow, fmt, country=country,  # type: ignore[arg-type]
                          default_threshold=config.distress_threshold, partners=names,
                          note=note, paper=paper)  # type: ignore[arg-type]
    if output is None:
        echo(text, nl=False)
        return
    from gentle.atomic import TargetRefused, check_target, write_text_atomic

    try:
        check_target(output.expanduser(), replace=force)
        write_text_atomic(output.expanduser(), text)
    except TargetRefused as refused:
        hint = " Add --force to replace it." if "already exists" in str(refused) else ""
        echo(clean_line(f"gentle: {refused}{hint} Nothing was written."), err=True)
        raise typer.Exit(1) from None
    except OSError as error:
        reason = error.strerror or str(error)
        echo(clean_line(f"gentle: could not write the handout to {output}: {reason}"), err=True)
        raise typer.Exit(1) from None
    echo(clean_line(f"Handout for “{flow.title}” written to {output}"), err=True)
