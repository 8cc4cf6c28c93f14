"""gentle's benchmarks: every figure against a baseline measured in the same run.

Run through ``scripts/bench [--quick] [--json]``. Each timed figure is the median of
several runs, with gentle and its baseline interleaved so that a busy moment on the
machine hurts both alike. Nothing here is asserted by the test suite; the suite only
runs ``--quick`` once to prove the script works.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
GENTLE = [str(VENV_BIN / "python"), "-m", "gentle"]
BENCH_FLOWS = ROOT / "scripts" / "bench_flows"
MINIMAL_APP = ROOT / "scripts" / "minimal_textual.py"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""


def median_interleaved(runs: int, *actions):
    """Run each action ``runs`` times, alternating between them; return medians."""
    samples = [[] for _ in actions]
    for _ in range(runs):
        for i, action in enumerate(actions):
            samples[i].append(action())
    return [statistics.median(s) for s in samples]


def wall(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


# --- the private home every run uses ---------------------------------------------------


def make_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="gentle-bench-"))
    config = home / "config"
    config.mkdir(parents=True)
    (config / "config.yaml").write_text(
        "partners: [Sam, Alex]\nfirst_run_acknowledged: true\nbell: false\n", encoding="utf-8"
    )
    return home


def bench_env(home: Path) -> dict:
    env = dict(os.environ)
    env["GENTLE_HOME"] = str(home)
    env.pop("NO_COLOR", None)
    return env


# --- command-line start-up ---------------------------------------------------------------


def cli_figures(runs: int, env: dict) -> list[Figure]:
    baseline_cmd = [str(VENV_BIN / "python"), "-c", "import typer, yaml"]
    figures = []
    for label, args in (
        ("gentle --version", ["--version"]),
        ("gentle flows list", ["flows", "list"]),
        ("gentle history --json", ["history", "--json"]),
    ):
        ours, base = median_interleaved(
            runs, lambda a=args: wall(GENTLE + a, env), lambda: wall(baseline_cmd, env)
        )
        ratio = ours / base
        figures.append(
            Figure(label, ours * 1000, "ms", base * 1000, ratio, "<= 1.5x", ratio <= 1.5,
                   "baseline: python -c 'import typer, yaml'")
        )
    return figures


# --- a real terminal: tmux ----------------------------------------------------------------


class Tmux:
    """One private tmux server for the whole bench run."""

    def __init__(self) -> None:
        self.socket = f"gentle-bench-{os.getpid()}"
        self.run("new-session", "-d", "-s", "idle", "-x", "80", "-y", "24", "sleep 100000")

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=False,
        )
        return out.stdout

    def open(self, command: str, env: dict) -> tuple[str, int]:
        env_args = []
        for key in ("GENTLE_HOME", "PATH", "TERM", "TEXTUAL_ANIMATIONS"):
            if key in env:
                env_args += ["-e", f"{key}={env[key]}"]
        out = self.run("new-window", "-d", "-P", "-F", "#{pane_id} #{pane_pid}", *env_args, command)
        pane, pid = out.split()
        return pane, int(pid)

    def screen(self, pane: str) -> str:
        return self.run("capture-pane", "-p", "-t", pane)

    def close(self, pane: str) -> None:
        self.run("kill-pane", "-t", pane)

    def stop(self) -> None:
        self.run("kill-server")


def first_frame(tmux: Tmux, command: str, text: str, env: dict, timeout: float = 20.0):
    """Seconds from launch until ``text`` is on screen, and the process id."""
    start = time.perf_counter()
    pane, pid = tmux.open(command, env)
    while time.perf_counter() - start < timeout:
        if text in tmux.screen(pane):
            return time.perf_counter() - start, pane, pid
        time.sleep(0.005)
    tmux.close(pane)
    raise RuntimeError(f"{text!r} never appeared for: {command}")


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def tui_figures(runs: int, env: dict, cpu_window: float) -> list[Figure]:
    python = str(VENV_BIN / "python")
    gentle_cmd = f"{python} -m gentle start pause-and-breathe --partner Sam --partner Alex"
    minimal_cmd = f"{python} {MINIMAL_APP}"
    tmux = Tmux()
    launch = {"gentle": [], "minimal": []}
    memory = {"gentle": [], "minimal": []}
    try:
        for _ in range(runs):
            for name, cmd in (("gentle", gentle_cmd), ("minimal", minimal_cmd)):
                seconds, pane, pid = first_frame(tmux, cmd, "Pause and breathe", env)
                launch[name].append(seconds)
                time.sleep(1.0)  # let it settle, so the peak includes the first second of use
                memory[name].append(peak_rss_kib(pid))
                tmux.close(pane)
        ours, base = (statistics.median(launch[k]) for k in ("gentle", "minimal"))
        mem_ours, mem_base = (statistics.median(memory[k]) for k in ("gentle", "minimal"))
        figures = [
            Figure("TUI launch to first frame (tmux)", ours * 1000, "ms", base * 1000, ours / base,
                   "<= 1.3x", ours / base <= 1.3, "baseline: minimal Textual app, same terminal"),
            Figure("TUI peak memory (VmHWM)", mem_ours / 1024, "MiB", mem_base / 1024,
                   mem_ours / mem_base, "<= 1.5x", mem_ours / mem_base <= 1.5,
                   "baseline: minimal Textual app"),
        ]
        for label, flow, marker, goal in (
            ("TUI CPU on the cool-down countdown", "countdown.yaml", "Cool-down", 2.0),
            ("TUI CPU during the breathing animation", "breathing.yaml", "Slow breathing", 10.0),
        ):
            cmd = f"{python} -m gentle start {BENCH_FLOWS / flow} --partner Sam --partner Alex"
            _, pane, pid = first_frame(tmux, cmd, marker, env)
            time.sleep(1.0)
            before, t0 = cpu_seconds(pid), time.perf_counter()
            time.sleep(cpu_window)
            used = (cpu_seconds(pid) - before) / (time.perf_counter() - t0) * 100
            tmux.close(pane)
            figures.append(Figure(label, used, "% of a core", None, None, f"<= {goal:g}%",
                                  used <= goal, f"over {cpu_window:g} s"))
        return figures
    finally:
        tmux.stop()


# --- the store at scale -------------------------------------------------------------------


def store_figures(sessions: int, env: dict, home: Path) -> list[Figure]:
    os.environ["GENTLE_HOME"] = str(home)
    from gentle.store import history, insights
    from gentle.store.db import open_store
    from gentle.store.sessions import seed_sessions

    store = open_store()
    seed_sessions(store, sessions)
    store.close()

    def open_history() -> float:
        start = time.perf_counter()
        s = open_store()
        history.list_sessions(s, limit=200)
        s.close()
        return time.perf_counter() - start

    def compute_insights() -> float:
        start = time.perf_counter()
        s = open_store()
        insights.compute(s)
        s.close()
        return time.perf_counter() - start

    out = home / "export.json"
    open_s = statistics.median(open_history() for _ in range(5))
    insight_s = statistics.median(compute_insights() for _ in range(5))
    export_s = wall(GENTLE + ["export", "--all", "--format", "json", "-o", str(out)], env)
    return [
        Figure(f"history open, {sessions:,} sessions", open_s * 1000, "ms", goal="< 300 ms",
               met=open_s < 0.3),
        Figure(f"insights, {sessions:,} sessions", insight_s * 1000, "ms", goal="< 300 ms",
               met=insight_s < 0.3),
        Figure(f"export --all json, {sessions:,} sessions", export_s * 1000, "ms", goal="< 3 s",
               met=export_s < 3.0, note=f"{out.stat().st_size / 1e6:.1f} MB" if out.exists() else ""),
    ]


# --- validation at scale ------------------------------------------------------------------


def validate_figure(files: int, env: dict) -> Figure:
    sources = sorted((ROOT / "flows").glob("*.yaml"))
    folder = Path(tempfile.mkdtemp(prefix="gentle-bench-flows-"))
    texts = [s.read_text(encoding="utf-8") for s in sources if "kind: include" not in s.read_text()]
    for i in range(files):
        body = _without_id(texts[i % len(texts)])
        (folder / f"flow-{i}.yaml").write_text(f"id: generated-{i}\n{body}", encoding="utf-8")
    paths = [str(p) for p in sorted(folder.glob("*.yaml"))]
    start = time.perf_counter()
    proc = subprocess.run(GENTLE + ["flows", "validate", *paths], env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    shutil.rmtree(folder, ignore_errors=True)
    note = "all valid" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stdout[:200]}"
    return Figure(f"flows validate, {files:,} files", seconds * 1000, "ms", goal="< 2 s in all",
                  met=seconds < 2.0 and proc.returncode == 0, note=note)


def _without_id(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("id:")) + "\n"


# --- timer accuracy -----------------------------------------------------------------------


def timer_figure(real_seconds: float) -> Figure:
    """Remaining time shown against true time, across a 2.5 s stall and a real countdown."""
    from gentle.engine.clock import SystemClock
    from gentle.engine.countdown import Countdown

    clock = SystemClock()
    total = 20 * 60.0
    started = time.monotonic()
    countdown = Countdown.start(total, clock.now())
    errors = []
    time.sleep(2.5)  # the event loop stalls: nothing repaints for 2.5 s
    errors.append(abs(countdown.remaining(clock.now()) - (total - (time.monotonic() - started))))
    end = time.monotonic() + real_seconds
    while time.monotonic() < end:
        time.sleep(0.25)
        true_left = total - (time.monotonic() - started)
        errors.append(abs(countdown.remaining(clock.now()) - true_left))
    growing = errors[-1] > errors[0] + 0.05
    worst = max(errors)
    return Figure("timer error after a 2.5 s stall and a real countdown", worst, "s",
                  goal="< 0.5 s, never growing", met=worst < 0.5 and not growing,
                  note=f"{real_seconds:g} s real countdown, {len(errors)} samples")


# --- report -------------------------------------------------------------------------------


def print_table(figures: list[Figure]) -> None:
    print(f"{'figure':<52} {'gentle':>12} {'baseline':>12} {'ratio':>7}  {'goal':<22} ok")
    for f in figures:
        value = "—" if f.value is None else f"{f.value:,.1f} {f.unit}"
        base = "" if f.baseline is None else f"{f.baseline:,.1f}"
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}x"
        ok = {True: "yes", False: "NO", None: "?"}[f.met]
        print(f"{f.name:<52} {value:>12} {base:>12} {ratio:>7}  {f.goal:<22} {ok}")
        if f.note:
            print(f"    {f.note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run, under a minute")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument("--only", action="append", default=[],
                        choices=["cli", "tui", "store", "validate", "timer"])
    args = parser.parse_args()
    quick = args.quick
    runs = 5  # every median is over at least five runs, quick or not
    sections = args.only or ["cli", "tui", "store", "validate", "timer"]
    home = make_home()
    env = bench_env(home)
    figures: list[Figure] = []
    failures: list[str] = []
    steps = {
        "cli": lambda: cli_figures(runs, env),
        "tui": lambda: tui_figures(runs, env, 3.0 if quick else 10.0),
        "store": lambda: store_figures(10_000 if not quick else 1_000, env, home),
        "validate": lambda: [validate_figure(1_000 if not quick else 200, env)],
        "timer": lambda: [timer_figure(60.0 if not quick else 2.0)],
    }
    if shutil.which("tmux") is None:
        failures.append("tui: tmux is not installed, so the terminal figures were not measured")
        sections = [s for s in sections if s != "tui"]
    for name in sections:
        try:
            figures.extend(steps[name]())
        except Exception as error:  # a broken figure must not hide the others
            failures.append(f"{name}: {type(error).__name__}: {error}")
    shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps({"quick": quick, "runs": runs, "figures": [asdict(f) for f in figures],
                          "failures": failures}, indent=2))
    else:
        print_table(figures)
        for failure in failures:
            print(f"could not measure {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
