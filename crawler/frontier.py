"""What the crawler still has to fetch on one portal, best first.

Each portal keeps its own frontier instead of handing everything to Scrapy's
scheduler, for two reasons. The page limit must not be spent on deep link
following before the disclosures are read: a list entry found late still goes
before a link found early, because requests leave the frontier only as the
portal has room for them. And a portal's end is known exactly (nothing queued,
nothing in flight), which is when its snapshot is written.

Visits are keyed by URL (without fragment); a visit offered again with a
better intent replaces the queued one.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

from crawler.scope import Area, folder_form

# What a request is for; the order of the priorities is the order of fetching.
HOMEPAGE = "homepage"
START = "start"
COLUMN = "column"
IFRAME = "iframe"
ENDPOINT = "endpoint"
LIST = "list"
ENTRY = "entry"
ATTACHMENT = "attachment"
FOLLOW = "follow"
SCREENSHOT = "screenshot"
CHECK = "check"

PRIORITIES = {
    HOMEPAGE: 100,
    START: 95,
    COLUMN: 80,
    IFRAME: 78,
    ENDPOINT: 75,
    LIST: 70,
    ENTRY: 60,
    ATTACHMENT: 50,
    SCREENSHOT: 45,
    FOLLOW: 20,
    CHECK: 10,
}

# Intents that fetch a page of the portal and count against its page limit.
PAGE_INTENTS = frozenset(
    {HOMEPAGE, START, COLUMN, IFRAME, ENDPOINT, LIST, ENTRY, ATTACHMENT, FOLLOW}
)


@dataclass(slots=True)
class Visit:
    """One request the crawler means to make for a portal, and why."""

    portal_id: int
    url: str
    intent: str
    depth: int = 0
    # The first page of the list this page continues, and its page number.
    chain: str | None = None
    list_page: int | None = None
    # Fetch through Chromium (a list filled by script, or render_javascript=always).
    render: bool = False
    # A second reading of a page already fetched (rendered after a static read):
    # it neither spends the page budget nor counts as a new page.
    again: bool = False
    # For pages of an off-portal column: the area they are read under.
    area: Area | None = None
    method: str = "GET"
    # Keyed by its exact address, not its folder: the homepage a stub root
    # forwards to may be index.html in the root's own folder.
    exact: bool = False

    @property
    def priority(self) -> int:
        """Scheduling priority: intent first, then shallow before deep."""
        base = PRIORITIES[self.intent]
        if self.intent == FOLLOW:
            return base - self.depth
        if self.intent in (LIST, ENTRY) and self.list_page:
            return base - min(self.list_page, 9)
        return base + (1 if self.again else 0)

    @property
    def key(self) -> tuple[str, str]:
        """Identity in the frontier: page intents share one key per URL."""
        if self.exact:
            return ("exact", self.url)
        if self.intent in PAGE_INTENTS and not self.again:
            return ("page", folder_form(self.url))
        if self.again:
            return ("again", self.url)
        return (self.intent, f"{self.method} {self.url}")


@dataclass
class PortalFrontier:
    """The queued visits of one portal, the page budget and the list limits.

    Page visits and other visits (screenshots, link checks, renderings) wait
    in separate heaps, so that an exhausted page budget costs nothing.
    """

    max_pages: int
    max_list_pages: int
    pages_dispatched: int = 0
    _pages: list = field(default_factory=list)
    _others: list = field(default_factory=list)
    _queued: dict = field(default_factory=dict)
    _taken: set = field(default_factory=set)
    _chains: dict = field(default_factory=dict)
    _order: itertools.count = field(default_factory=itertools.count)

    def offer(self, visit: Visit) -> bool:
        """Queue `visit` unless its URL was taken already; True when queued."""
        key = visit.key
        if key in self._taken:
            return False
        queued = self._queued.get(key)
        if queued is not None and queued.priority >= visit.priority:
            return False
        if visit.intent == LIST and queued is None:
            chain = visit.chain or visit.url
            if self._chains.get(chain, 1) >= self.max_list_pages:
                return False
            self._chains[chain] = self._chains.get(chain, 1) + 1
        self._queued[key] = visit
        heap = self._pages if counts_as_page(visit) else self._others
        heapq.heappush(heap, (-visit.priority, next(self._order), visit))
        return True

    def mark_taken(self, url: str) -> None:
        """Record a page URL as fetched (a redirect's target) so it is not queued."""
        key = ("page", folder_form(url))
        self._taken.add(key)
        self._queued.pop(key, None)

    def is_taken(self, url: str) -> bool:
        """Whether the page at `url` was fetched or is in flight."""
        return ("page", folder_form(url)) in self._taken

    def take(self) -> Visit | None:
        """Return the best queued visit the page budget allows, or None."""
        page = (
            self._top(self._pages) if self.pages_dispatched < self.max_pages else None
        )
        other = self._top(self._others)
        if page is None and other is None:
            return None
        if other is None or (page is not None and page.priority >= other.priority):
            heapq.heappop(self._pages)
            visit = page
            self.pages_dispatched += 1
        else:
            heapq.heappop(self._others)
            visit = other
        del self._queued[visit.key]
        self._taken.add(visit.key)
        return visit

    def _top(self, heap: list) -> Visit | None:
        while heap:
            visit = heap[0][2]
            if self._queued.get(visit.key) is visit:
                return visit
            heapq.heappop(heap)
        return None

    def has_work(self) -> bool:
        """Whether a visit could still be taken within the budget."""
        if self._top(self._others) is not None:
            return True
        return (
            self.pages_dispatched < self.max_pages
            and self._top(self._pages) is not None
        )

    def left_over(self) -> list[Visit]:
        """Return the queued visits the page budget left unfetched."""
        return [visit for visit in self._queued.values() if counts_as_page(visit)]

    def clear(self) -> None:
        """Forget every queued visit (the portal is being closed)."""
        self._pages.clear()
        self._others.clear()
        self._queued.clear()


def counts_as_page(visit: Visit) -> bool:
    """Whether `visit` fetches a page of the portal and spends the page budget."""
    return visit.intent in PAGE_INTENTS and not visit.again
