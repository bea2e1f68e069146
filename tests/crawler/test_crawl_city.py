"""A crawl of the default testbed city records what the city planted.

The city is crawled once for the module; each test reads the store. The truth
comes from the city itself: its columns and disclosures, at the addresses its
renderer gives them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.crawl import CrawlSummary, crawl_run
from crawler.scope import folder_form
from store.db import open_store
from store.models import Column, Disclosure, Link, Page, Portal, Unit
from testbed.render import RenderContext
from testbed.server import CityServer
from zwgk.config import Settings, UnitSettings

# Entries per list page of each style (Hanweb pages come from a datastore).
PER_PAGE = {"trs": 20, "plain": 15, "spa": 15, "hanweb": 10}


@dataclass
class CityRun:
    server: CityServer
    sessions: sessionmaker[Session]
    summary: CrawlSummary
    render: RenderContext


def fast_settings(tmp_path, server: CityServer) -> Settings:
    settings = Settings()
    settings.database.url = f"sqlite:///{tmp_path / 'zwgk.sqlite'}"
    settings.crawl.allow_private_addresses = True
    settings.crawl.download_delay_seconds = 0
    settings.crawl.autothrottle = False
    settings.crawl.probe_interval_seconds = 0.1
    settings.crawl.screenshots = False
    settings.crawl.processes = 2
    settings.unit = [
        UnitSettings(
            id=portal["id"],
            name=portal["name"],
            kind=portal["kind"],
            tags=portal["tags"],
            portal=portal["portal"],
        )
        for portal in server.portals
    ]
    return settings


@pytest.fixture(scope="module")
def city_run(tmp_path_factory) -> CityRun:
    tmp_path = tmp_path_factory.mktemp("city")
    with CityServer() as server:
        settings = fast_settings(tmp_path, server)
        sessions = open_store(settings.database_url())
        summary = crawl_run(sessions, settings, show_progress=False)
        yield CityRun(
            server, sessions, summary, RenderContext(server.city, server.port)
        )


def healthy_units(city_run: CityRun, style: str | None = None):
    return [
        unit
        for unit in city_run.server.city.units
        if not unit.broken_status and (style is None or unit.style == style)
    ]


def portal_of(session: Session, run_id: int, unit_id: str) -> Portal:
    return session.scalars(
        select(Portal)
        .join(Unit, Unit.id == Portal.unit_id)
        .where(Unit.key == unit_id, Portal.run_id == run_id)
    ).one()


def columns_by_url(session: Session, portal: Portal) -> dict[str, Column]:
    rows = session.scalars(select(Column).where(Column.portal_id == portal.id))
    return {folder_form(column.url): column for column in rows}


def disclosures_of(session: Session, column: Column) -> list[Disclosure]:
    return list(
        session.scalars(select(Disclosure).where(Disclosure.column_id == column.id))
    )


def test_the_run_is_partial_with_only_the_broken_unit_failed(city_run):
    summary = city_run.summary
    assert summary.status == "partial"
    assert set(summary.errors) == {"u11"}
    assert "502" in summary.errors["u11"]
    assert summary.portals_ok == 10
    assert summary.pages_fetched > 1000


def test_the_broken_unit_is_a_portal_error_with_its_failed_homepage(city_run):
    with city_run.sessions() as session:
        portal = portal_of(session, city_run.summary.run_id, "u11")
        pages = session.scalars(select(Page).where(Page.portal_id == portal.id)).all()
    assert portal.status == "error"
    assert portal.error == "homepage: HTTP status 502"
    assert [(page.role, page.status) for page in pages] == [("homepage", 502)]


def test_every_column_of_each_portal_is_recorded_at_its_address(city_run):
    render = city_run.render
    with city_run.sessions() as session:
        for unit in healthy_units(city_run):
            portal = portal_of(session, city_run.summary.run_id, unit.id)
            found = columns_by_url(session, portal)
            for column in unit.columns:
                url = render.column_url(unit, column, absolute=True)
                recorded = found.get(folder_form(url))
                assert recorded is not None, f"{unit.id} {column.name} {url}"
                assert recorded.status == 200
                assert recorded.is_external == (column.host == "credit")
                assert recorded.list_pages >= 1


@pytest.mark.parametrize("style", ["trs", "hanweb", "spa", "plain"])
def test_each_column_holds_exactly_the_disclosures_the_city_lists(city_run, style):
    render = city_run.render
    with city_run.sessions() as session:
        for unit in healthy_units(city_run, style):
            portal = portal_of(session, city_run.summary.run_id, unit.id)
            found = columns_by_url(session, portal)
            for column in unit.columns:
                recorded = found[folder_form(render.column_url(unit, column, True))]
                expected = {
                    render.doc_url(unit, column, doc, absolute=True)
                    for doc in column.docs
                }
                urls = [row.url for row in disclosures_of(session, recorded)]
                assert len(urls) == len(set(urls))
                assert set(urls) == expected, f"{unit.id} {column.name}"


@pytest.mark.parametrize("style", sorted(PER_PAGE))
def test_entries_keep_the_number_of_the_list_page_that_shows_them(city_run, style):
    render = city_run.render
    with city_run.sessions() as session:
        for unit in healthy_units(city_run, style):
            portal = portal_of(session, city_run.summary.run_id, unit.id)
            found = columns_by_url(session, portal)
            for column in unit.columns:
                if column.host == "credit" or not column.docs:
                    continue
                recorded = found[folder_form(render.column_url(unit, column, True))]
                pages = {
                    row.url: row.list_page for row in disclosures_of(session, recorded)
                }
                for position, doc in enumerate(column.docs):
                    url = render.doc_url(unit, column, doc, absolute=True)
                    assert pages[url] == position // PER_PAGE[style] + 1, url
                assert max(pages.values()) == math.ceil(
                    len(column.docs) / PER_PAGE[style]
                )


def test_the_off_portal_双公示_column_is_read_only_under_its_linked_address(city_run):
    credit = city_run.server.credit_url
    with city_run.sessions() as session:
        for unit_id in ("u03", "u04"):
            portal = portal_of(session, city_run.summary.run_id, unit_id)
            column = session.scalars(
                select(Column).where(
                    Column.portal_id == portal.id, Column.name == "双公示"
                )
            ).one()
            pages = session.scalars(
                select(Page.url).where(
                    Page.portal_id == portal.id, Page.url.startswith(credit)
                )
            ).all()
            disclosures = disclosures_of(session, column)
            assert column.is_external and column.on_homepage
            assert column.url == f"{credit}sgs/{unit_id}/"
            assert column.list_pages == 2
            assert len(disclosures) == 5
            assert all(row.fields and row.published for row in disclosures)
            assert pages and all(
                url.startswith(f"{credit}sgs/{unit_id}/") for url in pages
            )


def test_disclosures_merge_their_list_entry_with_what_their_page_shows(city_run):
    with city_run.sessions() as session:
        rows = {
            row.url.rsplit("/", 1)[1]: row
            for row in session.scalars(
                select(Disclosure).where(
                    Disclosure.portal_id.in_(
                        select(Portal.id).where(
                            Portal.run_id == city_run.summary.run_id
                        )
                    )
                )
            )
        }
    # u02's 2015 annual report shows only 成文日期 and is listed without a date.
    report = rows["t20160401_1291.html"]
    assert (report.published, report.published_source) == (date(2016, 3, 28), "written")
    assert report.list_date is None and report.page_id is not None
    # u10's ledger shows no date at all.
    ledger = rows["art_5004_2108.html"]
    assert (ledger.published, ledger.list_date) == (None, None)
    assert "台账" in ledger.title
    # u07's news list shows 12-18; the page says 2016年12月18日.
    news = rows["1701.htm"]
    assert news.published == date(2016, 12, 18)
    assert news.published_source != "list"


def test_attachments_of_disclosures_are_fetched_with_their_text(city_run):
    with city_run.sessions() as session:
        portal = portal_of(session, city_run.summary.run_id, "u03")
        budget = session.scalars(
            select(Disclosure).where(
                Disclosure.portal_id == portal.id,
                Disclosure.title.contains("2016年部门预算"),
            )
        ).first()
        attachments = {
            page.url: page
            for page in session.scalars(
                select(Page).where(
                    Page.portal_id == portal.id, Page.role == "attachment"
                )
            )
        }
    names = [item["name"] for item in budget.attachments]
    assert any("三公经费" in name for name in names)
    for item in budget.attachments:
        page = attachments[item["url"]]
        assert page.status == 200
        assert page.text and item["name"].split(".")[0][-6:] in page.text


def test_links_carry_the_status_of_their_targets(city_run):
    run_id = city_run.summary.run_id
    with city_run.sessions() as session:
        for unit_id in ("u01", "u03"):
            portal = portal_of(session, run_id, unit_id)
            statuses = session.execute(
                select(Link.target_url, Link.target_status, Link.target_error).where(
                    Link.portal_id == portal.id
                )
            ).all()
            assert statuses
            assert [row for row in statuses if row[1] != 200] == []
        u02 = portal_of(session, run_id, "u02")
        broken = session.execute(
            select(Link.target_status, Link.is_external).where(
                Link.portal_id == u02.id,
                Link.target_url.endswith("/xwzx/gzdt/201505/t20150512_88.html"),
            )
        ).all()
        refused = session.scalars(
            select(Link.target_error).where(
                Link.run_id == run_id, Link.target_url.contains("127.0.3.1")
            )
        ).all()
    assert broken and all(row == (404, False) for row in broken)
    assert refused and set(refused) == {"connection refused"}


def test_a_path_disallowed_by_robots_txt_is_recorded_but_not_fetched(city_run):
    with city_run.sessions() as session:
        portal = portal_of(session, city_run.summary.run_id, "u05")
        search = session.scalars(
            select(Page).where(
                Page.portal_id == portal.id, Page.url.contains("/search/")
            )
        ).all()
        links = session.execute(
            select(Link.target_status, Link.target_error).where(
                Link.portal_id == portal.id, Link.target_url.contains("/search/")
            )
        ).all()
    assert [(page.status, page.error) for page in search] == [
        (None, "disallowed by robots.txt")
    ]
    assert links and set(links) == {(None, None)}


def test_pages_record_their_role_and_what_was_read(city_run):
    with city_run.sessions() as session:
        portal = portal_of(session, city_run.summary.run_id, "u01")
        pages = session.scalars(select(Page).where(Page.portal_id == portal.id)).all()
    homepage = [page for page in pages if page.role == "homepage"]
    assert len(homepage) == 1
    assert homepage[0].url == portal.base_url and homepage[0].footer_text
    assert homepage[0].meta.get("siteidcode")
    assert homepage[0].encoding.lower() in ("gbk", "gb18030")
    roles = {page.role for page in pages}
    assert {"homepage", "column", "disclosure", "attachment"} <= roles
    for page in pages:
        assert page.status == 200 and page.sha256 and page.size_bytes
        assert page.fetched_at is not None and page.elapsed_seconds is not None
    assert portal.pages_fetched == len(pages)


def test_catalogue_columns_hang_under_the_page_that_shows_the_catalogue(city_run):
    with city_run.sessions() as session:
        for unit in healthy_units(city_run, "trs"):
            portal = portal_of(session, city_run.summary.run_id, unit.id)
            found = columns_by_url(session, portal)
            by_id = {column.id: column for column in found.values()}
            for column in unit.columns:
                url = city_run.render.column_url(unit, column, absolute=True)
                recorded = found[folder_form(url)]
                if column.place == "catalogue":
                    assert recorded.discovered_from == "catalogue"
                    assert by_id[recorded.parent_id].name == "政务公开"
                if column.place in ("nav", "both"):
                    assert recorded.on_homepage, f"{unit.id} {column.name}"
