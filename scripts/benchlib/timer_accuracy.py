"""Timer accuracy: the remaining time the TUI *shows*, against true time.

Two runs, both reading what is on screen rather than the engine's arithmetic:

* headless (Pilot): the countdown's Digits are read every few milliseconds while the
  event loop is blocked for 2.5 s by ``time.sleep`` scheduled with ``call_later``;
* a real terminal (tmux, 80x14 so the time is plain text): the pane is read for a whole
  real countdown (60 s, or a few seconds with --quick), with the process frozen for
  2.5 s (SIGSTOP/SIGCONT) a third of the way in.

True time: the break began when the store recorded it (``timings.started_at``, a
wall-clock time written the moment the step starts); the bench checks that its recorded
deadline is that start plus 20 minutes, and that the countdown showed after it. True
remaining time is then ``start + 1200 - now`` by the bench's own clock. The display
rounds up (20:00 for the first second), so a sample is exact when the true remaining
time lies in [D-1, D] for the shown D; its error is the distance outside that range.
While the loop is blocked nothing can repaint; "recovery" is how long after the stall
ends the screen is right again, and the error figure covers everything after that.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path

from benchlib.common import BENCH_FLOWS, GENTLE, PROBE, PYTHON, Figure
from benchlib.terminal import Tmux, wait_for_text

STALL = 2.5
BREAK_SECONDS = 20 * 60.0  # scripts/bench_flows/countdown.yaml
SMALL_TIME = re.compile(r"^\s*(\d+(?::\d\d){1,2})\s*$", re.M)


def seconds_of(face: str) -> int:
    total = 0
    for part in face.split(":"):
        total = total * 60 + int(part)
    return total


def error_of(remaining: float, shown: int) -> float:
    if remaining > shown:
        return remaining - shown
    if remaining < shown - 1:
        return shown - 1 - remaining
    return 0.0


def break_started(env: dict) -> tuple[float, float]:
    """(started_at, deadline) of the latest break the bench home's store recorded."""
    path = Path(env["GENTLE_HOME"]) / "data" / "gentle.db"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT started_at, deadline FROM timings WHERE kind = 'break'"
                           " ORDER BY started_at DESC LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError("the store recorded no break for the countdown")
    return float(row[0]), float(row[1])


def analyse(start: float, deadline: float, samples: list[tuple[float, str]],
            stall_start: float | None) -> dict:
    """Errors, recovery after the stall, and how lag changes over the run (wall times in)."""
    if abs(deadline - start - BREAK_SECONDS) > 0.01:
        raise RuntimeError(f"the recorded deadline is {deadline - start:.3f} s after the start")
    looks = [(t, seconds_of(face)) for t, face in samples if face]
    # A look taken a hair before the recorded start (the read and the commit race by a few
    # ms under load) says nothing about accuracy: leave it out, and say how many.
    points = [(t, s) for t, s in looks if t >= start]
    if not points:
        raise RuntimeError("the countdown never showed after the store says it started")
    stall_end = None if stall_start is None else stall_start + STALL
    recovered_at = None
    errors: list[float] = []
    for t, shown in points:
        error = error_of(deadline - t, shown)
        if stall_end is not None and stall_start <= t:
            if recovered_at is None and (t < stall_end or error >= 0.5):
                continue  # frozen by the stall, or not yet repainted after it
            recovered_at = recovered_at or t
        errors.append(error)
    # A change of the shown value to D should happen when the true time crosses D.
    lags = [t1 - (deadline - b) for (_, a), (t1, b) in zip(points, points[1:], strict=False) if b != a]
    third = max(1, len(lags) // 3)
    drift = statistics.mean(lags[-third:]) - statistics.mean(lags[:third]) if lags else 0.0
    return {
        "worst": max(errors, default=float("nan")),
        "recovery": None if recovered_at is None or stall_end is None else recovered_at - stall_end,
        "drift": drift,
        "lag_median": statistics.median(lags) if lags else float("nan"),
        "changes": len(lags),
        "samples": len(points),
        "first_shown": points[0][0] - start,
        "early": len(looks) - len(points),
    }


def judge(key: str, name: str, result: dict, how: str) -> Figure:
    recovery = result["recovery"]
    growing = result["drift"] > 0.1
    met = result["worst"] < 0.5 and not growing and recovery is not None and recovery < 0.5
    note = f"{how}; " + (f"right again {recovery * 1000:.0f} ms after the stall ended"
                         if recovery is not None else "never right again after the stall")
    note += (f"; changes lag true time by {result['lag_median'] * 1000:.0f} ms (median), drift "
             f"{result['drift'] * 1000:+.0f} ms first→last third; first shown "
             f"{result['first_shown'] * 1000:.0f} ms after the break began; "
             f"{result['changes']} changes, {result['samples']} samples"
             + (f" ({result['early']} read before the recorded start left out)" if result["early"] else ""))
    return Figure(key, name, result["worst"], "s", goal="< 0.5 s, never growing", met=met,
                  note=note)


def headless_figure(env: dict, after: float) -> Figure:
    before = 1.5
    out = subprocess.run([PYTHON, str(PROBE), "stall", str(before), str(STALL), str(after)],
                         env=env, capture_output=True, text=True, check=True, timeout=120)
    data = json.loads(out.stdout)
    start, deadline = break_started(env)
    result = analyse(start, deadline, [tuple(s) for s in data["samples"]], data["stall_start"])
    return judge("timer_stall", "timer shown vs true, 2.5 s loop stall (headless)", result,
                 f"time.sleep({STALL:g}) via call_later {before:g} s in, watched {after:g} s after")


def terminal_figure(env: dict, length: float) -> Figure:
    flow = str(BENCH_FLOWS / "countdown.yaml")
    samples: list[tuple[float, str]] = []
    come_back = ""
    with Tmux(env, 80, 14) as tmux:
        _, pane, pid = wait_for_text(tmux, GENTLE + ["start", flow], "Come back at", poll=0.005)
        first = time.time()
        stall_start = None
        while time.time() - first < length:
            screen = tmux.screen(pane)
            found = SMALL_TIME.search(screen)
            samples.append((time.time(), found.group(1) if found else ""))
            come_back = come_back or _come_back(screen)
            if stall_start is None and time.time() - first >= length / 3:
                stall_start = time.time()
                os.kill(pid, signal.SIGSTOP)  # the whole process freezes, as on a stalled loop
                time.sleep(STALL)
                os.kill(pid, signal.SIGCONT)
            time.sleep(0.02)
        tmux.close(pane)
    start, deadline = break_started(env)
    result = analyse(start, deadline, samples, stall_start)
    expected = time.strftime("%H:%M", time.localtime(deadline))
    figure = judge("timer_real", f"timer shown vs true, real {length:g} s countdown (tmux)", result,
                   f"SIGSTOP for {STALL:g} s at {length / 3:.0f} s")
    verdict = "right" if come_back == expected else f"expected {expected}"
    figure.note += f"; 'Come back at {come_back}' ({verdict})"
    figure.met = bool(figure.met and come_back == expected)
    return figure


def _come_back(screen: str) -> str:
    found = re.search(r"Come back at (\d\d:\d\d)", screen)
    return found.group(1) if found else ""
