"""What every figure shares: the Figure record, interleaved medians, the private home.

Every process the bench starts gets the same environment: a private ``GENTLE_HOME``
whose config already has the partners' names and the first-run note acknowledged (so
nothing stands between launch and the flow), and Python allowed to use its bytecode
cache, as an installed gentle would.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = str(Path(sys.executable))
GENTLE = [PYTHON, "-m", "gentle"]
BENCH_FLOWS = ROOT / "scripts" / "bench_flows"
MINIMAL_APP = ROOT / "scripts" / "minimal_textual.py"
PROBE = Path(__file__).resolve().with_name("tui_probe.py")

# config.yaml keys, as gentle/config/loading.py reads them.
BENCH_CONFIG = "partners: [Sam, Alex]\nfirst_run_acknowledged: true\nbell: false\n"


@dataclass
class Figure:
    key: str  # stable id, used by --json and the test
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""
    samples: list[float] = field(default_factory=list)


def ratio_figure(key: str, name: str, ours: list[float], base: list[float], unit: str,
                 limit: float, note: str, scale: float = 1.0) -> Figure:
    """A figure judged as median(ours) / median(base) <= limit."""
    mine, theirs = statistics.median(ours), statistics.median(base)
    ratio = mine / theirs
    return Figure(key, name, mine * scale, unit, theirs * scale, ratio, f"<= {limit:g}x",
                  ratio <= limit, note, [round(s * scale, 3) for s in ours])


def interleaved(runs: int, *actions: Callable[[], float]) -> list[list[float]]:
    """Run each action ``runs`` times, taking turns, and return every sample.

    The order flips each round (ABBA…), so neither side always runs right after the
    other on a busy machine.
    """
    samples: list[list[float]] = [[] for _ in actions]
    order = list(range(len(actions)))
    for _ in range(runs):
        for i in order:
            samples[i].append(actions[i]())
        order.reverse()
    return samples


def wall(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measured(cmd: list[str], env: dict, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """(seconds, peak resident memory in MiB) of one command, from its own rusage."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:])} exited {child.returncode}")
    return seconds, usage.ru_maxrss / 1024  # Linux: KiB


def make_home(prefix: str = "gentle-bench-") -> Path:
    home = Path(tempfile.mkdtemp(prefix=prefix))
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.yaml").write_text(BENCH_CONFIG, encoding="utf-8")
    return home


def bench_env(home: Path) -> dict:
    env = dict(os.environ)
    env["GENTLE_HOME"] = str(home)
    # An installed gentle has its bytecode compiled; without this every gentle module
    # would be compiled from source on every launch while textual's would not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for noise in ("NO_COLOR", "TEXTUAL_ANIMATIONS", "TEXTUAL_FPS", "TEXTUAL_DEBUG"):
        env.pop(noise, None)
    return env


def precompile(env: dict) -> None:
    """Write gentle's bytecode once, as ``pip install`` does for an installed package."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "gentle")], env=env,
                   stdout=subprocess.DEVNULL, check=False)


def seed(home: Path, sessions: int) -> None:
    """Fill ``home``'s store with realistic sessions, then flush them to disk.

    The sync matters: seeding writes with synchronous=OFF, and the first fsync after it
    (the export's atomic write) would otherwise pay for flushing the whole database.
    """
    code = ("from gentle.store.db import open_store\n"
            "from gentle.store.sessions import seed_sessions\n"
            f"s = open_store(); seed_sessions(s, {sessions}, heavy=True); s.close()\n")
    subprocess.run([PYTHON, "-c", code], env=bench_env(home), check=True)
    os.sync()


def machine() -> dict:
    info = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": round(os.getloadavg()[0], 2),
    }
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        info["memory_gib"] = round(int(meminfo[0].split()[1]) / 1024 / 1024, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(
        [PYTHON, "-c", "import importlib.metadata as m, sqlite3; "
         "print(m.version('textual'), m.version('typer'), sqlite3.sqlite_version)"],
        capture_output=True, text=True, check=False,
    ).stdout.split()
    if len(versions) == 3:
        info["textual"], info["typer"], info["sqlite"] = versions
    return info
