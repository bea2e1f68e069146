"""What the extractor reads from one page: plain data the spider stores.

The extractor (`crawler.extract`) turns a page's bytes into a `PageFacts`;
the spider decides what to fetch next from it and writes it to the store.
Keeping these as plain dataclasses lets `zwgk extract` print them as JSON and
lets tests compare them field by field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class ListItem:
    """One entry of a column's list: a title, where it leads and its date."""

    title: str
    url: str
    date: date | None = None


@dataclass
class LinkRef:
    """One link of a page. `kind` is a, iframe, img, script or css."""

    url: str
    text: str = ""
    in_navigation: bool = False
    kind: str = "a"


@dataclass
class ColumnRef:
    """A column named on a page, and where on the page it was found.

    `discovered_from` is navigation, catalogue, breadcrumb, heading or iframe.
    """

    name: str
    url: str
    discovered_from: str = "navigation"
    parent_name: str | None = None


@dataclass
class Attachment:
    """A file attached to a disclosure."""

    name: str
    url: str
    type: str = ""


@dataclass
class Contact:
    """A contact person named on a page, with a telephone number when shown."""

    name: str
    telephone: str = ""


@dataclass
class PageFacts:
    """Everything the extractor reads from one page."""

    url: str
    encoding: str = ""
    html_title: str = ""
    # disclosure (it shows disclosure metadata), list (a column's list) or other.
    kind: str = "other"
    # Disclosure metadata.
    title: str | None = None
    published: date | None = None
    # table, meta, text or written (only a 成文日期 was shown)
    published_source: str | None = None
    written: date | None = None
    index_no: str | None = None
    doc_no: str | None = None
    publisher: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    # {"urls": [...], "doc_nos": [...], "titles": [...]}
    source_refs: dict[str, list[str]] = field(default_factory=dict)
    # List page content.
    column_name: str | None = None
    items: list[ListItem] = field(default_factory=list)
    pagination_urls: list[str] = field(default_factory=list)
    # Entries a datastore list shows per page (Hanweb's perpage): the page
    # holds several pages' worth of entries. None: the entries are one page.
    records_per_page: int | None = None
    # Endpoints a list script fetches its entries from (JSON lists).
    list_endpoints: list[str] = field(default_factory=list)
    # The page has list scripts but no entries in its static HTML.
    needs_javascript: bool = False
    # Where a stub page's script forwards the visitor (location.href = ...).
    script_redirect: str | None = None
    # The list says there is nothing to show (暂无信息).
    empty_notice: bool = False
    # Every dated link of the page, from all its lists (a homepage has several).
    dated_links: list[ListItem] = field(default_factory=list)
    # Page structure.
    links: list[LinkRef] = field(default_factory=list)
    columns: list[ColumnRef] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    text: str = ""
    footer_text: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        """Return the facts as JSON-ready values (dates as ISO strings)."""
        return _jsonable(asdict(self))


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
