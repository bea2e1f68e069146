"""The report's overview: statistics, rankings, compliance and typical problems.

Stages 2 to 4 of the report context (see `reports.context`), computed from the
unit summaries and the findings of one scoring:

1. summary statistics per system and the composite score, with distribution
   charts, the units rated 不合格 by veto, and findings counted by status;
2. rankings by unit kind (equal scores share a rank);
3. per indicator, units counted by status and the compliance rate, charted
   per system;
4. typical problems: the indicators most units fail, with example units.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean, median

from reports.charts import draw_histogram, draw_status_bars
from reports.labels import (
    ASSESSED_STATUSES,
    PROBLEM_STATUSES,
    STATUS_ORDER,
    combine_statuses,
    status_label,
)
from reports.load import FindingRecord, ScoringData
from reports.present import evidence_context, suggestion_for

# Typical problems: how many indicators, and example units per indicator.
TYPICAL_PROBLEMS = 8
EXAMPLES_PER_PROBLEM = 3
EVIDENCE_PER_EXAMPLE = 2
HISTOGRAM_BINS = 10


def summarize(data: ScoringData, units: list[dict]) -> dict:
    """Return the summary statistics of the assessed units, per system and overall."""
    assessed = [unit for unit in units if unit["assessed"]]
    systems = []
    for system in data.systems:
        scores = [
            unit["scores_by_system"][system["id"]]
            for unit in assessed
            if system["id"] in unit["scores_by_system"]
        ]
        systems.append(_system_statistics(system, scores))
    composite = [
        unit["composite"] for unit in assessed if unit["composite"] is not None
    ]
    status_totals = Counter(finding.status for finding in data.findings)
    return {
        "units_total": len(units),
        "units_assessed": len(assessed),
        "units_vetoed": sum(1 for unit in assessed if unit["vetoed"]),
        "systems": systems,
        "composite": _statistics(composite) if len(data.systems) > 1 else None,
        "vetoed_units": [
            {
                "name": unit["name"],
                "anchor": unit["anchor"],
                "kind": unit["kind"],
                "indicators": unit["veto_failures"],
            }
            for unit in assessed
            if unit["vetoed"]
        ],
        "status_totals": [
            {
                "status": status,
                "label": status_label(status),
                "count": status_totals[status],
            }
            for status in STATUS_ORDER
        ],
        "findings_total": len(data.findings),
    }


def _system_statistics(system: dict, scores: list[dict]) -> dict:
    values = [score["score"] for score in scores]
    percents = [score["percent"] for score in scores if score["percent"] is not None]
    ratings = Counter(score["rating"] for score in scores if score["rating"])
    bins = _histogram_bins(percents)
    return {
        "id": system["id"],
        "name": system["name"],
        "max_score": system["max_score"],
        **_statistics(values),
        "vetoed": sum(1 for score in scores if score["vetoed"]),
        "ratings": [
            {"rating": rating, "count": count} for rating, count in ratings.items()
        ],
        "histogram": [{"label": label, "count": count} for label, count in bins],
        "chart": draw_histogram(bins, caption=f"{system['name']}得分分布"),
    }


def _statistics(values: list[float]) -> dict:
    if not values:
        return {"count": 0, "mean": None, "median": None, "min": None, "max": None}
    return {
        "count": len(values),
        "mean": round(mean(values), 2),
        "median": round(median(values), 2),
        "min": min(values),
        "max": max(values),
    }


def _histogram_bins(percents: list[float]) -> list[tuple[str, int]]:
    width = 100 // HISTOGRAM_BINS
    counts = [0] * HISTOGRAM_BINS
    for percent in percents:
        counts[min(max(int(percent // width), 0), HISTOGRAM_BINS - 1)] += 1
    labels = [
        f"{low}-{low + width - 1}" if low + width < 100 else f"{low}-100"
        for low in range(0, 100, width)
    ]
    return list(zip(labels, counts, strict=True))


def rank_by_kind(units: list[dict]) -> list[dict]:
    """Return the assessed units grouped by kind, ranked by composite score.

    Equal scores share a rank (1, 2, 2, 4).
    """
    kinds: dict[str, list[dict]] = {}
    for unit in units:
        if unit["assessed"]:
            kinds.setdefault(unit["kind"], []).append(unit)
    rankings = []
    for kind, members in kinds.items():
        ordered = sorted(
            members, key=lambda unit: (-(unit["composite"] or 0.0), unit["name"])
        )
        rows, previous, rank = [], None, 0
        for position, unit in enumerate(ordered, start=1):
            if unit["composite"] != previous:
                rank, previous = position, unit["composite"]
            rows.append({"rank": rank, **unit})
        rankings.append(
            {"kind": kind, "anchor": f"kind-{len(rankings) + 1}", "rows": rows}
        )
    return rankings


def indicator_stats(
    data: ScoringData, findings_by_unit: dict[str, dict[str, list[FindingRecord]]]
) -> list[dict]:
    """Return, per indicator, the units counted by status and the compliance rate."""
    stats = []
    for index, indicator in enumerate(data.indicators):
        unit_statuses = {
            unit_key: combine_statuses([finding.status for finding in findings])
            for unit_key, by_indicator in findings_by_unit.items()
            if (findings := by_indicator.get(indicator["id"]))
        }
        counts = Counter(unit_statuses.values())
        assessed = sum(counts[status] for status in ASSESSED_STATUSES)
        stats.append(
            {
                **indicator,
                "system_name": data.system_name(indicator["system"]),
                "anchor": f"indicator-{index + 1}",
                "counts": {status: counts[status] for status in STATUS_ORDER},
                "unit_statuses": unit_statuses,
                "assessed": assessed,
                "problems": sum(counts[status] for status in PROBLEM_STATUSES),
                "rate": counts["pass"] / assessed if assessed else None,
            }
        )
    return stats


def compliance_charts(data: ScoringData, indicators: list[dict]) -> list[dict]:
    """Return one status bar chart per indicator system."""
    charts = []
    for system in data.systems:
        rows = [
            {"label": item["name"], "counts": item["counts"], "rate": item["rate"]}
            for item in indicators
            if item["system"] == system["id"]
        ]
        if rows:
            charts.append(
                {
                    "system_name": system["name"],
                    "svg": draw_status_bars(
                        rows, caption=f"{system['name']}指标达标率"
                    ),
                }
            )
    return charts


def typical_problems(
    data: ScoringData,
    indicators: list[dict],
    findings_by_unit: dict[str, dict[str, list[FindingRecord]]],
    units: dict[str, dict],
) -> list[dict]:
    """Return the indicators most units fail, each with a few example units."""
    frequent = sorted(
        (item for item in indicators if item["problems"]),
        key=lambda item: -item["problems"],
    )[:TYPICAL_PROBLEMS]
    problems = []
    for item in frequent:
        examples = []
        affected = [
            key
            for key, status in item["unit_statuses"].items()
            if status in PROBLEM_STATUSES
        ]
        affected.sort(key=lambda key: item["unit_statuses"][key] != "fail")
        for unit_key in affected[:EXAMPLES_PER_PROBLEM]:
            finding = next(
                finding
                for finding in findings_by_unit[unit_key][item["id"]]
                if finding.status in PROBLEM_STATUSES
            )
            examples.append(
                {
                    "unit_name": units[unit_key]["name"],
                    "anchor": units[unit_key]["anchor"],
                    "status": finding.status,
                    "status_label": status_label(finding.status),
                    "item": finding.item,
                    "detail": finding.detail,
                    "evidence": [
                        evidence_context(data, entry)
                        for entry in finding.evidence[:EVIDENCE_PER_EXAMPLE]
                    ],
                }
            )
        problems.append(
            {
                "indicator": item,
                "count": item["problems"],
                "share": item["problems"] / item["assessed"]
                if item["assessed"]
                else None,
                "suggestion": suggestion_for(item, "fail"),
                "examples": examples,
            }
        )
    return problems
