"""The spider: crawl portals one frontier each and record what they show.

A crawler process runs one `PortalSpider`. Its `start()` opens portals from
the shared job list as room frees up (a bounded number at a time, so memory
stays bounded however many portals a run has) and returns once every portal
is finished. Each portal then goes through two phases:

1. pages: the homepage, columns, list pages (pagination, list endpoints,
   frames), list entries, attachments, then links followed within the depth
   and page limits, best first (`crawler.frontier`); homepages and column
   pages are also captured as screenshots;
2. checks: link targets the crawl did not fetch get a status
   (`crawler.linkcheck`).

When both are done the portal's snapshot is assembled (`crawler.snapshot`)
and handed to the writer thread.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload

from crawler import frontier as intents
from crawler.endpoints import endpoint_pages
from crawler.extract import extract_page
from crawler.facts import PageFacts
from crawler.frontier import PortalFrontier, Visit
from crawler.linkcheck import check_result, choose_link_checks, needs_get_retry
from crawler.lists import extract_json_list
from crawler.pages import (
    classify_body,
    content_type_of,
    describe_failure,
    has_list_content,
    page_values,
    read_document,
)
from crawler.record import (
    ColumnSighting,
    DisclosureFacts,
    LinkSighting,
    ListView,
    Outcome,
    PortalRecord,
)
from crawler.scope import (
    Area,
    PortalScope,
    host_of,
    is_http_url,
    looks_like_page,
    url_key,
)
from crawler.screenshots import evidence_row, screenshot_path, take_screenshot
from crawler.settings import browser_context
from crawler.snapshot import build_snapshot
from crawler.writer import FinishedPortal, PageRow, SnapshotWriter
from zwgk.config import CrawlSettings

logger = logging.getLogger(__name__)

# Content types a followed link may have to be read as a page.
PAGE_TYPES = ("html", "xml", "text/plain")
# How often start() looks for room for another portal.
ADMIT_INTERVAL_SECONDS = 0.05


@dataclass
class PortalJob:
    """One portal for a crawler process: its row and its unit's settings."""

    portal_id: int
    run_id: int
    unit_key: str
    base_url: str
    start_urls: list[str] = field(default_factory=list)
    obey_robots_txt: bool = True


@dataclass
class CrawlContext:
    """What every portal of a crawler process shares."""

    run_id: int
    crawl: CrawlSettings
    # Folder screenshots are written under; None when screenshots are off.
    evidence_dir: Path | None = None
    # Portals crawled at the same time by this process.
    max_active_portals: int = 8


@dataclass
class ActivePortal:
    """A portal being crawled: its record, frontier and requests in flight."""

    job: PortalJob
    record: PortalRecord
    frontier: PortalFrontier
    slot: str
    window: int
    inflight: int = 0
    phase: str = "pages"
    # Renderings of list pages, waiting on what their endpoints answer.
    render_fallback: dict[str, Visit] = field(default_factory=dict)

    @property
    def log_extra(self) -> dict:
        """The run, unit and portal, for log records."""
        return {
            "run": self.job.run_id,
            "unit": self.job.unit_key,
            "portal": self.job.base_url,
        }


class PortalSpider(scrapy.Spider):
    """Crawl the portals a job source hands out and record their snapshots."""

    name = "zwgk"

    def __init__(self, *, jobs, context: CrawlContext, writer: SnapshotWriter, **kw):
        super().__init__(**kw)
        self.jobs = jobs
        self.context = context
        self.crawl_settings = context.crawl
        self.writer = writer
        self.portals: dict[int, ActivePortal] = {}
        self.check_cache: dict = {}
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
        crawl = self.crawl_settings
        homepage = url_key(job.base_url)
        record = PortalRecord(
            portal_id=job.portal_id,
            run_id=job.run_id,
            unit_key=job.unit_key,
            base_url=job.base_url,
            scope=PortalScope.of(job.base_url, job.start_urls),
            started_at=datetime.now(),
            homepage_urls={homepage},
        )
        portal = ActivePortal(
            job=job,
            record=record,
            frontier=PortalFrontier(crawl.max_pages_per_portal, crawl.max_list_pages),
            slot=f"portal-{job.portal_id}",
            window=crawl.concurrent_requests_per_portal,
        )
        self.portals[job.portal_id] = portal
        render = crawl.render_javascript == "always"
        portal.frontier.offer(
            Visit(job.portal_id, homepage, intents.HOMEPAGE, render=render)
        )
        for url in job.start_urls:
            portal.frontier.offer(
                Visit(job.portal_id, url_key(url), intents.START, render=render)
            )
        logger.info(
            "Started portal %s at %s",
            job.unit_key,
            job.base_url,
            extra=portal.log_extra,
        )
        self.settle(portal)

    def settle(self, portal: ActivePortal) -> None:
        """Send what the portal has room for; move on when nothing is left."""
        self.pump(portal)
        if portal.inflight or portal.frontier.has_work():
            return
        if portal.phase == "pages":
            portal.phase = "checks"
            self.queue_link_checks(portal)
            self.pump(portal)
            if portal.inflight:
                return
        self.finish_portal(portal)

    def pump(self, portal: ActivePortal) -> None:
        """Hand the portal's best visits to Scrapy while its window allows."""
        while portal.inflight < portal.window:
            visit = portal.frontier.take()
            if visit is None:
                return
            portal.inflight += 1
            self.crawler.engine.crawl(self.request_for(portal, visit))

    def finish_portal(self, portal: ActivePortal, *, reason: str | None = None) -> None:
        """Assemble the portal's snapshot and hand it to the writer."""
        self.portals.pop(portal.job.portal_id, None)
        record = portal.record
        snapshot = build_snapshot(record, self.crawl_settings.max_list_pages)
        status, error = portal_status(record, reason)
        values = {
            "status": status,
            "error": error,
            "pages_fetched": record.pages_stored
            - record.pages_failed
            - record.pages_disallowed,
            "pages_failed": record.pages_failed,
            "started_at": record.started_at,
            "finished_at": datetime.now(),
        }
        self.writer.finish_portal(
            FinishedPortal(
                portal_id=record.portal_id,
                run_id=record.run_id,
                unit_key=record.unit_key,
                snapshot=snapshot,
                evidence=record.evidence,
                portal_values=values,
                pages=record.pages_stored,
            )
        )
        log = logger.info if status == "ok" else logger.warning
        message = (
            "Finished portal %s: %s pages (%s failed), %s columns, %s disclosures, "
            "%s links"
        )
        if status != "ok":
            message = "Could not assess portal %s (" + (error or "") + "): "
            message += "%s pages (%s failed), %s columns, %s disclosures, %s links"
        log(
            message,
            record.unit_key,
            record.pages_stored,
            record.pages_failed,
            len(snapshot.columns),
            len(snapshot.disclosures),
            len(snapshot.links),
            extra=portal.log_extra,
        )

    def closed(self, reason: str) -> None:
        """Record portals left unfinished when the crawl stops early."""
        for portal in list(self.portals.values()):
            portal.frontier.clear()
            self.finish_portal(portal, reason=f"the crawl stopped early ({reason})")

    # Requests

    def request_for(self, portal: ActivePortal, visit: Visit) -> scrapy.Request:
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
        if visit.render:
            meta["playwright"] = True
            meta["playwright_page_goto_kwargs"] = {"wait_until": "networkidle"}
        if visit.intent == intents.SCREENSHOT:
            meta["playwright"] = True
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
            self.record_response(portal, visit, response)
        except Exception as exc:
            logger.error(
                "Could not read page %s of portal %s",
                visit.url,
                portal.job.unit_key,
                exc_info=True,
                extra=portal.log_extra,
            )
            self.record_failure(portal, visit, f"could not be read: {exc}")
        finally:
            portal.inflight -= 1
            self.settle(portal)

    def page_failed(self, failure):
        """Record a request that got no usable response."""
        visit: Visit = failure.request.meta["zwgk"]
        portal = self.portals.get(visit.portal_id)
        if portal is None:
            return
        limit = self.crawl_settings.max_page_bytes
        if visit.intent == intents.ATTACHMENT:
            limit = self.crawl_settings.max_attachment_bytes
        error = describe_failure(failure, max_page_bytes=limit)
        fallback = portal.render_fallback.pop(visit.url, None)
        if fallback is not None:
            portal.frontier.offer(fallback)
        try:
            self.record_failure(portal, visit, error)
        finally:
            portal.inflight -= 1
            self.settle(portal)

    def record_failure(self, portal: ActivePortal, visit: Visit, error: str) -> None:
        """Keep a failed request as a page with its error."""
        record = portal.record
        disallowed = error == "disallowed by robots.txt"
        logger.debug(
            "Failed page %s of portal %s: %s",
            visit.url,
            record.unit_key,
            error,
            extra=portal.log_extra,
        )
        if visit.again:
            return  # the page read without a browser stands
        role = role_of_failed(visit)
        record.record_outcome(
            visit.url, Outcome(None, error, visit.url, role, disallowed=disallowed)
        )
        if visit.intent == intents.HOMEPAGE:
            record.homepage_error = error
        if disallowed:
            record.pages_disallowed += 1
        else:
            record.pages_failed += 1
        self.store_page(
            portal,
            page_values(
                run_id=record.run_id,
                portal_id=record.portal_id,
                url=visit.url,
                depth=visit.depth,
                role=role,
                rendered=visit.render,
                error=error,
            ),
        )

    def record_response(self, portal: ActivePortal, visit: Visit, response) -> None:
        """Read one response: store its page, then queue what it leads to."""
        record = portal.record
        final_url = url_key(response.url)
        content_type = content_type_of(response)
        if final_url != visit.url and record.scope.contains(final_url):
            portal.frontier.mark_taken(final_url)
        if visit.intent == intents.HOMEPAGE and final_url != visit.url:
            record.scope.add(final_url)
            record.homepage_urls.add(final_url)
        ok = 200 <= response.status < 300
        body = read_body(visit, response, content_type) if ok else None
        facts = body.facts if body is not None else None
        role = role_of(visit, facts, body.kind if body else "other")
        logger.debug(
            "Fetched page %s of portal %s: %s, %s",
            visit.url,
            record.unit_key,
            response.status,
            role,
            extra=portal.log_extra,
        )

        if visit.again and not ok:
            return  # the page read without a browser stands
        if not ok:
            record.pages_failed += 1
            if visit.intent == intents.HOMEPAGE:
                record.homepage_error = f"HTTP status {response.status}"
        record.record_outcome(
            visit.url, Outcome(response.status, None, final_url, role)
        )
        self.store_page(
            portal,
            page_values(
                run_id=record.run_id,
                portal_id=record.portal_id,
                url=visit.url,
                depth=visit.depth,
                role=role,
                response=response,
                facts=facts,
                text=body.text if body is not None else None,
                rendered=visit.render,
            ),
            again=visit.again,
        )
        if body is None:
            return
        if body.kind == "json":
            self.read_json_list(portal, visit, response)
        elif facts is not None:
            self.follow_page(portal, visit, facts, role)

    def store_page(self, portal: ActivePortal, values: dict, *, again=False) -> None:
        """Hand a page row to the writer."""
        if not again:
            portal.record.pages_stored += 1
        self.writer.add_page(PageRow(portal.job.portal_id, values["url"], values))

    # What a page leads to

    def follow_page(
        self, portal: ActivePortal, visit: Visit, facts: PageFacts, role: str
    ) -> None:
        """Queue columns, list pages, entries, attachments and links of a page."""
        record = portal.record
        in_portal = record.scope.contains(visit.url)
        if role == "disclosure":
            record.disclosures[visit.url] = DisclosureFacts.of(facts)
            self.queue_attachments(portal, visit, facts)
        if has_list_content(facts):
            self.read_list(portal, visit, facts)
        elif facts.dated_links:
            self.queue_entries(portal, visit, dated_pages(facts), None)
        self.record_links(portal, visit, facts)
        if in_portal and not visit.area:
            self.queue_columns(portal, visit, facts)
            self.queue_links(portal, visit, facts)
        if self.wants_screenshot(portal, visit):
            portal.frontier.offer(
                Visit(portal.job.portal_id, visit.url, intents.SCREENSHOT)
            )
        if (
            facts.needs_javascript
            and not visit.render
            and self.crawl_settings.render_javascript == "auto"
        ):
            self.queue_rendering(portal, visit, facts)

    def queue_rendering(
        self, portal: ActivePortal, visit: Visit, facts: PageFacts
    ) -> None:
        """Render a list filled by script, unless its endpoints give the entries.

        Reading a list endpoint costs one request, rendering costs a browser
        page; the page is rendered only when no endpoint is known, or when an
        endpoint answers with no entries or fails.
        """
        rendering = Visit(
            portal.job.portal_id,
            visit.url,
            visit.intent,
            depth=visit.depth,
            chain=visit.chain,
            list_page=visit.list_page,
            render=True,
            again=True,
            area=visit.area,
        )
        endpoints = [
            url_key(url)
            for url in facts.list_endpoints
            if self.in_reach(portal, visit, url, same_host=True)
        ]
        if not endpoints:
            portal.frontier.offer(rendering)
        for url in endpoints:
            portal.render_fallback[url] = rendering

    def read_list(self, portal: ActivePortal, visit: Visit, facts: PageFacts) -> None:
        """Keep a list page's view; queue its pagination, endpoints and entries."""
        record = portal.record
        view = ListView.of(facts)
        known = record.list_views.get(visit.url)
        if known is not None:
            known.merge(view)
        else:
            record.list_views[visit.url] = view
        chain = visit.chain or visit.url
        number = visit.list_page or 1
        for url in facts.pagination_urls:
            if self.in_reach(portal, visit, url):
                self.offer(
                    portal, visit, url, intents.LIST, chain=chain, page=number + 1
                )
        for url in facts.list_endpoints:
            if self.in_reach(portal, visit, url, same_host=True):
                self.offer(
                    portal, visit, url, intents.ENDPOINT, chain=chain, page=number
                )
        self.queue_entries(portal, visit, facts.items, number)
        self.queue_entries(portal, visit, dated_pages(facts), None)

    def read_json_list(self, portal: ActivePortal, visit: Visit, response) -> None:
        """Read the entries a list endpoint returns and queue them."""
        items = extract_json_list(response.body, response.url)
        later = endpoint_pages(
            response.body, response.url, self.crawl_settings.max_list_pages
        )
        view = ListView(items=list(items), pagination_urls=later)
        portal.record.list_views[visit.url] = view
        fallback = portal.render_fallback.pop(visit.url, None)
        if fallback is not None and not items:
            portal.frontier.offer(fallback)
        number = visit.list_page or 1
        self.queue_entries(portal, visit, view.items, number)
        for offset, url in enumerate(later, start=1):
            if self.in_reach(portal, visit, url, same_host=True):
                self.offer(
                    portal,
                    visit,
                    url,
                    intents.ENDPOINT,
                    chain=visit.url,
                    page=number + offset,
                )

    def queue_entries(self, portal: ActivePortal, visit: Visit, items, number) -> None:
        """Remember list entries and queue the fetch of their pages."""
        record = portal.record
        for item in items:
            key = url_key(item.url)
            if not is_http_url(key):
                continue
            record.entries.setdefault(key, item)
            if self.in_reach(portal, visit, key):
                self.offer(portal, visit, key, intents.ENTRY, page=number)

    def queue_attachments(
        self, portal: ActivePortal, visit: Visit, facts: PageFacts
    ) -> None:
        """Queue the attachments of a disclosure on its portal or its host."""
        for attachment in facts.attachments:
            url = url_key(attachment.url)
            if not is_http_url(url):
                continue
            if portal.record.scope.contains(url) or host_of(url) == host_of(visit.url):
                self.offer(portal, visit, url, intents.ATTACHMENT)

    def queue_columns(
        self, portal: ActivePortal, visit: Visit, facts: PageFacts
    ) -> None:
        """Remember the columns a page names and queue their first pages."""
        record = portal.record
        on_homepage = record.is_homepage_or_frame(visit.url)
        for ref in facts.columns:
            url = url_key(ref.url)
            if not is_http_url(url) or record.is_homepage(url):
                continue
            if ref.discovered_from == "heading" and (
                url != url_key(facts.url) or visit.intent == intents.LIST
            ):
                # A heading names the page's own column; on a list's later
                # pages it names the column of the first page.
                continue
            record.columns.append(ColumnSighting(ref, visit.url, on_homepage))
            area = None if record.scope.contains(url) else Area.of(url)
            self.offer(portal, visit, url, intents.COLUMN, area=area)

    def queue_links(self, portal: ActivePortal, visit: Visit, facts: PageFacts) -> None:
        """Queue frames and in-portal links within the depth limit."""
        record = portal.record
        depth = visit.depth + 1
        max_depth = self.crawl_settings.max_depth
        for link in facts.links:
            url = url_key(link.url)
            if not record.scope.contains(url):
                continue
            if link.kind == "iframe" and depth <= max_depth + 1:
                if record.is_homepage_or_frame(visit.url):
                    record.frame_urls.add(url)
                self.offer(portal, visit, url, intents.IFRAME)
            elif link.kind == "a" and depth <= max_depth and looks_like_page(url):
                self.offer(portal, visit, url, intents.FOLLOW)

    def record_links(
        self, portal: ActivePortal, visit: Visit, facts: PageFacts
    ) -> None:
        """Keep every link of a page for the snapshot."""
        record = portal.record
        for link in facts.links:
            target = url_key(link.url)
            if not target:
                continue
            record.add_link(
                LinkSighting(
                    source_url=visit.url,
                    target_url=target,
                    text=(link.text or "")[:500],
                    in_navigation=link.in_navigation,
                    kind=link.kind,
                    is_external=not record.scope.contains(target),
                )
            )

    def in_reach(
        self, portal: ActivePortal, visit: Visit, url: str, *, same_host: bool = False
    ) -> bool:
        """Whether a page found on `visit` may be fetched for the portal.

        On the portal anything may; pages of an off-portal column may lead only
        to addresses under the column's own (or, for endpoints, its host).
        """
        url = url_key(url)
        if visit.area is None:
            return portal.record.scope.contains(url)
        if visit.area.contains(url):
            return True
        return same_host and host_of(url) == visit.area.host

    def offer(
        self,
        portal: ActivePortal,
        source: Visit,
        url: str,
        intent: str,
        *,
        chain: str | None = None,
        page: int | None = None,
        area: Area | None = None,
    ) -> None:
        """Queue a visit found on `source` (rendered when always rendering)."""
        render = self.crawl_settings.render_javascript == "always" and intent not in (
            intents.ATTACHMENT,
            intents.ENDPOINT,
        )
        inherited = source.area if intent in (intents.LIST, intents.ENDPOINT) else None
        if intent == intents.ENTRY and source.area is not None:
            inherited = source.area
        portal.frontier.offer(
            Visit(
                portal.job.portal_id,
                url_key(url),
                intent,
                depth=source.depth + 1 if intent != intents.LIST else source.depth,
                chain=chain,
                list_page=page,
                render=render,
                area=area or inherited,
            )
        )

    def wants_screenshot(self, portal: ActivePortal, visit: Visit) -> bool:
        """Whether a page is a homepage or column page to capture."""
        if self.context.evidence_dir is None or visit.again:
            return False
        return visit.intent in (intents.HOMEPAGE, intents.COLUMN)

    # Link checks

    def queue_link_checks(self, portal: ActivePortal) -> None:
        """Queue HEAD checks of the link targets the crawl left without a status."""
        internal, external = choose_link_checks(
            portal.record, self.crawl_settings, self.check_cache
        )
        for url in internal + external:
            portal.frontier.offer(
                Visit(portal.job.portal_id, url, intents.CHECK, method="HEAD")
            )
        if internal or external:
            logger.debug(
                "Checking %s link targets on and %s off portal %s",
                len(internal),
                len(external),
                portal.job.unit_key,
                extra=portal.log_extra,
            )

    def parse_check(self, response):
        """Keep a checked target's status (or confirm a refused HEAD with GET)."""
        self.finish_check(response.meta["zwgk"], response.status, None)

    def check_failed(self, failure):
        """Keep why a checked target gave no response."""
        error = describe_failure(failure)
        self.finish_check(failure.request.meta["zwgk"], None, error)

    def finish_check(self, visit: Visit, status: int | None, error: str | None):
        """Record a check's outcome and let the portal go on."""
        portal = self.portals.get(visit.portal_id)
        if portal is None:
            return
        try:
            if error == "disallowed by robots.txt":
                return
            if visit.method == "HEAD" and needs_get_retry(status, error):
                portal.frontier.offer(
                    Visit(portal.job.portal_id, visit.url, intents.CHECK, method="GET")
                )
                return
            result = check_result(status, error)
            portal.record.checks[visit.url] = result
            self.check_cache[visit.url] = result
        finally:
            portal.inflight -= 1
            self.settle(portal)

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
                portal.inflight -= 1
                self.settle(portal)

    async def capture(self, portal: ActivePortal, visit: Visit, page) -> None:
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
            portal.inflight -= 1
            self.settle(portal)


def dated_pages(facts: PageFacts) -> list:
    """Return the dated links of a page that lead to pages, not to files.

    Blocks of dated links outside the main list (a homepage's news blocks,
    a sidebar) are fetched as entries; a dated file link is an attachment.
    """
    return [item for item in facts.dated_links if looks_like_page(item.url)]


def read_body(visit: Visit, response, content_type: str):
    """Read a 2xx response as a page, a JSON list or a document."""
    from crawler.pages import ReadBody

    body = response.body
    if "download_stopped" in response.flags and visit.intent != intents.CHECK:
        return ReadBody("other")
    kind = classify_body(
        body, response.url, content_type, json_expected=visit.intent == intents.ENDPOINT
    )
    if kind == "html":
        facts = extract_page(
            body,
            response.url,
            encoding="utf-8" if visit.render else None,
            content_type=content_type or None,
        )
        return ReadBody("html", facts=facts)
    if kind == "document":
        return read_document(body, response.url, content_type)
    return ReadBody(kind)


def role_of(visit: Visit, facts: PageFacts | None, kind: str) -> str:
    """Return the role of a fetched page: homepage, column, disclosure, ..."""
    if visit.intent == intents.HOMEPAGE:
        return "homepage"
    if visit.intent == intents.ENDPOINT or kind == "json":
        return "column"
    if visit.intent == intents.ATTACHMENT:
        return "attachment"
    if facts is not None and facts.kind == "list":
        return "column"
    if facts is not None and facts.kind == "disclosure":
        return "disclosure"
    if visit.intent in (intents.COLUMN, intents.LIST):
        return "column"
    if visit.intent == intents.ENTRY:
        return "disclosure"
    return "other"


def role_of_failed(visit: Visit) -> str:
    """Return the role a failed request was meant to fill."""
    return {
        intents.HOMEPAGE: "homepage",
        intents.COLUMN: "column",
        intents.LIST: "column",
        intents.ENDPOINT: "column",
        intents.ENTRY: "disclosure",
        intents.ATTACHMENT: "attachment",
    }.get(visit.intent, "other")


def portal_status(record: PortalRecord, reason: str | None) -> tuple[str, str | None]:
    """Return the portal's status and error: ok when any page answered 2xx."""
    if reason:
        return "error", reason
    if any(outcome.ok for outcome in record.outcomes.values()):
        return "ok", None
    if record.homepage_error:
        return "error", f"homepage: {record.homepage_error}"
    return "error", "no page of the portal could be fetched"
