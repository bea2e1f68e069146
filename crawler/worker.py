"""One crawler process: a Scrapy crawl of the portals it takes from the run.

Twisted's reactor cannot be started twice in one process, so every crawl runs
in processes started with the "spawn" method; several share a run's portals
across cores. A process takes portals one by one from the shared job list,
writes its snapshot rows to the store itself, and sends its counts and log
records to the parent on a queue.
"""

from __future__ import annotations

import logging
import logging.handlers
import math
import os
from dataclasses import dataclass
from pathlib import Path

from zwgk.config import CrawlSettings

logger = logging.getLogger(__name__)

# Loggers of the libraries the crawler uses, quiet unless verbose.
LIBRARY_LOGGERS = (
    "scrapy",
    "scrapy_playwright",
    "scrapy-playwright",
    "twisted",
    "asyncio",
    "playwright",
)
# Library loggers that report failures the crawl records as page errors.
RECORDED_FAILURE_LOGGERS = (
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.core.downloader.handlers.http11",
)
# Attributes a log record may carry to the parent; others (a spider passed in
# `extra` by Scrapy) cannot be pickled.
RECORD_EXTRAS = ("run", "unit", "portal")


@dataclass
class WorkerContext:
    """What a crawler process needs, picklable for the spawn start method."""

    run_id: int
    database_url: str
    crawl: CrawlSettings
    processes: int
    evidence_dir: Path | None
    obey_robots_txt: bool
    log_level: int = logging.INFO


class SharedJobs:
    """The run's portal jobs, handed out once each across processes."""

    def __init__(self, jobs: list, counter):
        self.jobs = jobs
        self.counter = counter

    def take(self):
        """Return the next portal job, or None when every one is taken."""
        with self.counter.get_lock():
            index = self.counter.value
            if index >= len(self.jobs):
                return None
            self.counter.value = index + 1
        return self.jobs[index]


def max_active_portals(crawl: CrawlSettings, processes: int) -> int:
    """Return how many portals one process crawls at the same time.

    Enough portals to fill the process's share of concurrent requests twice
    over, since a portal's own delay and window keep it from using all of it.
    """
    share = math.ceil(crawl.concurrent_requests / max(1, processes))
    return max(4, 2 * math.ceil(share / crawl.concurrent_requests_per_portal))


def run_worker(jobs: list, counter, context: WorkerContext, events) -> None:
    """Crawl portals from `jobs` until none is left (the process's entry point).

    Once the snapshot is stored and the queue flushed, the process ends at
    once: tearing down the interpreter's objects would only delay the run.
    """
    install_queue_logging(events, context.log_level)
    exit_code = 0
    try:
        crawl_portals(jobs, counter, context, events)
    except Exception:
        logger.error(
            "Crawler process %s failed",
            os.getpid(),
            exc_info=True,
            extra={"run": context.run_id},
        )
        exit_code = 1
    logging.shutdown()
    events.close()
    events.join_thread()
    os._exit(exit_code)


def crawl_portals(jobs: list, counter, context: WorkerContext, events) -> None:
    """Run one Scrapy crawl over the jobs this process takes, storing snapshots."""
    from scrapy.crawler import CrawlerProcess

    from crawler.settings import scrapy_settings
    from crawler.spider import CrawlContext, PortalSpider
    from crawler.writer import SnapshotWriter
    from store.db import create_store_engine

    engine = create_store_engine(context.database_url)
    writer = SnapshotWriter(engine, events).start()
    crawl = context.crawl
    needs_browser = (
        crawl.render_javascript != "never" or context.evidence_dir is not None
    )
    settings = scrapy_settings(
        crawl,
        processes=context.processes,
        obey_robots_txt=context.obey_robots_txt,
        needs_browser=needs_browser,
        verbose=context.log_level <= logging.DEBUG,
    )
    settings["LOG_INSTALL_ROOT_HANDLER"] = False
    process = CrawlerProcess(settings)
    spider_context = CrawlContext(
        run_id=context.run_id,
        crawl=crawl,
        evidence_dir=context.evidence_dir,
        max_active_portals=max_active_portals(crawl, context.processes),
    )
    try:
        process.crawl(
            PortalSpider,
            jobs=SharedJobs(jobs, counter),
            context=spider_context,
            writer=writer,
        )
        process.start()
        logger.debug("Stopped Scrapy in crawler process %s", os.getpid())
    finally:
        writer.close()
        engine.dispose()
    logger.debug("Closed the store of crawler process %s", os.getpid())


def install_queue_logging(events, level: int) -> None:
    """Send this process's log records to the parent, libraries kept quiet."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = ParentQueueHandler(events)
    if level > logging.DEBUG:
        handler.addFilter(quiet_libraries)
    root.addHandler(handler)
    root.setLevel(level)


def quiet_libraries(record: logging.LogRecord) -> bool:
    """Keep library records of WARNING and above, except recorded failures."""
    if not record.name.startswith(LIBRARY_LOGGERS):
        return True
    if record.name.startswith(RECORDED_FAILURE_LOGGERS):
        return False
    return record.levelno >= logging.WARNING


class ParentQueueHandler(logging.handlers.QueueHandler):
    """Send log records to the parent with only plain attributes."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        """Return a picklable copy of `record`, its message formatted."""
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        plain = logging.makeLogRecord(
            {
                "name": record.name,
                "levelno": record.levelno,
                "levelname": record.levelname,
                "pathname": record.pathname,
                "lineno": record.lineno,
                "funcName": record.funcName,
                "created": record.created,
                "msecs": record.msecs,
                "process": record.process,
                "processName": record.processName,
                "thread": record.thread,
                "threadName": record.threadName,
                "msg": message,
                "args": None,
            }
        )
        for name in RECORD_EXTRAS:
            if hasattr(record, name):
                setattr(plain, name, getattr(record, name))
        return plain
