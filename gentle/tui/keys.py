"""Every key binding gentle defines, by id, so config can remap them (``keys:`` in config.yaml).

The ids are what people write in config; ``gentle config`` uses this list to point out
a misspelt id. Remapping itself is ``App.set_keymap`` in :class:`gentle.tui.app.GentleApp`.
"""

from __future__ import annotations

from functools import lru_cache

from textual.binding import Binding


def _classes() -> list[type]:
    from gentle.tui.app import GentleApp
    from gentle.tui.screens.confirm import ConfirmScreen
    from gentle.tui.screens.help import HelpScreen
    from gentle.tui.screens.home import HomeScreen
    from gentle.tui.screens.names import NamesScreen
    from gentle.tui.screens.history import HistoryScreen
    from gentle.tui.screens.insights import InsightsScreen
    from gentle.tui.screens.note import NoteScreen
    from gentle.tui.screens.resume import ResumeScreen
    from gentle.tui.screens.safety import SafetyScreen
    from gentle.tui.screens.save_copy import SaveCopyScreen
    from gentle.tui.screens.session_detail import SessionDetailScreen
    from gentle.tui.widgets.break_call import BreakCallDialog, CoolDownScreen, FloodingOffer
    from gentle.tui.screens.demo import DemoApp, DemoPickerScreen, DemoSessionScreen
    from gentle.tui.screens.preview import PreviewApp
    from gentle.tui.widgets.navigator import StepNavigator
    from gentle.tui.screens.session import SessionScreen
    from gentle.tui.widgets.blanks import TemplateFiller
    from gentle.tui.widgets.finished import FinishedView
    from gentle.tui.widgets.steps import view_for
    from gentle.tui.widgets.steps.choose import ChecklistView, PickList
    from gentle.tui.screens.picker import SettingPicker

    from gentle.flows.kinds import STEP_KINDS

    return [
        GentleApp, HomeScreen, NamesScreen, SessionScreen, ConfirmScreen, HelpScreen,
        HistoryScreen, InsightsScreen, SessionDetailScreen, ResumeScreen, SafetyScreen,
        NoteScreen, SaveCopyScreen, BreakCallDialog, FloodingOffer, CoolDownScreen,
        DemoSessionScreen, DemoPickerScreen, DemoApp, PreviewApp, StepNavigator, TemplateFiller, FinishedView, PickList, ChecklistView,
        SettingPicker,
        *(view_for(kind) for kind in STEP_KINDS),
    ]


def all_bindings() -> list[Binding]:
    found = []
    for cls in _classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.append(binding)
    return found


@lru_cache(maxsize=1)
def binding_ids() -> frozenset[str]:
    return frozenset(b.id for b in all_bindings() if b.id)


def unknown_key_ids(keymap) -> list[str]:
    """A kind line for each id in config ``keys:`` that no binding has, with a did-you-mean."""
    from gentle.flows.suggest import closest

    known = binding_ids()
    messages = []
    for key_id in keymap:
        if key_id not in known:
            guess = closest(key_id, sorted(known))
            hint = f'; did you mean "{guess}"?' if guess else ""
            messages.append(f'keys: gentle has no key called "{key_id}"{hint} It was left as it is.')
    return messages
