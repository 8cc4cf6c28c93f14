"""What gentle's small dialogs share: centred, framed, on top of the screen they belong to."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A ModalScreen whose one ``Vertical`` child is a calm, centred box."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: round $primary; background: $surface;
    }
    Dialog .dialog-title { text-style: bold; }
    """
