"""Homepage probes for `site.available`.

Each portal's homepage is requested exactly at the unit's configured URL,
without retries, `homepage_probes` times spaced `probe_interval_seconds`
apart, besides the crawl. The probes run in a thread of the parent process
while the crawler processes work, so a run does not take the probe spacing on
top of the crawl. Each probe becomes a `Probe` row as soon as it is made, so
an interrupted run keeps the probes it made.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

import aiohttp
from sqlalchemy.orm import Session, sessionmaker

from store.models import Probe
from zwgk.config import CrawlSettings

logger = logging.getLogger(__name__)

# Portals probed at the same moment at most.
MAX_PARALLEL_PROBES = 32
# How often a portal waiting for its next probe looks whether to stop.
_STOP_POLL_SECONDS = 0.25


@dataclass
class ProbeTarget:
    """One portal to probe: its row id and its configured homepage URL."""

    portal_id: int
    url: str


@dataclass
class ProbeResult:
    """The outcome of one probe."""

    portal_id: int
    url: str
    started_at: datetime
    status: int | None
    elapsed_seconds: float | None
    error: str | None


class HomepageProber:
    """Probe homepages in a background thread and store each probe.

    `start()` returns at once; `join()` waits for the last probe and returns
    how many were stored. Each probe is stored when it is made.
    """

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        run_id: int,
        targets: list[ProbeTarget],
        crawl: CrawlSettings,
    ):
        self.session_factory = session_factory
        self.run_id = run_id
        self.targets = targets
        self.crawl = crawl
        self.stored = 0
        self._stored_lock = threading.Lock()
        self._thread = threading.Thread(
            target=self._run, name="zwgk-homepage-probes", daemon=True
        )
        self._stop = threading.Event()

    def start(self) -> HomepageProber:
        """Start probing in the background."""
        if self.targets:
            self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the prober to skip the probes not yet started."""
        self._stop.set()

    def join(self) -> int:
        """Wait until every probe is stored; return the number stored."""
        if self._thread.is_alive():
            self._thread.join()
        return self.stored

    def connector(self) -> aiohttp.TCPConnector:
        """Return the probes' connection pool.

        Certificates are not verified, as by the crawl and the browser: many
        portals serve expired or self-signed ones, and a visitor still gets in.
        """
        return aiohttp.TCPConnector(
            limit=MAX_PARALLEL_PROBES, force_close=True, ssl=False
        )

    def _run(self) -> None:
        try:
            asyncio.run(self._probe_all())
        except Exception:
            logger.error("Homepage probes failed", exc_info=True)
            return
        logger.debug("Stored %s homepage probes of run %s", self.stored, self.run_id)

    async def _probe_all(self) -> None:
        timeout = aiohttp.ClientTimeout(total=self.crawl.probe_timeout_seconds)
        connector = self.connector()
        headers = {"User-Agent": self.crawl.user_agent}
        async with aiohttp.ClientSession(
            timeout=timeout, connector=connector, headers=headers
        ) as session:
            await asyncio.gather(
                *(self._probe_portal(session, target) for target in self.targets)
            )

    async def _probe_portal(
        self, session: aiohttp.ClientSession, target: ProbeTarget
    ) -> None:
        first = time.monotonic()
        for number in range(self.crawl.homepage_probes):
            due = first + number * self.crawl.probe_interval_seconds
            # Wait in short steps, so that stop() ends a waiting portal at once.
            while not self._stop.is_set() and time.monotonic() < due:
                await asyncio.sleep(min(due - time.monotonic(), _STOP_POLL_SECONDS))
            if self._stop.is_set():
                break
            result = await probe_homepage(session, target)
            # The store may wait on a crawler process's write: off the loop,
            # so the other portals' probes keep their times.
            await asyncio.to_thread(self._store, result)

    def _store(self, result: ProbeResult) -> None:
        with self.session_factory() as session:
            session.add(
                Probe(
                    run_id=self.run_id,
                    portal_id=result.portal_id,
                    url=result.url,
                    started_at=result.started_at,
                    status=result.status,
                    elapsed_seconds=result.elapsed_seconds,
                    error=result.error,
                )
            )
            session.commit()
        with self._stored_lock:
            self.stored += 1


async def probe_homepage(
    session: aiohttp.ClientSession, target: ProbeTarget
) -> ProbeResult:
    """Request `target`'s homepage once, reading the whole body, and time it."""
    started_at = datetime.now()
    clock = time.monotonic()
    status = error = None
    try:
        async with session.get(target.url, allow_redirects=True) as response:
            await response.read()
            status = response.status
    except TimeoutError:
        error = "timed out"
    except aiohttp.ClientError as exc:
        error = describe_client_error(exc)
    except OSError as exc:
        error = f"connection failed: {exc}"
    elapsed = time.monotonic() - clock
    return ProbeResult(
        target.portal_id, target.url, started_at, status, round(elapsed, 4), error
    )


def describe_client_error(exc: aiohttp.ClientError) -> str:
    """Return a short description of why a probe got no response."""
    if isinstance(exc, aiohttp.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"connection failed: {exc.os_error}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "server closed the connection"
    return f"{type(exc).__name__}: {exc}"
