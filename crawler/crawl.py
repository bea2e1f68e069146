"""Crawl a run: every unit's portal, recorded as one snapshot in the store.

Stages:
1. create the run, its units and portals (or take those of a given run);
2. refuse portals on non-public addresses unless allowed;
3. start the homepage probes in the background;
4. crawl the portals in crawler processes, showing progress;
5. close portals a process left unfinished, wait for the probes and
   finish the run as done, or partial when some portal failed.

`crawl_run` can be called any number of times in one process: Scrapy runs in
spawned child processes, never in the caller's.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import time
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from crawler.portal import PortalJob
from crawler.probes import HomepageProber, ProbeTarget
from crawler.progress import CrawlProgress
from crawler.worker import WorkerContext, run_worker
from store.models import Portal, Run, Unit
from zwgk.config import Settings, UnitSettings, refuse_private_portal
from zwgk.errors import ConfigError, StoreError

logger = logging.getLogger(__name__)

# How long the parent waits for a message before looking at its children.
POLL_SECONDS = 0.2


@dataclass
class CrawlSummary:
    """What a crawl run did."""

    run_id: int
    status: str
    portals_ok: int = 0
    portals_failed: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    probes: int = 0
    # Unit id -> why its portal could not be assessed.
    errors: dict[str, str] = field(default_factory=dict)
    elapsed_seconds: float = 0.0


def crawl_run(
    session_factory: sessionmaker[Session],
    settings: Settings,
    *,
    units: list[UnitSettings] | None = None,
    run_id: int | None = None,
    show_progress: bool = True,
) -> CrawlSummary:
    """Crawl every unit's portal into a run of the store and summarise it.

    With `run_id`, the run must exist; its units and portals are used when it
    has them, else they are created from `units` (default: the configured ones).
    """
    clock = time.monotonic()
    units = list(settings.unit if units is None else units)
    database_url = database_url_of(session_factory)

    # 1. run, units and portals
    run_id, jobs = prepare_run(session_factory, settings, units, run_id)
    logger.info(
        "Started crawl run %s: %s portals", run_id, len(jobs), extra={"run": run_id}
    )

    # 2. private addresses
    allowed = refuse_private_portals(session_factory, settings, jobs)
    refused = [job for job in jobs if job not in allowed]
    jobs = allowed

    # 3. probes
    prober = HomepageProber(
        session_factory,
        run_id,
        [ProbeTarget(job.portal_id, job.base_url) for job in jobs],
        settings.crawl,
    ).start()

    # 4. crawl
    try:
        with CrawlProgress(len(jobs) + len(refused), show=show_progress) as progress:
            for job in refused:
                progress.mark_portal_done(job.portal_id, "error")
            failure = run_crawler_processes(
                jobs, settings, run_id, database_url, progress
            )
    except BaseException:
        # Interrupted: the probes made are stored; those not yet made are not.
        prober.stop()
        close_unfinished_portals(session_factory, run_id)
        finish_run(session_factory, run_id, status="interrupted")
        raise

    # 5. finish
    close_unfinished_portals(session_factory, run_id)
    probes = prober.join()
    status = finish_run(session_factory, run_id, error=failure)
    summary = summarise_run(session_factory, run_id, status)
    summary.probes = probes
    summary.elapsed_seconds = round(time.monotonic() - clock, 2)
    logger.info(
        "Finished crawl run %s (%s): %s portals ok, %s failed, %s pages fetched, "
        "%s failed, %s probes in %.1f s",
        run_id,
        status,
        summary.portals_ok,
        summary.portals_failed,
        summary.pages_fetched,
        summary.pages_failed,
        probes,
        summary.elapsed_seconds,
        extra={"run": run_id},
    )
    return summary


def database_url_of(session_factory: sessionmaker[Session]) -> str:
    """Return the URL crawler processes open, with any password kept."""
    engine = session_factory.kw.get("bind")
    if engine is None:
        raise StoreError("The session factory has no engine; open it with open_store")
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise StoreError(
            "An in-memory SQLite database cannot be shared with crawler processes; "
            "use a database file"
        )
    return url.render_as_string(hide_password=False)


def prepare_run(
    session_factory: sessionmaker[Session],
    settings: Settings,
    units: list[UnitSettings],
    run_id: int | None,
) -> tuple[int, list[PortalJob]]:
    """Create (or load) the run with its units and portals; return its jobs."""
    with session_factory() as session:
        if run_id is None:
            snapshot = settings.model_dump(mode="json")
            snapshot["unit"] = [unit.model_dump(mode="json") for unit in units]
            run = Run(
                title=settings.assessment.title,
                config_snapshot=snapshot,
                as_of=settings.assessment.as_of or date.today(),
                systems=list(settings.assessment.systems),
                started_at=datetime.now(),
                status="running",
            )
            session.add(run)
            session.flush()
        else:
            run = session.get(Run, run_id)
            if run is None:
                raise StoreError(f"No run {run_id} in the database to crawl into")
            run.status = "running"
        portals = session.scalars(select(Portal).where(Portal.run_id == run.id)).all()
        if not portals:
            portals = create_portals(session, run, units)
        unit_settings = {unit.id: unit for unit in units}
        jobs = [job_for(portal, unit_settings, settings) for portal in portals]
        session.commit()
        return run.id, jobs


def create_portals(session: Session, run: Run, units: list[UnitSettings]) -> list:
    """Create one unit row and one portal row per configured unit."""
    portals = []
    for unit in units:
        row = Unit(
            run_id=run.id, key=unit.id, name=unit.name, kind=unit.kind, tags=unit.tags
        )
        session.add(row)
        session.flush()
        portal = Portal(
            run_id=run.id,
            unit_id=row.id,
            base_url=unit.portal,
            start_urls=list(unit.start_urls),
            status="pending",
        )
        session.add(portal)
        portals.append(portal)
    session.flush()
    return portals


def job_for(portal: Portal, units: dict[str, UnitSettings], settings: Settings):
    """Return the crawl job of a portal row, with its unit's overrides."""
    unit = units.get(portal.unit.key)
    obey = settings.crawl.obey_robots_txt
    if unit is not None and unit.obey_robots_txt is not None:
        obey = unit.obey_robots_txt
    return PortalJob(
        portal_id=portal.id,
        run_id=portal.run_id,
        unit_key=portal.unit.key,
        base_url=portal.base_url,
        start_urls=list(portal.start_urls or []),
        obey_robots_txt=obey,
    )


def refuse_private_portals(
    session_factory: sessionmaker[Session], settings: Settings, jobs: list[PortalJob]
) -> list[PortalJob]:
    """Record portals on non-public addresses as errors; return the others."""
    if settings.crawl.allow_private_addresses:
        return jobs
    allowed = []
    for job in jobs:
        try:
            refuse_private_portal(job.base_url, f"unit[id={job.unit_key}]")
        except ConfigError as exc:
            logger.warning(
                "Refused portal %s: %s",
                job.unit_key,
                exc,
                extra={"run": job.run_id, "unit": job.unit_key, "portal": job.base_url},
            )
            mark_portal(session_factory, job.portal_id, "error", str(exc))
            continue
        allowed.append(job)
    return allowed


def mark_portal(session_factory, portal_id: int, status: str, error: str | None):
    """Set a portal's final status and error."""
    with session_factory() as session:
        session.execute(
            update(Portal)
            .where(Portal.id == portal_id)
            .values(status=status, error=error, finished_at=datetime.now())
        )
        session.commit()


def process_count(settings: Settings, jobs: int) -> int:
    """Return how many crawler processes share `jobs` portals."""
    wanted = settings.crawl.processes or os.cpu_count() or 1
    return max(1, min(wanted, jobs))


def run_crawler_processes(
    jobs: list[PortalJob],
    settings: Settings,
    run_id: int,
    database_url: str,
    progress: CrawlProgress,
) -> str | None:
    """Crawl `jobs` in spawned crawler processes; return what failed, if anything."""
    if not jobs:
        return None
    spawn = multiprocessing.get_context("spawn")
    processes = process_count(settings, len(jobs))
    events = spawn.Queue()
    counter = spawn.Value("i", 0)
    context = WorkerContext(
        run_id=run_id,
        database_url=database_url,
        crawl=settings.crawl,
        processes=processes,
        evidence_dir=evidence_dir(settings),
        obey_robots_txt=settings.crawl.obey_robots_txt
        or any(job.obey_robots_txt for job in jobs),
        log_level=logging.getLogger("crawler").getEffectiveLevel(),
    )
    children = [
        spawn.Process(
            target=run_worker,
            args=(jobs, counter, context, events),
            name=f"zwgk-crawler-{number}",
        )
        for number in range(processes)
    ]
    for child in children:
        child.start()
    try:
        relay_events(children, events, progress)
        logger.debug("Crawler processes of run %s ended", run_id)
    except BaseException:
        for child in children:
            if child.is_alive():
                child.terminate()
        raise
    finally:
        for child in children:
            child.join()
    failed = [child for child in children if child.exitcode]
    for child in failed:
        logger.error(
            "Crawler process %s ended with exit code %s",
            child.name,
            child.exitcode,
            extra={"run": run_id},
        )
    if failed:
        return f"{len(failed)} crawler process(es) failed; see the log"
    return None


def relay_events(children, events, progress: CrawlProgress) -> None:
    """Hand the children's events to the progress display until they all end."""
    while True:
        try:
            progress.handle(events.get(timeout=POLL_SECONDS))
            continue
        except queue.Empty:
            pass
        if not any(child.is_alive() for child in children):
            break
    while True:
        try:
            progress.handle(events.get_nowait())
        except queue.Empty:
            return


def evidence_dir(settings: Settings):
    """Return the folder for screenshots, or None when they are off."""
    if not settings.crawl.screenshots:
        return None
    return settings.resolve_path(settings.crawl.evidence_dir).resolve()


def close_unfinished_portals(session_factory: sessionmaker[Session], run_id: int):
    """Mark portals no crawler process finished as errors."""
    with session_factory() as session:
        session.execute(
            update(Portal)
            .where(Portal.run_id == run_id, Portal.status == "pending")
            .values(
                status="error",
                error="the crawler process stopped before the portal was finished",
                finished_at=datetime.now(),
            )
        )
        session.commit()


def finish_run(
    session_factory: sessionmaker[Session],
    run_id: int,
    status: str | None = None,
    *,
    error: str | None = None,
) -> str:
    """Set the run's end time and status: done, or partial when a portal failed."""
    with session_factory() as session:
        run = session.get(Run, run_id)
        if status is None:
            failed = session.scalar(
                select(func.count())
                .select_from(Portal)
                .where(Portal.run_id == run_id, Portal.status != "ok")
            )
            status = "partial" if failed else "done"
        run.status = status
        run.error = error
        run.finished_at = datetime.now()
        session.commit()
    return status


def summarise_run(
    session_factory: sessionmaker[Session], run_id: int, status: str
) -> CrawlSummary:
    """Count the run's portals and pages from the store."""
    summary = CrawlSummary(run_id=run_id, status=status)
    with session_factory() as session:
        rows = session.execute(
            select(
                Unit.key,
                Portal.status,
                Portal.error,
                Portal.pages_fetched,
                Portal.pages_failed,
            )
            .join(Portal, Portal.unit_id == Unit.id)
            .where(Portal.run_id == run_id)
        ).all()
    for key, portal_status, error, fetched, failed in rows:
        summary.pages_fetched += fetched or 0
        summary.pages_failed += failed or 0
        if portal_status == "ok":
            summary.portals_ok += 1
        else:
            summary.portals_failed += 1
            summary.errors[key] = error or portal_status
    return summary
