"""Everything gentle's commands print to a terminal goes through :func:`echo`, which cleans it.

Flow titles, file names, partner names, error messages and the arguments people typed
can all carry escape sequences (a crafted file name once set the terminal's clipboard
through OSC 52). :func:`gentle.text.clean` removes them; doing it here, once, means no
message can forget to. ``tests/cli/test_clean_output.py`` fails if any module prints
another way, and scans every command's output for control bytes.

No textual and no typer here: the app's own start-up path prints through this too.
"""

from __future__ import annotations

import sys

from gentle.text import clean


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Print ``message``, cleaned, to stdout (or stderr), as ``typer.echo`` would.

    A reader that stops early (``gentle history | head -1``) closes the pipe: that is
    not a failure, so gentle stops quietly with exit 0, as ``cat`` or ``head`` would."""
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(clean(str(message)) + ("\n" if nl else ""))
        stream.flush()
    except BrokenPipeError:
        reader_went_away()


def reader_went_away() -> None:
    """Exit 0 at once, and keep Python from complaining when it flushes stdout at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(0)


def error(message: object) -> None:
    """One line about something that went wrong, to stderr, in gentle's one style: it
    starts with "gentle" ("gentle: …", or a sentence that names gentle already)."""
    text = clean(str(message)).replace("\n", " ").strip()
    if not text.startswith("gentle"):
        text = f"gentle: {text}"
    echo(text, err=True)
