"""History and insights with many sessions, and exporting them all.

Two views of "opens in under 300 ms": the real screens in a real terminal (tmux, 100x30),
timed from the key press (h at home, then i) until the pane shows their rows or plots,
with a fresh app each run; and the store calls those screens make (open the store,
count and read the first page; compute insights), timed in this process. The export is
the real command, writing a file.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

from benchlib.common import GENTLE, Figure
from benchlib.terminal import Tmux, key_until_text, wait_for_text

HOME_TEXT = "Or choose what to do together"
HISTORY_TEXT = "the newest 100 shown"  # the count line, written with the first page of rows
INSIGHTS_TEXT = "Distress drop per session"  # the first plot's title, mounted with the plots


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def store_figures(runs: int, home: Path, env: dict, sessions: int) -> list[Figure]:
    os.environ["GENTLE_HOME"] = str(home)
    from gentle.store import history, insights
    from gentle.store.db import open_store

    def first_page() -> None:
        with open_store() as store:
            history.count_sessions(store)
            history.list_sessions(store, limit=100)

    def compute() -> None:
        with open_store() as store:
            insights.compute(store)

    first_page(), compute()  # warm the page cache, as a second look would find it
    page = [_timed(first_page) for _ in range(runs)]
    computed = [_timed(compute) for _ in range(runs)]

    screens = screen_times(runs, env)

    target = home / "export.json"
    exports = [_timed(lambda: subprocess.run(
        GENTLE + ["export", "--all", "--format", "json", "-o", str(target), "--force"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)) for _ in range(runs)]
    size = target.stat().st_size / 1e6

    n = f"{sessions:,} sessions"
    return [
        _under("history_screen", f"history screen opens (h), {n}", [s["history"] for s in screens],
               0.3, "tmux 100x30, key press to the first 100 rows on screen; fresh app each run"),
        _under("insights_screen", f"insights screen opens (i), {n}", [s["insights"] for s in screens],
               0.3, "tmux 100x30, key press (on history) to the plots on screen"),
        _under("history_query", f"history first page from the store, {n}", page, 0.3,
               "open_store + count_sessions + list_sessions(limit=100)"),
        _under("insights_query", f"insights from the store, {n}", computed, 0.3,
               "open_store + insights.compute"),
        _under("export_json", f"export --all --format json, {n}", exports, 3.0,
               f"the real command, {size:.1f} MB written atomically (with fsync)"),
    ]


def screen_times(runs: int, env: dict) -> list[dict]:
    times = []
    with Tmux(env, 100, 30) as tmux:
        for _ in range(runs):
            _, pane, _ = wait_for_text(tmux, GENTLE, HOME_TEXT)
            time.sleep(0.3)  # home is up and idle, as when a person reaches for a key
            shown = {"history": key_until_text(tmux, pane, "h", HISTORY_TEXT)}
            time.sleep(0.3)
            shown["insights"] = key_until_text(tmux, pane, "i", INSIGHTS_TEXT)
            tmux.close(pane)
            times.append(shown)
    return times


def _under(key: str, name: str, samples: list[float], limit: float, note: str) -> Figure:
    value = statistics.median(samples)
    goal = f"< {limit * 1000:.0f} ms" if limit < 1 else f"< {limit:g} s"
    return Figure(key, name, value * 1000, "ms", goal=goal, met=value < limit, note=note,
                  samples=[round(s * 1000, 1) for s in samples])
