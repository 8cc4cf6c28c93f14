"""What the runner says to an intent: done, or refused with a reason for people.

Every Runner method a screen or a walk calls returns a :class:`Verdict` instead of
raising: a key pressed twice, or in the wrong moment, is refused quietly, and the
reason is there for whoever wants to show it.
"""

from __future__ import annotations

from gentle.records import record


@record
class Verdict:
    ok: bool
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.ok


OK = Verdict(True)


def refused(reason: str) -> Verdict:
    return Verdict(False, reason)
