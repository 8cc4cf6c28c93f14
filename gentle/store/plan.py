"""The couple's time-out plan: the latest completed session of the time-out-plan flow.

The plan is not a setting of its own: it is what the couple answered in
``flows/time-out-plan.yaml``, kept like any session, so history shows when it was made and
running the flow again makes a newer plan that replaces it. The break screens call
:func:`latest_plan` and show the words exactly as they were written (cleaned, never markup).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from gentle.records import record
from gentle.store import tidy
from gentle.store.db import Store

PLAN_FLOW_ID = "time-out-plan"
# The plan flow's step ids, and what each holds.
SIGNAL, PLACES, LENGTH, COMING_BACK, AGREED = "signal", "where", "how-long", "coming-back", "agree"
MAX_WORDS = 400  # a line on a break screen, not an essay: longer answers end with "…"

_LENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*(minute|min|hour|hr)", re.IGNORECASE)


@record
class Plan:
    session_id: str
    agreed_at: float  # when the plan's session finished
    partners: tuple[str, str]  # the names given when the plan was made
    signal: str | None  # the word or sign either will use
    places: tuple[str | None, str | None]  # where each partner goes, in partner order
    length: str | None  # how long, in the words chosen ("30 minutes")
    seconds: float | None  # the same as a number, when the words say one
    coming_back: str | None  # what they do first when they come back
    agreed: tuple[str, ...]  # the promises both ticked

    @property
    def empty(self) -> bool:
        return not (self.signal or any(self.places) or self.length or self.coming_back or self.agreed)


def length_seconds(words: str | None) -> float | None:
    """"30 minutes" -> 1800.0, "Until tomorrow (24 hours at most)" -> 86400.0; else None."""
    match = _LENGTH.search(words or "")
    if match is None:
        return None
    unit = 3600.0 if match.group(2).lower().startswith("h") else 60.0
    return float(match.group(1)) * unit


def latest_plan(store: Store | None) -> Plan | None:
    """The plan the couple agreed most recently, or None (no store, or no plan made yet).

    Never raises for a store it can't read: a break must open whatever the notes file is
    going through, so a plan that can't be read is no plan.
    """
    if store is None:
        return None
    try:
        with store.read() as conn:
            return _read(conn)
    except Exception:  # noqa: BLE001 - see above: a damaged, locked or missing file
        return None


def _read(conn: sqlite3.Connection) -> Plan | None:
    row = conn.execute(
        "SELECT id, partner_a, partner_b, ended_at FROM sessions"
        " WHERE flow_id = ? AND outcome = 'completed' AND source = 'app'"
        " ORDER BY ended_at DESC, rowid DESC LIMIT 1",  # the newer of two made at once
        (PLAN_FLOW_ID,),
    ).fetchone()
    if row is None:
        return None
    answers: dict[tuple[str, int | None], Any] = {}
    for step_id, partner, value in conn.execute(
        "SELECT step_id, partner, value FROM answers WHERE session_id = ? AND withdrawn_at IS NULL"
        " ORDER BY at, id",
        (row[0],),
    ):
        answers[(tidy.text(step_id, 200), tidy.partner_or_none(partner))] = tidy.json_or(value, None)

    def words(step_id: str, partner: int | None = None) -> str | None:
        return _words(answers.get((step_id, partner)))

    length = words(LENGTH)
    agreed = answers.get((AGREED, None))
    return Plan(
        session_id=tidy.text(row[0], 64),
        agreed_at=tidy.time_or_none(row[3]) or 0.0,
        partners=(tidy.name(row[1]), tidy.name(row[2])),
        signal=words(SIGNAL),
        places=(words(PLACES, 0), words(PLACES, 1)),
        length=length,
        seconds=length_seconds(length),
        coming_back=words(COMING_BACK),
        agreed=tuple(tidy.text(item, MAX_WORDS) for item in agreed if isinstance(item, str))
        if isinstance(agreed, list) else (),
    )


def _words(value: Any) -> str | None:
    """The words of a write answer ({"text": …}) or a choice (a string, or several)."""
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        value = ", ".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str) or not value.strip():
        return None
    return tidy.text(" ".join(value.split()), MAX_WORDS)
