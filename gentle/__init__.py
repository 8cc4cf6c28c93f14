"""gentle: a calm terminal companion for couples in the middle of a disagreement."""

__version__ = "0.1.0"
