"""The spider: Scrapy's side of crawling portals one frontier each.

A crawler process runs one `PortalSpider`. Its `start()` opens portals from
the shared job list as room frees up (a bounded number at a time, so memory
stays bounded however many portals a run has) and returns once every portal
is finished. For each portal the spider sends the best visits of its frontier
while the portal's window allows, hands every response and failure to the
portal's `PortalCrawl`, and passes page rows to the writer thread. Once a
portal's pages are done its link targets are checked; then its snapshot is
assembled and written.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload

from crawler import frontier as intents
from crawler.frontier import Visit
from crawler.pages import describe_failure
from crawler.portal import PortalCrawl, PortalJob
from crawler.record import CheckResult
from crawler.screenshots import evidence_row, screenshot_path, take_screenshot
from crawler.settings import browser_context
from crawler.writer import PageRow, SnapshotWriter
from zwgk.config import CrawlSettings

logger = logging.getLogger(__name__)

# Content types a followed link may have to be read as a page.
PAGE_TYPES = ("html", "xml", "text/plain")
# How often start() looks for room for another portal.
ADMIT_INTERVAL_SECONDS = 0.05

__all__ = ["CrawlContext", "PortalJob", "PortalSpider"]


@dataclass
class CrawlContext:
    """What every portal of a crawler process shares."""

    run_id: int
    crawl: CrawlSettings
    # Folder screenshots are written under; None when screenshots are off.
    evidence_dir: Path | None = None
    # Portals crawled at the same time by this process.
    max_active_portals: int = 8


class PortalSpider(scrapy.Spider):
    """Crawl the portals a job source hands out and record their snapshots."""

    name = "zwgk"

    def __init__(self, *, jobs, context: CrawlContext, writer: SnapshotWriter, **kw):
        super().__init__(**kw)
        self.jobs = jobs
        self.context = context
        self.crawl_settings = context.crawl
        self.writer = writer
        self.portals: dict[int, PortalCrawl] = {}
        # Link targets checked by this process, shared by its portals.
        self.check_cache: dict[str, CheckResult] = {}
        self.jobs_exhausted = False

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """Create the spider and listen for response headers."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_headers_received, signals.headers_received)
        return spider

    async def start(self):
        """Open portals as room frees up; return when every portal is finished."""
        while True:
            while not self.jobs_exhausted and len(self.portals) < self.max_active:
                job = self.jobs.take()
                if job is None:
                    self.jobs_exhausted = True
                    break
                self.open_portal(job)
            if self.jobs_exhausted and not self.portals:
                return
            await asyncio.sleep(ADMIT_INTERVAL_SECONDS)
        yield  # pragma: no cover - makes start() an async generator

    @property
    def max_active(self) -> int:
        """Portals crawled at the same time."""
        return self.context.max_active_portals

    # Portal lifecycle

    def open_portal(self, job: PortalJob) -> None:
        """Start crawling one portal from its homepage and start URLs."""
        screenshots = self.context.evidence_dir is not None
        portal = PortalCrawl(job, self.crawl_settings, screenshots=screenshots)
        self.portals[job.portal_id] = portal
        logger.info(
            "Started portal %s at %s",
            job.unit_key,
            job.base_url,
            extra=portal.log_extra,
        )
        self.settle(portal)

    def settle(self, portal: PortalCrawl) -> None:
        """Send what the portal has room for; move on when nothing is left."""
        self.pump(portal)
        if portal.inflight or portal.frontier.has_work():
            return
        if portal.phase == "pages":
            portal.phase = "checks"
            portal.queue_link_checks(self.check_cache)
            self.pump(portal)
            if portal.inflight:
                return
        self.finish_portal(portal)

    def pump(self, portal: PortalCrawl) -> None:
        """Hand the portal's best visits to Scrapy while its window allows."""
        while portal.inflight < portal.window:
            visit = portal.frontier.take()
            if visit is None:
                return
            portal.inflight += 1
            self.crawler.engine.crawl(self.request_for(portal, visit))

    def finish_portal(self, portal: PortalCrawl, *, reason: str | None = None) -> None:
        """Hand the portal's snapshot to the writer."""
        self.portals.pop(portal.job.portal_id, None)
        self.writer.finish_portal(portal.finish(reason))

    def closed(self, reason: str) -> None:
        """Record portals left unfinished when the crawl stops early."""
        for portal in list(self.portals.values()):
            portal.frontier.clear()
            self.finish_portal(portal, reason=f"the crawl stopped early ({reason})")

    def done_with(self, portal: PortalCrawl) -> None:
        """Count a request of the portal as answered and let the portal go on."""
        portal.inflight -= 1
        self.settle(portal)

    # Requests

    def request_for(self, portal: PortalCrawl, visit: Visit) -> scrapy.Request:
        """Return the Scrapy request of a visit, with the portal's politeness."""
        crawl = self.crawl_settings
        meta = {
            "zwgk": visit,
            "cookiejar": portal.job.portal_id,
            "dont_obey_robotstxt": not portal.job.obey_robots_txt,
        }
        if portal.record.scope.contains(visit.url):
            meta["download_slot"] = portal.slot
        callback, errback = self.parse_page, self.page_failed
        if visit.intent == intents.ATTACHMENT:
            meta["download_maxsize"] = crawl.max_attachment_bytes
        if visit.intent == intents.CHECK:
            # A check is one request of a linked address, as a visitor's
            # click would be: it needs no robots.txt of every linked host.
            meta["dont_obey_robotstxt"] = True
            meta["download_timeout"] = crawl.link_check_timeout_seconds
            meta["dont_retry"] = True
            meta["zwgk_headers_only"] = visit.method == "GET"
            callback, errback = self.parse_check, self.check_failed
        if visit.render or visit.intent == intents.SCREENSHOT:
            meta.update(browser_context(crawl))
            meta["playwright"] = True
            meta["playwright_page_goto_kwargs"] = {"wait_until": "networkidle"}
        if visit.intent == intents.SCREENSHOT:
            meta["playwright_include_page"] = True
            meta["playwright_page_goto_kwargs"] = {"wait_until": "load"}
            callback, errback = self.parse_screenshot, self.screenshot_failed
        return scrapy.Request(
            visit.url,
            method=visit.method,
            callback=callback,
            errback=errback,
            priority=visit.priority,
            dont_filter=True,
            meta=meta,
        )

    def on_headers_received(self, headers, body_length, request, spider) -> None:
        """Stop downloading bodies the crawl has no use for."""
        visit = request.meta.get("zwgk")
        if visit is None:
            return
        if request.meta.get("zwgk_headers_only"):
            raise StopDownload(fail=False)
        if visit.intent in (intents.FOLLOW, intents.IFRAME):
            kind = (headers.get(b"Content-Type") or b"").decode("latin-1").lower()
            if kind and not any(part in kind for part in PAGE_TYPES):
                raise StopDownload(fail=False)

    # Pages

    def parse_page(self, response):
        """Record a fetched page and queue what it leads to."""
        visit: Visit = response.meta["zwgk"]
        portal = self.portals.get(visit.portal_id)
        if portal is None:
            return
        try:
            values = portal.read_response(visit, response)
        except Exception as exc:
            logger.error(
                "Could not read page %s of portal %s",
                visit.url,
                portal.job.unit_key,
                exc_info=True,
                extra=portal.log_extra,
            )
            values = portal.read_failure(visit, f"could not be read: {exc}")
        try:
            self.store_page(portal, values)
        finally:
            self.done_with(portal)

    def page_failed(self, failure):
        """Record a request that got no usable response."""
        visit: Visit = failure.request.meta["zwgk"]
        portal = self.portals.get(visit.portal_id)
        if portal is None:
            return
        limit = self.crawl_settings.max_page_bytes
        if visit.intent == intents.ATTACHMENT:
            limit = self.crawl_settings.max_attachment_bytes
        try:
            error = describe_failure(failure, max_page_bytes=limit)
            self.store_page(portal, portal.read_failure(visit, error))
        finally:
            self.done_with(portal)

    def store_page(self, portal: PortalCrawl, values: dict | None) -> None:
        """Hand a page row to the writer."""
        if values is not None:
            self.writer.add_page(PageRow(portal.job.portal_id, values["url"], values))

    # Link checks

    def parse_check(self, response):
        """Keep a checked target's status."""
        self.finish_check(response.meta["zwgk"], response.status, None)

    def check_failed(self, failure):
        """Keep why a checked target gave no response."""
        self.finish_check(failure.request.meta["zwgk"], None, describe_failure(failure))

    def finish_check(self, visit: Visit, status: int | None, error: str | None):
        """Record a check's outcome and let the portal go on."""
        portal = self.portals.get(visit.portal_id)
        if portal is None:
            return
        try:
            result = portal.read_check(visit, status, error)
            if result is not None:
                self.check_cache[visit.url] = result
        finally:
            self.done_with(portal)

    # Screenshots

    async def parse_screenshot(self, response):
        """Capture the rendered page and keep it as evidence."""
        visit: Visit = response.meta["zwgk"]
        page = response.meta.get("playwright_page")
        portal = self.portals.get(visit.portal_id)
        try:
            if portal is not None and page is not None:
                await self.capture(portal, visit, page)
        except Exception as exc:
            logger.warning(
                "Could not capture a screenshot of %s: %s",
                visit.url,
                exc,
                extra=portal.log_extra if portal else {},
            )
        finally:
            if page is not None:
                await page.close()
            if portal is not None:
                self.done_with(portal)

    async def capture(self, portal: PortalCrawl, visit: Visit, page) -> None:
        """Write the screenshot of an open page and remember its evidence row."""
        relative = screenshot_path(portal.job.run_id, portal.job.portal_id, visit.url)
        image = await take_screenshot(
            page,
            self.context.evidence_dir / relative,
            self.crawl_settings.request_timeout_seconds,
        )
        portal.record.evidence.append(evidence_row(visit.url, relative, image))

    async def screenshot_failed(self, failure):
        """Let the portal go on when a screenshot page could not be loaded."""
        visit: Visit = failure.request.meta["zwgk"]
        page = failure.request.meta.get("playwright_page")
        if page is not None:
            await page.close()
        portal = self.portals.get(visit.portal_id)
        logger.debug("Could not load %s for a screenshot: %s", visit.url, failure.value)
        if portal is not None:
            self.done_with(portal)
