"""What the history says over time: computed with SQL aggregation over the session rows.

Only sessions the couple actually ran count (``source = 'app'``) unless asked: rehearsals
recorded with ``gentle flows walk --save`` are scripted answers, not feelings (the
screen says how many there are, and a key counts them too); and a session only opened
(``history.holds_something``) is not counted, as history doesn't show it. A "drop" is how far
distress fell from the first to the last rating in a session, averaged over the
partners who rated at least twice (positive is better).
"""

from __future__ import annotations

from datetime import date, timedelta

from gentle.records import record
from gentle.store.db import Store
from gentle.store.history import holds_something

_RAN = f"source = 'app' AND {holds_something()}"  # the sessions insights are about
_WHO_COUNTS = f"source IN ('app', 'walk') AND {holds_something()}"  # with the rehearsals

_DROP = (
    "(coalesce(distress_before_a - distress_after_a, 0)"
    " + coalesce(distress_before_b - distress_after_b, 0)) * 1.0"
    " / ((distress_after_a IS NOT NULL) + (distress_after_b IS NOT NULL))"
)
_HAS_DROP = "(distress_after_a IS NOT NULL OR distress_after_b IS NOT NULL)"
_MONDAY = "date(started_at, 'unixepoch', 'localtime', '-6 days', 'weekday 1')"


@record
class WeekPoint:
    """One week (Monday, local time) of sessions, zeros kept for quiet weeks."""

    week_start: date
    sessions: int
    # Each partner's distress, averaged over the week's sessions: the first rating of a
    # session ("start") and its last ("end"); None when nobody rated that week.
    start: tuple[float | None, float | None] = (None, None)
    end: tuple[float | None, float | None] = (None, None)
    drop: float | None = None  # the average drop (start minus end) that week
    calm_seconds: float | None = None  # the average time to calm down that week


@record
class FlowHelp:
    flow_id: str
    title: str
    sessions: int
    rated_sessions: int  # sessions with a before and an after rating
    average_drop: float | None


@record
class BreakCount:
    called_by: int | None  # 0, 1, or None when the flow itself called the break
    name: str  # the partner's name in the latest session, or "the flow"
    breaks: int
    per_session: float


@record
class Insights:
    sessions: int
    completed: int
    weeks: tuple[WeekPoint, ...]  # every week from the first session to the last
    flows: tuple[FlowHelp, ...]  # most helpful first
    breaks: tuple[BreakCount, ...]
    names: tuple[str, str] = ("Partner A", "Partner B")  # as in the latest session
    average_drop: float | None = None
    rated: int = 0  # sessions with a drop (a first and a last rating)
    average_calm_seconds: float | None = None
    rehearsals: int = 0  # sessions saved by `flows walk --save`
    with_rehearsals: bool = False  # whether they are counted in the figures above


def compute(store: Store, *, rehearsals: bool = False) -> Insights:
    """The figures, in SQL: one pass over the sessions, grouped by week, gives the weeks,
    the totals and the averages; one more groups them by flow; one counts breaks.
    ``rehearsals``: count the sessions saved by `flows walk --save` too."""
    ran = _WHO_COUNTS if rehearsals else _RAN
    with store.read() as conn:
        # One pass: grouped by week and flow (a few hundred groups, whatever the history
        # holds); the weeks, the flows and the totals are summed from them below.
        rows = conn.execute(
            f"SELECT {_MONDAY} AS monday, flow_id, flow_title, max(started_at), count(*),"
            " coalesce(sum(outcome = 'completed'), 0),"
            # start and end over the sessions rated at both, so the two are comparable
            " sum(CASE WHEN distress_after_a IS NOT NULL THEN distress_before_a END),"
            " sum(distress_after_a), count(distress_after_a),"
            " sum(CASE WHEN distress_after_b IS NOT NULL THEN distress_before_b END),"
            " sum(distress_after_b), count(distress_after_b),"
            f" sum({_HAS_DROP}), sum(CASE WHEN {_HAS_DROP} THEN {_DROP} END),"
            " count(calm_seconds), sum(calm_seconds)"
            f" FROM sessions WHERE {ran} GROUP BY monday, flow_id"
        ).fetchall()
        source = "s.source IN ('app', 'walk')" if rehearsals else "s.source = 'app'"
        breaks = conn.execute(
            "SELECT t.called_by, count(*) FROM timings t JOIN sessions s ON s.id = t.session_id"
            f" WHERE t.kind = 'break' AND {source} GROUP BY t.called_by"
        ).fetchall()
        latest = conn.execute(
            f"SELECT partner_a, partner_b FROM sessions WHERE {ran} ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        walked = conn.execute(
            f"SELECT count(*) FROM sessions WHERE source = 'walk' AND {holds_something()}").fetchone()[0]
    names = tuple(latest) if latest else ("Partner A", "Partner B")
    weeks: dict[str, list[float]] = {}
    by_flow: dict[str, list] = {}
    for (monday, flow_id, title, last, n, done, sa, ea, na, sb, eb, nb, rated, drops,
         calm_n, calm_sum) in rows:
        week = weeks.setdefault(monday, [0.0] * 12)
        for i, value in enumerate((n, done, sa, ea, na, sb, eb, nb, rated, drops, calm_n, calm_sum)):
            week[i] += value or 0
        flow = by_flow.setdefault(flow_id, [title, last, 0, 0, 0.0])
        if last >= flow[1]:
            flow[0], flow[1] = title, last  # the title it had most recently
        flow[2] += n
        flow[3] += rated or 0
        flow[4] += drops or 0.0
    helped = [FlowHelp(fid, f[0], f[2], f[3], f[4] / f[3] if f[3] else None) for fid, f in by_flow.items()]
    helped.sort(key=lambda f: (f.average_drop is None, -(f.average_drop or 0.0), -f.sessions))
    totals = [sum(w[i] for w in weeks.values()) for i in range(12)]
    sessions, rated = int(totals[0]), int(totals[8])
    return Insights(
        sessions=sessions,
        completed=int(totals[1]),
        weeks=_every_week(weeks),
        flows=tuple(helped),
        breaks=_breaks(breaks, names, sessions),  # type: ignore[arg-type]
        names=names,  # type: ignore[arg-type]
        average_drop=totals[9] / rated if rated else None,
        rated=rated,
        average_calm_seconds=totals[11] / totals[10] if totals[10] else None,
        rehearsals=walked,
        with_rehearsals=rehearsals,
    )


def _every_week(weeks: dict[str, list[float]]) -> tuple[WeekPoint, ...]:
    # Quiet weeks are part of the story: keep them as zeros between the first and last.
    if not weeks:
        return ()
    found = {date.fromisoformat(monday): w for monday, w in weeks.items()}
    week, last = min(found), max(found)
    out = []
    while week <= last:
        w = found.get(week)
        if w is None:
            out.append(WeekPoint(week, 0))
        else:
            n, _, sa, ea, na, sb, eb, nb, rated, drops, calm_n, calm_sum = w
            out.append(WeekPoint(
                week, int(n),
                (sa / na if na else None, sb / nb if nb else None),
                (ea / na if na else None, eb / nb if nb else None),
                drops / rated if rated else None,
                calm_sum / calm_n if calm_n else None,
            ))
        week += timedelta(days=7)
    return tuple(out)


def _breaks(
    rows: list[tuple[int | None, int]], names: tuple[str, str], sessions: int
) -> tuple[BreakCount, ...]:
    counts = {called_by: n for called_by, n in rows}
    out = []
    for who in (0, 1, None):
        n = counts.get(who, 0)
        if who is None and n == 0:
            continue  # only mention the flow when it actually called breaks
        name = names[who] if who is not None else "the flow"
        out.append(BreakCount(who, name, n, n / sessions if sessions else 0.0))
    return tuple(out)
