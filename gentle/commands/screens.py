"""Commands: screens (filled in by its issue)."""

import typer


def register(app: typer.Typer) -> None:
    pass


def open_home() -> None:
    typer.echo("The home screen is not built yet.")
