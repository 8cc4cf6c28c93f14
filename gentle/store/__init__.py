"""Session notes in SQLite: schema, recording, history, insights, export. No textual here."""
