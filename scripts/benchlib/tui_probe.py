"""Headless measurements inside the real gentle app (run by the bench as a subprocess).

    python tui_probe.py history   how long history and insights take to open, from the key
    python tui_probe.py stall     the countdown's shown time around a 2.5 s event-loop stall

Both build the app exactly as ``gentle`` does (``build_context``) from the GENTLE_HOME
the bench set up, drive it with Textual's Pilot, and print one JSON object.
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


async def history() -> dict:
    from textual.widgets import DataTable

    from gentle.commands.screens import build_context
    from gentle.store.history import count_sessions
    from gentle.tui.app import GentleApp

    context = build_context()
    expected = min(100, count_sessions(context.store))
    app = GentleApp(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("h")

        def rows_shown() -> bool:
            tables = app.screen.query(DataTable)
            return bool(tables) and tables.first().row_count >= expected

        await until(rows_shown)
        await pilot.pause()  # and painted
        history_s = time.perf_counter() - start
        start = time.perf_counter()
        await pilot.press("i")
        await until(lambda: bool(app.screen.query("#plots > *")))
        await pilot.pause()
        insights_s = time.perf_counter() - start
    return {"history": history_s, "insights": insights_s, "rows": expected}


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
        await until(lambda: shown() != "")
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
    if mode == "history":
        result = asyncio.run(history())
    else:
        before, stall_s, after = (float(a) for a in sys.argv[2:5])
        result = asyncio.run(stall(before, stall_s, after))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
