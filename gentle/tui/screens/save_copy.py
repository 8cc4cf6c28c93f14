"""A small dialog: where to save a copy of a session (Markdown, or JSON for a .json name).

Used when the notes file can't be written (the answers kept in memory), for a demo's
export, and from a session's detail view. The writing itself is the store's atomic
export (temp file, fsync, rename, 0600); a problem is shown here, kindly, and the
dialog stays open so another place can be tried.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from gentle.tui.screens.dialog import Dialog
from gentle.tui.widgets.words import Words

# (path, "md" | "json", replace) -> the path written; raises StoreError kinds with a message.
Save = Callable[..., Path]


def default_path(stem: str, now: float | None = None) -> str:
    stamp = time.strftime("%Y-%m-%d-%H%M", time.localtime(time.time() if now is None else now))
    return str(Path.home() / f"{stem}-{stamp}.md")


def format_for(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "md"


class SaveCopyScreen(Dialog["Path | None"]):
    DEFAULT_CSS = """
    SaveCopyScreen .dialog-title { margin-bottom: 1; }
    SaveCopyScreen #save-problem { color: $error; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="save-copy-cancel", tooltip="Close without saving."),
    ]

    def __init__(self, save: Save, *, title: str, why: str = "", suggested: str) -> None:
        super().__init__()
        self._save = save
        self._title = title
        self._why = why
        self._suggested = suggested
        self._replace: Path | None = None  # an existing file the person said to replace

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="dialog-title", markup=False)
            if self._why:
                yield Static(self._why, classes="prose", markup=False)
            yield Static(
                "Save to this file (a name ending in .json keeps everything, for gentle import):",
                markup=False,
            )
            yield Input(self._suggested, id="save-path")
            yield Words("", id="save-problem")
            yield Static("Enter saves · Esc closes", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = self.query_one("#save-problem", Words)
        if not text:
            problem.say("Please type where to save it.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            problem.say("That is a folder: please add a file name.")
            return
        if path.is_file() and not path.is_symlink() and self._replace != path:
            self._replace = path
            problem.say(f"There is already a file called {path.name} there. Press Enter again to "
                        "replace it, or change the name.")
            return
        from gentle.store.errors import StoreError

        try:
            written = self._save(path, format_for(path), replace=self._replace == path)
        except StoreError as error:
            problem.say(str(error))
            return
        except OSError as error:
            problem.say(f"Couldn't write {path}: {error.strerror or error}. Nothing was changed.")
            return
        self.app.notify(f"Saved to {written}", timeout=6, markup=False)
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
