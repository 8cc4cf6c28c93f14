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

from benchlib.common import GENTLE, Figure, measured, ratio_figure
from benchlib.terminal import Tmux, key_until_text, wait_for_text

HOME_TEXT = "Or choose what to do together"
HISTORY_TEXT = "the newest 100 shown"  # the count line, written with the first page of rows
INSIGHTS_TEXT = "distress at the start and end of sessions"  # the first chart's title, mounted with the charts


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
    export_runs = [measured(GENTLE + ["export", "--all", "--format", "json", "-o", str(target), "--force"], env)
                   for _ in range(runs)]
    exports = [t for t, _ in export_runs]
    size = target.stat().st_size / 1e6
    dumps = [_dump_seconds(home) for _ in range(runs)]
    moves = move_figures(home, env, target, sessions, max(1, min(runs, 3)))

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
        ratio_figure("export_vs_dump", f"export --all, against a dump of the same database, {n}",
                     exports, dumps, "ms", 2.0, f"baseline: {_dump_name()} to a file", 1000),
        _peak("export_memory", f"export --all, peak memory, {n}", [m for _, m in export_runs], 150,
              "streamed: a few hundred sessions held at a time"),
        *moves,
    ]


START = 0.3  # seconds: a command's own start, whatever the history holds


def move_figures(home: Path, env: dict, export: Path, sessions: int, runs: int) -> list[Figure]:
    """Import the export into a fresh home; history --json; forget --all on a copy."""
    import shutil
    import tempfile

    per_100k = sessions / 100_000
    imports, forgets = [], []
    for _ in range(runs):
        fresh = Path(tempfile.mkdtemp(prefix="gentle-bench-import-"))
        try:
            imports.append(measured(GENTLE + ["import", str(export)], dict(env, GENTLE_HOME=str(fresh))))
            # forget --all on the imported copy: the same history, and ours to lose
            forgets.append(measured(GENTLE + ["forget", "--all", "--yes"], dict(env, GENTLE_HOME=str(fresh))))
            left = sum(p.stat().st_size for p in (fresh / "data").iterdir() if p.is_file())
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    history = [measured(GENTLE + ["history", "--json"], env) for _ in range(runs)]
    n = f"{sessions:,} sessions"
    return [
        _under("import_json", f"import into a fresh home, {n}", [t for t, _ in imports], START + 10 * per_100k,
               f"goal: 10 s per 100k sessions, plus {START} s to start; {runs} run(s)"),
        _peak("import_memory", f"import, peak memory, {n}", [m for _, m in imports], 200,
              "one session parsed at a time, one transaction"),
        _under("forget_all", f"forget --all, {n}", [t for t, _ in forgets], START + 3 * per_100k,
               f"goal: 3 s per 100k, plus {START} s to start; {left / 1024:.0f} KiB of notes file left"),
        _peak("history_json_memory", f"history --json, peak memory, {n}", [m for _, m in history], 100,
              "streamed a thousand rows at a time"),
    ]


def _dump_name() -> str:
    import shutil

    return "sqlite3 .dump" if shutil.which("sqlite3") else "Python's sqlite3 iterdump (no sqlite3 command here)"


def _dump_seconds(home: Path) -> float:
    import shutil
    import sqlite3

    database = home / "data" / "gentle.db"
    out = home / "dump.sql"
    start = time.perf_counter()
    if shutil.which("sqlite3"):
        with out.open("wb") as handle:
            subprocess.run(["sqlite3", str(database), ".dump"], stdout=handle, check=True)
    else:
        with sqlite3.connect(database) as conn, out.open("w", encoding="utf-8") as handle:
            for line in conn.iterdump():
                handle.write(line + "\n")
    seconds = time.perf_counter() - start
    out.unlink()
    return seconds


def _peak(key: str, name: str, samples: list[float], limit_mib: float, note: str) -> Figure:
    value = max(samples)
    return Figure(key, name, value, "MiB", goal=f"<= {limit_mib:g} MiB", met=value <= limit_mib, note=note,
                  samples=[round(s, 1) for s in samples])


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
