"""rapportkoll: rule-based checks of the City of Stockholm's unit reports."""

__version__ = "0.1.0"
