"""Build small snapshots directly in a temporary SQLite store, and judge them.

    def test_something(store):
        unit = store.unit("u1", tags=["enforcement"])
        column = unit.column("双公示")
        unit.disclosure(column, "关于某某的行政处罚", published=date(2016, 6, 20))
        finding = store.judge("u1", "zz2016.sgs.timely")

A unit gets a portal and a homepage answering 200 unless told otherwise;
columns get a navigation link from the homepage and a list page; disclosures
get a detail page (with `page_text`) unless `fetched=False`.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from indicators import load_system
from scoring.engine import judge_indicator, prepare_rules
from scoring.model import finding_points
from scoring.snapshot import list_unit_ids, load_unit_snapshots
from store.db import open_store
from store.models import (
    Column,
    Disclosure,
    EvidenceFile,
    Link,
    Page,
    Portal,
    Probe,
    Run,
    Unit,
)

FETCHED_AT = datetime(2016, 12, 20, 9, 0, 0)
AS_OF = date(2016, 12, 20)


class UnitBuilder:
    """Rows of one unit: its portal, pages, links, columns, disclosures, probes."""

    def __init__(
        self,
        store: SnapshotStore,
        key: str,
        tags,
        portal_status: str,
        homepage_status: int | None,
        footer: str,
        homepage_text: str,
        meta: dict | None,
        number: int,
    ):
        self.store = store
        self.key = key
        self.base = f"http://127.0.1.{number}/"
        session = store.session
        self.unit = Unit(
            run_id=store.run.id, key=key, name=f"单位{key}", tags=list(tags)
        )
        session.add(self.unit)
        session.flush()
        self.portal = Portal(
            run_id=store.run.id,
            unit_id=self.unit.id,
            base_url=self.base,
            status=portal_status,
            error="connection refused" if portal_status == "error" else None,
        )
        session.add(self.portal)
        session.flush()
        self.homepage = None
        if homepage_status is not None:
            self.homepage = self.page(
                self.base,
                role="homepage",
                status=homepage_status,
                text=homepage_text,
                footer_text=footer,
                meta=meta or {},
                title="首页",
            )

    def url(self, path: str) -> str:
        """Return an absolute URL on this unit's portal."""
        return self.base + path.lstrip("/")

    def page(
        self,
        url: str,
        role: str = "other",
        status: int | None = 200,
        text: str = "",
        footer_text: str = "",
        meta: dict | None = None,
        title: str = "",
        error: str | None = None,
        elapsed_seconds: float | None = 0.2,
    ) -> Page:
        """Add a fetched (or failed) page."""
        page = Page(
            run_id=self.store.run.id,
            portal_id=self.portal.id,
            url=url,
            status=status,
            fetched_at=FETCHED_AT if status is not None else None,
            elapsed_seconds=elapsed_seconds,
            title=title,
            role=role,
            text=text,
            footer_text=footer_text,
            meta=meta or {},
            error=error,
        )
        self.store.session.add(page)
        self.store.session.flush()
        return page

    def link(
        self,
        source: Page | None,
        target_url: str,
        text: str = "",
        status: int | None = 200,
        error: str | None = None,
        in_navigation: bool = False,
        kind: str = "a",
    ) -> Link:
        """Add a link found on `source` (default: the homepage)."""
        source = source or self.homepage
        link = Link(
            run_id=self.store.run.id,
            portal_id=self.portal.id,
            source_page_id=source.id,
            target_url=target_url,
            text=text,
            in_navigation=in_navigation,
            is_external=not target_url.startswith(self.base),
            kind=kind,
            target_status=status,
            target_error=error,
            checked_at=FETCHED_AT if (status or error) else None,
        )
        self.store.session.add(link)
        self.store.session.flush()
        return link

    def column(
        self,
        name: str,
        path: str | None = None,
        status: int | None = 200,
        on_homepage: bool = True,
        parent: Column | None = None,
        list_pages: int = 1,
        empty_notice: bool = False,
        discovered_from: str = "navigation",
        link: bool = True,
        page_role: str = "column",
    ) -> Column:
        """Add a column with its list page and a navigation link to it."""
        self.store.counter += 1
        url = self.url(path or f"col{self.store.counter}/")
        column = Column(
            run_id=self.store.run.id,
            portal_id=self.portal.id,
            name=name,
            url=url,
            parent_id=parent.id if parent else None,
            discovered_from=discovered_from,
            on_homepage=on_homepage,
            status=status,
            list_pages=list_pages,
            empty_notice=empty_notice,
        )
        self.store.session.add(column)
        self.store.session.flush()
        if status is not None:
            column.page = self.page(url, role=page_role, status=status, title=name)
        if link and on_homepage and self.homepage is not None:
            self.link(None, url, name, status=status, in_navigation=True)
        return column

    def disclosure(
        self,
        column: Column | None,
        title: str,
        *,
        published: date | None = None,
        written: date | None = None,
        list_date: date | None = None,
        published_source: str | None = None,
        list_page: int | None = 1,
        fields: dict | None = None,
        contacts: list | None = None,
        source_refs: dict | None = None,
        attachments: list | None = None,
        doc_no: str | None = None,
        page_text: str = "",
        fetched: bool = True,
        url: str | None = None,
    ) -> Disclosure:
        """Add a disclosure listed in `column` (None: reached by a link only)."""
        self.store.counter += 1
        url = url or self.url(f"art/{self.store.counter}.html")
        page = None
        if fetched:
            page = self.page(
                url, role="disclosure", text=page_text or title, title=title
            )
        disclosure = Disclosure(
            run_id=self.store.run.id,
            portal_id=self.portal.id,
            column_id=column.id if column is not None else None,
            page_id=page.id if page else None,
            url=url,
            title=title,
            list_page=list_page if column is not None else None,
            list_date=list_date,
            published=published,
            published_source=published_source
            or ("table" if published is not None else None),
            written=written,
            doc_no=doc_no,
            attachments=attachments or [],
            fields=fields or {},
            contacts=contacts or [],
            source_refs=source_refs or {},
        )
        self.store.session.add(disclosure)
        self.store.session.flush()
        if column is not None and getattr(column, "page", None) is not None:
            self.link(column.page, url, title)
        return disclosure

    def probe(
        self,
        status: int | None = 200,
        elapsed: float | None = 0.3,
        error: str | None = None,
        second: int = 0,
    ) -> None:
        """Add one homepage probe."""
        self.store.session.add(
            Probe(
                run_id=self.store.run.id,
                portal_id=self.portal.id,
                url=self.base,
                started_at=datetime(2016, 12, 20, 8, 0, second),
                status=status,
                elapsed_seconds=elapsed,
                error=error,
            )
        )

    def screenshot(self, page_url: str, path: str) -> None:
        """Add a screenshot of the page at `page_url`."""
        self.store.session.add(
            EvidenceFile(
                run_id=self.store.run.id,
                portal_id=self.portal.id,
                page_url=page_url,
                path=path,
                created_at=FETCHED_AT,
            )
        )


class SnapshotStore:
    """A temporary store holding one run, with helpers to judge its units."""

    def __init__(self, url: str):
        self.sessions = open_store(url)
        self.session = self.sessions()
        self.run = Run(title="test", started_at=FETCHED_AT, status="done")
        self.session.add(self.run)
        self.session.flush()
        self.counter = 0
        self.units = 0

    def unit(
        self,
        key: str,
        tags=(),
        portal_status: str = "ok",
        homepage_status: int | None = 200,
        footer: str = "",
        homepage_text: str = "",
        meta: dict | None = None,
    ) -> UnitBuilder:
        """Add a unit with a portal (and a homepage unless homepage_status is None)."""
        self.units += 1
        return UnitBuilder(
            self,
            key,
            tags,
            portal_status,
            homepage_status,
            footer,
            homepage_text,
            meta,
            self.units,
        )

    def commit(self) -> None:
        """Write what was added so far."""
        self.session.commit()

    def judge(
        self,
        unit_key: str,
        indicator_id: str,
        as_of: date = AS_OF,
        parameters: dict | None = None,
        system: str | Path | None = None,
    ) -> dict:
        """Return the finding (with points) of one indicator for one unit."""
        self.commit()
        loaded = load_system(system or _system_of(indicator_id))
        indicator = next(item for item in loaded.indicators if item.id == indicator_id)
        with self.sessions() as session:
            ids = list_unit_ids(session, self.run.id)
            snapshot = next(
                item
                for item in load_unit_snapshots(session, ids)
                if item.key == unit_key
            )
        parameters = parameters or {}
        prepared = prepare_rules([loaded], parameters)
        finding = judge_indicator(snapshot, indicator, as_of, parameters, prepared)
        points = finding_points(
            loaded, indicator, finding["status"], finding["_outcome"]
        )
        finding["points"], finding["max_points"] = points.points, points.max_points
        return finding


def _system_of(indicator_id: str) -> str:
    return "zz2016" if indicator_id.startswith("zz2016.") else "govsite"


@pytest.fixture
def store(tmp_path) -> SnapshotStore:
    """A fresh store with one run to fill."""
    snapshot_store = SnapshotStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield snapshot_store
    snapshot_store.session.close()
