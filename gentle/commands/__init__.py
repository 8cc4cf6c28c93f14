"""CLI command groups, one module each. None imports textual at module level."""
