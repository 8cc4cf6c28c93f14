"""History and insights with many sessions, and exporting them all.

Two views of "opens in under 300 ms": the store calls the screens make (open the store,
count and read the first page; compute insights), timed in this process, and the real
screens, timed headless from the key press (h, then i) until their rows or plots are
there and painted. The export is the real command, writing a file.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from benchlib.common import GENTLE, PROBE, PYTHON, Figure


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

    screens = []
    for _ in range(runs):
        out = subprocess.run([PYTHON, str(PROBE), "history"], env=env, capture_output=True,
                             text=True, check=True, timeout=120)
        screens.append(json.loads(out.stdout))

    target = home / "export.json"
    exports = [_timed(lambda: subprocess.run(
        GENTLE + ["export", "--all", "--format", "json", "-o", str(target)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)) for _ in range(runs)]
    size = target.stat().st_size / 1e6

    n = f"{sessions:,} sessions"
    return [
        _under("history_screen", f"history screen opens (h), {n}", [s["history"] for s in screens],
               0.3, "headless Pilot, key press to the first 100 rows painted; fresh app each run"),
        _under("insights_screen", f"insights screen opens (i), {n}", [s["insights"] for s in screens],
               0.3, "headless Pilot, key press to every plot painted"),
        _under("history_query", f"history first page from the store, {n}", page, 0.3,
               "open_store + count_sessions + list_sessions(limit=100)"),
        _under("insights_query", f"insights from the store, {n}", computed, 0.3,
               "open_store + insights.compute"),
        _under("export_json", f"export --all --format json, {n}", exports, 3.0,
               f"the real command, {size:.1f} MB written atomically (with fsync)"),
    ]


def _under(key: str, name: str, samples: list[float], limit: float, note: str) -> Figure:
    value = statistics.median(samples)
    goal = f"< {limit * 1000:.0f} ms" if limit < 1 else f"< {limit:g} s"
    return Figure(key, name, value * 1000, "ms", goal=goal, met=value < limit, note=note,
                  samples=[round(s * 1000, 1) for s in samples])
