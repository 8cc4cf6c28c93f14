"""What the shell completes: flow ids for the commands that open a flow, session ids for
the commands that take one. Asked on every Tab, so quick and quiet: nothing printed,
nothing written, no textual; a problem (no notes yet, a damaged file) completes nothing.
"""

from __future__ import annotations


def flow_ids(incomplete: str) -> list[str]:
    try:
        from gentle.commands.flows import catalogue_from_options

        return [i for i in catalogue_from_options().ids() if i.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - a Tab must never fail loudly
        return []


def session_ids(incomplete: str) -> list[str]:
    """The first eight characters of each saved session's id (enough for every command)."""
    try:
        import sqlite3

        from gentle import paths

        database = paths.database_file()
        if not database.is_file():
            return []
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.2) as conn:
            rows = conn.execute("SELECT substr(id, 1, 8) FROM sessions WHERE id LIKE ? || '%'"
                                " ORDER BY started_at DESC LIMIT 200", (incomplete.lower(),)).fetchall()
        return [r[0] for r in rows]
    except Exception:  # noqa: BLE001
        return []
