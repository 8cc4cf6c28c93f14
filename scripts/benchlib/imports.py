"""Where start-up time goes: ``python -X importtime`` summed by package.

``scripts/bench --imports`` prints, for the modules ``gentle start`` imports before its
first frame and for ``gentle --version``, the import time of textual (with rich, its
renderer), typer, PyYAML, gentle itself and the rest (the standard library and small
dependencies). Each is the median over several fresh interpreters.
"""

from __future__ import annotations

import statistics
import subprocess

from benchlib.common import PYTHON

# What `gentle start FLOW` imports before its first frame (the rest waits until after it).
TUI_START = ("gentle.launch", "gentle.commands.app_context", "gentle.config", "gentle.flows.catalogue",
             "gentle.flows.loader", "gentle.store.db", "gentle.tui.app",
             "gentle.tui.screens.opening", "textual.drivers.linux_driver")
CLI_ONLY = ("gentle.cli",)
GROUPS = ("textual", "rich", "typer", "yaml", "gentle")


def by_package(modules: tuple[str, ...], env: dict) -> dict[str, float]:
    code = "; ".join(f"import {m}" for m in modules)
    err = subprocess.run([PYTHON, "-X", "importtime", "-c", code], env=env,
                         capture_output=True, text=True, check=True).stderr
    totals = dict.fromkeys(GROUPS + ("other",), 0.0)
    for line in err.splitlines():
        # "import time:  self [us] | cumulative | imported package"
        fields = line.removeprefix("import time:").split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue  # the header line, or something else on stderr
        top = fields[2].strip().split(".")[0]
        totals[top if top in totals else "other"] += int(fields[0]) / 1000
    return totals


def import_table(env: dict, runs: int) -> list[tuple[str, dict[str, float]]]:
    rows = []
    for label, modules in (("gentle start (until its first frame)", TUI_START),
                           ("gentle --version (CLI only)", CLI_ONLY)):
        samples = [by_package(modules, env) for _ in range(runs)]
        rows.append((label, {k: statistics.median(s[k] for s in samples) for k in samples[0]}))
    return rows


def print_imports(rows: list[tuple[str, dict[str, float]]]) -> None:
    heads = GROUPS + ("other", "total")
    print(f"{'import time (ms, -X importtime self times)':<42}" + "".join(f"{h:>9}" for h in heads))
    for label, totals in rows:
        values = [totals[h] for h in heads[:-1]] + [sum(totals.values())]
        print(f"{label:<42}" + "".join(f"{v:>9.0f}" for v in values))
