"""The pieces of ``scripts/bench``: one module per group of figures, plus shared helpers."""
