"""Scheduled assessments: short triggers, no overlap, restarts keep their jobs."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from sqlalchemy import select

from store.db import open_store
from store.models import Run
from zwgk.config import load_settings
from zwgk.schedule import build_scheduler

SCHEDULE_UNITS = ["u05"]


def wait_for(condition, timeout_seconds: float) -> bool:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def stored_runs(settings) -> list[Run]:
    with open_store(settings.database_url())() as session:
        return list(session.scalars(select(Run).order_by(Run.id)))


def finished_runs(settings) -> list[Run]:
    return [run for run in stored_runs(settings) if run.finished_at is not None]


def test_overlapping_trigger_is_skipped_and_runs_never_overlap(
    city_config, tmp_path, caplog
):
    # Two jobs firing every second: one's triggers overlap its own runs and the
    # other job's runs; both kinds must be skipped.
    schedule = "".join(
        f'[[schedule]]\nid = "{name}"\ncron = "*/1 * * * * *"\ncommand = "crawl"\n'
        for name in ("often", "also")
    )
    path = city_config(tmp_path, SCHEDULE_UNITS, extra=schedule)
    settings = load_settings(path)
    caplog.set_level(logging.INFO, logger="zwgk.schedule")

    scheduler = build_scheduler(settings, path)
    scheduler.resume()
    try:
        assert wait_for(lambda: len(finished_runs(settings)) >= 3, 240)
    finally:
        scheduler.shutdown(wait=True)

    skipped = [
        r for r in caplog.records if r.getMessage().startswith("Skipped trigger")
    ]
    assert skipped, "a trigger during a running assessment is skipped and logged"
    runs = finished_runs(settings)
    for earlier, later in zip(runs, runs[1:], strict=False):
        assert later.started_at >= earlier.finished_at


def test_restart_keeps_jobs_once_and_runs_a_trigger_missed_while_down(
    city_config, tmp_path
):
    fire_at = datetime.now() + timedelta(seconds=4)
    cron = f"{fire_at.second} {fire_at.minute} {fire_at.hour} * * *"
    schedule = (
        f'[[schedule]]\nid = "nightly"\ncron = "{cron}"\ncommand = "crawl"\n'
        "misfire_grace_seconds = 600\n"
    )
    path = city_config(tmp_path, SCHEDULE_UNITS, extra=schedule)
    settings = load_settings(path)

    first = build_scheduler(settings, path)
    stored_next = first.get_job("nightly").next_run_time
    first.shutdown(wait=True)
    time.sleep(max(0.0, (fire_at - datetime.now()).total_seconds()) + 1.5)
    assert stored_runs(settings) == [], "nothing ran while the scheduler was down"

    second = build_scheduler(settings, path)
    try:
        jobs = second.get_jobs()
        assert [job.id for job in jobs] == ["nightly"]
        assert jobs[0].next_run_time == stored_next, "the missed trigger is kept"
        second.resume()
        assert wait_for(lambda: len(finished_runs(settings)) == 1, 120)
        time.sleep(2)
        assert len(stored_runs(settings)) == 1, "the missed trigger runs once"
    finally:
        second.shutdown(wait=True)

    third = build_scheduler(settings, path)
    try:
        assert [job.id for job in third.get_jobs()] == ["nightly"]
    finally:
        third.shutdown(wait=True)


def test_removed_schedule_entry_leaves_the_job_store(city_config, tmp_path):
    schedule = '[[schedule]]\nid = "weekly"\ncron = "0 2 * * 1"\n'
    path = city_config(tmp_path, SCHEDULE_UNITS, extra=schedule)
    first = build_scheduler(load_settings(path), path)
    assert [job.id for job in first.get_jobs()] == ["weekly"]
    first.shutdown(wait=True)

    path.write_text(path.read_text("utf-8").split("[[schedule]]")[0], "utf-8")
    second = build_scheduler(load_settings(path), path)
    try:
        assert second.get_jobs() == []
    finally:
        second.shutdown(wait=True)
