"""The scoring models: points from findings, and a unit's score and rating.

Every finding carries `points` earned out of `max_points`, in both models:

- **sum** (zz2016): an indicator is worth `points`; a finding earns them all
  on `pass`, none on `fail`, the share of complying items for a share rule,
  and `partial_credit` (default one half) of them on any other `partial`. The
  unit's score is 100 × earned / max over the findings that were judged
  (`pass`, `partial`, `fail`); `not_applicable` and `unknown` findings are
  left out, so what could not be seen neither helps nor hurts.
- **deduct** (govsite): a finding's `max_points` is what the indicator may
  take off at most (its `cap`) and `points` is what it left, so the
  deduction is `max_points - points`. A counting rule takes `deduction` per
  counted item (times the item's weight) up to the cap; any other rule takes
  the cap in proportion to what it missed. The unit's score is 100 minus all
  deductions. Veto indicators carry no points.

A unit with a `fail` on a veto indicator is vetoed and rated `veto_rating`
(不合格) whatever its score. Otherwise its rating is the first of the system's
ratings whose `min_score` it reaches: by default 优秀 ≥ 90, 良好 ≥ 75,
合格 ≥ 60 for sum systems and 合格 ≥ 60 for deduct systems (a deduction of
more than 40 points fails, as in the 2015 national census); below them it is
`below_rating` (不合格). A system with nothing judged (a sum system with no
judged finding, a deduct system none of whose deducting indicators could be
judged) scores 0 and is rated `unassessed_rating` (无法评估), or the veto
rating when a veto failed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from indicators.loader import Indicator, IndicatorSystem
from scoring.context import Outcome

JUDGED = ("pass", "partial", "fail")


@dataclass(frozen=True)
class Points:
    """What one finding earned, and the most it could have."""

    points: float
    max_points: float


def outcome_status(indicator: Indicator, outcome: Outcome) -> str:
    """Return the outcome's status; a counting rule without one gets it from its count."""
    if outcome.status is not None:
        return outcome.status
    counted = outcome.counted or []
    if not counted:
        return "pass"
    if indicator.fail_at is not None:
        return "fail" if len(counted) >= indicator.fail_at else "partial"
    if (
        indicator.cap is not None
        and counted_deduction(indicator, outcome) >= indicator.cap
    ):
        return "fail"
    return "partial"


def counted_deduction(indicator: Indicator, outcome: Outcome) -> float:
    """Return the points a counting outcome takes off, stopped at the cap."""
    total = sum(item.weight for item in outcome.counted or []) * indicator.deduction
    if indicator.cap is not None:
        total = min(total, indicator.cap)
    return round(total, 4)


def finding_points(
    system: IndicatorSystem, indicator: Indicator, status: str, outcome: Outcome | None
) -> Points:
    """Return the points of one finding under its system's model."""
    if system.scoring == "sum":
        maximum = indicator.points
        if status not in JUDGED:
            return Points(0.0, maximum)
        return Points(round(maximum * _credit(indicator, status, outcome), 4), maximum)

    maximum = indicator.cap if indicator.cap is not None else indicator.deduction
    if not maximum or status not in JUDGED:
        return Points(maximum or 0.0, maximum or 0.0)
    if outcome is not None and outcome.counted is not None:
        deduction = counted_deduction(indicator, outcome)
    else:
        deduction = maximum * (1 - _credit(indicator, status, outcome))
    return Points(round(maximum - deduction, 4), maximum)


def _credit(indicator: Indicator, status: str, outcome: Outcome | None) -> float:
    if status == "pass":
        return 1.0
    if status == "fail":
        return 0.0
    if outcome is not None and outcome.credit is not None:
        return max(0.0, min(1.0, outcome.credit))
    if outcome is not None and outcome.counted is not None and indicator.cap:
        return max(0.0, 1 - counted_deduction(indicator, outcome) / indicator.cap)
    return indicator.partial_credit


@dataclass(frozen=True)
class UnitResult:
    """A unit's score in one system."""

    score: float
    max_score: float
    vetoed: bool
    rating: str
    status_counts: dict


def score_unit(system: IndicatorSystem, findings: list[dict]) -> UnitResult:
    """Return the unit's score, veto and rating from its findings in `system`."""
    counts = Counter(finding["status"] for finding in findings)
    status_counts = {
        status: counts.get(status, 0)
        for status in (*JUDGED, "not_applicable", "unknown")
    }
    vetoed = any(
        finding["veto"] and finding["status"] == "fail" for finding in findings
    )
    judged = [finding for finding in findings if finding["status"] in JUDGED]

    if system.scoring == "sum":
        maximum = sum(finding["max_points"] for finding in judged)
        if maximum <= 0:
            rating = system.veto_rating if vetoed else system.unassessed_rating
            return UnitResult(0.0, 100.0, vetoed, rating, status_counts)
        score = 100.0 * sum(finding["points"] for finding in judged) / maximum
    else:
        deducting = [finding for finding in findings if finding["max_points"] > 0]
        if deducting and not any(f["status"] in JUDGED for f in deducting):
            # Nothing that deducts could be seen: 100 would claim a clean portal.
            rating = system.veto_rating if vetoed else system.unassessed_rating
            return UnitResult(0.0, 100.0, vetoed, rating, status_counts)
        deductions = sum(
            finding["max_points"] - finding["points"] for finding in judged
        )
        score = max(0.0, 100.0 - deductions)

    score = round(score, 2)
    return UnitResult(score, 100.0, vetoed, rate(system, score, vetoed), status_counts)


def rate(system: IndicatorSystem, score: float, vetoed: bool) -> str:
    """Return the rating of a score in `system`."""
    if vetoed:
        return system.veto_rating
    for minimum, label in system.ratings:
        if score >= minimum:
            return label
    return system.below_rating
