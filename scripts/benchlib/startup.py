"""Start-up and resources: the command line against ``python -c "import typer, yaml"``,
and the TUI in tmux against a minimal Textual app launched the same way."""

from __future__ import annotations

import time

from benchlib.common import (BENCH_FLOWS, GENTLE, MINIMAL_APP, PYTHON, Figure, interleaved,
                             ratio_figure, wall)
from benchlib.terminal import Tmux, cpu_percent, peak_rss_mib, wait_for_all, wait_for_text

CLI_BASELINE = [PYTHON, "-c", "import typer, yaml"]
CLI_COMMANDS = (
    ("cli_version", "gentle --version", ["--version"]),
    ("cli_flows_list", "gentle flows list", ["flows", "list"]),
    ("cli_history_json", "gentle history --json (20 sessions)", ["history", "--json"]),
)
TITLE = "Pause and breathe"  # the flow's title; the minimal app shows the same words
HOME_MARKER = "We need a pause"  # the home screen's first button
# Usable: what a person waits for. The first step's own words with its keys in the
# footer; home's list with its keys. (The minimal app's single frame is usable at once.)
STEP_USABLE = ("Let's slow down", "Enter Continue", "Ctrl+B Break")
HOME_USABLE = ("Say it gently", "p Pause", "Ctrl+B Break")


def cli_figures(runs: int, env: dict) -> list[Figure]:
    figures = []
    for key, label, args in CLI_COMMANDS:
        wall(GENTLE + args, env)  # warm the file cache before timing
        ours, base = interleaved(runs, lambda a=args: wall(GENTLE + a, env),
                                 lambda: wall(CLI_BASELINE, env))
        figures.append(ratio_figure(key, label, ours, base, "ms", 1.5,
                                    "baseline: python -c 'import typer, yaml'", scale=1000))
    return figures


def gentle_start(flow: str) -> list[str]:
    # No --partner: the names come from the bench home's config, as for a couple at home.
    return GENTLE + ["start", flow]


def launch_figures(runs: int, env: dict, settle: float) -> list[Figure]:
    """Launch to first frame and peak memory, gentle and the minimal app taking turns.

    Two ways in are timed: ``gentle start pause-and-breathe`` until the flow's title shows,
    and plain ``gentle`` until the home screen's pause button shows.
    """
    apps = {"gentle": (gentle_start("pause-and-breathe"), (TITLE,)),
            "home": (GENTLE, (HOME_MARKER,)),
            "gentle-usable": (gentle_start("pause-and-breathe"), STEP_USABLE),
            "home-usable": (GENTLE, HOME_USABLE),
            "minimal": ([PYTHON, str(MINIMAL_APP)], (TITLE,))}
    memory: dict[str, list[float]] = {name: [] for name in apps}

    with Tmux(env) as tmux:
        def launch(name: str) -> float:
            argv, markers = apps[name]
            seconds, pane, pid = wait_for_all(tmux, argv, markers)
            time.sleep(settle)  # the peak includes the first moments of use, not just start-up
            memory[name].append(peak_rss_mib(pid))
            tmux.close(pane)
            time.sleep(0.2)  # let the closed app's exit finish before the next launch
            return seconds

        for name in apps:  # warm-up runs, not counted
            launch(name)
            memory[name].clear()
        ours, home, usable, home_usable, base = interleaved(
            runs, lambda: launch("gentle"), lambda: launch("home"), lambda: launch("gentle-usable"),
            lambda: launch("home-usable"), lambda: launch("minimal"))
    return [
        ratio_figure("tui_usable", "TUI launch until the first step is usable (tmux)", usable, base,
                     "ms", 1.3, "gentle start pause-and-breathe until the step's words and its keys "
                     "(Enter Continue, Ctrl+B Break) show; baseline: the minimal app's first frame",
                     scale=1000),
        ratio_figure("tui_home_usable", "TUI launch until home is usable (tmux)", home_usable, base,
                     "ms", 1.2, "plain gentle until the flow list and its keys (p Pause) show; same baseline",
                     scale=1000),
        ratio_figure("tui_launch", "TUI launch to first frame (tmux)", ours, base, "ms", 1.15,
                     "gentle start pause-and-breathe; baseline: minimal Textual app (Header, "
                     "Static, Footer), same terminal", scale=1000),
        ratio_figure("tui_launch_home", "TUI launch to the home screen (tmux)", home, base, "ms",
                     1.3, "plain gentle, until \"We need a pause\" shows; same baseline",
                     scale=1000),
        ratio_figure("tui_memory", "TUI peak memory (VmHWM)", memory["gentle"], memory["minimal"],
                     "MiB", 1.5, f"baseline: the same minimal app; read {settle:g} s after the first frame"),
    ]


def cpu_figures(env: dict, window: float, with_baseline: bool) -> list[Figure]:
    """CPU over ``window`` seconds on the countdown and during the breathing animation."""
    figures = []
    idle = None
    with Tmux(env) as tmux:
        if with_baseline:
            _, pane, pid = wait_for_text(tmux, [PYTHON, str(MINIMAL_APP)], TITLE)
            time.sleep(1.0)
            idle = cpu_percent(pid, window)
            tmux.close(pane)
        for key, label, flow, marker, goal in (
            ("cpu_countdown", "TUI CPU on the cool-down countdown", "countdown.yaml", "Cool-down", 2.0),
            ("cpu_breathing", "TUI CPU during the breathing animation", "breathing.yaml",
             "Slow breathing", 10.0),
        ):
            _, pane, pid = wait_for_text(tmux, gentle_start(str(BENCH_FLOWS / flow)), marker)
            time.sleep(1.0)  # start-up work is over; measure the steady state
            used = cpu_percent(pid, window)
            tmux.close(pane)
            note = f"over {window:g} s, 80x24"
            if idle is not None:
                note += f"; the minimal app sitting idle uses {idle:.1f}%"
            figures.append(Figure(key, label, used, "% of a core", idle, None, f"<= {goal:g}%",
                                  used <= goal, note))
    return figures

