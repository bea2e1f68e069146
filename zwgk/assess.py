"""Wire the stages into one assessment: crawl, score, report.

Each stage talks to the next only through the store; this module only decides
the order, the output folder and what to tell the user. The command line, the
demo, the self-check and the scheduler all go through `assess`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from store.db import open_store
from store.models import Finding, Portal, Run, Scoring, Unit, UnitScore
from zwgk.config import Settings
from zwgk.errors import RunNotFoundError

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one assessment produced."""

    run_id: int
    scoring_id: int | None = None
    files: dict[str, Path] = field(default_factory=dict)
    out_dir: Path | None = None
    portals_failed: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every portal was assessed, 1 when some could not be."""
        return 1 if self.portals_failed else 0


def assess(
    settings: Settings,
    *,
    as_of: date | None = None,
    out_dir: Path | None = None,
    systems: list[str] | None = None,
    pdf: bool | None = None,
    show_progress: bool = True,
) -> Outcome:
    """Crawl every unit of `settings`, score the snapshot and write the reports.

    Stages:
    1. crawl the portals into a new run;
    2. score the run with the configured systems;
    3. write the report and exports, compared with the previous scoring.
    """
    sessions = open_store(settings.database_url())

    # 1. crawl
    run_id = crawl_units(settings, sessions, show_progress=show_progress)

    # 2. score
    scoring_id = score_stored_run(
        sessions, run_id, settings, systems=systems, as_of=as_of
    )

    # 3. report
    out_dir = out_dir or settings.resolve_path(settings.output.dir) / f"run-{run_id}"
    files = write_reports(
        sessions,
        scoring_id,
        out_dir,
        settings,
        pdf=settings.output.pdf if pdf is None else pdf,
    )
    return Outcome(
        run_id=run_id,
        scoring_id=scoring_id,
        files=files,
        out_dir=out_dir,
        portals_failed=failed_portals(sessions, run_id),
    )


def crawl_units(
    settings: Settings, sessions: sessionmaker[Session], *, show_progress: bool = True
) -> int:
    """Crawl every unit of `settings` into a new run and return its id."""
    from crawler.crawl import crawl_run

    summary = crawl_run(sessions, settings, show_progress=show_progress)
    return summary.run_id


def score_stored_run(
    sessions: sessionmaker[Session],
    run_id: int,
    settings: Settings | None = None,
    *,
    systems: list[str] | None = None,
    as_of: date | None = None,
) -> int:
    """Score a stored run (no network) and return the new scoring's id."""
    from scoring import score_run

    run = load_run(sessions, run_id)
    chosen_systems = systems or (
        settings.assessment.systems if settings else run.systems
    )
    chosen_as_of = as_of or run.as_of or date.today()
    parameters = dict(
        settings.assessment.parameters
        if settings
        else run.config_snapshot.get("assessment", {}).get("parameters", {})
    )
    if settings is not None:
        chosen_systems = [_system_path(name, settings) for name in chosen_systems]
    return score_run(sessions, run_id, chosen_systems, chosen_as_of, parameters)


def _system_path(name: str, settings: Settings) -> str:
    path = settings.resolve_path(name)
    return str(path) if name.endswith(".toml") and path.is_file() else name


def write_reports(
    sessions: sessionmaker[Session],
    scoring_id: int,
    out_dir: Path,
    settings: Settings | None = None,
    *,
    pdf: bool = True,
    exports_only: bool = False,
) -> dict[str, Path]:
    """Write the report and exports of a scoring into `out_dir`."""
    import reports
    from reports.diff import previous_scoring_for

    out_dir.mkdir(parents=True, exist_ok=True)
    evidence_dir = evidence_folder(settings)
    if exports_only:
        files = {
            "scores.xlsx": out_dir / "scores.xlsx",
            "findings.csv": out_dir / "findings.csv",
            "findings.json": out_dir / "findings.json",
        }
        reports.write_spreadsheet(sessions, scoring_id, files["scores.xlsx"])
        reports.write_findings_csv(sessions, scoring_id, files["findings.csv"])
        reports.write_findings_json(sessions, scoring_id, files["findings.json"])
        return files
    return reports.write_all(
        sessions,
        scoring_id,
        out_dir,
        previous_scoring_id=previous_scoring_for(sessions, scoring_id),
        pdf=pdf,
        evidence_dir=evidence_dir,
        chromium_path=settings.crawl.chromium_path if settings else "/usr/bin/chromium",
    )


def evidence_folder(settings: Settings | None) -> Path:
    """Return the folder that screenshot paths in the store are relative to."""
    if settings is None:
        return Path("var/evidence").resolve()
    return settings.resolve_path(settings.crawl.evidence_dir).resolve()


def load_run(sessions: sessionmaker[Session], run_id: int) -> Run:
    """Return the stored run `run_id`, or raise naming it."""
    with sessions() as session:
        run = session.get(Run, run_id)
    if run is None:
        raise RunNotFoundError(f"No run {run_id} in the database; see `zwgk runs`")
    return run


def latest_scoring(sessions: sessionmaker[Session], run_id: int) -> int:
    """Return the newest scoring of a run, or raise when it was never scored."""
    load_run(sessions, run_id)
    with sessions() as session:
        scoring_id = session.scalar(
            select(Scoring.id)
            .where(Scoring.run_id == run_id)
            .order_by(Scoring.id.desc())
            .limit(1)
        )
    if scoring_id is None:
        raise RunNotFoundError(
            f"Run {run_id} has not been scored; run `zwgk score --run {run_id}` first"
        )
    return scoring_id


def failed_portals(sessions: sessionmaker[Session], run_id: int) -> list[str]:
    """Return the unit ids whose portal could not be assessed in a run."""
    with sessions() as session:
        rows = session.execute(
            select(Unit.key)
            .join(Portal, Portal.unit_id == Unit.id)
            .where(Portal.run_id == run_id, Portal.status == "error")
            .order_by(Unit.key)
        )
        return [key for (key,) in rows]


@dataclass
class UnitSummary:
    """One line of the summary table printed after a run."""

    unit_key: str
    name: str
    scores: dict[str, float]
    ratings: dict[str, str]
    vetoed: bool


def summarize_scoring(
    sessions: sessionmaker[Session], scoring_id: int
) -> list[UnitSummary]:
    """Return each unit's scores by system, best first."""
    with sessions() as session:
        scoring = session.get(Scoring, scoring_id)
        names = dict(
            session.execute(
                select(Unit.key, Unit.name).where(Unit.run_id == scoring.run_id)
            ).all()
        )
        rows = session.scalars(
            select(UnitScore).where(UnitScore.scoring_id == scoring_id)
        ).all()
    summaries: dict[str, UnitSummary] = {}
    for row in rows:
        summary = summaries.setdefault(
            row.unit_key,
            UnitSummary(
                row.unit_key, names.get(row.unit_key, row.unit_key), {}, {}, False
            ),
        )
        summary.scores[row.system] = row.score
        summary.ratings[row.system] = row.rating
        summary.vetoed = summary.vetoed or row.vetoed
    return sorted(summaries.values(), key=lambda item: -sum(item.scores.values()))


def rectification_list(
    sessions: sessionmaker[Session], scoring_id: int
) -> list[Finding]:
    """Return the non-pass findings of a scoring, vetoes first, then by points at stake."""
    with sessions() as session:
        findings = session.scalars(
            select(Finding).where(
                Finding.scoring_id == scoring_id,
                Finding.status.in_(("fail", "partial", "unknown")),
            )
        ).all()
    return sorted(
        findings,
        key=lambda item: (
            not (item.veto and item.status == "fail"),
            -(item.max_points - item.points),
            item.indicator_id,
        ),
    )


def suggestions_of(sessions: sessionmaker[Session], scoring_id: int) -> dict[str, str]:
    """Return each indicator's rectification suggestion, as the scoring stored it."""
    with sessions() as session:
        scoring = session.get(Scoring, scoring_id)
        indicators = scoring.indicators if scoring else []
    return {item["id"]: item.get("suggestion", "") for item in indicators}
