"""Pins what gentle takes from textual's private parts (gentle/tui/compat.py).

If an upgrade of textual renames or changes one of them, these fail first. And no other
module may use, or collide with, a private textual name: a gentle attribute that happens
to share one (``_closed`` on a screen, say) silently changes textual's own state.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import textual
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from gentle.tui import compat
from gentle.tui.themes import GENTLE_THEMES

ROOT = Path(__file__).resolve().parents[2]


def pinned_textual() -> str:
    """The exact textual of requirements-lock.txt (pyproject.toml allows any 8.x from 8.2.8)."""
    text = (ROOT / "requirements-lock.txt").read_text(encoding="utf-8")
    found = re.search(r"^textual==(\S+)$", text, re.MULTILINE)
    assert found, "requirements-lock.txt pins textual with =="
    assert '"textual>=8.2.8,<9"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return found.group(1)


def test_the_textual_in_use_is_the_one_pinned() -> None:
    # compat.py was checked against this version; a new one means checking it again.
    assert textual.__version__ == pinned_textual()


def _owner(spec: str):
    instance = spec.startswith("instance ")
    module, _, name = spec.removeprefix("instance ").partition(":")
    cls = getattr(importlib.import_module(module), name)
    return cls() if instance else cls


def test_every_private_name_compat_uses_still_exists() -> None:
    for owner, attribute in compat.PRIVATE_NAMES:
        assert hasattr(_owner(owner), attribute), f"textual no longer has {owner}.{attribute}"


def textual_private_names() -> set[str]:
    names: set[str] = set()
    for thing in (App(), Screen(), Widget(), Input()):
        names |= {n for n in dir(thing) if n.startswith("_") and not n.startswith("__")}
        names |= {n for n in vars(thing) if n.startswith("_") and not n.startswith("__")}
    return names


def test_no_other_module_touches_or_shadows_a_private_textual_name() -> None:
    private = textual_private_names()
    found: list[str] = []
    # Only the TUI subclasses textual's classes; elsewhere a ``_name`` is gentle's own.
    for path in sorted((ROOT / "gentle" / "tui").rglob("*.py")):
        if path.name == "compat.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        methods = {id(item) for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
                   for item in cls.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif id(node) in methods:
                name = node.name  # type: ignore[attr-defined]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                name = node.value  # getattr(app, "_batch_count")
            if name in private:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert not found, "textual's private names outside compat.py:\n" + "\n".join(found)


async def test_start_with_theme_ends_where_textual_own_assignment_does() -> None:
    def themed(start) -> App:
        app = App()
        for theme in GENTLE_THEMES:
            app.register_theme(theme)
        start(app)
        return app

    for theme in GENTLE_THEMES:
        ours = themed(lambda app: compat.start_with_theme(app, theme.name))
        textuals = themed(lambda app: setattr(app, "theme", theme.name))
        async with ours.run_test() as _, textuals.run_test() as _:
            assert ours.theme == textuals.theme == theme.name
            assert ours.classes == textuals.classes
            assert ours.get_css_variables() == textuals.get_css_variables()
            assert ours.stylesheet._variables == textuals.stylesheet._variables


class OneBox(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def test_a_forwarded_key_reaches_the_widget_once() -> None:
    app = OneBox()
    async with app.run_test() as pilot:
        box = app.query_one(Input)
        box.focus()
        await pilot.pause()
        compat.forward_key(box, events.Key("a", "a"))
        await pilot.pause()
        assert box.value == "a"


async def test_watch_frames_sees_the_frames_that_reach_the_terminal() -> None:
    app = OneBox()
    seen: list[tuple[str, bool]] = []
    compat.watch_frames(app, lambda screen, shown: seen.append((type(screen).__name__, shown)))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not compat.in_batch(app)
        with app.batch_update():
            assert compat.in_batch(app)
        app.query_one(Input).value = "changed"
        await pilot.pause()
    assert ("Screen", True) in seen


def crash_report(app: App) -> str:
    import io

    from rich.console import Console

    captured = io.StringIO()
    app.error_console = Console(file=captured, markup=False, highlight=False, width=100)
    app.run(headless=True)
    return captured.getvalue()


def test_the_crash_report_shows_the_error_but_never_a_local_value() -> None:
    class Boom(App[None]):
        def on_mount(self) -> None:
            words = "-".join(["SECRET", "WORDS"])  # noqa: F841 - a local (not in the source) that must not show
            raise RuntimeError("boom")

    class GentleBoom(compat.CrashReportWithoutLocals, Boom):
        pass

    assert "SECRET-WORDS" in crash_report(Boom())  # textual's own report shows locals
    ours = crash_report(GentleBoom())
    assert "RuntimeError" in ours and "boom" in ours and "on_mount" in ours
    assert "SECRET-WORDS" not in ours
