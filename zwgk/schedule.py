"""Scheduled assessments: the `[[schedule]]` entries run by APScheduler 3.

Jobs live in the project database (APScheduler's SQLAlchemy job store), keyed
by the schedule id, so a restart finds them again instead of adding copies.
A job whose stored trigger still matches the configuration keeps its stored
next run time: a trigger missed while the scheduler was down then runs once
(missed triggers are coalesced) if it is within the entry's grace time.

Never two assessments at once: a trigger that fires while an assessment is
running is skipped and logged, not queued.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from apscheduler.events import EVENT_JOB_MAX_INSTANCES
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from zwgk.config import ScheduleSettings, Settings, cron_trigger, load_settings
from zwgk.errors import ZwgkError

logger = logging.getLogger(__name__)

JOB_TABLE = "apscheduler_jobs"
JOB_FUNCTION = "zwgk.schedule:run_scheduled_assessment"

_assessment_lock = threading.Lock()


def run_scheduled_assessment(config_path: str, schedule_id: str) -> None:
    """Run one triggered assessment, unless another one is still running."""
    if not _assessment_lock.acquire(blocking=False):
        logger.warning(
            "Skipped trigger of schedule %s: an assessment is still running",
            schedule_id,
            extra={"schedule": schedule_id},
        )
        return
    try:
        _run_entry(config_path, schedule_id)
    except ZwgkError as exc:
        logger.error(
            "Scheduled assessment %s failed: %s", schedule_id, exc, exc_info=True
        )
    finally:
        _assessment_lock.release()


def _run_entry(config_path: str, schedule_id: str) -> None:
    from store.db import open_store
    from zwgk.assess import assess, crawl_units

    settings = load_settings(config_path)
    entry = next((item for item in settings.schedule if item.id == schedule_id), None)
    if entry is None:
        logger.warning("Skipped schedule %s: no longer in %s", schedule_id, config_path)
        return
    logger.info("Started scheduled %s of schedule %s", entry.command, schedule_id)
    if entry.command == "crawl":
        run_id = crawl_units(
            settings, open_store(settings.database_url()), show_progress=False
        )
        logger.info(
            "Finished scheduled crawl of schedule %s: run %s", schedule_id, run_id
        )
        return
    outcome = assess(settings, show_progress=False)
    logger.info(
        "Finished scheduled run of schedule %s: run %s, reports in %s",
        schedule_id,
        outcome.run_id,
        outcome.out_dir,
    )


def build_scheduler(settings: Settings, config_path: Path) -> BackgroundScheduler:
    """Start a paused scheduler whose store holds exactly the configured jobs."""
    from store.db import open_store

    # The store's own engine: it creates the database and sets SQLite's WAL mode.
    engine = open_store(settings.database_url()).kw["bind"]
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)},
        job_defaults={"coalesce": True, "max_instances": 1},
    )
    scheduler.add_listener(_log_skipped_trigger, EVENT_JOB_MAX_INSTANCES)
    scheduler.start(paused=True)
    sync_jobs(scheduler, settings.schedule, str(Path(config_path).resolve()))
    return scheduler


def _log_skipped_trigger(event) -> None:
    # The same job still running: APScheduler skips the trigger itself.
    logger.warning(
        "Skipped trigger of schedule %s: an assessment is still running",
        event.job_id,
        extra={"schedule": event.job_id},
    )


def sync_jobs(
    scheduler: BackgroundScheduler, entries: list[ScheduleSettings], config_path: str
) -> None:
    """Add new entries, update changed ones, drop removed ones; keep the rest as stored."""
    wanted = {entry.id: entry for entry in entries}
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            logger.info("Removed job %s: no longer configured", job.id)
            job.remove()
    for entry in entries:
        trigger = cron_trigger(entry.cron)
        args = [config_path, entry.id]
        job = scheduler.get_job(entry.id)
        if job is None:
            scheduler.add_job(
                JOB_FUNCTION,
                trigger,
                args=args,
                id=entry.id,
                name=f"{entry.command} ({entry.cron})",
                misfire_grace_time=entry.misfire_grace_seconds,
            )
            logger.info("Added job %s: %s", entry.id, entry.cron)
        elif str(job.trigger) != str(trigger) or list(job.args) != args:
            job.modify(args=args, misfire_grace_time=entry.misfire_grace_seconds)
            job.reschedule(trigger)
            logger.info("Updated job %s: %s", entry.id, entry.cron)
        elif job.misfire_grace_time != entry.misfire_grace_seconds:
            job.modify(misfire_grace_time=entry.misfire_grace_seconds)


def run_scheduler(settings: Settings, *, config_path: Path) -> None:
    """Run the scheduled assessments in the foreground until interrupted."""
    if not settings.schedule:
        raise ZwgkError(f"{config_path}: no [[schedule]] entries to run")
    scheduler = build_scheduler(settings, config_path)
    scheduler.resume()
    for job in scheduler.get_jobs():
        logger.info("Scheduled job %s: next run at %s", job.id, job.next_run_time)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        logger.info("Stopping the scheduler")
    finally:
        scheduler.shutdown(wait=True)
