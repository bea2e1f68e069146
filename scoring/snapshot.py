"""One unit's part of a run's snapshot, loaded once and read by every rule.

Rules never query the store themselves: the engine loads the rows of a batch
of units with one query per table, and each rule reads the unit's
`UnitSnapshot` and the indexes it builds on first use (pages by URL, links
from the homepage, disclosures by column, ...).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from urllib.parse import urldefrag

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import (
    Column,
    Disclosure,
    EvidenceFile,
    Link,
    Page,
    Portal,
    Probe,
    Unit,
)


@dataclass(slots=True)
class PortalRow:
    """A portal of the unit, as the crawl left it."""

    id: int
    unit_id: int
    base_url: str
    status: str
    error: str | None


@dataclass(slots=True)
class PageRow:
    """A fetched (or failed) page, with its text for the rules that read it."""

    id: int
    portal_id: int
    url: str
    final_url: str | None
    status: int | None
    fetched_at: datetime | None
    elapsed_seconds: float | None
    title: str | None
    role: str
    error: str | None
    text: str | None
    footer_text: str | None
    meta: dict

    @property
    def ok(self) -> bool:
        """Whether the page answered 2xx."""
        return self.status is not None and 200 <= self.status < 300


@dataclass(slots=True)
class LinkRow:
    """A link found on a page, with its target's status."""

    portal_id: int
    source_page_id: int
    target_url: str
    text: str
    in_navigation: bool
    is_external: bool
    kind: str
    target_status: int | None
    target_error: str | None


@dataclass(slots=True)
class ColumnRow:
    """A column of the portal."""

    id: int
    portal_id: int
    name: str
    url: str
    parent_id: int | None
    discovered_from: str
    on_homepage: bool
    status: int | None
    list_pages: int
    empty_notice: bool
    is_external: bool

    @property
    def ok(self) -> bool:
        """Whether the column's first page answered 2xx."""
        return self.status is not None and 200 <= self.status < 300


@dataclass(slots=True)
class DisclosureRow:
    """A disclosure: a list entry of a column, or a page reached by a link."""

    id: int
    portal_id: int
    column_id: int | None
    page_id: int | None
    url: str
    title: str
    list_page: int | None
    list_date: date | None
    published: date | None
    published_source: str | None
    written: date | None
    index_no: str | None
    doc_no: str | None
    publisher: str | None
    attachments: list
    fields: dict
    contacts: list
    source_refs: dict


@dataclass(slots=True)
class ProbeRow:
    """One request of the homepage for availability."""

    portal_id: int
    url: str
    started_at: datetime
    status: int | None
    elapsed_seconds: float | None
    error: str | None


def canonical_url(url: str) -> str:
    """Return `url` without its fragment, for comparing link targets and pages."""
    url = url.strip()
    return urldefrag(url)[0] if "#" in url else url


@dataclass
class UnitSnapshot:
    """Everything the crawler stored about one unit's portals in one run."""

    key: str
    name: str
    tags: list[str]
    portals: list[PortalRow] = field(default_factory=list)
    pages: list[PageRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    columns: list[ColumnRow] = field(default_factory=list)
    disclosures: list[DisclosureRow] = field(default_factory=list)
    probes: list[ProbeRow] = field(default_factory=list)
    screenshots: dict[str, str] = field(default_factory=dict)

    @cached_property
    def pages_by_id(self) -> dict[int, PageRow]:
        """Pages by row id."""
        return {page.id: page for page in self.pages}

    @cached_property
    def pages_by_url(self) -> dict[str, PageRow]:
        """Pages by canonical URL (and final URL after redirects)."""
        found: dict[str, PageRow] = {}
        for page in self.pages:
            for url in (page.url, page.final_url):
                if url:
                    key = canonical_url(url)
                    # A fetched copy wins over a failed one.
                    if key not in found or (page.ok and not found[key].ok):
                        found[key] = page
        return found

    @cached_property
    def homepages(self) -> list[PageRow]:
        """The homepage rows, one per portal that got that far."""
        return [page for page in self.pages if page.role == "homepage"]

    @cached_property
    def homepage(self) -> PageRow | None:
        """The fetched homepage of the first portal, or None when none answered 2xx."""
        return next((page for page in self.homepages if page.ok), None)

    @cached_property
    def homepage_ids(self) -> set[int]:
        """Row ids of the homepage pages that answered."""
        return {page.id for page in self.homepages if page.ok}

    @cached_property
    def homepage_link_targets(self) -> set[str]:
        """Canonical URLs every fetched homepage links to."""
        return {
            canonical_url(link.target_url)
            for link in self.links
            if link.source_page_id in self.homepage_ids
        }

    @cached_property
    def links_by_source(self) -> dict[int, list[LinkRow]]:
        """Links by the row id of the page they were found on."""
        found: dict[int, list[LinkRow]] = defaultdict(list)
        for link in self.links:
            found[link.source_page_id].append(link)
        return found

    @cached_property
    def columns_by_id(self) -> dict[int, ColumnRow]:
        """Columns by row id."""
        return {column.id: column for column in self.columns}

    @cached_property
    def column_children(self) -> dict[int, list[int]]:
        """Child column ids by parent column id."""
        found: dict[int, list[int]] = defaultdict(list)
        for column in self.columns:
            if column.parent_id is not None:
                found[column.parent_id].append(column.id)
        return found

    @cached_property
    def disclosures_by_column(self) -> dict[int | None, list[DisclosureRow]]:
        """Disclosures by the id of the column that lists them."""
        found: dict[int | None, list[DisclosureRow]] = defaultdict(list)
        for disclosure in self.disclosures:
            found[disclosure.column_id].append(disclosure)
        return found

    @cached_property
    def disclosures_by_url(self) -> dict[str, list[DisclosureRow]]:
        """Disclosure rows by canonical URL (one per column that lists it)."""
        found: dict[str, list[DisclosureRow]] = defaultdict(list)
        for disclosure in self.disclosures:
            found[canonical_url(disclosure.url)].append(disclosure)
        return found

    @property
    def unreachable_reason(self) -> str | None:
        """Why nothing of the portals can be judged, or None when something can."""
        if not self.portals:
            return "该单位没有抓取到任何网站"
        if all(portal.status == "error" for portal in self.portals):
            errors = "; ".join(portal.error or "" for portal in self.portals).strip()
            return f"网站无法抓取（{errors or '未记录原因'}）"
        if self.homepage is None:
            return "首页未能抓取"
        return None

    def descendants(self, column_ids: set[int]) -> set[int]:
        """Return `column_ids` with the ids of all their sub-columns."""
        found = set(column_ids)
        stack = list(column_ids)
        while stack:
            for child in self.column_children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    def ancestors(self, column_id: int | None) -> list[ColumnRow]:
        """Return the column and its parents, nearest first."""
        chain: list[ColumnRow] = []
        seen: set[int] = set()
        while column_id is not None and column_id not in seen:
            seen.add(column_id)
            column = self.columns_by_id.get(column_id)
            if column is None:
                break
            chain.append(column)
            column_id = column.parent_id
        return chain

    def page_of(self, disclosure: DisclosureRow) -> PageRow | None:
        """Return the detail page of a disclosure, when it was stored."""
        if disclosure.page_id is not None:
            page = self.pages_by_id.get(disclosure.page_id)
            if page is not None:
                return page
        return self.pages_by_url.get(canonical_url(disclosure.url))

    def screenshot_of(self, url: str | None) -> str | None:
        """Return the stored screenshot path of the page at `url`, if any."""
        if not url:
            return None
        return self.screenshots.get(canonical_url(url))


_PORTAL_FIELDS = (
    Portal.id,
    Portal.unit_id,
    Portal.base_url,
    Portal.status,
    Portal.error,
)
_PAGE_FIELDS = (
    Page.id,
    Page.portal_id,
    Page.url,
    Page.final_url,
    Page.status,
    Page.fetched_at,
    Page.elapsed_seconds,
    Page.title,
    Page.role,
    Page.error,
    Page.text,
    Page.footer_text,
    Page.meta,
)
_LINK_FIELDS = (
    Link.portal_id,
    Link.source_page_id,
    Link.target_url,
    Link.text,
    Link.in_navigation,
    Link.is_external,
    Link.kind,
    Link.target_status,
    Link.target_error,
)
_COLUMN_FIELDS = (
    Column.id,
    Column.portal_id,
    Column.name,
    Column.url,
    Column.parent_id,
    Column.discovered_from,
    Column.on_homepage,
    Column.status,
    Column.list_pages,
    Column.empty_notice,
    Column.is_external,
)
_DISCLOSURE_FIELDS = (
    Disclosure.id,
    Disclosure.portal_id,
    Disclosure.column_id,
    Disclosure.page_id,
    Disclosure.url,
    Disclosure.title,
    Disclosure.list_page,
    Disclosure.list_date,
    Disclosure.published,
    Disclosure.published_source,
    Disclosure.written,
    Disclosure.index_no,
    Disclosure.doc_no,
    Disclosure.publisher,
    Disclosure.attachments,
    Disclosure.fields,
    Disclosure.contacts,
    Disclosure.source_refs,
)
_PROBE_FIELDS = (
    Probe.portal_id,
    Probe.url,
    Probe.started_at,
    Probe.status,
    Probe.elapsed_seconds,
    Probe.error,
)


def list_unit_ids(session: Session, run_id: int) -> list[int]:
    """Return the row ids of a run's units in a stable order."""
    return list(
        session.scalars(select(Unit.id).where(Unit.run_id == run_id).order_by(Unit.key))
    )


def load_unit_snapshots(session: Session, unit_ids: list[int]) -> list[UnitSnapshot]:
    """Load the snapshots of `unit_ids` with one query per table."""
    units = session.execute(
        select(Unit.id, Unit.key, Unit.name, Unit.tags).where(Unit.id.in_(unit_ids))
    ).all()
    snapshots = {
        row.id: UnitSnapshot(key=row.key, name=row.name, tags=list(row.tags or []))
        for row in units
    }
    portals = [
        PortalRow(*row)
        for row in session.execute(
            select(*_PORTAL_FIELDS)
            .where(Portal.unit_id.in_(unit_ids))
            .order_by(Portal.id)
        )
    ]
    by_portal: dict[int, UnitSnapshot] = {}
    for portal in portals:
        snapshot = snapshots[portal.unit_id]
        snapshot.portals.append(portal)
        by_portal[portal.id] = snapshot
    portal_ids = list(by_portal)
    if portal_ids:
        _load_rows(session, by_portal, portal_ids)
    return [snapshots[unit_id] for unit_id in unit_ids if unit_id in snapshots]


def _load_rows(
    session: Session, by_portal: dict[int, UnitSnapshot], portal_ids: list[int]
) -> None:
    connection = session.connection()
    for row in connection.execute(
        select(*_PAGE_FIELDS).where(Page.portal_id.in_(portal_ids)).order_by(Page.id)
    ):
        page = PageRow(*row)
        page.meta = page.meta or {}
        by_portal[page.portal_id].pages.append(page)
    for row in connection.execute(
        select(*_LINK_FIELDS).where(Link.portal_id.in_(portal_ids)).order_by(Link.id)
    ):
        link = LinkRow(*row)
        link.text = link.text or ""
        by_portal[link.portal_id].links.append(link)
    for row in connection.execute(
        select(*_COLUMN_FIELDS)
        .where(Column.portal_id.in_(portal_ids))
        .order_by(Column.id)
    ):
        by_portal[row.portal_id].columns.append(ColumnRow(*row))
    for row in connection.execute(
        select(*_DISCLOSURE_FIELDS)
        .where(Disclosure.portal_id.in_(portal_ids))
        .order_by(Disclosure.id)
    ):
        disclosure = DisclosureRow(*row)
        disclosure.title = disclosure.title or ""
        disclosure.attachments = disclosure.attachments or []
        disclosure.fields = disclosure.fields or {}
        disclosure.contacts = disclosure.contacts or []
        disclosure.source_refs = disclosure.source_refs or {}
        by_portal[disclosure.portal_id].disclosures.append(disclosure)
    for row in connection.execute(
        select(*_PROBE_FIELDS)
        .where(Probe.portal_id.in_(portal_ids))
        .order_by(Probe.started_at, Probe.id)
    ):
        by_portal[row.portal_id].probes.append(ProbeRow(*row))
    for row in connection.execute(
        select(EvidenceFile.portal_id, EvidenceFile.page_url, EvidenceFile.path)
        .where(
            EvidenceFile.portal_id.in_(portal_ids),
            EvidenceFile.kind == "screenshot",
        )
        .order_by(EvidenceFile.id)
    ):
        by_portal[row.portal_id].screenshots.setdefault(
            canonical_url(row.page_url), row.path
        )
