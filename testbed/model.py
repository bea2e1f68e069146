"""The simulated city as data: units, their columns and disclosures.

The city is plain data built by `testbed.city.build_city`; the style renderers
turn it into pages. Nothing here knows about HTML or ports.

Link targets inside the city are strings with a prefix, resolved when the
pages are rendered (the port is only known then):

    doc:<key>            a disclosure of the same unit
    doc:<unit>/<key>     a disclosure of another unit
    column:<key>         page 1 of a column of the same unit
    path:/a/b.html       a path on the same portal (may be unserved: a 404)
    portal:<unit>        another unit's homepage
    dead:/a/b.html       a path on 127.0.3.1, where nothing listens
    service:/conac/...   a path on the national-services host (127.0.2.2)
    credit:/sgs/         a path on the credit platform (127.0.2.1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Hosts of the city; unit n (1-based) is served at 127.0.1.<n>.
CREDIT_HOST = "127.0.2.1"
SERVICES_HOST = "127.0.2.2"
DEAD_HOST = "127.0.3.1"
MAX_UNITS = 254

STYLES = ("trs", "hanweb", "spa", "plain")
FOOTER_MARKS = ("sponsor", "site_code", "icp", "gongan", "conac")


def unit_host(number: int) -> str:
    """Return the loopback address of unit `number` (1-based)."""
    if not 1 <= number <= MAX_UNITS:
        raise ValueError(f"unit number {number} is outside 1..{MAX_UNITS}")
    return f"127.0.1.{number}"


@dataclass
class Attachment:
    """A file attached to a disclosure; `target` is a link target (see above)."""

    name: str
    target: str
    content: bytes = b""


@dataclass
class Doc:
    """One disclosure page.

    `template` is "document" (the 信息公开 header table), "article" (a news
    page with a 发布时间 line) or "record" (a 双公示 record of labelled fields).
    `published` is the date the page shows as its publication date (None: the
    page shows none); `written` is its 成文日期. `list_date` says how list
    pages show the date: "full", "yearless" (06-17) or "none".
    """

    key: str
    title: str
    published: date | None
    template: str = "article"
    written: date | None = None
    list_date: str = "full"
    doc_no: str | None = None
    publisher: str | None = None
    body: list[str] = field(default_factory=list)
    # (text, target) links shown under the body.
    links: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # (label, value) fields of a record.
    fields: list[tuple[str, str]] = field(default_factory=list)
    # Date stamped into the URL by stamping styles (not a publication date).
    url_date: date | None = None
    # Set when the city is finished: a number unique within the unit.
    number: int = 0
    index_no: str = ""

    @property
    def record_kind(self) -> str:
        """For a 双公示 record: "xk" (licensing) or "cf" (penalty)."""
        return "xk" if self.title.startswith("行政许可") else "cf"

    @property
    def stamp(self) -> date:
        """The date a CMS would stamp into this disclosure's URL."""
        return self.url_date or self.published or self.written or date(2016, 1, 4)


@dataclass
class Column:
    """A named section of a portal with its list of disclosures (newest first).

    `place` is "nav" (the navigation menu), "catalogue" (the 信息公开 tree) or
    "both"; `group` is the catalogue label the column sits under. A column
    with `host` "credit" lives on the credit platform, and the unit's portal
    links to it there.
    """

    key: str
    name: str
    docs: list[Doc] = field(default_factory=list)
    place: str = "catalogue"
    group: str | None = None
    home_block: bool = False
    empty_notice: bool = True
    iframe: bool = False
    host: str = "portal"
    # Number of the column in CMS ids (Hanweb columnid); set when finished.
    number: int = 0


@dataclass
class Unit:
    """A government body and its portal."""

    id: str
    number: int
    name: str
    short: str
    kind: str
    tags: list[str]
    style: str
    columns: list[Column] = field(default_factory=list)
    site_code: str = ""
    org_code: str = ""
    icp: str = ""
    gongan: str = ""
    footer_marks: tuple[str, ...] = FOOTER_MARKS
    # Text of the catalogue self-link ("政府信息公开目录"), or None.
    catalogue_name: str | None = "政府信息公开目录"
    # Extra links on the homepage: (text, target).
    home_links: list[tuple[str, str]] = field(default_factory=list)
    friend_links: list[tuple[str, str]] = field(default_factory=list)
    # TRS only: where the GBK charset is declared: "both", "meta" or "header".
    charset_declared: str = "both"
    robots_disallow: list[str] = field(default_factory=list)
    # A broken portal answers this status for every request (0: healthy).
    broken_status: int = 0

    @property
    def host(self) -> str:
        """The loopback address the portal is served at."""
        return unit_host(self.number)

    def column(self, key: str) -> Column:
        """Return the column with `key`."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"unit {self.id} has no column {key!r}")

    def find_doc(self, key: str) -> tuple[Column, Doc]:
        """Return the column and disclosure with `key`."""
        for column in self.columns:
            for doc in column.docs:
                if doc.key == key:
                    return column, doc
        raise KeyError(f"unit {self.id} has no disclosure {key!r}")

    def all_docs(self) -> list[tuple[Column, Doc]]:
        """Every (column, disclosure) of the unit, portal and credit platform."""
        return [(column, doc) for column in self.columns for doc in column.docs]


@dataclass
class City:
    """The simulated city: its units, in unit order."""

    name: str
    units: list[Unit]
    as_of: date
    synthetic: bool = False

    def unit(self, unit_id: str) -> Unit:
        """Return the unit with `unit_id`."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(f"the city has no unit {unit_id!r}")
