"""gentle's settings: ``config.yaml`` in the config folder, plus GENTLE_* variables.

    config, problems = load_config()          # never raises for a person's mistake
    update_config(first_run_acknowledged=True) # atomic, 0600, keeps the other settings

No textual here (the TUI applies ``theme``, ``reduced_motion`` and ``keys`` itself).
"""

from gentle.config.loading import ENVIRONMENT, LoadedConfig, load_config, load_settings
from gentle.config.problems import ConfigProblem
from gentle.config.saving import save_config, update_config
from gentle.config.settings import COUNTRIES, DEFAULTS, FIELD_NAMES, THEMES, Config, describe

__all__ = [
    "COUNTRIES",
    "DEFAULTS",
    "ENVIRONMENT",
    "FIELD_NAMES",
    "THEMES",
    "Config",
    "ConfigProblem",
    "LoadedConfig",
    "describe",
    "load_config",
    "load_settings",
    "save_config",
    "update_config",
]
