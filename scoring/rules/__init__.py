"""The built-in rule kinds; importing this package registers them."""

from scoring.rules import columns, documents, sentences, shares, site

__all__ = ["columns", "documents", "sentences", "shares", "site"]
