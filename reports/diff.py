"""Compare two scorings of the same units: what was fixed, what is new.

Findings are matched on `finding_id`, which the rules engine derives from the
unit, the indicator and the item, so it is stable across runs. A finding that
was a shortcoming (partial or fail) and now passes is fixed; one that is a
shortcoming now and passed, did not apply, could not be assessed or was absent
before is new. Findings with the same status in both scorings are unchanged;
every other move (fail to partial, pass to unknown, ...) is changed, and a
finding the newer scoring no longer has is removed.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reports.labels import PROBLEM_STATUSES, status_label
from reports.load import (
    FindingRecord,
    load_findings,
    load_system_scores,
    load_unit_names,
)
from store.models import Finding, Run, Scoring
from zwgk.errors import RunNotFoundError

logger = logging.getLogger(__name__)


@dataclass
class FindingChange:
    """One finding as the older and the newer scoring saw it."""

    finding_id: str
    unit_key: str
    unit_name: str
    system: str
    indicator_id: str
    indicator_name: str
    item: str
    old_status: str | None
    new_status: str | None
    old_points: float | None
    new_points: float | None
    detail: str


@dataclass
class ScoreDelta:
    """A unit's score in one system in both scorings."""

    unit_key: str
    unit_name: str
    system: str
    old_score: float | None
    new_score: float | None
    old_vetoed: bool | None
    new_vetoed: bool | None

    @property
    def delta(self) -> float | None:
        """The change of score, or None when one scoring lacks the unit."""
        if self.old_score is None or self.new_score is None:
            return None
        return round(self.new_score - self.old_score, 4)


@dataclass
class DiffResult:
    """The comparison of an older and a newer scoring."""

    old_scoring_id: int
    new_scoring_id: int
    fixed: list[FindingChange] = field(default_factory=list)
    new: list[FindingChange] = field(default_factory=list)
    unchanged: list[FindingChange] = field(default_factory=list)
    changed: list[FindingChange] = field(default_factory=list)
    removed: list[FindingChange] = field(default_factory=list)
    score_deltas: list[ScoreDelta] = field(default_factory=list)

    @property
    def persisting(self) -> list[FindingChange]:
        """Unchanged findings that are shortcomings in both scorings."""
        return [
            change for change in self.unchanged if change.new_status in PROBLEM_STATUSES
        ]

    def to_json(self) -> dict:
        """Return the comparison as JSON-ready values."""
        return {
            "old_scoring_id": self.old_scoring_id,
            "new_scoring_id": self.new_scoring_id,
            "counts": {
                "fixed": len(self.fixed),
                "new": len(self.new),
                "unchanged": len(self.unchanged),
                "changed": len(self.changed),
                "removed": len(self.removed),
            },
            "fixed": [asdict(change) for change in self.fixed],
            "new": [asdict(change) for change in self.new],
            "unchanged": [asdict(change) for change in self.unchanged],
            "changed": [asdict(change) for change in self.changed],
            "removed": [asdict(change) for change in self.removed],
            "score_deltas": [
                {**asdict(delta), "delta": delta.delta} for delta in self.score_deltas
            ],
        }

    def to_rich(self) -> Group:
        """Return Rich tables of the score deltas and the fixed and new findings."""
        return Group(render_score_table(self), render_diff_table(self))

    def print(self, console: Console) -> None:
        """Print the comparison's tables on a Rich console."""
        console.print(self.to_rich())


def diff_scorings(
    session_factory: sessionmaker[Session], old_scoring_id: int, new_scoring_id: int
) -> DiffResult:
    """Compare scoring `old_scoring_id` with the newer `new_scoring_id`."""
    with session_factory() as session:
        old_run_id = _scoring_run_id(session, old_scoring_id)
        new_run_id = _scoring_run_id(session, new_scoring_id)
        old_findings = load_findings(session, old_scoring_id)
        new_findings = load_findings(session, new_scoring_id)
        old_scores = load_system_scores(session, old_scoring_id)
        new_scores = load_system_scores(session, new_scoring_id)
        names = {
            **load_unit_names(session, old_run_id),
            **load_unit_names(session, new_run_id),
        }

    result = DiffResult(old_scoring_id=old_scoring_id, new_scoring_id=new_scoring_id)
    _classify_findings(result, old_findings, new_findings, names)
    result.score_deltas = _score_deltas(old_scores, new_scores, names)
    logger.info(
        "Compared scoring %s with %s: %s fixed, %s new, %s unchanged",
        old_scoring_id,
        new_scoring_id,
        len(result.fixed),
        len(result.new),
        len(result.unchanged),
    )
    return result


def previous_scoring_for(
    session_factory: sessionmaker[Session], scoring_id: int
) -> int | None:
    """Return the latest scoring of an earlier run sharing units and systems.

    Earlier means a run started before the run of `scoring_id`; the scoring
    must share at least one indicator system and one unit key with it. Among
    candidates the run started last wins, then the scoring created last.
    """
    with session_factory() as session:
        scoring = session.get(Scoring, scoring_id)
        if scoring is None:
            raise RunNotFoundError(
                f"No scoring with id {scoring_id} in the store; list them with `zwgk runs`."
            )
        started = session.get(Run, scoring.run_id).started_at
        systems = set(scoring.systems or [])
        units = _unit_keys(session, scoring_id)
        candidates = session.execute(
            select(Scoring)
            .join(Run, Scoring.run_id == Run.id)
            .where(Scoring.run_id != scoring.run_id, Run.started_at < started)
            .order_by(
                Run.started_at.desc(), Scoring.created_at.desc(), Scoring.id.desc()
            )
        ).scalars()
        for candidate in candidates:
            if not systems & set(candidate.systems or []):
                continue
            if units & _unit_keys(session, candidate.id):
                return candidate.id
    return None


def render_diff_table(result: DiffResult) -> Table:
    """Return a Rich table of the fixed, new and changed findings."""
    table = Table(
        title=f"评分 {result.old_scoring_id} → {result.new_scoring_id}：问题变化"
    )
    for heading in ("变化", "单位", "指标", "对象", "原状态", "现状态"):
        table.add_column(heading)
    groups = (("已整改", result.fixed), ("新增", result.new), ("变动", result.changed))
    for label, changes in groups:
        for change in changes:
            # Names and items are data, never Rich markup.
            table.add_row(
                label,
                Text(change.unit_name),
                Text(f"{change.indicator_id} {change.indicator_name}"),
                Text(change.item),
                _status_text(change.old_status),
                _status_text(change.new_status),
            )
    table.caption = (
        f"已整改 {len(result.fixed)}，新增 {len(result.new)}，"
        f"持续存在 {len(result.persisting)}，未变 {len(result.unchanged)}"
    )
    return table


def render_score_table(result: DiffResult) -> Table:
    """Return a Rich table of each unit's score change per system."""
    table = Table(title="得分变化")
    for heading in ("单位", "体系", "原得分", "现得分", "变化"):
        table.add_column(heading, justify="right" if heading != "单位" else "left")
    for delta in result.score_deltas:
        table.add_row(
            Text(delta.unit_name),
            Text(delta.system),
            _number_text(delta.old_score),
            _number_text(delta.new_score),
            "—" if delta.delta is None else f"{delta.delta:+.1f}",
        )
    return table


def _scoring_run_id(session: Session, scoring_id: int) -> int:
    scoring = session.get(Scoring, scoring_id)
    if scoring is None:
        raise RunNotFoundError(
            f"No scoring with id {scoring_id} in the store; list them with `zwgk runs`."
        )
    return scoring.run_id


def _unit_keys(session: Session, scoring_id: int) -> set[str]:
    rows = session.execute(
        select(Finding.unit_key).where(Finding.scoring_id == scoring_id).distinct()
    )
    return {key for (key,) in rows}


def _classify_findings(
    result: DiffResult,
    old_findings: list[FindingRecord],
    new_findings: list[FindingRecord],
    names: dict[str, str],
) -> None:
    old_by_id = {finding.finding_id: finding for finding in old_findings}
    new_ids = set()
    for finding in new_findings:
        new_ids.add(finding.finding_id)
        old = old_by_id.get(finding.finding_id)
        change = _change(finding, old, finding, names)
        _bucket(result, old.status if old else None, finding.status).append(change)
    for finding in old_findings:
        if finding.finding_id not in new_ids:
            result.removed.append(_change(finding, finding, None, names))


def _bucket(result: DiffResult, old: str | None, new: str) -> list[FindingChange]:
    if old in PROBLEM_STATUSES and new == "pass":
        return result.fixed
    if new in PROBLEM_STATUSES and old not in PROBLEM_STATUSES:
        return result.new
    if old == new:
        return result.unchanged
    return result.changed


def _change(
    finding: FindingRecord,
    old: FindingRecord | None,
    new: FindingRecord | None,
    names: dict[str, str],
) -> FindingChange:
    return FindingChange(
        finding_id=finding.finding_id,
        unit_key=finding.unit_key,
        unit_name=names.get(finding.unit_key, finding.unit_key),
        system=finding.system,
        indicator_id=finding.indicator_id,
        indicator_name=finding.indicator_name,
        item=finding.item,
        old_status=old.status if old else None,
        new_status=new.status if new else None,
        old_points=old.points if old else None,
        new_points=new.points if new else None,
        detail=finding.detail,
    )


def _score_deltas(old_scores: dict, new_scores: dict, names: dict) -> list[ScoreDelta]:
    deltas = []
    for unit_key in [
        *new_scores,
        *(key for key in old_scores if key not in new_scores),
    ]:
        old_systems = old_scores.get(unit_key, {})
        new_systems = new_scores.get(unit_key, {})
        for system in [*new_systems, *(s for s in old_systems if s not in new_systems)]:
            old = old_systems.get(system)
            new = new_systems.get(system)
            deltas.append(
                ScoreDelta(
                    unit_key=unit_key,
                    unit_name=names.get(unit_key, unit_key),
                    system=system,
                    old_score=old.score if old else None,
                    new_score=new.score if new else None,
                    old_vetoed=old.vetoed if old else None,
                    new_vetoed=new.vetoed if new else None,
                )
            )
    return deltas


def _status_text(status: str | None) -> str:
    return "（无）" if status is None else status_label(status)


def _number_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
