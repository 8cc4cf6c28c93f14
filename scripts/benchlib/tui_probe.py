"""A headless measurement inside the real gentle app (run by the bench as a subprocess).

    python tui_probe.py stall BEFORE STALL AFTER

samples the countdown's shown time every few milliseconds, blocking the event loop for
STALL seconds (``time.sleep`` via ``call_later``) BEFORE seconds in. The app is built
exactly as ``gentle`` builds it (``build_context``) from the GENTLE_HOME the bench set
up; the result is one JSON object on stdout.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

BENCH_FLOWS = Path(__file__).resolve().parent.parent / "bench_flows"
POLL = 0.002


async def until(check, timeout: float = 20.0) -> None:
    end = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > end:
            raise TimeoutError("the screen never got there")
        await asyncio.sleep(POLL)


async def stall(before: float, stall_s: float, after: float) -> dict:
    """Sample the countdown's digits (with wall-clock times); block the loop for ``stall_s`` midway."""
    from textual.widgets import Digits

    from gentle.commands.screens import build_context
    from gentle.tui.app import GentleApp

    context = build_context()
    flow = context.load_flow(str(BENCH_FLOWS / "countdown.yaml"))
    app = GentleApp(context, start_flow=flow)
    samples: list[tuple[float, str]] = []

    def shown() -> str:
        digits = app.screen.query(Digits)
        return str(digits.first().value) if digits else ""

    async with app.run_test(size=(80, 24)):
        # The opening frame shows the countdown before the session (and the break's
        # recorded start) exists; sample the real session screen only.
        await until(lambda: type(app.screen).__name__ == "SessionScreen" and shown() != "")
        stall_at = time.time() + before
        stalled = None
        while time.time() < stall_at + stall_s + after:
            samples.append((time.time(), shown()))
            if stalled is None and time.time() >= stall_at:
                stalled = time.time()
                app.call_later(lambda: time.sleep(stall_s))  # the whole event loop stops
            await asyncio.sleep(POLL)
    return {"stall_start": stalled, "samples": samples}


def main() -> None:
    mode = sys.argv[1]
    if mode != "stall":
        raise SystemExit(f"unknown probe {mode!r}")
    before, stall_s, after = (float(a) for a in sys.argv[2:5])
    result = asyncio.run(stall(before, stall_s, after))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
