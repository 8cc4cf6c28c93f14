"""The memory soak: does gentle's memory level off during a long cool-down break?

A report once saw memory grow about 55 KB/min over 18 minutes of the break countdown.
``scripts/bench --soak [MINUTES]`` (default 120; not run by CI) shows gentle's real
break screen in tmux next to a minimal Textual app that also counts down once a second
(scripts/minimal_countdown.py), and reads both processes' resident memory (VmRSS) every
30 s. The break is made longer with + every few minutes, so it never ends. Reported:
the slope in KB/min after a warm-up, for each, over the whole run and over its last
half: a leak keeps climbing in the last half, a warm-up levels off.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from benchlib.common import BENCH_FLOWS, GENTLE, PYTHON, ROOT, Figure
from benchlib.terminal import Tmux, wait_for_text

SAMPLE_EVERY = 30.0
WARM_UP = 120.0  # seconds left out: imports, caches and the first frames settle
EXTEND_EVERY = 240.0


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no VmRSS")


def slope(points: list[tuple[float, int]]) -> float:
    """Least-squares slope, KB per minute, of (seconds, KiB) points."""
    if len(points) < 3:
        return float("nan")
    xs = [t / 60 for t, _ in points]
    ys = [kib * 1.024 for _, kib in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / spread if spread else float("nan")


def soak_figures(env: dict, minutes: float, say=print) -> list[Figure]:
    flow = str(BENCH_FLOWS / "countdown.yaml")
    # A short soak (the test's) samples more often, so that it still has a slope.
    every, warm_up = min(SAMPLE_EVERY, minutes * 60 / 20), min(WARM_UP, minutes * 60 * 0.2)
    ours: list[tuple[float, int]] = []
    base: list[tuple[float, int]] = []
    with Tmux(env, 80, 24) as tmux:
        _, pane, pid = wait_for_text(tmux, GENTLE + ["start", flow], "Come back at")
        _, _, base_pid = wait_for_text(tmux, [PYTHON, str(ROOT / "scripts" / "minimal_countdown.py")], "Cool-down")
        start = last_extend = time.monotonic()
        while (now := time.monotonic()) - start < minutes * 60:
            if now - last_extend > EXTEND_EVERY:
                tmux.run("send-keys", "-t", pane, "+")
                last_extend = now
            ours.append((now - start, rss_kib(pid)))
            base.append((now - start, rss_kib(base_pid)))
            say(f"  soak {(now - start) / 60:5.1f} min: gentle {ours[-1][1] / 1024:.1f} MiB, "
                f"baseline {base[-1][1] / 1024:.1f} MiB")
            time.sleep(every)
        if "Come back at" not in tmux.screen(pane):
            raise RuntimeError("the break screen was gone before the soak ended")

    def judged(points):
        settled = [p for p in points if p[0] >= warm_up]
        half = [p for p in settled if p[0] >= (settled[0][0] + settled[-1][0]) / 2] if settled else []
        return slope(settled), slope(half), points[-1][1] - (settled[0][1] if settled else points[0][1])

    mine, mine_late, mine_grew = judged(ours)
    theirs, theirs_late, _ = judged(base)
    levels_off = mine_late <= max(5.0, theirs_late + 5.0)
    note = (f"{minutes:g} min, a sample every {every:g} s, the first {warm_up:g} s left out; "
            f"last half: gentle {mine_late:+.1f} KB/min, baseline {theirs_late:+.1f} KB/min; gentle grew "
            f"{mine_grew / 1024:+.2f} MiB after the warm-up (now {ours[-1][1] / 1024:.1f} MiB)")
    return [Figure("soak_rss_slope", "memory slope on the break countdown", round(mine, 2), "KB/min",
                   round(theirs, 2), None, "levels off (last half <= baseline + 5)", levels_off, note,
                   [round(kib / 1024, 2) for _, kib in ours])]
