"""Read one scoring and what its report needs from the store, as plain data.

Every writer renders from a `ScoringData`, so a report, a spreadsheet and the
exports of one scoring agree and the store is read once per `write_all`.
Nothing here imports the crawler or the rules engine: the `Scoring` row keeps
the indicators and systems as they were scored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from statistics import mean

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, sessionmaker

from store.models import (
    EvidenceFile,
    Finding,
    Link,
    Page,
    Portal,
    Probe,
    Run,
    Scoring,
    Unit,
    UnitScore,
)
from zwgk.errors import RunNotFoundError

logger = logging.getLogger(__name__)

# A homepage probe slower than this counts as failed (site.available).
PROBE_TIMEOUT_SECONDS = 15.0


@dataclass
class EvidenceRecord:
    """One piece of evidence of a finding, with every key present."""

    url: str | None
    fetched_at: str | None
    http_status: int | None
    quote: str | None
    screenshot: str | None
    dates: object = None
    verdict: str | None = None
    title: str | None = None


@dataclass
class FindingRecord:
    """One finding as stored, with its evidence normalised."""

    finding_id: str
    unit_key: str
    system: str
    indicator_id: str
    indicator_name: str
    item: str
    status: str
    points: float
    max_points: float
    veto: bool
    detail: str
    evidence: list[EvidenceRecord]


@dataclass
class SystemScore:
    """A unit's score in one indicator system."""

    score: float
    max_score: float
    vetoed: bool
    rating: str
    status_counts: dict


@dataclass
class UnitRecord:
    """A unit of the scored run, with its portals and scores."""

    key: str
    name: str
    kind: str
    tags: list
    portals: list[str]
    scores: dict[str, SystemScore] = field(default_factory=dict)


@dataclass
class PortalStats:
    """What the crawl saw of one portal."""

    unit_key: str
    base_url: str
    status: str
    error: str | None
    pages: int
    pages_failed: int
    pages_by_role: dict[str, int]
    pages_rendered: int
    links: int
    link_targets: int
    broken_targets: int
    probes: int
    probes_ok: int
    probe_mean_seconds: float | None
    screenshots: int


@dataclass
class ScoringData:
    """Everything the reports of one scoring read, loaded once."""

    scoring_id: int
    run_id: int
    run_title: str
    run_status: str
    run_started_at: datetime | None
    run_finished_at: datetime | None
    assessment: dict
    as_of: date
    parameters: dict
    created_at: datetime | None
    systems: list[dict]
    indicators: list[dict]
    units: list[UnitRecord]
    findings: list[FindingRecord]
    portals: list[PortalStats]
    evidence_files: dict[str, dict]

    def unit(self, key: str) -> UnitRecord:
        """Return the unit with configuration id `key`."""
        return self.units_by_key[key]

    def indicator(self, indicator_id: str) -> dict:
        """Return the indicator snapshot of `indicator_id` (empty when absent)."""
        return self.indicators_by_id.get(indicator_id, {})

    def system_name(self, system_id: str) -> str:
        """Return the display name of an indicator system."""
        for system in self.systems:
            if system["id"] == system_id:
                return system["name"]
        return system_id

    @cached_property
    def units_by_key(self) -> dict[str, UnitRecord]:
        """The units by configuration id."""
        return {unit.key: unit for unit in self.units}

    @cached_property
    def veto_failures(self) -> dict[str, list[str]]:
        """The names of the veto indicators each unit failed, by unit key."""
        failures: dict[str, dict[str, None]] = {}
        for finding in self.findings:
            if finding.veto and finding.status == "fail":
                name = finding.indicator_name or finding.indicator_id
                failures.setdefault(finding.unit_key, {})[name] = None
        return {key: list(names) for key, names in failures.items()}

    @cached_property
    def indicators_by_id(self) -> dict[str, dict]:
        """The indicator snapshots by indicator id."""
        return {indicator["id"]: indicator for indicator in self.indicators}


def load_scoring(
    session_factory: sessionmaker[Session], scoring_id: int
) -> ScoringData:
    """Read scoring `scoring_id` with its run, units, findings and crawl figures."""
    with session_factory() as session:
        scoring = session.get(Scoring, scoring_id)
        if scoring is None:
            raise RunNotFoundError(
                f"No scoring with id {scoring_id} in the store; list them with `zwgk runs`."
            )
        run = session.get(Run, scoring.run_id)
        findings = load_findings(session, scoring_id)
        units = _load_units(session, scoring, findings)
        data = ScoringData(
            scoring_id=scoring.id,
            run_id=run.id,
            run_title=run.title or "",
            run_status=run.status or "",
            run_started_at=run.started_at,
            run_finished_at=run.finished_at,
            assessment=dict((run.config_snapshot or {}).get("assessment") or {}),
            as_of=scoring.as_of,
            parameters=dict(scoring.parameters or {}),
            created_at=scoring.created_at,
            systems=_normalise_systems(scoring),
            indicators=_normalise_indicators(scoring.indicators or [], findings),
            units=units,
            findings=findings,
            portals=_load_portal_stats(session, run.id),
            evidence_files=_load_evidence_files(session, run.id),
        )
    logger.debug(
        "Loaded scoring %s: %s units, %s findings",
        scoring_id,
        len(data.units),
        len(data.findings),
    )
    return data


def load_findings(session: Session, scoring_id: int) -> list[FindingRecord]:
    """Return the findings of a scoring in stored order."""
    rows = session.scalars(
        select(Finding).where(Finding.scoring_id == scoring_id).order_by(Finding.id)
    )
    return [_finding_record(row) for row in rows]


def load_system_scores(
    session: Session, scoring_id: int
) -> dict[str, dict[str, SystemScore]]:
    """Return the scores of a scoring by unit key, then by system."""
    scores: dict[str, dict[str, SystemScore]] = {}
    rows = session.scalars(
        select(UnitScore)
        .where(UnitScore.scoring_id == scoring_id)
        .order_by(UnitScore.id)
    )
    for row in rows:
        scores.setdefault(row.unit_key, {})[row.system] = SystemScore(
            score=float(row.score),
            max_score=float(row.max_score or 0.0),
            vetoed=bool(row.vetoed),
            rating=row.rating or "",
            status_counts=dict(row.status_counts or {}),
        )
    return scores


def load_unit_names(session: Session, run_id: int) -> dict[str, str]:
    """Return the unit names of a run by unit key."""
    rows = session.execute(select(Unit.key, Unit.name).where(Unit.run_id == run_id))
    return {key: name for key, name in rows}


def _finding_record(row: Finding) -> FindingRecord:
    return FindingRecord(
        finding_id=row.finding_id,
        unit_key=row.unit_key,
        system=row.system,
        indicator_id=row.indicator_id,
        indicator_name=row.indicator_name or "",
        item=row.item or "",
        status=row.status,
        points=float(row.points or 0.0),
        max_points=float(row.max_points or 0.0),
        veto=bool(row.veto),
        detail=row.detail or "",
        evidence=[_evidence_record(entry) for entry in row.evidence or []],
    )


def _evidence_record(entry) -> EvidenceRecord:
    if not isinstance(entry, dict):
        return EvidenceRecord(None, None, None, str(entry), None)
    status = entry.get("http_status")
    return EvidenceRecord(
        url=_text_or_none(entry.get("url")),
        fetched_at=_text_or_none(entry.get("fetched_at")),
        http_status=status if isinstance(status, int) else None,
        quote=_text_or_none(entry.get("quote")),
        screenshot=_text_or_none(entry.get("screenshot")),
        dates=entry.get("dates") or None,
        verdict=_text_or_none(entry.get("verdict")),
        title=_text_or_none(entry.get("title")),
    )


def _text_or_none(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _load_units(
    session: Session, scoring: Scoring, findings: list[FindingRecord]
) -> list[UnitRecord]:
    scores = load_system_scores(session, scoring.id)
    units: dict[str, UnitRecord] = {}
    rows = session.scalars(
        select(Unit).where(Unit.run_id == scoring.run_id).order_by(Unit.id)
    )
    for row in rows:
        units[row.key] = UnitRecord(
            key=row.key,
            name=row.name,
            kind=row.kind or "",
            tags=list(row.tags or []),
            portals=[portal.base_url for portal in row.portals],
        )
    for key in [*scores, *(finding.unit_key for finding in findings)]:
        if key not in units:
            logger.warning("Found scores of unit %s that its run does not list", key)
            units[key] = UnitRecord(key=key, name=key, kind="", tags=[], portals=[])
    for key, by_system in scores.items():
        units[key].scores = by_system
    return list(units.values())


def _normalise_systems(scoring: Scoring) -> list[dict]:
    known = {entry.get("id"): entry for entry in scoring.system_info or []}
    systems = []
    for system_id in [*(scoring.systems or []), *known]:
        if system_id in {system["id"] for system in systems}:
            continue
        entry = known.get(system_id, {})
        systems.append(
            {
                "id": system_id,
                "name": entry.get("name") or system_id,
                "scoring": entry.get("scoring") or "sum",
                "max_score": float(entry.get("max_score") or 100.0),
                "source": entry.get("source") or "",
                "ratings": [
                    rating
                    for rating in entry.get("ratings") or []
                    if isinstance(rating, dict) and "label" in rating
                ],
                "below_rating": entry.get("below_rating") or "",
                "veto_rating": entry.get("veto_rating") or "",
            }
        )
    return systems


def _normalise_indicators(
    indicators: list, findings: list[FindingRecord]
) -> list[dict]:
    normalised = []
    for entry in indicators:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        normalised.append(
            {
                "system": entry.get("system") or "",
                "id": entry["id"],
                "name": entry.get("name") or entry["id"],
                "clause": entry.get("clause") or "",
                "points": float(entry.get("points") or 0.0),
                "veto": bool(entry.get("veto")),
                "kind": entry.get("kind") or "",
                "applies_to": list(entry.get("applies_to") or []),
                "cap": entry.get("cap"),
                "deduction": entry.get("deduction"),
                "deadline": entry.get("deadline"),
                "suggestion": entry.get("suggestion") or "",
            }
        )
    known = {entry["id"] for entry in normalised}
    for finding in findings:
        if finding.indicator_id in known:
            continue
        logger.warning(
            "Found findings of indicator %s that the scoring's snapshot lacks",
            finding.indicator_id,
        )
        known.add(finding.indicator_id)
        normalised.append(
            {
                "system": finding.system,
                "id": finding.indicator_id,
                "name": finding.indicator_name or finding.indicator_id,
                "clause": "",
                "points": finding.max_points,
                "veto": finding.veto,
                "kind": "",
                "applies_to": [],
                "cap": None,
                "deduction": None,
                "deadline": None,
                "suggestion": "",
            }
        )
    return normalised


def _load_portal_stats(session: Session, run_id: int) -> list[PortalStats]:
    pages = _page_figures(session, run_id)
    links = _link_figures(session, run_id)
    probes = _probe_figures(session, run_id)
    screenshots = dict(
        session.execute(
            select(EvidenceFile.portal_id, func.count())
            .where(EvidenceFile.run_id == run_id)
            .group_by(EvidenceFile.portal_id)
        ).all()
    )
    rows = session.execute(
        select(Portal, Unit.key)
        .join(Unit, Portal.unit_id == Unit.id)
        .where(Portal.run_id == run_id)
        .order_by(Portal.id)
    )
    stats = []
    for portal, unit_key in rows:
        page = pages.get(portal.id, {})
        link = links.get(portal.id, (0, 0, 0))
        probe = probes.get(portal.id, (0, 0, None))
        stats.append(
            PortalStats(
                unit_key=unit_key,
                base_url=portal.base_url,
                status=portal.status or "",
                error=portal.error,
                pages=sum(page.get("roles", {}).values()),
                pages_failed=page.get("failed", 0),
                pages_by_role=page.get("roles", {}),
                pages_rendered=page.get("rendered", 0),
                links=link[0],
                link_targets=link[1],
                broken_targets=link[2],
                probes=probe[0],
                probes_ok=probe[1],
                probe_mean_seconds=probe[2],
                screenshots=screenshots.get(portal.id, 0),
            )
        )
    return stats


def _page_figures(session: Session, run_id: int) -> dict[int, dict]:
    failed = case(
        ((Page.status.is_(None)) | (Page.status >= 400) | Page.error.is_not(None), 1),
        else_=0,
    )
    rendered = case((Page.rendered.is_(True), 1), else_=0)
    rows = session.execute(
        select(
            Page.portal_id,
            Page.role,
            func.count(),
            func.sum(failed),
            func.sum(rendered),
        )
        .where(Page.run_id == run_id)
        .group_by(Page.portal_id, Page.role)
    )
    figures: dict[int, dict] = {}
    for portal_id, role, count, failed_count, rendered_count in rows:
        entry = figures.setdefault(portal_id, {"roles": {}, "failed": 0, "rendered": 0})
        entry["roles"][role or "other"] = count
        entry["failed"] += int(failed_count or 0)
        entry["rendered"] += int(rendered_count or 0)
    return figures


def _link_figures(session: Session, run_id: int) -> dict[int, tuple[int, int, int]]:
    counts = dict(
        session.execute(
            select(Link.portal_id, func.count())
            .where(Link.run_id == run_id)
            .group_by(Link.portal_id)
        ).all()
    )
    targets: dict[int, dict[str, bool]] = {}
    rows = session.execute(
        select(Link.portal_id, Link.target_url, Link.target_status, Link.target_error)
        .where(Link.run_id == run_id)
        .where((Link.checked_at.is_not(None)) | (Link.target_status.is_not(None)))
    )
    for portal_id, url, status, error in rows:
        broken = error is not None or (status is not None and status >= 400)
        seen = targets.setdefault(portal_id, {})
        seen[url] = seen.get(url, False) or broken
    return {
        portal_id: (
            count,
            len(targets.get(portal_id, {})),
            sum(targets.get(portal_id, {}).values()),
        )
        for portal_id, count in counts.items()
    }


def _probe_figures(
    session: Session, run_id: int
) -> dict[int, tuple[int, int, float | None]]:
    by_portal: dict[int, list] = {}
    rows = session.execute(
        select(Probe.portal_id, Probe.status, Probe.elapsed_seconds, Probe.error).where(
            Probe.run_id == run_id
        )
    )
    for portal_id, status, elapsed, error in rows:
        by_portal.setdefault(portal_id, []).append((status, elapsed, error))
    figures = {}
    for portal_id, probes in by_portal.items():
        answered = [elapsed for _, elapsed, _ in probes if elapsed is not None]
        ok = sum(
            1
            for status, elapsed, error in probes
            if error is None
            and status is not None
            and 200 <= status < 300
            and (elapsed is None or elapsed <= PROBE_TIMEOUT_SECONDS)
        )
        figures[portal_id] = (len(probes), ok, mean(answered) if answered else None)
    return figures


def _load_evidence_files(session: Session, run_id: int) -> dict[str, dict]:
    rows = session.scalars(
        select(EvidenceFile)
        .where(EvidenceFile.run_id == run_id)
        .order_by(EvidenceFile.id)
    )
    return {
        row.path: {
            "page_url": row.page_url,
            "kind": row.kind,
            "sha256": row.sha256,
            "created_at": row.created_at,
        }
        for row in rows
    }
