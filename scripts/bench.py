"""gentle's benchmarks: every figure against a baseline measured in the same run.

Run through ``scripts/bench [--quick] [--json] [--only SECTION]``, or
``scripts/bench --soak [MINUTES]`` for the long memory soak of the break countdown. Timed figures are
medians of several runs, with gentle and its baseline taking turns so that a busy
moment on the machine hurts both alike. The test suite runs ``--quick --json`` once to
prove the script works; it never asserts the figures. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import time
from dataclasses import asdict

from benchlib import common
from benchlib.common import Figure

SECTIONS = ("cli", "tui", "cpu", "store", "validate", "timer")
NEEDS_TMUX = {"tui", "cpu", "timer"}


def plan(quick: bool, runs: int | None, scale: bool = False) -> dict:
    """How much of each figure to measure: the full run, or a reduced one under a minute;
    ``scale``: the store figures at 100k sessions (several minutes; not in CI)."""
    if scale:
        full = plan(False, runs)
        return {**full, "sessions": 100_000, "store_runs": runs or 1, "flows": 10_000,
                "validate_runs": runs or 1}
    if quick:
        return {"runs": runs or 3, "store_runs": runs or 3, "settle": 0.5, "cpu_window": 2.0,
                "cpu_baseline": False, "sessions": 2_000, "flows": 1_000, "validate_runs": 1,
                "stall_after": 1.5, "countdown": 6.0}
    return {"runs": runs or 7, "store_runs": runs or 5, "settle": 1.0, "cpu_window": 10.0,
            "cpu_baseline": True, "sessions": 10_000, "flows": 1_000, "validate_runs": runs or 5,
            "stall_after": 3.0, "countdown": 60.0}


def measure(section: str, p: dict, env: dict) -> list[Figure]:
    from benchlib import startup, store_scale, timer_accuracy, validate_scale

    if section == "cli":
        return startup.cli_figures(p["runs"], env)
    if section == "tui":
        return startup.launch_figures(p["runs"], env, p["settle"])
    if section == "cpu":
        return startup.cpu_figures(env, p["cpu_window"], p["cpu_baseline"])
    if section == "store":
        big = common.make_home("gentle-bench-store-")
        try:
            common.seed(big, p["sessions"])
            return store_scale.store_figures(p["store_runs"], big, common.bench_env(big), p["sessions"])
        finally:
            shutil.rmtree(big, ignore_errors=True)
    if section == "validate":
        return [validate_scale.validate_figure(p["validate_runs"], p["flows"], env)]
    if section == "timer":
        return [timer_accuracy.headless_figure(env, p["stall_after"]),
                timer_accuracy.terminal_figure(env, p["countdown"])]
    raise ValueError(section)


def fmt(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{number} {unit}".strip()


def print_table(figures: list[Figure], info: dict, seconds: float, quick: bool) -> None:
    print(f"gentle bench{' (quick)' if quick else ''}: {info.get('cpus')} CPUs, "
          f"{info.get('memory_gib')} GiB, Python {info.get('python')}, textual {info.get('textual')}, "
          f"typer {info.get('typer')}; load {info.get('load_before')} → {info.get('load_after')}; "
          f"{seconds:.0f} s")
    print()
    print(f"{'figure':<50} {'gentle':>14} {'baseline':>11} {'ratio':>6}  {'goal':<22} ok")
    for f in figures:
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}x"
        ok = {True: "yes", False: "NO", None: "?"}[f.met]
        print(f"{f.name:<50} {fmt(f.value, f.unit):>14} {fmt(f.baseline):>11} {ratio:>6}  {f.goal:<22} {ok}")
    print()
    for f in figures:
        if f.note:
            print(f"- {f.name}: {f.note}")


def soak(args: argparse.Namespace) -> int:
    """The memory soak alone (long; CI never runs it): see benchlib/soak.py."""
    from benchlib.soak import soak_figures

    if shutil.which("tmux") is None:
        print("could not measure soak: tmux is not installed", file=sys.stderr)
        return 1
    started = time.perf_counter()
    info = common.machine()
    home = common.make_home()
    env = common.bench_env(home)
    common.precompile(env)
    try:
        figures = soak_figures(env, args.soak, say=lambda line: print(line, file=sys.stderr))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    info["load_after"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps({"soak_minutes": args.soak, "machine": info,
                          "figures": {f.key: asdict(f) for f in figures}}, indent=2, default=str))
    else:
        print_table(figures, info, time.perf_counter() - started, False)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run, under a minute")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--only", action="append", default=[], choices=SECTIONS,
                        help="measure only this section (may be given more than once)")
    parser.add_argument("--runs", type=int, help="runs per median (default 7, or 3 with --quick)")
    parser.add_argument("--scale", action="store_true",
                        help="the store figures at 100,000 sessions and validate at 10,000 flows (minutes)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--imports", action="store_true",
                        help="only show where import time goes (python -X importtime by package)")
    parser.add_argument("--soak", nargs="?", type=float, const=120.0, metavar="MINUTES",
                        help="only the memory soak of the break countdown (default 120 minutes)")
    args = parser.parse_args()
    p = plan(args.quick, args.runs, args.scale)
    if args.soak is not None:
        return soak(args)
    if args.imports:
        from benchlib import imports

        home = common.make_home()
        env = common.bench_env(home)
        common.precompile(env)
        imports.print_imports(imports.import_table(env, p["runs"]))
        shutil.rmtree(home, ignore_errors=True)
        return 0
    sections = [s for s in SECTIONS if s in args.only] or list(SECTIONS)
    started = time.perf_counter()
    info = common.machine()
    home = common.make_home()
    env = common.bench_env(home)
    common.precompile(env)
    common.seed(home, 20)  # a lived-in store for `gentle history --json`
    figures: list[Figure] = []
    failures: list[str] = []
    if shutil.which("tmux") is None:
        failures += [f"{s}: tmux is not installed, so there is no terminal to measure in"
                     for s in sections if s in NEEDS_TMUX]
        sections = [s for s in sections if s not in NEEDS_TMUX]
    for section in sections:
        try:
            figures.extend(measure(section, p, env))
        except Exception as error:  # one broken figure must not hide the others
            failures.append(f"{section}: {type(error).__name__}: {error}")
        if not args.json:
            print(f"  measured {section} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    shutil.rmtree(home, ignore_errors=True)
    info["load_after"] = round(os.getloadavg()[0], 2)
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps({"quick": args.quick, "runs": p["runs"], "seconds": round(seconds, 1),
                          "machine": info, "figures": {f.key: asdict(f) for f in figures},
                          "failures": failures}, indent=2, allow_nan=False, default=str))
    else:
        print_table(figures, info, seconds, args.quick)
        for failure in failures:
            print(f"could not measure {failure}")
    missed = any(f.met is False for f in figures)
    return 1 if failures or (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
