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
    """One private tmux server (its own socket, no user config) for a bench section.

    Screens are read through one control-mode client (``tmux -C``) rather than a new
    ``tmux capture-pane`` process per look: polling every few milliseconds would
    otherwise spend a good part of a core on process start-up, next to the app being
    measured. The client neither sets the windows' size nor receives their output.
    """

    def __init__(self, env: dict, width: int = 80, height: int = 24) -> None:
        self.socket = f"gentle-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.env = env
        # The server keeps the environment it starts with; every pane inherits it.
        subprocess.run(self._argv("new-session", "-d", "-s", "idle", "-x", str(width),
                                  "-y", str(height), "sleep 100000"), env=env, check=True)
        self.client = subprocess.Popen(
            self._argv("-C", "attach-session", "-f", "ignore-size,no-output", "-t", "idle"),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, text=True, encoding="utf-8", errors="replace", bufsize=1,
        )
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").strip()

    def _argv(self, *args: str) -> list[str]:
        return ["tmux", "-L", self.socket, "-f", "/dev/null", *args]

    def run(self, *args: str) -> str:
        """One tmux command through the control client; its output."""
        self._send(*args)
        return self._read_block(args)

    def _send(self, *args: str) -> None:
        assert self.client.stdin is not None
        self.client.stdin.write(" ".join(shlex.quote(a) for a in args) + "\n")
        self.client.stdin.flush()

    def _read_block(self, args: tuple[str, ...] = ("",)) -> str:
        assert self.client.stdout is not None
        lines: list[str] = []
        inside = False
        for line in self.client.stdout:
            if not inside:
                # Ours are flagged 1; attaching answers with a block flagged 0, in its own
                # time. Lines outside blocks are notifications.
                inside = line.startswith("%begin ") and line.split()[-1] == "1"
                continue
            if line.startswith(("%end ", "%error ")):
                if line.startswith("%error ") and args[0] != "kill-pane":
                    raise RuntimeError(f"tmux {' '.join(args)}: {''.join(lines).strip()}")
                return "".join(lines)
            lines.append(line)
        raise RuntimeError("the tmux control client went away")

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
        subprocess.run(self._argv("kill-server"), env=self.env, capture_output=True, check=False)
        self.client.wait(timeout=10)
        if self.socket_path:  # tmux leaves its socket file behind after kill-server
            Path(self.socket_path).unlink(missing_ok=True)

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


def wait_for_all(tmux: Tmux, argv: list[str], texts: tuple[str, ...], timeout: float = 30.0,
                 poll: float = 0.01) -> tuple[float, str, int]:
    """Launch ``argv`` and poll until every one of ``texts`` shows at once: (seconds, pane, pid)."""
    start = time.perf_counter()
    pane, pid = tmux.open(argv)
    while time.perf_counter() - start < timeout:
        screen = tmux.screen(pane)
        if all(text in screen for text in texts):
            return time.perf_counter() - start, pane, pid
        time.sleep(poll)
    shown = tmux.screen(pane)
    tmux.close(pane)
    raise RuntimeError(f"{texts!r} never all appeared for {' '.join(argv)}; the pane showed:\n{shown}")


def key_until_text(tmux: Tmux, pane: str, key: str, text: str, timeout: float = 30.0,
                   poll: float = 0.005) -> float:
    """Press ``key`` in ``pane`` and poll until ``text`` shows: seconds from the press."""
    start = time.perf_counter()
    tmux.run("send-keys", "-t", pane, key)
    while time.perf_counter() - start < timeout:
        if text in tmux.screen(pane):
            return time.perf_counter() - start
        time.sleep(poll)
    raise RuntimeError(f"{text!r} never appeared after pressing {key}; the pane showed:\n"
                       + tmux.screen(pane))


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
