"""The pure flow engine: clock, countdowns, breathing pacer, routing and the runner. No textual here."""
