"""The ``gentle`` command line.

Only the commands that open a screen import textual, and they do it inside the
command function, so ``gentle --version`` or ``gentle flows list`` start fast.
Every error meant for a person is turned into one kind line and an exit code here
or in the command modules: nobody should ever see a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from gentle import __version__, paths
from gentle.commands import config as config_commands
from gentle.commands import demo as demo_commands
from gentle.commands import flows as flows_commands
from gentle.commands import notes as notes_commands
from gentle.commands import resume as resume_commands
from gentle.commands import screens as screen_commands
from gentle.output import echo

app = typer.Typer(
    context_settings={"help_option_names": ["-h", "--help"]},
    name="gentle",
    help="A calm companion for a couple in the middle of a disagreement.",
    no_args_is_help=False,
    add_completion=True,  # --install-completion bash|zsh|fish, --show-completion
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        echo(f"gentle {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", help="Keep session notes in this folder instead of the usual place."
    ),
) -> None:
    """With no command, open the home screen."""
    paths.set_data_dir(data_dir)
    if ctx.invoked_subcommand is None:
        screen_commands.open_home()


flows_commands.register(app)
notes_commands.register(app)
config_commands.register(app)
screen_commands.register(app)
resume_commands.register(app)
demo_commands.register(app)


def main() -> None:
    app(prog_name="gentle")  # also names the completion variable: _GENTLE_COMPLETE
