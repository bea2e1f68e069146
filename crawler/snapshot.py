"""Turn what one portal's crawl saw into the rows of its snapshot.

Stages:
1. columns: every column named on a page of the portal, one per URL, with
   where it was named, its parent, its status and its list pages;
2. disclosures: one per list entry per column, merged with what the entry's
   own page shows; disclosure pages in no column's list get no column;
3. links: one per source page and target, with the target's status from the
   crawl or from a check.

The drafts are plain dicts of model fields; pages are named by URL and the
writer turns URLs into page ids.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from crawler.facts import ListItem
from crawler.record import DisclosureFacts, PortalRecord
from crawler.scope import folder_form, url_key

# Where a column was named, most telling first: the name kept for a URL
# named twice comes from the best source.
SOURCE_RANK = {"navigation": 0, "catalogue": 1, "iframe": 2, "heading": 3}


@dataclass
class ColumnDraft:
    """A column row before it has an id."""

    name: str
    url: str
    discovered_from: str
    on_homepage: bool
    is_external: bool
    parent_name: str | None = None
    # Pages that name the column, first sighting first.
    source_urls: list[str] = field(default_factory=list)
    parent_index: int | None = None
    status: int | None = None
    list_pages: int = 0
    empty_notice: bool = False
    # (list item, list page number) of every entry, first listing first.
    entries: list[tuple[ListItem, int]] = field(default_factory=list)

    def row(self) -> dict:
        """Return the column's fields for the store (parent set by the writer)."""
        return {
            "name": self.name[:300],
            "url": self.url,
            "discovered_from": self.discovered_from,
            "on_homepage": self.on_homepage,
            "status": self.status,
            "list_pages": self.list_pages,
            "empty_notice": self.empty_notice,
            "is_external": self.is_external,
        }


@dataclass
class PortalSnapshot:
    """The rows of one portal's snapshot, pages named by URL."""

    columns: list[ColumnDraft]
    # Disclosure fields plus "column_index" and "page_url".
    disclosures: list[dict]
    # Link fields plus "source_url".
    links: list[dict]


def build_snapshot(record: PortalRecord, max_list_pages: int) -> PortalSnapshot:
    """Assemble the columns, disclosures and links of one portal."""
    # 1. columns
    frames = frames_by_page(record)
    columns = collect_columns(record, frames)
    for column in columns:
        read_column_lists(record, column, max_list_pages, frames)

    # 2. disclosures
    disclosures = column_disclosures(record, columns)
    disclosures.extend(unlisted_disclosures(record, columns))

    # 3. links
    links = link_rows(record)
    return PortalSnapshot(columns, disclosures, links)


def frames_by_page(record: PortalRecord) -> dict[str, list[str]]:
    """Return the URLs of the frames of each page, by page URL."""
    frames: dict[str, list[str]] = {}
    for link in record.links.values():
        if link.kind == "iframe":
            frames.setdefault(link.source_url, []).append(link.target_url)
    return frames


def collect_columns(
    record: PortalRecord, frames: dict[str, list[str]]
) -> list[ColumnDraft]:
    """Return one draft per column URL named on the portal, parents linked."""
    by_url: dict[str, ColumnDraft] = {}
    homepage_targets = {
        link.target_url
        for link in record.links.values()
        if record.is_homepage_or_frame(link.source_url)
    }
    for sighting in record.columns:
        ref = sighting.ref
        url = url_key(ref.url)
        if record.is_homepage(url) or not url.startswith(("http://", "https://")):
            continue
        on_homepage = sighting.on_homepage or url in homepage_targets
        known = by_url.get(folder_form(url))
        if known is None:
            by_url[folder_form(url)] = ColumnDraft(
                name=ref.name.strip() or url,
                url=url,
                discovered_from=ref.discovered_from,
                on_homepage=on_homepage,
                is_external=not record.scope.contains(url),
                parent_name=ref.parent_name,
                source_urls=[sighting.source_url],
            )
            continue
        known.source_urls.append(sighting.source_url)
        known.on_homepage = known.on_homepage or on_homepage
        if _rank(ref.discovered_from) < _rank(known.discovered_from):
            known.name = ref.name.strip() or known.name
            known.discovered_from = ref.discovered_from
        if known.parent_name is None and ref.parent_name:
            known.parent_name = ref.parent_name
    fold_framed_lists(record, by_url, frames)
    columns = list(by_url.values())
    link_parents(columns)
    return columns


def fold_framed_lists(
    record: PortalRecord, by_url: dict[str, ColumnDraft], frames: dict[str, list[str]]
) -> None:
    """Let a column page that frames its list own the frame's column.

    The frame is named as a column of its own (by its title) where it is
    embedded; it is the same column as the page embedding it.
    """
    for key, column in list(by_url.items()):
        if key not in by_url or _has_entries(record, column.url):
            continue
        for frame in frames.get(column.url, []):
            framed = by_url.get(folder_form(frame))
            if framed is None or framed is column or framed.discovered_from != "iframe":
                continue
            column.on_homepage = column.on_homepage or framed.on_homepage
            del by_url[folder_form(frame)]


def _rank(source: str) -> int:
    return SOURCE_RANK.get(source, len(SOURCE_RANK))


def link_parents(columns: list[ColumnDraft]) -> None:
    """Set each column's parent: the column its page names as such, else for a
    column of the 信息公开 catalogue the column whose page shows the catalogue.
    """
    by_name: dict[str, int] = {}
    by_url: dict[str, int] = {}
    for index, column in enumerate(columns):
        by_name.setdefault(column.name, index)
        by_url[folder_form(column.url)] = index
    for index, column in enumerate(columns):
        parent = None
        if column.parent_name:
            parent = by_name.get(column.parent_name.strip())
        if parent is None and column.discovered_from == "catalogue":
            # Catalogue columns repeat the tree in a side bar; the parent is
            # the page showing the tree that is not itself in it.
            hosts = [by_url.get(folder_form(url)) for url in column.source_urls]
            parent = next(
                (
                    host
                    for host in hosts
                    if host is not None and columns[host].discovered_from != "catalogue"
                ),
                None,
            )
        if parent is not None and parent != index:
            column.parent_index = parent


def read_column_lists(
    record: PortalRecord,
    column: ColumnDraft,
    limit: int,
    frames: dict[str, list[str]],
) -> None:
    """Fill a column's status, list pages, empty notice and entries."""
    outcome = record.outcome_of(column.url)
    column.status = outcome.status if outcome else None
    pages = list_chain(record, column.url, limit)
    if not _has_entries(record, column.url):
        # A column page that frames its list: the frame's pages are the list.
        for frame in frames.get(column.url, []):
            if _has_entries(record, frame) or frame in record.list_views:
                pages.extend(list_chain(record, frame, limit))
    seen: set[str] = set()
    for number, page_url in pages:
        page_view = record.list_view(page_url)
        page_outcome = record.outcome_of(page_url)
        if page_outcome is not None and page_outcome.ok:
            column.list_pages += 1
        if page_view is None:
            continue
        column.empty_notice = column.empty_notice or page_view.empty_notice
        numbered = _displayed_pages(
            entries_of(record, page_url), page_url, number, page_view.records_per_page
        )
        for endpoint in page_view.list_endpoints:
            # An endpoint's later pages are the list's later pages.
            for later, url in list_chain(record, url_key(endpoint), limit)[1:]:
                later_view = record.list_view(url)
                items = later_view.items if later_view else []
                numbered.extend((item, number + later - 1) for item in items)
        for item, page_number in numbered:
            key = url_key(item.url)
            if key not in seen:
                seen.add(key)
                column.entries.append((item, page_number))


def _displayed_pages(
    items: list[ListItem], page_url: str, number: int, per_page: int | None
) -> list[tuple[ListItem, int]]:
    """Return each entry with the list page a visitor sees it on.

    A datastore page holds several pages' worth of records, shown `per_page`
    at a time; a data proxy answer (startrecord=31&perpage=10) starts on the
    page its first record falls on. Other lists show a page's entries at once.
    """
    query = {
        key.lower(): value
        for key, value in parse_qsl(urlsplit(page_url).query)
        if value.isdigit()
    }
    size = per_page or int(query.get("perpage", 0)) or None
    if size and "startrecord" in query:
        number = max(int(query["startrecord"]) - 1, 0) // size + 1
    if not size:
        return [(item, number) for item in items]
    return [(item, number + index // size) for index, item in enumerate(items)]


def _has_entries(record: PortalRecord, url: str) -> bool:
    return bool(entries_of(record, url))


def entries_of(record: PortalRecord, url: str) -> list[ListItem]:
    """Return the entries of a list page, those its endpoints return included."""
    view = record.list_view(url)
    if view is None:
        return []
    items = list(view.items)
    for endpoint in view.list_endpoints:
        endpoint_view = record.list_view(url_key(endpoint))
        if endpoint_view is not None:
            items.extend(endpoint_view.items)
    return items


def list_chain(record: PortalRecord, first: str, limit: int) -> list[tuple[int, str]]:
    """Return (page number, URL) of a list's pages, following its pagination.

    The pages are those the pagination links reach from the first page. They
    are numbered by the number their URLs differ in (index_2.htm, page=3,
    startrecord=46) when they share one pattern, else in the order the links
    name them, breadth first.
    """
    found = [first]
    seen = {folder_form(first)}
    queue = deque([first])
    while queue and len(found) < limit:
        view = record.list_view(queue.popleft())
        if view is None:
            continue
        for url in view.pagination_urls:
            key = url_key(url)
            if folder_form(key) not in seen and len(found) < limit:
                seen.add(folder_form(key))
                found.append(key)
                queue.append(key)
    return list(enumerate([first, *order_by_page_number(found[1:])], start=1))


def order_by_page_number(urls: list[str]) -> list[str]:
    """Sort list page URLs by the numbers they differ in, when they share a pattern."""
    patterns = {re.sub(r"\d+", "#", url) for url in urls}
    if len(patterns) != 1:
        return urls
    return sorted(urls, key=lambda url: [int(n) for n in re.findall(r"\d+", url)])


def column_disclosures(record: PortalRecord, columns: list[ColumnDraft]) -> list[dict]:
    """Return one disclosure per entry of each column's lists."""
    rows = []
    for index, column in enumerate(columns):
        for item, number in column.entries:
            key = url_key(item.url)
            rows.append(
                disclosure_row(record, key, item.title, item.date, number, index)
            )
    return rows


def unlisted_disclosures(
    record: PortalRecord, columns: list[ColumnDraft]
) -> list[dict]:
    """Return disclosures whose pages were fetched but are in no column's list."""
    listed = {url_key(item.url) for column in columns for item, _ in column.entries}
    rows = []
    for key in record.disclosures:
        if key in listed:
            continue
        outcome = record.outcome_of(key)
        if outcome is None or outcome.role != "disclosure":
            continue
        item = record.entries.get(key)
        rows.append(
            disclosure_row(
                record,
                key,
                item.title if item else "",
                item.date if item else None,
                None,
                None,
            )
        )
    return rows


def disclosure_row(
    record: PortalRecord,
    url: str,
    list_title: str,
    list_date,
    list_page: int | None,
    column_index: int | None,
) -> dict:
    """Merge a list entry with what its page shows, as disclosure fields."""
    facts = record.disclosures.get(url)
    outcome = record.outcome_of(url)
    row = {
        "url": url,
        "title": list_title,
        "list_page": list_page,
        "list_date": list_date,
        "column_index": column_index,
        "page_url": url if outcome is not None else None,
        "written": None,
        "index_no": None,
        "doc_no": None,
        "publisher": None,
        "attachments": [],
        "fields": {},
        "contacts": [],
        "source_refs": {},
    }
    published, source = choose_published(facts, list_date)
    row.update(published=published, published_source=source)
    if facts is None:
        return row
    row.update(
        title=facts.title or list_title,
        written=facts.written,
        index_no=_cut(facts.index_no, 200),
        doc_no=_cut(facts.doc_no, 200),
        publisher=_cut(facts.publisher, 300),
        attachments=facts.attachments,
        fields=facts.fields,
        contacts=facts.contacts,
        source_refs=facts.source_refs,
    )
    return row


def choose_published(facts: DisclosureFacts | None, list_date):
    """Return (publication date, where it came from) for a disclosure.

    The page's own 发布日期 (table, meta tag or text) comes first, then the date
    beside the entry on its list, then a 成文日期 when that is all there is.
    """
    if facts is not None and facts.published and facts.published_source != "written":
        return facts.published, facts.published_source
    if list_date is not None:
        return list_date, "list"
    if facts is not None and facts.published:
        return facts.published, facts.published_source or "written"
    if facts is not None and facts.written:
        return facts.written, "written"
    return None, None


def _cut(value: str | None, size: int) -> str | None:
    return value[:size] if value else value


def link_rows(record: PortalRecord) -> list[dict]:
    """Return the link rows of the portal, with each target's status."""
    rows = []
    for link in record.links.values():
        status, error, checked_at = target_state(record, link.target_url)
        rows.append(
            {
                "source_url": link.source_url,
                "target_url": link.target_url,
                "text": link.text,
                "in_navigation": link.in_navigation,
                "is_external": link.is_external,
                "kind": link.kind,
                "target_status": status,
                "target_error": error,
                "checked_at": checked_at,
            }
        )
    return rows


def target_state(record: PortalRecord, url: str):
    """Return (status, error, checked_at) of a link target, None when unknown."""
    outcome = record.outcome_of(url)
    if outcome is not None and not outcome.disallowed:
        return outcome.status, outcome.error, record.fetched_at.get(url)
    check = record.checks.get(url)
    if check is not None:
        return check.status, check.error, check.checked_at
    return None, None, None
