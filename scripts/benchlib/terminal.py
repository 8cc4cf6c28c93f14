"""A real terminal for the bench: a private tmux server, and what /proc says about a pane.

Each pane runs its command with ``exec``, so the pane's process is the app itself and
its memory and CPU can be read from /proc without a shell in between.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Tmux:
    """One private tmux server (its own socket, no user config) for a bench section."""

    def __init__(self, env: dict, width: int = 80, height: int = 24) -> None:
        self.socket = f"gentle-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.env = env
        self.size = (width, height)
        # The server keeps the environment it starts with; every pane inherits it.
        self.run("new-session", "-d", "-s", "idle", "-x", str(width), "-y", str(height),
                 "sleep 100000")

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                             capture_output=True, text=True, env=self.env, check=False)
        return out.stdout

    def open(self, argv: list[str]) -> tuple[str, int]:
        """Start ``argv`` in a new window of the session's size; return (pane, pid)."""
        command = "exec " + " ".join(shlex.quote(a) for a in argv)
        out = self.run("new-window", "-d", "-P", "-F", "#{pane_id} #{pane_pid}", command)
        pane, pid = out.split()
        return pane, int(pid)

    def screen(self, pane: str) -> str:
        return self.run("capture-pane", "-p", "-t", pane)

    def close(self, pane: str) -> None:
        self.run("kill-pane", "-t", pane)

    def stop(self) -> None:
        self.run("kill-server")

    def __enter__(self) -> "Tmux":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for_text(tmux: Tmux, argv: list[str], text: str, timeout: float = 30.0,
                  poll: float = 0.01) -> tuple[float, str, int]:
    """Launch ``argv`` and poll its pane until ``text`` shows: (seconds, pane, pid)."""
    start = time.perf_counter()
    pane, pid = tmux.open(argv)
    while time.perf_counter() - start < timeout:
        if text in tmux.screen(pane):
            return time.perf_counter() - start, pane, pid
        time.sleep(poll)
    shown = tmux.screen(pane)
    tmux.close(pane)
    raise RuntimeError(f"{text!r} never appeared for {' '.join(argv)}; the pane showed:\n{shown}")


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmHWM")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the whole process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def cpu_percent(pid: int, seconds: float) -> float:
    """Share of one core the process used over the next ``seconds`` of wall time."""
    before, start = cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.perf_counter() - start) * 100
