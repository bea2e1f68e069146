"""Misbehaving portals end as recorded errors while the rest of the run goes on."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crawler.crawl import crawl_run
from store.db import open_store
from store.models import Column, Page, Portal, Unit
from testbed.server import CityServer
from zwgk.config import Settings, UnitSettings

MISBEHAVIOUR = {
    "u01": "5xx",
    "u02": {"mode": "slow", "delay_seconds": 3.0},
    "u03": "drop",
    "u04": "redirect_loop",
    "u06": "script_stub",
    "u07": {"mode": "oversized", "size_bytes": 400_000},
    "u09": "calendar",
    "u10": {"mode": "error", "status": 500, "paths": ["/col/"]},
}
HEALTHY = "u08"


@pytest.fixture(scope="module")
def misbehaving_run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("misbehaviour")
    with CityServer(misbehaviour=MISBEHAVIOUR) as server:
        settings = Settings()
        settings.database.url = f"sqlite:///{tmp_path / 'zwgk.sqlite'}"
        crawl = settings.crawl
        crawl.allow_private_addresses = True
        crawl.download_delay_seconds = 0
        crawl.autothrottle = False
        crawl.probe_interval_seconds = 0.1
        crawl.probe_timeout_seconds = 1
        crawl.screenshots = False
        crawl.request_timeout_seconds = 1
        crawl.retries = 1
        crawl.max_page_bytes = 200_000
        crawl.max_depth = 3
        crawl.max_pages_per_portal = 250
        wanted = set(MISBEHAVIOUR) | {HEALTHY}
        settings.unit = [
            UnitSettings(id=portal["id"], name=portal["name"], portal=portal["portal"])
            for portal in server.portals
            if portal["id"] in wanted
        ]
        sessions = open_store(settings.database_url())
        summary = crawl_run(sessions, settings, show_progress=False)
    with sessions() as session:
        portals = {
            key: portal
            for key, portal in session.execute(
                select(Unit.key, Portal).join(Portal, Portal.unit_id == Unit.id)
            )
        }
        pages = {
            key: session.scalars(select(Page).where(Page.portal_id == portal.id)).all()
            for key, portal in portals.items()
        }
        columns = session.scalars(
            select(Column).where(Column.portal_id == portals["u10"].id)
        ).all()
    return summary, portals, pages, columns


def homepage_of(pages: list[Page]) -> Page:
    return next(page for page in pages if page.role == "homepage")


def test_the_run_completes_with_the_healthy_portals_ok(misbehaving_run):
    summary, portals, *_ = misbehaving_run
    assert summary.status == "partial"
    assert portals[HEALTHY].status == "ok"
    assert portals["u09"].status == "ok"
    assert portals["u10"].status == "ok"
    assert set(summary.errors) == {"u01", "u02", "u03", "u04", "u07"}


@pytest.mark.parametrize(
    ("unit", "status", "error"),
    [
        ("u01", 503, None),
        ("u02", None, "timed out"),
        ("u03", None, "connection dropped"),
        ("u04", None, "redirect loop: too many redirects"),
        ("u07", None, "response larger than 200000 bytes"),
    ],
)
def test_a_misbehaving_homepage_is_a_recorded_page_error(
    misbehaving_run, unit, status, error
):
    _, portals, pages, _ = misbehaving_run
    homepage = homepage_of(pages[unit])
    assert homepage.status == status
    assert (homepage.error or "").startswith(error or "")
    assert portals[unit].status == "error"
    expected = f"HTTP status {status}" if status else error
    assert portals[unit].error.startswith(f"homepage: {expected}")
    assert portals[unit].pages_failed >= 1


def test_an_endless_calendar_stops_at_the_depth_limit(misbehaving_run):
    _, portals, pages, _ = misbehaving_run
    calendar = [page for page in pages["u09"] if "/calendar/" in page.url]
    assert 1 <= len(calendar) <= 3
    assert max(page.depth for page in calendar) <= 3
    assert len(pages["u09"]) <= 250
    assert portals["u09"].pages_fetched > 50


def test_a_root_that_forwards_by_script_leads_to_the_homepage(misbehaving_run):
    _, portals, pages, _ = misbehaving_run
    by_url = {page.url: page for page in pages["u06"]}
    root = by_url[portals["u06"].base_url]
    assert root.status == 200 and root.role == "other"
    homepage = homepage_of(pages["u06"])
    assert homepage.url == portals["u06"].base_url + "index.html"
    assert homepage.status == 200
    assert portals["u06"].status == "ok"
    assert portals["u06"].pages_fetched > 50


def test_failing_column_pages_are_recorded_while_the_portal_is_assessed(
    misbehaving_run,
):
    _, portals, pages, columns = misbehaving_run
    failed = [page for page in pages["u10"] if page.status == 500]
    assert failed and {page.role for page in failed} == {"column"}
    assert homepage_of(pages["u10"]).status == 200
    assert columns and {column.status for column in columns} == {500}
    assert all(column.list_pages == 0 for column in columns)
    assert portals["u10"].pages_failed == len(failed)
