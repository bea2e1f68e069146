"""Score a stored run against indicator systems: findings, evidence, unit scores.

`score_run` never fetches anything: it reads the run's snapshot and writes one
`Scoring` row, one `Finding` per (unit, indicator) and one `UnitScore` per
(unit, system). Scoring the same run again with the same systems, as_of and
parameters gives the same findings, finding ids, points and evidence.

Stages of a scoring pass:

1. load the systems and prepare what depends only on the assessment;
2. record the `Scoring` row with the indicators and systems as scored;
3. for each batch of units, load their snapshots (one query per table);
4. judge each (unit, indicator): applicability, deadline, reachability,
   then the rule;
5. turn outcomes into points and findings, and findings into unit scores.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from indicators.loader import Indicator, IndicatorSystem, load_systems
from scoring.context import STATUSES, Outcome, RuleContext, Unassessable
from scoring.model import finding_points, outcome_status, score_unit
from scoring.registry import get_rule_kind
from scoring.snapshot import UnitSnapshot, list_unit_ids, load_unit_snapshots
from store.models import Finding, Run, Scoring, UnitScore
from zwgk.errors import IndicatorFileError, RunNotFoundError

logger = logging.getLogger(__name__)

UNITS_PER_BATCH = 50


def finding_key(unit_key: str, indicator_id: str, item: str = "") -> str:
    """Return the stable id of a finding: sha1 of unit, indicator and item."""
    digest = hashlib.sha1(f"{unit_key}|{indicator_id}|{item}".encode()).hexdigest()
    return digest[:16]


def score_run(
    session_factory: sessionmaker[Session],
    run_id: int,
    systems: list[str],
    as_of: date,
    parameters: dict | None = None,
) -> int:
    """Score run `run_id` against `systems` as of `as_of`; return the scoring id.

    `systems` are names of shipped systems or paths of TOML files.
    `parameters` are the assessment's parameters (budget_approved_on, ...);
    when None, those kept in the run's configuration snapshot are used.
    """
    # 1. Systems and what depends only on the assessment.
    loaded = load_systems(systems)
    with session_factory() as session:
        run = session.get(Run, run_id)
        if run is None:
            raise RunNotFoundError(
                f"No run {run_id} in the store; list runs with `zwgk runs`"
            )
        if parameters is None:
            parameters = _run_parameters(run.config_snapshot)
        unit_ids = list_unit_ids(session, run_id)
    parameters = dict(parameters)
    prepared = prepare_rules(loaded, parameters)
    logger.info(
        "Scoring run %s as of %s with %s for %s units",
        run_id,
        as_of,
        ", ".join(system.id for system in loaded),
        len(unit_ids),
    )

    # 2. The Scoring row.
    with session_factory() as session:
        scoring = Scoring(
            run_id=run_id,
            systems=[system.id for system in loaded],
            as_of=as_of,
            parameters=_jsonable(parameters),
            created_at=datetime.now(),
            indicators=[
                indicator.to_snapshot()
                for system in loaded
                for indicator in system.indicators
            ],
            system_info=[system.to_snapshot() for system in loaded],
        )
        session.add(scoring)
        session.commit()
        scoring_id = scoring.id

    # 3-5. Batches of units.
    try:
        counts = _score_batches(
            session_factory,
            scoring_id,
            run_id,
            unit_ids,
            loaded,
            as_of,
            parameters,
            prepared,
        )
    except BaseException:
        _discard_scoring(session_factory, scoring_id)
        raise
    logger.info(
        "Scored run %s as scoring %s: %s",
        run_id,
        scoring_id,
        ", ".join(f"{count} {status}" for status, count in counts.items() if count),
    )
    return scoring_id


def _run_parameters(config_snapshot: dict | None) -> dict:
    assessment = (config_snapshot or {}).get("assessment") or {}
    return dict(assessment.get("parameters") or {})


def prepare_rules(systems: list[IndicatorSystem], parameters: dict) -> dict[str, Any]:
    """Return, by indicator id, what each rule computes once per scoring."""
    prepared = {}
    for system in systems:
        for indicator in system.indicators:
            kind = get_rule_kind(indicator.kind)
            if kind is None:
                raise IndicatorFileError(
                    f"{system.path}: indicator {indicator.id}: key rule.kind: rule "
                    f"kind {indicator.kind!r} is no longer registered"
                )
            if kind.prepare is not None:
                prepared[indicator.id] = kind.prepare(indicator.params, parameters)
    return prepared


def _score_batches(
    session_factory, scoring_id, run_id, unit_ids, systems, as_of, parameters, prepared
) -> dict[str, int]:
    totals = dict.fromkeys(STATUSES, 0)
    for start in range(0, len(unit_ids), UNITS_PER_BATCH):
        batch = unit_ids[start : start + UNITS_PER_BATCH]
        with session_factory() as session:
            snapshots = load_unit_snapshots(session, batch)
        findings, scores = [], []
        for snapshot in snapshots:
            if snapshot.unreachable_reason is not None:
                logger.warning(
                    "Could not assess unit %s: %s",
                    snapshot.key,
                    snapshot.unreachable_reason,
                    extra={"run": run_id, "unit": snapshot.key},
                )
            for system in systems:
                unit_findings = [
                    judge_indicator(snapshot, indicator, as_of, parameters, prepared)
                    | {"system": system.id}
                    for indicator in system.indicators
                ]
                for finding in unit_findings:
                    _apply_points(system, finding)
                    totals[finding["status"]] += 1
                findings.extend(unit_findings)
                scores.append(_unit_score_row(system, snapshot, unit_findings))
        _write_batch(session_factory, scoring_id, run_id, findings, scores)
        logger.debug(
            "Scored units %s to %s of run %s", start + 1, start + len(batch), run_id
        )
    return totals


def judge_indicator(
    snapshot: UnitSnapshot,
    indicator: Indicator,
    as_of: date,
    parameters: dict,
    prepared: dict | None = None,
) -> dict:
    """Return the finding of one indicator for one unit, points not yet set."""
    outcome = _evaluate(snapshot, indicator, as_of, parameters, prepared or {})
    status = outcome.status or "unknown"
    return {
        "unit_key": snapshot.key,
        "indicator_id": indicator.id,
        "indicator_name": indicator.name,
        "item": "",
        "status": status,
        "veto": indicator.veto,
        "detail": outcome.detail,
        "evidence": outcome.evidence,
        "finding_id": finding_key(snapshot.key, indicator.id),
        "_outcome": outcome,
        "_indicator": indicator,
    }


def _evaluate(
    snapshot: UnitSnapshot,
    indicator: Indicator,
    as_of: date,
    parameters: dict,
    prepared: dict,
) -> Outcome:
    if not indicator.applies_to_tags(snapshot.tags):
        return Outcome(
            "not_applicable",
            "仅适用于标签为 " + "、".join(indicator.applies_to) + " 的单位",
        )
    if indicator.deadline is not None and indicator.deadline > as_of:
        return Outcome(
            "not_applicable", f"not due until {indicator.deadline.isoformat()}"
        )
    kind = get_rule_kind(indicator.kind)
    if kind.first_due is not None:
        due = kind.first_due(indicator.params, prepared.get(indicator.id))
        if due is not None and due > as_of:
            return Outcome("not_applicable", f"not due until {due.isoformat()}")
    reason = snapshot.unreachable_reason
    if reason is not None and not kind.assesses_unreachable:
        return Outcome("unknown", f"无法评估：{reason}")

    context = RuleContext(
        snapshot=snapshot,
        indicator=indicator,
        as_of=as_of,
        parameters=parameters,
        prepared=prepared.get(indicator.id),
    )
    try:
        outcome = kind.evaluate(context, indicator.params)
    except Unassessable as exc:
        return Outcome("unknown", f"无法评估：{exc}")
    except Exception as exc:  # a broken rule must not stop the run
        logger.error(
            "Rule %s failed on unit %s", indicator.id, snapshot.key, exc_info=True
        )
        return Outcome("unknown", f"规则执行出错：{type(exc).__name__}: {exc}")
    outcome.status = _checked_status(indicator, outcome)
    return outcome


def _checked_status(indicator: Indicator, outcome: Outcome) -> str:
    status = outcome_status(indicator, outcome)
    if status not in STATUSES:
        raise ValueError(f"rule {indicator.kind} returned status {status!r}")
    return status


def _apply_points(system: IndicatorSystem, finding: dict) -> None:
    points = finding_points(
        system, finding["_indicator"], finding["status"], finding["_outcome"]
    )
    finding["points"] = points.points
    finding["max_points"] = points.max_points


def _unit_score_row(system: IndicatorSystem, snapshot: UnitSnapshot, findings) -> dict:
    result = score_unit(system, findings)
    return {
        "unit_key": snapshot.key,
        "system": system.id,
        "score": result.score,
        "max_score": result.max_score,
        "vetoed": result.vetoed,
        "rating": result.rating,
        "status_counts": result.status_counts,
    }


def _write_batch(session_factory, scoring_id, run_id, findings, scores) -> None:
    rows = [
        {key: value for key, value in finding.items() if not key.startswith("_")}
        | {"scoring_id": scoring_id, "run_id": run_id}
        for finding in findings
    ]
    with session_factory() as session:
        if rows:
            session.execute(insert(Finding), rows)
        if scores:
            session.execute(
                insert(UnitScore), [row | {"scoring_id": scoring_id} for row in scores]
            )
        session.commit()


def _discard_scoring(session_factory, scoring_id: int) -> None:
    with session_factory() as session:
        for model in (Finding, UnitScore):
            session.execute(
                model.__table__.delete().where(model.scoring_id == scoring_id)
            )
        session.execute(Scoring.__table__.delete().where(Scoring.id == scoring_id))
        session.commit()
    logger.warning("Discarded unfinished scoring %s", scoring_id)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


__all__ = ["finding_key", "judge_indicator", "prepare_rules", "score_run"]
