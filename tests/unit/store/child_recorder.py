"""A separate process that records a session the way the TUI does, for the crash and
concurrency tests. Run as a script:

    child_recorder.py DB forever      answer for ever; print "A step partner value" after
                                      each answer's commit has returned
    child_recorder.py DB count N GO   wait for the file GO to exist, then record N answers
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from gentle.engine.clock import FakeClock  # noqa: E402
from gentle.engine.runner import Runner  # noqa: E402
from gentle.store.db import open_store  # noqa: E402
from gentle.store.recorder import Recorder  # noqa: E402
from gentle.store.sessions import start_session  # noqa: E402
from tests.unit.store.support import looping_flow  # noqa: E402


def main() -> None:
    db, mode = Path(sys.argv[1]), sys.argv[2]
    store = open_store(db)
    flow = looping_flow()
    clock = FakeClock()
    session_id = start_session(store, flow, ("Sam", "Alex"), started_at=clock.now())
    recorder = Recorder(store, session_id)
    runner = Runner(flow, ("Sam", "Alex"), clock, recorder)
    recorder.follow(runner)
    print(f"S {session_id}", flush=True)
    if mode == "count":
        total, go = int(sys.argv[3]), Path(sys.argv[4])
        while not go.exists():
            time.sleep(0.001)
    else:
        total = 10**9
    for n in range(total):
        clock.advance(1)
        step = runner.step
        assert step is not None
        partner = runner.asking
        value: object = n % 11 if step.kind == "rate" else f"answer-{n}"
        runner.submit(value)
        # The submit returned, so the Recorder's COMMIT did: this answer is promised.
        print(f"A {step.id} {partner} {value}", flush=True)
    store.close()


if __name__ == "__main__":
    main()
