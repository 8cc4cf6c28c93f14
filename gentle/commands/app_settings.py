"""Settings the app can change while it runs (theme, country), saved to config.yaml.

``build_context`` calls :func:`wire_settings` once. No textual here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gentle.config import LoadedConfig
    from gentle.tui.context import AppContext


def wire_settings(context: "AppContext", loaded: "LoadedConfig") -> None:
    # A country nobody set is None: the app then shows the system's country, and says so.
    chosen = loaded.origins.get("country", "default") != "default"
    context.country = loaded.config.country if chosen else None
    context.save_setting = lambda **changes: save_setting(context, **changes)


def save_setting(context: "AppContext", **changes: Any) -> bool:
    """Write ``changes`` to config.yaml; a warning (never an error) when that fails."""
    from gentle.config import ENVIRONMENT, update_config

    try:
        in_force = update_config(**changes)
    except Exception as error:  # an unwritable config folder must not stop anything
        context.warn(f"gentle couldn't save that choice, so it lasts until gentle closes: {error}")
        return False
    for variable, (name, _) in ENVIRONMENT.items():
        if name in changes and getattr(in_force, name) != changes[name]:
            context.warn(f"Saved, but {variable} is set, so it decides when gentle next opens.")
    return True
