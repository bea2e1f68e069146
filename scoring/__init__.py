"""The rules engine: turns a stored run's snapshot into findings and scores."""

from scoring.engine import score_run

__all__ = ["score_run"]
