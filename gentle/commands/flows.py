"""Commands: ``gentle flows list | show | validate | schema | new | walk | preview``.

None of these but ``preview`` opens a screen, so none may import textual (a test checks);
``preview`` imports it inside the command, as ``gentle demo`` does. Anything
heavier than typer is imported inside the command that needs it, to keep start-up fast.
Problems with a flow are printed one per line as ``PATH:LINE:COL: message``; any
other failure is one plain ``gentle: ...`` line and exit code 1, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional

import typer

from gentle.commands.complete import flow_ids
from gentle.output import echo, error

if TYPE_CHECKING:
    from gentle.flows.catalogue import Catalogue
    from gentle.flows.model import Flow, Problem

# Folders or files given with `gentle flows --flows DIR ...`, kept for the subcommand.
_extra_flows: list[Path] = []


def catalogue_from_options(extra: Sequence[Path] = ()) -> "Catalogue":
    """The catalogue: built-in, user folder, then ``--flows`` folders/files (later wins).

    Other commands (e.g. ``gentle start``) pass their own ``--flows`` values as ``extra``.
    """
    from gentle.flows.catalogue import Catalogue

    return Catalogue(extra=[*_extra_flows, *extra])


def fail(message: str) -> NoReturn:
    error(message)
    raise typer.Exit(1)


def print_problems(problems: Sequence["Problem"], *, err: bool = False) -> None:
    from gentle.text import clean_line

    for problem in problems:
        echo(clean_line(str(problem)), err=err)


def looks_like_path(text: str) -> bool:
    return text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text or Path(text).is_file()


def load_flow_arg(target: str, catalogue: "Catalogue") -> "Flow":
    """A flow named by id or by path; prints its problems and exits 1 if it cannot load."""
    from gentle.flows.catalogue import UnknownFlow
    from gentle.flows.model import FlowError

    try:
        if looks_like_path(target):
            return catalogue.load_path(Path(target))
        return catalogue.load(target)
    except UnknownFlow as exc:
        fail(f"{exc} (see `gentle flows list`)")
    except FlowError as exc:
        print_problems(exc.problems, err=True)
        fail(f"{target} has problems; fix them and try again")


def register(app: typer.Typer) -> None:
    flows_app = typer.Typer(
        context_settings={"help_option_names": ["-h", "--help"]},
        name="flows",
        help="List, show, check and write flows (the guided conversations).",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
    )

    @flows_app.callback()
    def flows_options(
        flows: Optional[list[Path]] = typer.Option(
            None, "--flows", metavar="DIR",
            help="Also use the flows in this folder (or this file). Can be repeated.",
        ),
    ) -> None:
        """Work with flows: built-in ones, yours, and any in --flows folders."""
        _extra_flows[:] = list(flows or [])

    flows_app.command("list")(list_flows)
    flows_app.command("show")(show_flow)
    flows_app.command("validate")(validate_flows)
    flows_app.command("schema")(print_schema)
    flows_app.command("new")(new_flow)
    flows_app.command("walk")(walk_flow)
    flows_app.command("preview")(preview_flow)
    try:
        from gentle.commands import handout
    except ModuleNotFoundError as exc:  # written by another part of the project
        if exc.name != "gentle.commands.handout":
            raise
    else:
        handout.register(flows_app)
    app.add_typer(flows_app, name="flows")


def list_flows(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List every flow gentle can find: id, title, minutes and where it comes from."""
    from gentle.text import clean_line

    catalogue = catalogue_from_options()
    entries = catalogue.entries()
    for note in catalogue.notes:
        echo(clean_line(note), err=True)
    problems = _first_problems(catalogue, entries)
    if as_json:
        import json

        data = [{"id": e.id, "title": e.title, "minutes": e.minutes, "source": e.source,
                 "path": str(e.path), "replaces": e.replaces, "ok": e.id not in problems,
                 "problem": problems.get(e.id)} for e in entries]
        echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not entries:
        echo("No flows found.")
        return
    def short(text: str, width: int) -> str:  # one long title must not pad every line
        return text if len(text) <= width else text[: width - 1] + "…"

    rows = [(short(clean_line(e.id), 40), short(clean_line(e.title), 48),
             f"{e.minutes:g}" if e.minutes is not None else "-",
             clean_line(e.source) + (f" (instead of {e.replaces})" if e.replaces else "")
             + ("  ! has a problem (see below)" if e.id in problems else ""))
            for e in entries]
    header = ("ID", "TITLE", "MINUTES", "SOURCE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        echo(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}")
    for entry in entries:
        if entry.id in problems:
            echo(clean_line(f'"{entry.id}" has a problem and won\'t open yet: {problems[entry.id]}. '
                            f"`gentle flows validate {entry.path}` shows everything to fix."), err=True)


def _first_problems(catalogue: Any, entries: list[Any]) -> dict[str, str]:
    """The first problem of each flow that isn't built in (those are checked by gentle's
    own tests), so a broken file of the person's own is marked in the list."""
    found: dict[str, str] = {}
    for entry in entries:
        if entry.source == "built-in":
            continue
        _, problems = catalogue.check_path(entry.path)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            found[entry.id] = f"line {errors[0].line}: {errors[0].message}"
    return found


def show_flow(
    target: str = typer.Argument(..., metavar="ID|PATH", help="A flow id, or the path of a flow file.",
                                 autocompletion=flow_ids),
    as_json: bool = typer.Option(False, "--json", help="Print the normalised flow as JSON."),
) -> None:
    """Show a flow's outline: its steps, where each route goes, and its sources."""
    from gentle.flows import describe

    flow = load_flow_arg(target, catalogue_from_options())
    if as_json:
        import json

        echo(json.dumps(describe.flow_to_dict(flow), indent=2, ensure_ascii=False))
    else:
        echo(describe.outline(flow))


def validate_flows(
    targets: list[Path] = typer.Argument(..., metavar="PATH...", help="Flow files or folders."),
    strict: bool = typer.Option(False, "--strict", help="Count warnings as failures too."),
    as_json: bool = typer.Option(False, "--json", help="Print the problems as JSON objects (file, line, col, message, severity)."),
) -> None:
    """Check flow files; print every problem as PATH:LINE:COL: message.

    Exits 0 when every file is valid, 1 otherwise. Warnings fail only with --strict.
    """
    from gentle.flows.catalogue import flow_files
    from gentle.flows.loader import check_flow

    files: list[Path] = []
    for target in targets:
        files.extend(flow_files(target) if target.is_dir() else [target])
    # Includes resolve against the files being checked first, then the catalogue.
    catalogue = catalogue_from_options([f for f in files if f.is_file()])
    lookup = catalogue.resolver()
    failed = 0
    found = []
    for path in files:
        _, problems = check_flow(path, lookup)
        found += problems
        if not as_json:
            print_problems(problems)
        if any(p.severity == "error" or strict for p in problems):
            failed += 1
    if not files:
        fail("no flow files (.yaml or .yml) found there")
    if as_json:
        import json

        echo(json.dumps({"files": len(files), "failed": failed, "problems": [
            {"file": p.path, "line": p.line, "col": p.column, "message": p.message, "severity": p.severity}
            for p in found]}, indent=2, ensure_ascii=False))
        if failed:
            raise typer.Exit(1)
        return
    if failed:
        echo(f"{failed} of {len(files)} flow file(s) have problems.", err=True)
        raise typer.Exit(1)
    # The answer asked for, on stdout after any warnings.
    warned = f" ({len(found)} warning{'s' if len(found) != 1 else ''} above)" if found else ""
    echo(f"All {len(files)} flow file(s) are valid{warned}.")


def print_schema(
    install: bool = typer.Option(False, "--install", help="Write it where editors find it (see the starter's first line)."),
    force: bool = typer.Option(False, "--force", help="With --install: replace a file there that isn't gentle's."),
) -> None:
    """Print a JSON Schema of the flow format, for editors that check YAML files."""
    import json

    from gentle.flows.schema import flow_schema, install_schema

    if install:
        try:
            target = install_schema(force)
        except FileExistsError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"could not write the schema: {exc.strerror or exc}")
        echo(str(target))
        echo("Put this first line in a flow file, and an editor with yaml-language-server checks it:", err=True)
        echo(f"# yaml-language-server: $schema={target.as_uri()}", err=True)
        return
    echo(json.dumps(flow_schema(), indent=2))


def new_flow(
    flow_id: str = typer.Argument(..., metavar="ID", help="The new flow's id, like my-flow."),
) -> None:
    """Write a commented starter flow to your flows folder (never over an existing file)."""
    import os
    import re

    from gentle import paths
    from gentle.flows.starter import starter_text

    if not re.fullmatch(r"[a-z][a-z0-9-]*", flow_id):
        fail(f'"{flow_id}" is not a valid flow id: use lowercase letters, digits and dashes, '
             "starting with a letter")
    folder = paths.user_flows_dir()
    target = folder / f"{flow_id}.yaml"
    try:
        paths.make_private_dir(folder)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.fchmod(fd, 0o600)  # the mode given to open() is filtered by the umask
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(starter_text(flow_id, str(target)))
    except FileExistsError:
        fail(f"{target} already exists; edit it, or pick another id")
    except OSError as exc:
        fail(f"could not write {target}: {exc.strerror or exc}")
    echo(f"Wrote {target}")
    try:  # its first line points an editor at the schema: put the schema there too
        from gentle.flows.schema import install_schema

        install_schema()
    except OSError:
        pass  # a file of the person's own is there: left alone; the flow still works
    builtin = catalogue_from_options().entries()
    if any(e.id == flow_id and e.source == "built-in" for e in builtin):
        echo(f'note: it takes the place of the built-in flow "{flow_id}".', err=True)
    echo(f"Next: edit it, then run `gentle flows validate {target}`.")


def walk_flow(
    target: str = typer.Argument(..., metavar="ID|PATH", help="A flow id, or the path of a flow file.",
                                 autocompletion=flow_ids),
    answers_file: Path = typer.Option(..., "--answers", metavar="FILE",
                                      help="YAML or JSON: step id -> answer (a list for each partner)."),
    partners: Optional[list[str]] = typer.Option(None, "--partner", metavar="NAME",
                                                 help="A partner's name; give it twice."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    save: bool = typer.Option(False, "--save", help="Also keep the walk in your notes, as a completed session."),
) -> None:
    """Run a flow without the screen, with answers from a file, and print the path taken."""
    from gentle.commands.app_context import BadNames, partner_names

    try:  # the same checks as gentle start: two different names of a sensible length
        given = partner_names(list(partners or []))
    except BadNames as problem:
        fail(str(problem))
    answers = _read_answers(answers_file)
    flow = load_flow_arg(target, catalogue_from_options())
    from gentle.engine.runner import DEFAULT_PARTNERS
    from gentle.engine.walk import WalkError, walk

    couple = tuple(given or DEFAULT_PARTNERS)
    threshold = _config_threshold()
    try:
        if save:
            result = _walk_and_save(flow, answers, couple, threshold)
        else:
            result = walk(flow, answers, couple, default_threshold=threshold)
    except WalkError as exc:  # one line: the answers file, the step, what to change
        where = exc.where()
        fail(f"{answers_file}: {where + ': ' if where else ''}{exc}")
    if as_json:
        import json

        data = {"flow": flow.id, "partners": list(couple), **result.to_dict()}
        echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    _print_walk(flow, result, couple)


def preview_flow(
    target: Path = typer.Argument(..., metavar="FILE", help="The flow file you are writing (.yaml)."),
) -> None:
    """Show a flow file on screen as `gentle demo` does, again each time it is saved.

    The file is checked twice a second. Its problems (line:col and message) are listed
    beside the flow, and the last good version stays on screen until they are fixed;
    a good save shows the new version on the same step. Ctrl+E opens $VISUAL or $EDITOR
    (else vi) at the first problem. Sample names, F2 notes, F3 steps; nothing is saved.
    """
    path = target.expanduser()
    if path.is_dir():
        fail(f"{path} is a folder; give the flow file itself")
    if not path.is_file():
        fail(f"there is no flow file at {path}")
    from gentle.tui.running import run_app

    raise typer.Exit(run_app(build_preview_app(path)))


def build_preview_app(path: Path, clock: Any = None) -> Any:
    """The preview of ``path``: the demo's context (sample names, no store) and a check
    of the file by the loader `gentle flows validate` uses, includes and all."""
    from gentle.commands.demo import SAMPLE_PARTNERS, build_demo_context
    from gentle.config import load_config
    from gentle.flows.catalogue import Catalogue
    from gentle.tui.screens.preview import PreviewApp

    context = build_demo_context(clock)
    try:
        config, _ = load_config()
        folders = list(config.flows_dirs)
    except Exception:  # the notices of a broken config come with the demo context
        folders = []

    def check() -> Any:
        # A fresh catalogue each time: an included flow may have been edited too.
        return Catalogue(extra=[*folders, *_extra_flows]).check_path(path)

    return PreviewApp(context, path=path, check=check, partners=SAMPLE_PARTNERS)


def _config_threshold() -> int | None:
    """config.yaml's distress_threshold, as the app would use it (None: not readable)."""
    from gentle.config import load_config

    try:
        config, _ = load_config()
    except Exception:  # a broken config never stops a walk; the app would start on defaults
        return None
    return config.distress_threshold


def _walk_and_save(flow: Any, answers: dict[str, Any], couple: tuple[str, ...],
                   threshold: int | None) -> Any:
    """The walk, recorded in the notes store; store problems become one kind line."""
    import sqlite3

    from gentle.store.db import open_store
    from gentle.store.errors import StoreError
    from gentle.store.recorder import record_walk

    try:
        store = open_store()
        for notice in store.notices:
            echo(f"gentle: {notice}", err=True)
        try:
            session_id, result = record_walk(store, flow, answers, couple, threshold)
        finally:
            store.close()
    except StoreError as problem:
        fail(str(problem))
    except (sqlite3.Error, OSError) as problem:
        fail(f"gentle couldn't save the walk to its notes: {problem}")
    echo(f"Saved as session {session_id[:8]} (see `gentle show {session_id[:8]}`).", err=True)
    return result


def _read_answers(path: Path) -> dict[str, Any]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read the answers file {path}: {getattr(exc, 'strerror', None) or exc}")
    if len(text) > 1024 * 1024:
        fail(f"the answers file {path} is too big")
    try:
        # Pure-Python safe loader: deep input raises RecursionError instead of crashing.
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        from gentle.flows.yamladvice import advise

        advice = advise(text, exc)
        fail(f"{path}:{advice.line}:{advice.column}: YAML syntax: {advice.message}")
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        fail(f"{path}: could not read the answers: {exc}")
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        fail(f"{path}: the answers file maps step ids to answers, like `check-in: [8, 3]`")
    return data


def _print_walk(flow: "Flow", result: Any, couple: tuple[str, ...]) -> None:
    from gentle.text import clean_line

    echo(clean_line(f"{flow.title} ({flow.id}), walked with {couple[0]} and {couple[1]}:"))
    kinds = {s.id: s.kind for s in flow.steps}
    width = max((len(i) for i in result.path), default=0)
    offers = {o.position: o for o in result.offers}
    showings: dict[int, list[Any]] = {}
    for showing in result.showings:
        showings.setdefault(showing.position, []).append(showing)
    for n, step_id in enumerate(result.path, start=1):
        echo(f"{n:>3}. {step_id:<{width}}  {kinds.get(step_id, '')}")
        _print_shown(flow, step_id, showings.get(n - 1, []), couple)
        # An offer is made as the step is left, so it is shown under the step.
        offer = offers.get(n - 1)
        if offer is not None:
            how = "taken (20 minutes)" if offer.taken else "declined" + (
                " (the answers file doesn't say; `break offers:` chooses)" if offer.defaulted else "")
            echo(clean_line(f"     gentle offers a break here (a rating of {offer.threshold} or "
                                  f"more): {how}"))
    for step_id in result.skipped:
        echo(clean_line(f"  {step_id}: skipped (it needs words and the answers file gives none)"))
    # Timers and breathing "answer" with the time spent; only what partners said is shown.
    shown = [a for a in result.answers if kinds.get(a.step_id) in _ANSWERING_KINDS]
    if shown:
        echo("")
        echo("Answers:")
    width = max((len(a.step_id) for a in shown), default=0)
    for answer in shown:
        who = "together" if answer.partner is None else couple[answer.partner]
        value = _answer_text(kinds.get(answer.step_id), answer.value)
        mark = "  (default: no answer given)" if answer.defaulted else ""
        echo(clean_line(f"  {answer.step_id:<{width}}  {who}: {value}{mark}"))


def _print_shown(flow: "Flow", step_id: str, showings: list[Any], couple: tuple[str, ...]) -> None:
    """Under a step with `show:`, what it showed, in the engine's words (engine/shown.py)."""
    import json

    from gentle.engine.shown import show_sentence
    from gentle.text import clean_line

    if not showings:
        return
    echo(clean_line(f"     {show_sentence(flow, flow.step(step_id))}"))
    for showing in showings:
        for words in showing.shown:
            whose = "together" if words.partner is None else couple[words.partner]
            if words.own and showing.partner is not None:
                whose = f"{couple[showing.partner]} sees" + (" the words written together" if words.partner is None else "")
            text = json.dumps(words.text, ensure_ascii=False) if words.text else "(nothing written)"
            echo(clean_line(f"       {whose}: {text}"))


_ANSWERING_KINDS = {"rate", "write", "choose", "checklist", "turns"}


def _answer_text(kind: str | None, value: Any) -> str:
    import json

    if kind == "write" and isinstance(value, dict):
        text = value.get("text") or ""
        return json.dumps(text, ensure_ascii=False) if text else "(nothing written)"
    if kind == "turns" and isinstance(value, list):
        heard = sum(1 for x in value if isinstance(x, dict) and x.get("confirmed"))
        return f"{len(value)} turn(s), {heard} confirmed as heard"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
