"""The crawl of one portal: what each page leads to, and what it all adds up to.

A `PortalCrawl` holds one portal's frontier and record. The spider hands it
each response or failure; it records the outcome, returns the page row to
store, and queues what the page leads to:

1. a disclosure's attachments;
2. a list's pagination, endpoints and entries (also dated links elsewhere
   on the page, such as a homepage's news blocks);
3. the columns the page names, on the portal or off it (a 双公示 column
   on a credit platform is then read under its own address only);
4. frames and in-portal links within the depth limit;
5. a screenshot of a homepage or column page, and a rendering of a list
   filled by script when its endpoints do not give its entries.

When the frontier is empty, `queue_link_checks` adds the link targets left
without a status, and `finish` assembles the portal's snapshot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from crawler import frontier as intents
from crawler.endpoints import endpoint_pages
from crawler.facts import PageFacts
from crawler.finish import finish_portal
from crawler.frontier import PortalFrontier, Visit
from crawler.linkcheck import check_result, choose_link_checks, needs_get_retry
from crawler.lists import extract_json_list
from crawler.pages import (
    content_type_of,
    has_list_content,
    page_values,
    read_body,
    role_of,
    role_of_failed,
)
from crawler.record import (
    CheckResult,
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
from crawler.writer import FinishedPortal
from zwgk.config import CrawlSettings

logger = logging.getLogger(__name__)

DISALLOWED = "disallowed by robots.txt"


@dataclass
class PortalJob:
    """One portal for a crawler process: its row and its unit's settings."""

    portal_id: int
    run_id: int
    unit_key: str
    base_url: str
    start_urls: list[str] = field(default_factory=list)
    obey_robots_txt: bool = True


class PortalCrawl:
    """One portal being crawled: its frontier, its record, its requests in flight."""

    def __init__(self, job: PortalJob, crawl: CrawlSettings, *, screenshots: bool):
        self.job = job
        self.crawl = crawl
        self.screenshots = screenshots
        homepage = url_key(job.base_url)
        self.record = PortalRecord(
            portal_id=job.portal_id,
            run_id=job.run_id,
            unit_key=job.unit_key,
            base_url=job.base_url,
            scope=PortalScope.of(job.base_url, job.start_urls),
            started_at=datetime.now(),
            homepage_urls={homepage},
        )
        self.frontier = PortalFrontier(crawl.max_pages_per_portal, crawl.max_list_pages)
        # Requests of the portal share one download slot: its politeness.
        self.slot = f"portal-{job.portal_id}"
        self.window = crawl.concurrent_requests_per_portal
        self.inflight = 0
        self.phase = "pages"
        # Renderings of list pages, waiting on what their endpoints answer.
        self.render_fallback: dict[str, Visit] = {}
        render = crawl.render_javascript == "always"
        self.frontier.offer(
            Visit(job.portal_id, homepage, intents.HOMEPAGE, render=render)
        )
        for url in job.start_urls:
            self.frontier.offer(
                Visit(job.portal_id, url_key(url), intents.START, render=render)
            )

    @property
    def log_extra(self) -> dict:
        """The run, unit and portal, for log records."""
        return {
            "run": self.job.run_id,
            "unit": self.job.unit_key,
            "portal": self.job.base_url,
        }

    # Outcomes

    def read_response(self, visit: Visit, response) -> dict | None:
        """Record a response and queue what it leads to; return its page row."""
        record = self.record
        final_url = url_key(response.url)
        if final_url != visit.url and record.scope.contains(final_url):
            self.frontier.mark_taken(final_url)
        if visit.intent == intents.HOMEPAGE and final_url != visit.url:
            record.scope.add(final_url)
            record.homepage_urls.add(final_url)
        ok = 200 <= response.status < 300
        body = read_body(visit, response, content_type_of(response)) if ok else None
        facts = body.facts if body is not None else None
        role = role_of(visit, facts, body.kind if body else "other")
        if ok and self.forward_homepage(visit, facts):
            role = "other"  # a stub root; the page it forwards to is the homepage
        logger.debug(
            "Fetched page %s of portal %s: %s, %s",
            visit.url,
            record.unit_key,
            response.status,
            role,
            extra=self.log_extra,
        )

        if visit.again and not ok:
            return None  # the page read without a browser stands
        if not ok:
            record.pages_failed += 1
            if visit.intent == intents.HOMEPAGE:
                record.homepage_error = f"HTTP status {response.status}"
        record.record_outcome(
            visit.url, Outcome(response.status, None, final_url, role)
        )
        if not visit.again:
            record.pages_stored += 1
        if body is not None and body.kind == "json":
            self.read_json_list(visit, response)
        elif facts is not None:
            self.follow_page(visit, facts, role)
        return page_values(
            run_id=record.run_id,
            portal_id=record.portal_id,
            url=visit.url,
            depth=visit.depth,
            role=role,
            response=response,
            facts=facts,
            text=body.text if body is not None else None,
            rendered=visit.render,
        )

    def forward_homepage(self, visit: Visit, facts: PageFacts | None) -> bool:
        """Queue, as the homepage, the page a stub homepage's script forwards to."""
        target = facts.script_redirect if facts is not None else None
        if visit.intent != intents.HOMEPAGE or not target:
            return False
        self.record.scope.add(target)
        self.record.homepage_urls.add(url_key(target))
        homepage = Visit(
            self.job.portal_id,
            url_key(target),
            intents.HOMEPAGE,
            render=visit.render,
            exact=True,
        )
        self.frontier.offer(homepage)
        return True

    def read_failure(self, visit: Visit, error: str) -> dict | None:
        """Record a request that got no usable response; return its page row."""
        record = self.record
        logger.debug(
            "Failed page %s of portal %s: %s",
            visit.url,
            record.unit_key,
            error,
            extra=self.log_extra,
        )
        fallback = self.render_fallback.pop(visit.url, None)
        if fallback is not None:
            self.frontier.offer(fallback)
        if visit.again:
            return None  # the page read without a browser stands
        disallowed = error == DISALLOWED
        role = role_of_failed(visit)
        record.record_outcome(
            visit.url, Outcome(None, error, visit.url, role, disallowed=disallowed)
        )
        if visit.intent == intents.HOMEPAGE:
            record.homepage_error = error
        record.pages_stored += 1
        if disallowed:
            record.pages_disallowed += 1
        else:
            record.pages_failed += 1
        return page_values(
            run_id=record.run_id,
            portal_id=record.portal_id,
            url=visit.url,
            depth=visit.depth,
            role=role,
            rendered=visit.render,
            error=error,
        )

    # What a page leads to

    def follow_page(self, visit: Visit, facts: PageFacts, role: str) -> None:
        """Queue attachments, lists, columns, links, screenshot and rendering."""
        record = self.record
        if role == "disclosure":
            record.disclosures[visit.url] = DisclosureFacts.of(facts)
            self.queue_attachments(visit, facts)
        if has_list_content(facts):
            self.read_list(visit, facts)
        elif facts.dated_links:
            self.queue_entries(visit, dated_pages(facts), None)
        self.record_links(visit, facts)
        if record.scope.contains(visit.url) and not visit.area:
            self.queue_columns(visit, facts)
            self.queue_links(visit, facts)
        if self.wants_screenshot(visit, role):
            self.frontier.offer(
                Visit(self.job.portal_id, visit.url, intents.SCREENSHOT)
            )
        if (
            facts.needs_javascript
            and not visit.render
            and self.crawl.render_javascript == "auto"
        ):
            self.queue_rendering(visit, facts)

    def read_list(self, visit: Visit, facts: PageFacts) -> None:
        """Keep a list page's view; queue its pagination, endpoints and entries."""
        record = self.record
        view = ListView.of(facts)
        known = record.list_views.get(visit.url)
        if known is not None:
            known.merge(view)
        else:
            record.list_views[visit.url] = view
        chain = visit.chain or visit.url
        number = visit.list_page or 1
        for url in facts.pagination_urls:
            if self.in_reach(visit, url):
                self.offer(visit, url, intents.LIST, chain=chain, page=number + 1)
        for url in facts.list_endpoints:
            if self.in_reach(visit, url, same_host=True):
                self.offer(visit, url, intents.ENDPOINT, chain=chain, page=number)
        self.queue_entries(visit, facts.items, number)
        self.queue_entries(visit, dated_pages(facts), None)

    def read_json_list(self, visit: Visit, response) -> None:
        """Read the entries a list endpoint returns, and its later pages."""
        items = extract_json_list(response.body, response.url)
        later = endpoint_pages(response.body, response.url, self.crawl.max_list_pages)
        self.record.list_views[visit.url] = ListView(
            items=list(items), pagination_urls=later
        )
        fallback = self.render_fallback.pop(visit.url, None)
        if fallback is not None and not items:
            self.frontier.offer(fallback)
        number = visit.list_page or 1
        self.queue_entries(visit, items, number)
        for offset, url in enumerate(later, start=1):
            if self.in_reach(visit, url, same_host=True):
                page = number + offset
                self.offer(visit, url, intents.ENDPOINT, chain=visit.url, page=page)

    def queue_rendering(self, visit: Visit, facts: PageFacts) -> None:
        """Render a list filled by script, unless its endpoints give the entries.

        Reading a list endpoint costs one request, rendering costs a browser
        page; the page is rendered only when no endpoint is known, or when an
        endpoint answers with no entries or fails.
        """
        rendering = Visit(
            self.job.portal_id,
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
            if self.in_reach(visit, url, same_host=True)
        ]
        if not endpoints:
            self.frontier.offer(rendering)
        for url in endpoints:
            self.render_fallback[url] = rendering

    def queue_entries(self, visit: Visit, items, number: int | None) -> None:
        """Remember list entries and queue the fetch of their pages."""
        record = self.record
        for item in items:
            key = url_key(item.url)
            if not is_http_url(key):
                continue
            record.entries.setdefault(key, item)
            if self.in_reach(visit, key):
                self.offer(visit, key, intents.ENTRY, page=number)

    def queue_attachments(self, visit: Visit, facts: PageFacts) -> None:
        """Queue the attachments of a disclosure on its portal or its host."""
        for attachment in facts.attachments:
            url = url_key(attachment.url)
            if not is_http_url(url):
                continue
            if self.record.scope.contains(url) or host_of(url) == host_of(visit.url):
                self.offer(visit, url, intents.ATTACHMENT)

    def queue_columns(self, visit: Visit, facts: PageFacts) -> None:
        """Remember the columns a page names and queue their first pages."""
        record = self.record
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
            self.offer(visit, url, intents.COLUMN, area=area)

    def queue_links(self, visit: Visit, facts: PageFacts) -> None:
        """Queue frames and in-portal links within the depth limit."""
        record = self.record
        depth = visit.depth + 1
        files = {url_key(attachment.url) for attachment in facts.attachments}
        for link in facts.links:
            url = url_key(link.url)
            if not record.scope.contains(url) or url in files:
                continue
            if link.kind == "iframe" and depth <= self.crawl.max_depth + 1:
                if record.is_homepage_or_frame(visit.url):
                    record.frame_urls.add(url)
                self.offer(visit, url, intents.IFRAME)
            elif link.kind == "a" and depth <= self.crawl.max_depth:
                if looks_like_page(url):
                    self.offer(visit, url, intents.FOLLOW)

    def record_links(self, visit: Visit, facts: PageFacts) -> None:
        """Keep every link of a page for the snapshot."""
        record = self.record
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

    def in_reach(self, visit: Visit, url: str, *, same_host: bool = False) -> bool:
        """Whether a page found on `visit` may be fetched for the portal.

        On the portal anything may; pages of an off-portal column may lead only
        to addresses under the column's own (or, for endpoints, its host).
        """
        url = url_key(url)
        if visit.area is None:
            return self.record.scope.contains(url)
        if visit.area.contains(url):
            return True
        return same_host and host_of(url) == visit.area.host

    def offer(
        self,
        source: Visit,
        url: str,
        intent: str,
        *,
        chain: str | None = None,
        page: int | None = None,
        area: Area | None = None,
    ) -> None:
        """Queue a visit found on `source` (rendered when always rendering)."""
        render = self.crawl.render_javascript == "always" and intent not in (
            intents.ATTACHMENT,
            intents.ENDPOINT,
        )
        inherited = None
        if intent in (intents.LIST, intents.ENDPOINT, intents.ENTRY):
            inherited = source.area
        self.frontier.offer(
            Visit(
                self.job.portal_id,
                url_key(url),
                intent,
                depth=source.depth if intent == intents.LIST else source.depth + 1,
                chain=chain,
                list_page=page,
                render=render,
                area=area or inherited,
            )
        )

    def wants_screenshot(self, visit: Visit, role: str) -> bool:
        """Whether a page is a homepage or column page to capture."""
        if not self.screenshots or visit.again or role == "other":
            return False  # "other": a stub root that forwards to the homepage
        return visit.intent in (intents.HOMEPAGE, intents.COLUMN)

    # Link checks

    def queue_link_checks(self, known: dict[str, CheckResult]) -> int:
        """Queue HEAD checks of the targets left without a status; return how many."""
        internal, external = choose_link_checks(self.record, self.crawl, known)
        for url in internal + external:
            self.frontier.offer(
                Visit(self.job.portal_id, url, intents.CHECK, method="HEAD")
            )
        if internal or external:
            logger.debug(
                "Checking %s link targets on and %s off portal %s",
                len(internal),
                len(external),
                self.job.unit_key,
                extra=self.log_extra,
            )
        return len(internal) + len(external)

    def read_check(
        self, visit: Visit, status: int | None, error: str | None
    ) -> CheckResult | None:
        """Keep a check's outcome, or confirm a refused HEAD with GET."""
        if error == DISALLOWED:
            return None
        if visit.method == "HEAD" and needs_get_retry(status, error):
            self.frontier.offer(
                Visit(self.job.portal_id, visit.url, intents.CHECK, method="GET")
            )
            return None
        result = check_result(status, error)
        self.record.checks[visit.url] = result
        return result

    # The end

    def finish(self, reason: str | None = None) -> FinishedPortal:
        """Assemble the portal's snapshot and final state, and log the outcome."""
        return finish_portal(self.record, self.crawl, reason, self.log_extra)


def dated_pages(facts: PageFacts) -> list:
    """Return the dated links of a page that lead to pages, not to files.

    Blocks of dated links outside the main list (a homepage's news blocks,
    a sidebar) are fetched as entries; a dated file link is an attachment.
    """
    return [item for item in facts.dated_links if looks_like_page(item.url)]
