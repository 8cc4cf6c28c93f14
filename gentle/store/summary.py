"""Per-session distress figures, kept on the session row so history and insights are fast.

* before/after: each partner's first and last distress rating that still counts
  (withdrawn answers are ignored). A shared ("together") rating counts for both.
  ``after`` stays empty until a partner has rated at least twice.
* calm_seconds: from the first rating at or above the flow's distress threshold to the
  first moment every partner's latest rating was below it. Empty if nobody was that
  upset, or if calm was not reached in the session.
"""

from __future__ import annotations

import sqlite3

DEFAULT_THRESHOLD = 7

_RATINGS = """
SELECT partner, rating, at FROM answers
WHERE session_id = ? AND measures = 'distress' AND withdrawn_at IS NULL AND rating IS NOT NULL
ORDER BY at, id
"""

_THRESHOLD = """
SELECT json_extract(f.body, '$.distress_threshold')
FROM sessions s JOIN flows f ON f.hash = s.flow_hash WHERE s.id = ?
"""


def compute(ratings: list[tuple[int | None, int, float]], threshold: int) -> tuple:
    """(before_a, after_a, before_b, after_b, calm_seconds) from time-ordered ratings."""
    per_partner: dict[int, list[int]] = {0: [], 1: []}
    latest: dict[int, int] = {}
    first_upset: float | None = None
    calm: float | None = None
    for partner, rating, at in ratings:
        for who in (0, 1) if partner is None else (partner,):
            per_partner[who].append(rating)
            latest[who] = rating
        if any(value >= threshold for value in latest.values()):
            if first_upset is None:
                first_upset = at
        elif first_upset is not None and calm is None:
            calm = at - first_upset
    a, b = per_partner[0], per_partner[1]
    return (
        a[0] if a else None,
        a[-1] if len(a) > 1 else None,
        b[0] if b else None,
        b[-1] if len(b) > 1 else None,
        calm,
    )


def refresh(conn: sqlite3.Connection, session_id: str, threshold: int | None = None) -> None:
    """Recompute one session's figures from its answers (inside the caller's transaction)."""
    if threshold is None:
        row = conn.execute(_THRESHOLD, (session_id,)).fetchone()
        threshold = int(row[0]) if row and row[0] is not None else DEFAULT_THRESHOLD
    ratings = conn.execute(_RATINGS, (session_id,)).fetchall()
    conn.execute(
        "UPDATE sessions SET distress_before_a = ?, distress_after_a = ?, distress_before_b = ?,"
        " distress_after_b = ?, calm_seconds = ? WHERE id = ?",
        (*compute(ratings, threshold), session_id),
    )


def refresh_all(conn: sqlite3.Connection) -> None:
    """Recompute every session that has a distress rating (used by the v2 migration)."""
    ids = conn.execute(
        "SELECT DISTINCT session_id FROM answers WHERE measures = 'distress'"
    ).fetchall()
    for (session_id,) in ids:
        refresh(conn, session_id)
