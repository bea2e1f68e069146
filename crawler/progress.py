"""What crawler processes tell the parent, and the progress display it shows.

Crawler processes put small tuples on one queue: pages stored, a portal
finished, and their log records. The parent drains the queue, hands log
records to its own loggers (so only the command line's handlers print) and
advances a Rich progress display when one is wanted.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

PAGES = "pages"
PORTAL_DONE = "portal"


def pages_event(count: int) -> tuple:
    """Return the event for `count` more pages stored."""
    return (PAGES, count)


def portal_event(portal_id: int, status: str, pages: int) -> tuple:
    """Return the event for a portal finished with `status` and `pages`."""
    return (PORTAL_DONE, portal_id, status, pages)


@dataclass
class CrawlProgress:
    """Counts received from the crawler processes, shown while they work."""

    portals_total: int
    show: bool = True
    pages: int = 0
    portals_done: int = 0
    portals_failed: int = 0
    finished: set[int] = field(default_factory=set)
    _progress: Progress | None = None
    _portal_task: int | None = None
    _page_task: int | None = None

    def __enter__(self) -> CrawlProgress:
        if self.show and sys.stdout.isatty():
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            self._progress.start()
            self._portal_task = self._progress.add_task(
                "Portals", total=self.portals_total
            )
            self._page_task = self._progress.add_task("Pages", total=None)
        return self

    def __exit__(self, *exc_info) -> None:
        if self._progress is not None:
            self._progress.stop()

    def handle(self, event) -> None:
        """Apply one event: a count, a finished portal or a log record."""
        if isinstance(event, logging.LogRecord):
            logger = logging.getLogger(event.name)
            if logger.isEnabledFor(event.levelno):
                logger.handle(event)
            return
        if event[0] == PAGES:
            self.pages += event[1]
            if self._progress is not None:
                self._progress.update(self._page_task, completed=self.pages)
        elif event[0] == PORTAL_DONE:
            self.mark_portal_done(event[1], event[2])

    def mark_portal_done(self, portal_id: int, status: str) -> None:
        """Count a finished portal once, failed when its status is not ok."""
        if portal_id in self.finished:
            return
        self.finished.add(portal_id)
        self.portals_done += 1
        if status != "ok":
            self.portals_failed += 1
        if self._progress is not None:
            self._progress.update(self._portal_task, completed=self.portals_done)
