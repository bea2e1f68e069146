"""What a rule receives and returns, and the readings of the snapshot rules share.

A rule function gets a `RuleContext` (the unit's snapshot, the indicator, the
as_of date, the assessment's parameters) and its validated parameters, and
returns an `Outcome`. It raises `Unassessable` when the pages it needs were
not fetched, which the engine records as `unknown`.

Shared readings:

- the date of a disclosure: its publication date, else its 成文日期 (and the
  finding says so), else the date beside it on its list page; undated
  otherwise;
- whether a column exists: a column, navigation link or frame whose text holds
  one of the names and whose page answered 2xx;
- whether a disclosure is prominent: linked from the homepage, or listed on
  the first list page of a column the homepage links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indicators.loader import Indicator
from scoring.snapshot import (
    ColumnRow,
    DisclosureRow,
    PageRow,
    UnitSnapshot,
    canonical_url,
)
from scoring.text import normalize_text, quote

STATUSES = ("pass", "partial", "fail", "not_applicable", "unknown")

DATE_SOURCE_NOTES = {
    "published": "发布日期",
    "written": "成文日期，页面未标发布日期",
    "list": "列表页所示日期",
}


class Unassessable(Exception):
    """The rule cannot judge: the portal or the pages it needs were not fetched."""


@dataclass(frozen=True)
class Counted:
    """One item a counting rule charges: a stale column, a broken link, ..."""

    label: str
    weight: float = 1.0


@dataclass
class Outcome:
    """What a rule found for one unit.

    `status` may be None only for counting kinds, whose status then follows
    from `counted` and the indicator's `fail_at` and `cap`. `credit` is the
    share of points earned (share rules); None means by status.
    """

    status: str | None
    detail: str
    evidence: list[dict] = field(default_factory=list)
    credit: float | None = None
    counted: list[Counted] | None = None


@dataclass(frozen=True)
class DatedDisclosure:
    """A disclosure with the date rules judge it by and where that date came from."""

    disclosure: DisclosureRow
    date: date | None
    source: str

    @property
    def note(self) -> str:
        """Return which date was used, in the finding's words."""
        return DATE_SOURCE_NOTES.get(self.source, "无日期")


@dataclass(frozen=True)
class ColumnMatch:
    """Where a named column was looked for and what was found."""

    state: str  # exists, broken, unfetched, absent
    name: str = ""
    url: str = ""
    http_status: int | None = None
    columns: tuple[ColumnRow, ...] = ()


def date_disclosure(disclosure: DisclosureRow) -> DatedDisclosure:
    """Return the disclosure with its judging date (published, written, list)."""
    if disclosure.published is not None:
        source = "written" if disclosure.published_source == "written" else "published"
        return DatedDisclosure(disclosure, disclosure.published, source)
    if disclosure.written is not None:
        return DatedDisclosure(disclosure, disclosure.written, "written")
    if disclosure.list_date is not None:
        return DatedDisclosure(disclosure, disclosure.list_date, "list")
    return DatedDisclosure(disclosure, None, "undated")


@dataclass
class RuleContext:
    """One unit, one indicator, one as_of: what a rule function reads."""

    snapshot: UnitSnapshot
    indicator: Indicator
    as_of: date
    parameters: dict
    prepared: Any = None

    # Columns.

    def match_columns(
        self, names: list[str], exclude: list[str] | None = None
    ) -> list[ColumnRow]:
        """Return the columns whose name holds one of `names` (and no `exclude`)."""
        wanted = [normalize_text(name) for name in names]
        unwanted = [normalize_text(name) for name in exclude or []]
        found = []
        for column in self.snapshot.columns:
            name = normalize_text(column.name)
            if any(word in name for word in wanted) and not any(
                word in name for word in unwanted
            ):
                found.append(column)
        return found

    def locate_column(
        self, names: list[str], exclude: list[str] | None = None
    ) -> ColumnMatch:
        """Return whether a column named by `names` exists, is broken or unseen."""
        columns = self.match_columns(names, exclude)
        working = [column for column in columns if column.ok]
        if working:
            first = min(working, key=lambda column: (not column.on_homepage, column.id))
            return ColumnMatch(
                "exists", first.name, first.url, first.status, tuple(working)
            )
        link_match = self._locate_column_link(names, exclude)
        if link_match is not None and link_match.state == "exists":
            return link_match
        if any(column.status is None for column in columns) or (
            link_match is not None and link_match.state == "unfetched"
        ):
            unseen = next((column for column in columns if column.status is None), None)
            if unseen is not None:
                return ColumnMatch("unfetched", unseen.name, unseen.url, None)
            return link_match
        if columns:
            first = columns[0]
            return ColumnMatch("broken", first.name, first.url, first.status)
        if link_match is not None:
            return link_match
        return ColumnMatch("absent")

    def _locate_column_link(
        self, names: list[str], exclude: list[str] | None
    ) -> ColumnMatch | None:
        # A navigation link or frame the crawler did not record as a column.
        wanted = [normalize_text(name) for name in names]
        unwanted = [normalize_text(name) for name in exclude or []]
        best: ColumnMatch | None = None
        for link in self.snapshot.links:
            if not (link.in_navigation or link.kind == "iframe"):
                continue
            text = normalize_text(link.text)
            if not any(word in text for word in wanted) or any(
                word in text for word in unwanted
            ):
                continue
            status = link.target_status
            page = self.snapshot.pages_by_url.get(canonical_url(link.target_url))
            if page is not None and page.status is not None:
                status = page.status
            if status is not None and 200 <= status < 300:
                return ColumnMatch("exists", link.text.strip(), link.target_url, status)
            state = (
                "unfetched" if status is None and not link.target_error else "broken"
            )
            if best is None or state == "unfetched":
                best = ColumnMatch(state, link.text.strip(), link.target_url, status)
        return best

    def column_disclosures(self, columns: list[ColumnRow]) -> list[DisclosureRow]:
        """Return the disclosures of `columns` and their sub-columns, one per URL."""
        column_ids = self.snapshot.descendants({column.id for column in columns})
        chosen: dict[str, DisclosureRow] = {}
        for column_id in sorted(column_ids):
            for disclosure in self.snapshot.disclosures_by_column.get(column_id, []):
                key = canonical_url(disclosure.url)
                if key not in chosen or _richer(disclosure, chosen[key]):
                    chosen[key] = disclosure
        return sorted(chosen.values(), key=lambda item: (item.url, item.id))

    def readable_columns(
        self, names: list[str], exclude: list[str] | None = None
    ) -> list[ColumnRow]:
        """Return the working columns named by `names`, or raise when none was fetched.

        An absent column yields an empty list (the rule then fails for lack of
        items); a column that was linked but never fetched makes the rule
        `unknown`.
        """
        match = self.locate_column(names, exclude)
        if match.state == "unfetched":
            raise Unassessable(
                f"栏目 {match.name or '/'.join(names)}（{match.url}）未能抓取"
            )
        return list(match.columns)

    # Disclosures.

    def is_prominent(self, disclosure: DisclosureRow) -> bool:
        """Return whether the homepage, or page 1 of a homepage column, lists it."""
        url = canonical_url(disclosure.url)
        if url in self.snapshot.homepage_link_targets:
            return True
        for row in self.snapshot.disclosures_by_url.get(url, []):
            column = self.snapshot.columns_by_id.get(row.column_id or -1)
            if column is not None and column.on_homepage and row.list_page == 1:
                return True
        return False

    def all_disclosures(self) -> list[DisclosureRow]:
        """Return every disclosure of the unit, one per URL."""
        chosen: dict[str, DisclosureRow] = {}
        for disclosure in self.snapshot.disclosures:
            key = canonical_url(disclosure.url)
            if key not in chosen or _richer(disclosure, chosen[key]):
                chosen[key] = disclosure
        return sorted(chosen.values(), key=lambda item: (item.url, item.id))

    def detail_fetched(self, disclosure: DisclosureRow) -> bool:
        """Return whether the disclosure's own page was fetched with 2xx."""
        page = self.snapshot.page_of(disclosure)
        return page is not None and page.ok

    # Evidence.

    def disclosure_evidence(
        self,
        disclosure: DisclosureRow,
        verdict: str,
        dates: dict | None = None,
        quote_text: str = "",
    ) -> dict:
        """Return an evidence entry for one disclosure."""
        page = self.snapshot.page_of(disclosure)
        return {
            "url": disclosure.url,
            "title": disclosure.title,
            "fetched_at": _iso(page.fetched_at) if page else None,
            "http_status": page.status if page else None,
            "quote": quote(quote_text, 200),
            "screenshot": self.snapshot.screenshot_of(disclosure.url),
            "dates": dates or {},
            "verdict": verdict,
        }

    def page_evidence(self, page: PageRow, verdict: str, quote_text: str = "") -> dict:
        """Return an evidence entry for one page."""
        return {
            "url": page.url,
            "title": page.title or "",
            "fetched_at": _iso(page.fetched_at),
            "http_status": page.status,
            "quote": quote(quote_text, 200),
            "screenshot": self.snapshot.screenshot_of(page.url),
            "dates": {},
            "verdict": verdict,
        }

    def url_evidence(
        self,
        url: str | None,
        verdict: str,
        title: str = "",
        http_status: int | None = None,
        quote_text: str = "",
        dates: dict | None = None,
    ) -> dict:
        """Return an evidence entry for a URL, with its page's fetch when stored."""
        page = self.snapshot.pages_by_url.get(canonical_url(url)) if url else None
        return {
            "url": url,
            "title": title or (page.title if page and page.title else ""),
            "fetched_at": _iso(page.fetched_at) if page else None,
            "http_status": http_status
            if http_status is not None
            else (page.status if page else None),
            "quote": quote(quote_text, 200),
            "screenshot": self.snapshot.screenshot_of(url),
            "dates": dates or {},
            "verdict": verdict,
        }

    def homepage_evidence(self, verdict: str, quote_text: str = "") -> list[dict]:
        """Return the homepage as evidence, or nothing when it was not stored."""
        page = self.snapshot.homepage
        return [self.page_evidence(page, verdict, quote_text)] if page else []


def _richer(candidate: DisclosureRow, current: DisclosureRow) -> bool:
    # Of two rows for one URL keep the one that knows more about its dates,
    # then the one listed earliest in its column.
    def knowledge(row: DisclosureRow) -> tuple:
        return (
            row.published is not None,
            row.written is not None,
            row.list_date is not None,
            bool(row.fields),
            -(row.list_page or 10**6),
            -row.id,
        )

    return knowledge(candidate) > knowledge(current)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def iso(value) -> str | None:
    """Return a date or datetime as ISO text, None stays None."""
    return _iso(value)
