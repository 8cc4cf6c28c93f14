"""Commands about saved sessions: history, show, export, import, forget, where.

None of these open a screen, so none imports textual; the store is imported inside each
command so ``gentle --version`` stays fast. Everything a partner wrote is printed with
``gentle.output.echo``, which cleans it: never as markup, never with raw escape bytes.
Every problem becomes one plain line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import enum
import functools
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, List, Optional

import typer

from gentle.commands.complete import session_ids

from gentle.text import clean_line
from gentle.output import echo, error


class ExportFormat(str, enum.Enum):
    """``export --format``: a fixed list, so ``--help`` shows it and typos are told."""

    md = "md"
    json = "json"


def _safe_json(data: Any) -> str:
    from gentle.store.export_json import to_json

    return to_json(data)


def _kind_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn every store or file problem into one kind line and exit code 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        from gentle.store.errors import StoreError

        try:
            command(*args, **kwargs)
        except StoreError as problem:
            error(problem)
            raise typer.Exit(1) from None
        except (sqlite3.Error, OSError) as problem:
            error(f"gentle couldn't work with its saved notes: {problem}")
            raise typer.Exit(1) from None

    return run


def _store(*, reading: bool = False) -> Any:
    """The notes store. ``reading``: a command that only reads, which still works, read
    only, when the folder can't be written (a read-only disk, say)."""
    from gentle.store.db import open_for_reading, open_store
    from gentle.store.errors import DataDirUnwritable

    try:
        store = open_store()
    except DataDirUnwritable as problem:
        if not reading:
            raise
        try:
            store = open_for_reading()
        except Exception:  # noqa: BLE001 - reading can't help either: say the first problem
            raise problem from None
        echo(f"gentle: {problem} Your notes can still be read; nothing is saved this time.", err=True)
    for notice in store.notices:
        echo(f"gentle: {notice}", err=True)
    return store


def history(
    as_json: bool = typer.Option(False, "--json", help="Print the sessions as JSON."),
    limit: Optional[int] = typer.Option(
        None, "--limit", min=1, help="Show at most this many (newest first)."
    ),
) -> None:
    """List saved sessions, newest first."""
    from gentle.store import describe as say
    from gentle.store.history import count_sessions, list_sessions

    if as_json:  # streamed: a long history is printed a thousand sessions at a time
        _history_json(limit)
        return
    with _store(reading=True) as store:
        shown = limit if limit is not None else 20
        rows = list_sessions(store, limit=shown)
        total = count_sessions(store)
    unreadable = getattr(rows, "unreadable", 0)
    if unreadable:
        echo(f"gentle: {unreadable} saved session(s) could not be read (a damaged record) and are "
             "left out.", err=True)
    if not rows:
        echo("No saved sessions yet. They appear here after you use gentle together.")
        return
    for row in rows:
        title = clean_line(row.flow_title)
        title = title if len(title) <= 26 else title[:25] + "…"
        feelings = "  ".join(
            f"{clean_line(name)} {say.distress(*d)}" for name, d in zip(row.partners, row.distress)
        )
        walk = " (rehearsal)" if row.source == "walk" else ""
        echo(
            f"{row.id[:8]}  {say.when(row.started_at)}  {title:<26}  "
            f"{say.duration(row.seconds):>9}  {row.outcome:<11}  {feelings}{walk}"
        )
    if total - unreadable > len(rows):
        # A hint for the person, not part of the list: a pipe gets the sessions only.
        echo(f"Showing the newest {len(rows)} of {total - unreadable} sessions; use --limit for more.",
             err=True)


def _history_json(limit: int | None) -> None:
    """``history --json``: the same text as one ``to_json`` of every row, written as it is read."""
    from gentle.store.export_json import json_line
    from gentle.store.history import Sessions, iter_sessions

    found = Sessions()
    with _store(reading=True) as store:
        batch: list[str] = []
        started = False
        for row in iter_sessions(store, limit, found=found):
            batch.append(" " + json_line(row.to_dict()))
            if len(batch) == 500:
                echo(("[\n" if not started else ",\n") + ",\n".join(batch), nl=False)
                started, batch = True, []
        if batch:
            echo(("[\n" if not started else ",\n") + ",\n".join(batch), nl=False)
            started = True
        echo("\n]\n" if started else "[]\n", nl=False)
    if found.unreadable:
        echo(f"gentle: {found.unreadable} saved session(s) could not be read (a damaged record) and are "
             "left out.", err=True)


def show(
    session: str = typer.Argument(..., help="A session id (the first few characters are enough).",
                                  autocompletion=session_ids),
    as_json: bool = typer.Option(False, "--json", help="Print everything about it as JSON."),
) -> None:
    """Show one saved session in full."""
    from gentle.store.export import to_text
    from gentle.store.export_json import export_json
    from gentle.store.history import session_detail
    from gentle.store.sessions import find_session_id

    with _store(reading=True) as store:
        if as_json:
            echo(export_json(store, [find_session_id(store, session)]), nl=False)
            return
        detail = session_detail(store, session)
    echo(to_text(detail), nl=False)


def export(
    sessions: Optional[List[str]] = typer.Argument(None, help="Session ids (or prefixes).",
                                                   autocompletion=session_ids),
    every: bool = typer.Option(False, "--all", help="Export every saved session."),
    fmt: "ExportFormat" = typer.Option("md", "--format", help="md (to read or print) or json (everything)."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write to this file instead of the terminal."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
) -> None:
    """Export sessions as Markdown for reading or printing, or as complete JSON."""
    from gentle.store.export import to_markdown, write_private_file
    from gentle.store.export_json import iter_export_json
    from gentle.store.history import session_detail
    from gentle.store.sessions import find_session_id

    if not every and not sessions:
        _fail("Say which sessions to export (their ids), or use --all.")
    if output is not None:
        from gentle.atomic import TargetRefused, check_target

        try:  # before the work of building it: a refused place is said at once
            check_target(output.expanduser(), replace=force)
        except TargetRefused as refused:
            hint = " Add --force to replace it." if "already exists" in str(refused) else ""
            _fail(f"{refused}{hint} Nothing was written.")
    with _store(reading=True) as store:
        ids = None if every else [find_session_id(store, s) for s in sessions or []]
        if fmt == "json":  # streamed from the store: a few hundred sessions at a time
            pieces: Iterable[str] = iter_export_json(store, ids)
        else:
            if ids is None:
                from gentle.store.history import history_ids

                ids = history_ids(store)
            pieces = [to_markdown(session_detail(store, i) for i in ids)]
        if output is None:
            for piece in pieces:
                echo(piece, nl=False)
            return
        write_private_file(output, pieces, replace=force)
    echo(clean_line(f"Saved to {output} (readable only by you)."))


def import_(
    file: Path = typer.Argument(..., help="A JSON file made by gentle export --format json."),
) -> None:
    """Bring sessions from a JSON export into your notes (importing twice adds nothing)."""
    from gentle.store.importer import import_file

    with _store() as store:
        result = import_file(store, file)
    added = f"{result.added} session" + ("" if result.added == 1 else "s")
    already = f" ({result.already_there} were already here)" if result.already_there else ""
    echo(f"Imported {added}{already}.")
    if result.extended:
        more = f"{result.extended} session" + (" was" if result.extended == 1 else "s were")
        echo(f"{more} already here in part and now include what the file added.")


def forget(
    sessions: Optional[List[str]] = typer.Argument(None, help="Session ids (or prefixes).",
                                                   autocompletion=session_ids),
    every: bool = typer.Option(False, "--all", help="Forget every saved session."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Don't ask first."),
) -> None:
    """Delete sessions for good, and erase their words from gentle's files.

    gentle overwrites what it deletes and compacts its files, but the disk itself,
    backups or snapshots may keep older copies; that is outside gentle's reach.
    """
    from gentle.store.forget import DISK_CAVEAT
    from gentle.store.forget import forget as forget_sessions
    from gentle.store.history import count_sessions
    from gentle.store.sessions import find_session_id

    if not every and not sessions:
        _fail("Say which sessions to forget (their ids), or use --all.")
    with _store() as store:
        ids = None if every else sorted({find_session_id(store, s) for s in sessions or []})
        n = count_sessions(store, only_opened_too=True) if ids is None else len(ids)
        if n == 0:
            echo("There are no saved sessions to forget.")
            if every:
                _finish_erasing(store)
                _forget_files()
            return
        what = "every saved session" if ids is None else f"{n} session" + ("" if n == 1 else "s")
        if not yes:
            try:
                sure = typer.confirm(f"Forget {what}? This can't be undone.", default=False)
            except typer.Abort:  # no answer at all (stdin closed): that is not a yes
                echo("")
                sure = False
            if not sure:
                echo("Nothing was forgotten.")
                raise typer.Exit(1)
        done = forget_sessions(store, ids)
    gone = f"{done.sessions} session" + ("" if done.sessions == 1 else "s")
    if done.scrubbed:
        echo(f"Forgot {gone}. {DISK_CAVEAT}")
    else:
        # Gone from history, but their words may still sit in freed space: say just that.
        why = done.why_not or "another gentle window has the notes open"
        echo(f"Forgot {gone}: they are gone from history. Their words are not yet overwritten "
             f"in gentle's files ({why.rstrip('.')}); run `gentle forget --all` again once that "
             "is fixed, to finish erasing them.")
    if every:
        _forget_files()


def _finish_erasing(store: Any) -> None:
    """Overwrite space that an earlier forget could not (a full disk, another window)."""
    from gentle.store.errors import StoreError
    from gentle.store.forget import scrub

    try:
        scrub(store)
    except StoreError as problem:
        echo(f"gentle: freed space could not be overwritten yet: {problem}", err=True)


def _forget_files() -> None:
    """With --all: crash reports and rescue copies go too; kept-aside copies are named."""
    from gentle import paths
    from gentle.store.forget import forget_private_files

    gone, kept = forget_private_files(paths.data_dir())
    if gone:
        echo(f"Also erased {gone} crash report(s) and unsaved copies from gentle's data folder.")
    if kept:
        echo("These copies, kept aside untouched when gentle found them damaged or out of place, "
             "may still hold old notes; delete them yourself if you want them gone:", err=True)
        for path in kept:
            echo(f"  {path}", err=True)


def where(as_json: bool = typer.Option(False, "--json", help="Print the places as JSON.")) -> None:
    """Print where gentle keeps your notes, settings and flows."""
    from gentle import paths

    if as_json:
        import json

        echo(json.dumps({"notes": str(paths.database_file()), "data": str(paths.data_dir()),
                         "settings": str(paths.config_file()), "flows": str(paths.user_flows_dir())},
                        indent=2, ensure_ascii=False))
        return
    echo(f"notes:    {paths.database_file()}")
    echo(f"data:     {paths.data_dir()}")
    echo(f"settings: {paths.config_file()}")
    echo(f"flows:    {paths.user_flows_dir()}")


def _fail(message: str) -> None:
    error(message)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("history")(_kind_errors(history))
    app.command("show")(_kind_errors(show))
    app.command("export")(_kind_errors(export))
    app.command("import")(_kind_errors(import_))
    app.command("forget")(_kind_errors(forget))
    app.command("where")(where)
