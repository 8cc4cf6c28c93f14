"""Commands: ``gentle config`` (the settings in force and where each came from) and
``gentle config path``. No textual import: these open no screen.
"""

from __future__ import annotations

import os

import typer

from gentle.text import clean_line
from gentle.output import echo

_ORIGIN_WORDS = {"default": "default", "file": "file", "environment": "environment"}


def register(app: typer.Typer) -> None:
    config_app = typer.Typer(
        context_settings={"help_option_names": ["-h", "--help"]},
        name="config",
        help="Show gentle's settings and where each one came from.",
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode=None,
    )

    @config_app.callback(invoke_without_command=True)
    def show(ctx: typer.Context) -> None:
        """Print each setting in force, and whether it is the default or came from
        config.yaml or an environment variable."""
        if ctx.invoked_subcommand is None:
            print_settings()

    @config_app.command("path")
    def path() -> None:
        """Print where the settings file is (it may not exist yet)."""
        from gentle import paths

        echo(str(paths.config_file()))

    app.add_typer(config_app, name="config")


def print_settings() -> None:
    from gentle.config import ENVIRONMENT, FIELD_NAMES, describe, load_settings

    loaded = load_settings()
    if loaded.problems:
        if any(p.severity == "error" for p in loaded.problems):
            heading = "gentle: some settings could not be used, so gentle uses the defaults for those:"
        else:
            heading = "gentle: a note about your settings:"
        echo(heading, err=True)
        for problem in loaded.problems:
            echo(f"  {clean_line(str(problem))}", err=True)
        echo("", err=True)
    state = "" if loaded.file_exists else "  (not created yet)"
    echo(f"Settings file: {clean_line(str(loaded.path))}{state}")
    echo("")
    variable_for = {name: variable for variable, (name, _) in ENVIRONMENT.items()}
    rows = []
    for name in FIELD_NAMES:
        origin = loaded.origins[name]
        where = _ORIGIN_WORDS[origin]
        if origin == "environment":
            where += f" ({variable_for[name]})"
        value = describe(name, getattr(loaded.config, name))
        if name == "country" and origin == "default":
            value = _country_unset()
        rows.append((name, clean_line(value), where))
    name_width = max(len(r[0]) for r in rows)
    value_width = min(max(len(r[1]) for r in rows), 40)
    for name, value, where in rows:
        echo(f"{name:<{name_width}}  {value:<{value_width}}  {where}".rstrip())
    if os.environ.get("NO_COLOR"):
        echo("")
        echo("NO_COLOR is set, so gentle shows no colours whatever the theme.")


def _country_unset() -> str:
    """No country set: the app shows the lines for the system's country, when it has them."""
    from gentle.safety.country import support_country

    support = support_country(None)
    return f"{support.code} (from your system)" if support.source == "system" else support.code
