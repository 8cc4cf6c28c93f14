"""The YAML flow format: typed models, loading, validation and the catalogue. No textual here."""
