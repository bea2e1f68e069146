"""The template context of the assessment report, built from one scoring.

The context holds plain values only (strings, numbers, lists, dicts) and the
charts as escaped SVG markup, so the template does no arithmetic and a test can
check every figure. Stages of `context_from_data`:

1. cover and unit summaries (scores per system, composite, rating);
2. summary: statistics, distribution charts, units rated 不合格 by veto;
3. rankings by unit kind;
4. compliance per indicator and typical problems;
5. one scorecard per unit;
6. the change since an earlier scoring, when given;
7. the methodology appendix, and the table of contents.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from reports.diff import DiffResult, diff_scorings
from reports.labels import (
    PROBLEM_STATUSES,
    SCORING_METHOD_LABELS,
    STATUS_ORDER,
    UNRATED_KIND,
    VETO_RATING,
    status_label,
)
from reports.load import FindingRecord, ScoringData, UnitRecord, load_scoring
from reports.methodology import build_methodology
from reports.overview import (
    compliance_charts,
    indicator_stats,
    rank_by_kind,
    summarize,
    typical_problems,
)
from reports.present import (
    evidence_context,
    format_date,
    format_datetime,
    suggestion_for,
)
from store.models import Run, Scoring
from zwgk.errors import RunNotFoundError

logger = logging.getLogger(__name__)

DEFAULT_TITLE = "政府网站政务公开第三方评估报告"
DEFAULT_ASSESSOR = "zwgk"
# Evidence entries shown per finding in a scorecard; the exports hold them all.
EVIDENCE_PER_FINDING = 8
CHINESE_NUMERALS = "一二三四五六七八九十"


def build_report_context(
    session_factory: sessionmaker[Session],
    scoring_id: int,
    previous_scoring_id: int | None = None,
) -> dict:
    """Return the template context of the report on scoring `scoring_id`."""
    data = load_scoring(session_factory, scoring_id)
    if previous_scoring_id is None:
        return context_from_data(data)
    diff = diff_scorings(session_factory, previous_scoring_id, scoring_id)
    previous = load_previous_meta(session_factory, previous_scoring_id)
    return context_from_data(data, diff=diff, previous=previous)


def context_from_data(
    data: ScoringData,
    *,
    diff: DiffResult | None = None,
    previous: dict | None = None,
    generated_at: datetime | None = None,
) -> dict:
    """Return the template context of a loaded scoring (and its comparison)."""
    # 1. Cover and unit summaries.
    generated_at = generated_at or datetime.now()
    units = [unit_summary(data, unit, index) for index, unit in enumerate(data.units)]
    by_key = {unit["key"]: unit for unit in units}
    findings_by_unit = _group_findings(data.findings)
    meta = _meta(data, generated_at)

    # 2-4. Summary, rankings, indicators and typical problems (`reports.overview`).
    summary = summarize(data, units)
    rankings = rank_by_kind(units)
    indicators = indicator_stats(data, findings_by_unit)
    problems = typical_problems(data, indicators, findings_by_unit, by_key)

    # 5. Scorecards.
    scorecards = [
        _scorecard(data, unit, findings_by_unit.get(unit["key"], {})) for unit in units
    ]

    # 6. Change since an earlier scoring.
    changes = _changes(data, diff, previous, by_key) if diff else None

    # 7. Methodology and the table of contents.
    methodology = build_methodology(data, units)
    sections = _sections(units, changes is not None)
    return {
        "meta": meta,
        "sections": sections,
        "titles": {section["id"]: section["title"] for section in sections},
        "summary": summary,
        "rankings": rankings,
        "indicators": indicators,
        "indicator_charts": compliance_charts(data, indicators),
        "problems": problems,
        "scorecards": scorecards,
        "changes": changes,
        "methodology": methodology,
        "status_order": list(STATUS_ORDER),
    }


def load_previous_meta(session_factory: sessionmaker[Session], scoring_id: int) -> dict:
    """Return what the report says of the earlier scoring it compares with."""
    with session_factory() as session:
        scoring = session.get(Scoring, scoring_id)
        if scoring is None:
            raise RunNotFoundError(
                f"No scoring with id {scoring_id} in the store; list them with `zwgk runs`."
            )
        run = session.get(Run, scoring.run_id)
    return {
        "scoring_id": scoring.id,
        "run_id": run.id,
        "as_of": format_date(scoring.as_of),
        "run_started_at": format_datetime(run.started_at),
    }


def _meta(data: ScoringData, generated_at: datetime) -> dict:
    assessment = data.assessment
    started = format_date(data.run_started_at)
    finished = format_date(data.run_finished_at) or started
    crawl_window = f"{started} 至 {finished}" if started != finished else started
    return {
        "title": assessment.get("title") or data.run_title or DEFAULT_TITLE,
        "assessor": assessment.get("assessor") or DEFAULT_ASSESSOR,
        "period": assessment.get("period") or crawl_window,
        "crawl_window": crawl_window,
        "as_of": format_date(data.as_of),
        "generated_at": format_datetime(generated_at),
        "run_id": data.run_id,
        "scoring_id": data.scoring_id,
        "run_status": data.run_status,
        "systems": [
            {
                "id": system["id"],
                "name": system["name"],
                "method": SCORING_METHOD_LABELS.get(
                    system["scoring"], system["scoring"]
                ),
                "max_score": system["max_score"],
                "indicator_count": sum(
                    1 for item in data.indicators if item["system"] == system["id"]
                ),
            }
            for system in data.systems
        ],
    }


def unit_summary(data: ScoringData, unit: UnitRecord, index: int) -> dict:
    """Return a unit's scores per system, composite score and rating."""
    scores = []
    for system in data.systems:
        score = unit.scores.get(system["id"])
        if score is None:
            continue
        scores.append(
            {
                "system": system["id"],
                "system_name": system["name"],
                "score": score.score,
                "max_score": score.max_score,
                "percent": _percent(score.score, score.max_score),
                "vetoed": score.vetoed,
                "rating": score.rating,
            }
        )
    vetoed = any(score["vetoed"] for score in scores)
    total_max = sum(score["max_score"] for score in scores)
    composite = (
        _percent(sum(score["score"] for score in scores), total_max) if scores else None
    )
    return {
        "key": unit.key,
        "name": unit.name,
        "kind": unit.kind or UNRATED_KIND,
        "tags": unit.tags,
        "portals": unit.portals,
        "anchor": f"unit-{index + 1}",
        "scores": scores,
        "scores_by_system": {score["system"]: score for score in scores},
        "composite": composite,
        "vetoed": vetoed,
        "veto_failures": data.veto_failures.get(unit.key, []),
        "rating": _rating_text(scores, vetoed),
        "assessed": bool(scores),
    }


def _rating_text(scores: list[dict], vetoed: bool) -> str:
    if vetoed:
        return f"{VETO_RATING}（单项否决）"
    ratings = [score["rating"] for score in scores if score["rating"]]
    return "、".join(dict.fromkeys(ratings)) if ratings else "—"


def _percent(score: float, max_score: float) -> float | None:
    if not max_score:
        return None
    return round(score / max_score * 100, 2)


def _group_findings(
    findings: list[FindingRecord],
) -> dict[str, dict[str, list[FindingRecord]]]:
    grouped: dict[str, dict[str, list[FindingRecord]]] = {}
    for finding in findings:
        by_indicator = grouped.setdefault(finding.unit_key, {})
        by_indicator.setdefault(finding.indicator_id, []).append(finding)
    return grouped


def _scorecard(
    data: ScoringData, unit: dict, findings: dict[str, list[FindingRecord]]
) -> dict:
    systems = []
    for system in data.systems:
        rows = []
        for indicator in data.indicators:
            if indicator["system"] != system["id"]:
                continue
            for finding in findings.get(indicator["id"], []):
                rows.append(_finding_context(data, indicator, finding))
        if rows:
            systems.append(
                {
                    "id": system["id"],
                    "name": system["name"],
                    "score": unit["scores_by_system"].get(system["id"]),
                    "findings": rows,
                }
            )
    counts = Counter(
        finding.status for by_indicator in findings.values() for finding in by_indicator
    )
    return {
        **unit,
        "systems": systems,
        "status_counts": [
            {"status": status, "label": status_label(status), "count": counts[status]}
            for status in STATUS_ORDER
            if counts[status]
        ],
        "problem_count": sum(counts[status] for status in PROBLEM_STATUSES),
    }


def _finding_context(
    data: ScoringData, indicator: dict, finding: FindingRecord
) -> dict:
    return {
        "finding_id": finding.finding_id,
        "indicator_id": finding.indicator_id,
        "indicator_name": finding.indicator_name or indicator["name"],
        "clause": indicator.get("clause", ""),
        "item": finding.item,
        "status": finding.status,
        "status_label": status_label(finding.status),
        "points": finding.points,
        "max_points": finding.max_points,
        "veto": finding.veto,
        "detail": finding.detail,
        "evidence": [
            evidence_context(data, entry)
            for entry in finding.evidence[:EVIDENCE_PER_FINDING]
        ],
        "evidence_more": max(len(finding.evidence) - EVIDENCE_PER_FINDING, 0),
        "suggestion": suggestion_for(indicator, finding.status),
    }


def _changes(
    data: ScoringData, diff: DiffResult, previous: dict | None, units: dict[str, dict]
) -> dict:
    def row(change) -> dict:
        unit = units.get(change.unit_key)
        return {
            "unit_name": change.unit_name,
            "anchor": unit["anchor"] if unit else None,
            "indicator_id": change.indicator_id,
            "indicator_name": change.indicator_name,
            "item": change.item,
            "old_status": change.old_status,
            "old_label": status_label(change.old_status)
            if change.old_status
            else "（无）",
            "new_status": change.new_status,
            "new_label": status_label(change.new_status)
            if change.new_status
            else "（无）",
            "detail": change.detail,
        }

    scores: dict[str, dict] = {}
    for delta in diff.score_deltas:
        unit = units.get(delta.unit_key)
        entry = scores.setdefault(
            delta.unit_key,
            {
                "unit_name": delta.unit_name,
                "anchor": unit["anchor"] if unit else None,
                "systems": {},
            },
        )
        entry["systems"][delta.system] = {
            "old_score": delta.old_score,
            "new_score": delta.new_score,
            "delta": delta.delta,
            "old_vetoed": delta.old_vetoed,
            "new_vetoed": delta.new_vetoed,
        }
    return {
        "previous": previous
        or {
            "scoring_id": diff.old_scoring_id,
            "run_id": None,
            "as_of": "",
            "run_started_at": "",
        },
        "counts": {
            "fixed": len(diff.fixed),
            "new": len(diff.new),
            "persisting": len(diff.persisting),
            "changed": len(diff.changed),
            "removed": len(diff.removed),
        },
        "scores": list(scores.values()),
        "fixed": [row(change) for change in diff.fixed],
        "new": [row(change) for change in diff.new],
    }


def _sections(units: list[dict], with_changes: bool) -> list[dict]:
    titles = [
        ("summary", "总体情况", []),
        ("rankings", "分类排名", []),
        ("indicators", "指标达标情况", []),
        ("problems", "典型问题", []),
    ]
    if with_changes:
        titles.append(("changes", "整改变化情况", []))
    titles.append(
        (
            "scorecards",
            "单位评分卡",
            [{"id": unit["anchor"], "title": unit["name"]} for unit in units],
        )
    )
    sections = [
        {
            "id": section_id,
            "number": CHINESE_NUMERALS[index],
            "title": f"{CHINESE_NUMERALS[index]}、{title}",
            "children": children,
        }
        for index, (section_id, title, children) in enumerate(titles)
    ]
    sections.append(
        {
            "id": "methodology",
            "number": "附录",
            "title": "附录  评估方法与说明",
            "children": [],
        }
    )
    return sections
