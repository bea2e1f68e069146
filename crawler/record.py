"""What the crawl of one portal saw, kept until the portal's snapshot is written.

Pages go to the store as they are fetched; what the snapshot needs at the end
of the portal (outcome of every URL, list views, columns named on pages,
links, disclosure metadata, screenshots) stays here in compact form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.facts import ColumnRef, ListItem, PageFacts
from crawler.scope import PortalScope, folder_form


@dataclass(slots=True)
class Outcome:
    """How a request of one URL ended."""

    status: int | None
    error: str | None
    final_url: str
    role: str
    # The request was refused by robots.txt: not a broken link.
    disallowed: bool = False

    @property
    def ok(self) -> bool:
        """Whether the URL answered 2xx."""
        return self.status is not None and 200 <= self.status < 300


@dataclass
class ListView:
    """The list content of one page: entries, pagination and endpoints."""

    items: list[ListItem] = field(default_factory=list)
    pagination_urls: list[str] = field(default_factory=list)
    list_endpoints: list[str] = field(default_factory=list)
    empty_notice: bool = False
    records_per_page: int | None = None

    @classmethod
    def of(cls, facts: PageFacts) -> ListView:
        """Return the list view of a page's facts."""
        return cls(
            items=list(facts.items),
            pagination_urls=list(facts.pagination_urls),
            list_endpoints=list(facts.list_endpoints),
            empty_notice=facts.empty_notice,
            records_per_page=facts.records_per_page,
        )

    def merge(self, other: ListView) -> None:
        """Add what a second reading of the page (rendered) found."""
        known = {item.url for item in self.items}
        self.items.extend(item for item in other.items if item.url not in known)
        for name in ("pagination_urls", "list_endpoints"):
            values = getattr(self, name)
            values.extend(url for url in getattr(other, name) if url not in values)
        self.empty_notice = self.empty_notice or other.empty_notice
        self.records_per_page = self.records_per_page or other.records_per_page


@dataclass(slots=True)
class DisclosureFacts:
    """What a disclosure's own page shows."""

    title: str | None
    published: date | None
    published_source: str | None
    written: date | None
    index_no: str | None
    doc_no: str | None
    publisher: str | None
    attachments: list[dict]
    fields: dict
    contacts: list[dict]
    source_refs: dict

    @classmethod
    def of(cls, facts: PageFacts) -> DisclosureFacts:
        """Return the disclosure metadata of a page's facts."""
        return cls(
            title=facts.title,
            published=facts.published,
            published_source=facts.published_source,
            written=facts.written,
            index_no=facts.index_no,
            doc_no=facts.doc_no,
            publisher=facts.publisher,
            attachments=[
                {"name": item.name, "url": item.url, "type": item.type}
                for item in facts.attachments
            ],
            fields=dict(facts.fields),
            contacts=[
                {"name": item.name, "telephone": item.telephone}
                for item in facts.contacts
            ],
            source_refs={key: list(value) for key, value in facts.source_refs.items()},
        )


@dataclass(slots=True)
class ColumnSighting:
    """A column named on a page of the portal."""

    ref: ColumnRef
    source_url: str
    # The page naming it is the homepage or a frame of the homepage.
    on_homepage: bool


@dataclass(slots=True)
class LinkSighting:
    """A link found on a page of the portal."""

    source_url: str
    target_url: str
    text: str
    in_navigation: bool
    kind: str
    is_external: bool


@dataclass(slots=True)
class CheckResult:
    """The status of a link target checked apart from the crawl."""

    status: int | None
    error: str | None
    checked_at: datetime


@dataclass
class PortalRecord:
    """Everything one portal's crawl saw that its snapshot still needs."""

    portal_id: int
    run_id: int
    unit_key: str
    base_url: str
    scope: PortalScope
    started_at: datetime
    # URL (without fragment) of the homepage as configured, and where it led.
    homepage_urls: set[str] = field(default_factory=set)
    # URLs of the pages framed in the homepage (their links count as its own).
    frame_urls: set[str] = field(default_factory=set)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    fetched_at: dict[str, datetime] = field(default_factory=dict)
    list_views: dict[str, ListView] = field(default_factory=dict)
    disclosures: dict[str, DisclosureFacts] = field(default_factory=dict)
    # URL of every list entry (any list), with the first item naming it.
    entries: dict[str, ListItem] = field(default_factory=dict)
    columns: list[ColumnSighting] = field(default_factory=list)
    links: dict[tuple[str, str], LinkSighting] = field(default_factory=dict)
    checks: dict[str, CheckResult] = field(default_factory=dict)
    evidence: list[dict] = field(default_factory=list)
    pages_stored: int = 0
    pages_failed: int = 0
    pages_disallowed: int = 0
    homepage_error: str | None = None

    def record_outcome(self, url: str, outcome: Outcome) -> None:
        """Keep how the request of `url` ended, also under its final URL."""
        self.outcomes[url] = outcome
        self.fetched_at[url] = datetime.now()
        if outcome.final_url and outcome.final_url not in self.outcomes:
            self.outcomes[outcome.final_url] = outcome
            self.fetched_at[outcome.final_url] = self.fetched_at[url]

    def outcome_of(self, url: str) -> Outcome | None:
        """Return how the request of `url` (or of its folder form) ended."""
        outcome = self.outcomes.get(url)
        return outcome if outcome is not None else self.outcomes.get(folder_form(url))

    def list_view(self, url: str) -> ListView | None:
        """Return the list view of the page at `url` (or at its folder form)."""
        view = self.list_views.get(url)
        return view if view is not None else self.list_views.get(folder_form(url))

    def is_homepage_or_frame(self, url: str) -> bool:
        """Whether `url` is the homepage or a page framed in it."""
        return url in self.frame_urls or self.is_homepage(url)

    def is_homepage(self, url: str) -> bool:
        """Whether `url` is the homepage, also under another name (/index.html)."""
        return url in self.homepage_urls or folder_form(url) in self.homepage_urls

    def add_link(self, sighting: LinkSighting) -> None:
        """Keep one link per source page and target."""
        key = (sighting.source_url, sighting.target_url)
        if key not in self.links:
            self.links[key] = sighting
