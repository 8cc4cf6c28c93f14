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
        help="Show gentle's settings and where each one came from. `gentle config reference` "
             "lists every setting, its default, its environment variable and every key id for "
             "keys: (the same as docs/settings.md).",
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode=None,
    )

    @config_app.callback(invoke_without_command=True)
    def show(ctx: typer.Context,
             as_json: bool = typer.Option(False, "--json", help="Print the settings as JSON.")) -> None:
        """Print each setting in force, and whether it is the default or came from
        config.yaml or an environment variable."""
        if ctx.invoked_subcommand is None:
            print_settings(as_json)

    @config_app.command("path")
    def path() -> None:
        """Print where the settings file is (it may not exist yet)."""
        from gentle import paths

        echo(str(paths.config_file()))

    @config_app.command("reference")
    def reference() -> None:
        """Print the settings reference: every setting and every key id (Markdown)."""
        from gentle.config.reference import settings_reference

        echo(settings_reference(), nl=False)

    app.add_typer(config_app, name="config")


def print_settings(as_json: bool = False) -> None:
    from gentle.config import ENVIRONMENT, FIELD_NAMES, describe, load_settings
    from gentle.config.key_ids import KEY_IDS

    # A key id no key has is told here as in the app (which can't say it before it opens).
    loaded = load_settings(known_bindings=KEY_IDS)
    if as_json:
        _print_json(loaded)
        return
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


def _print_json(loaded) -> None:
    import json

    from gentle.config import ENVIRONMENT, FIELD_NAMES

    variable_for = {name: variable for variable, (name, _) in ENVIRONMENT.items()}
    settings = {}
    for name in FIELD_NAMES:
        value = getattr(loaded.config, name)
        settings[name] = {
            "value": dict(value) if hasattr(value, "items") else
            [str(v) for v in value] if isinstance(value, tuple) else value,
            "from": loaded.origins[name],
            "variable": variable_for.get(name),
        }
    data = {"file": str(loaded.path), "exists": loaded.file_exists, "settings": settings,
            "problems": [{"message": p.message, "severity": p.severity,
                          "line": getattr(p, "line", None)} for p in loaded.problems]}
    echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
