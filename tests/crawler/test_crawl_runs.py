"""crawl_run as other stages call it: repeatedly, into given runs, with screenshots."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from sqlalchemy import func, select

from crawler.crawl import crawl_run
from store.db import open_store
from store.models import Column, EvidenceFile, Page, Portal, Run, Unit
from testbed.server import CityServer
from zwgk.config import Settings, UnitSettings


def small_settings(tmp_path, server: CityServer, unit_ids: tuple[str, ...]) -> Settings:
    settings = Settings()
    settings.database.url = f"sqlite:///{tmp_path / 'zwgk.sqlite'}"
    settings.crawl.allow_private_addresses = True
    settings.crawl.download_delay_seconds = 0
    settings.crawl.probe_interval_seconds = 0
    settings.crawl.screenshots = False
    settings.crawl.max_pages_per_portal = 30
    settings.crawl.evidence_dir = str(tmp_path / "evidence")
    settings.unit = [
        UnitSettings(
            id=portal["id"],
            name=portal["name"],
            kind=portal["kind"],
            tags=portal["tags"],
            portal=portal["portal"],
        )
        for portal in server.portals
        if portal["id"] in unit_ids
    ]
    return settings


def test_crawl_run_can_be_called_twice_in_one_process(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="crawler")
    with CityServer() as server:
        settings = small_settings(tmp_path, server, ("u01", "u07"))
        sessions = open_store(settings.database_url())
        first = crawl_run(sessions, settings, show_progress=False)
        second = crawl_run(sessions, settings, show_progress=False)
    assert first.run_id != second.run_id
    assert (first.status, second.status) == ("done", "done")
    with sessions() as session:
        for summary in (first, second):
            run = session.get(Run, summary.run_id)
            pages = session.scalar(
                select(func.count()).select_from(Page).where(Page.run_id == run.id)
            )
            assert run.finished_at >= run.started_at
            assert run.config_snapshot["crawl"]["max_pages_per_portal"] == 30
            assert run.systems == settings.assessment.systems
            assert pages == summary.pages_fetched == 60
    messages = [record.getMessage() for record in caplog.records]
    for run_id in (first.run_id, second.run_id):
        assert f"Started crawl run {run_id}: 2 portals" in messages
        assert any(
            message.startswith(f"Finished crawl run {run_id} (done): 2 portals ok")
            for message in messages
        )
    finished = [m for m in messages if m.startswith("Finished portal u07: 30 pages")]
    assert len(finished) == 2
    portal_records = [r for r in caplog.records if r.getMessage() in finished]
    assert {(r.run, r.unit) for r in portal_records} == {
        (first.run_id, "u07"),
        (second.run_id, "u07"),
    }


def test_a_unit_may_override_robots_txt(tmp_path):
    fetched = {}
    with CityServer() as server:
        for obey in (True, False):
            settings = small_settings(tmp_path / str(obey), server, ("u05",))
            search = server.portals[4]["portal"] + "search/"
            settings.unit[0].start_urls = [search]
            settings.unit[0].obey_robots_txt = obey
            settings.crawl.max_pages_per_portal = 3
            sessions = open_store(settings.database_url())
            crawl_run(sessions, settings, show_progress=False)
            with sessions() as session:
                fetched[obey] = session.execute(
                    select(Page.status, Page.error).where(Page.url == search)
                ).one()
    assert fetched[True] == (None, "disallowed by robots.txt")
    assert fetched[False] == (200, None)


def test_a_given_run_with_its_portals_is_crawled_in_place(tmp_path):
    with CityServer() as server:
        settings = small_settings(tmp_path, server, ("u03",))
        sessions = open_store(settings.database_url())
        with sessions() as session:
            run = Run(title="prepared", started_at=datetime.now(), status="pending")
            session.add(run)
            session.flush()
            unit = Unit(run_id=run.id, key="u03", name="商务局", tags=["enforcement"])
            session.add(unit)
            session.flush()
            session.add(
                Portal(
                    run_id=run.id, unit_id=unit.id, base_url=server.portals[2]["portal"]
                )
            )
            session.commit()
            run_id = run.id
        summary = crawl_run(sessions, settings, run_id=run_id, show_progress=False)
    with sessions() as session:
        portals = session.scalars(select(Portal).where(Portal.run_id == run_id)).all()
        units = session.scalars(select(Unit).where(Unit.run_id == run_id)).all()
        run = session.get(Run, run_id)
    assert summary.run_id == run_id and run.status == "done"
    assert [unit.name for unit in units] == ["商务局"]
    assert len(portals) == 1 and portals[0].status == "ok"
    assert portals[0].pages_fetched == 30


def test_screenshots_of_homepages_and_columns_are_stored_as_evidence(tmp_path):
    with CityServer() as server:
        settings = small_settings(tmp_path, server, ("u08",))
        settings.crawl.screenshots = True
        settings.crawl.max_pages_per_portal = 12
        sessions = open_store(settings.database_url())
        summary = crawl_run(sessions, settings, show_progress=False)
    evidence_dir = tmp_path / "evidence"
    with sessions() as session:
        files = session.scalars(select(EvidenceFile)).all()
        portal = session.scalars(select(Portal)).one()
        column_urls = set(session.scalars(select(Column.url)))
        column_pages = set(
            session.scalars(select(Page.url).where(Page.role == "column"))
        )
    assert summary.status == "done"
    shot_urls = {item.page_url for item in files}
    assert portal.base_url in shot_urls
    # Column pages, the frames that hold a column's list among them.
    assert shot_urls - {portal.base_url} <= column_pages
    assert len(shot_urls & column_urls) >= 3
    for item in files:
        path = evidence_dir / item.path
        assert item.path.startswith(f"run-{summary.run_id}/")
        assert item.kind == "screenshot"
        data = path.read_bytes()
        assert data[:3] == b"\xff\xd8\xff" and len(data) > 2000
        assert hashlib.sha256(data).hexdigest() == item.sha256


def test_a_page_whose_list_needs_a_browser_is_rendered_when_always_asked(tmp_path):
    with CityServer() as server:
        settings = small_settings(tmp_path, server, ("u06",))
        settings.crawl.render_javascript = "always"
        settings.crawl.max_pages_per_portal = 6
        sessions = open_store(settings.database_url())
        summary = crawl_run(sessions, settings, show_progress=False)
    with sessions() as session:
        pages = session.scalars(select(Page)).all()
    assert summary.status == "done"
    html = [page for page in pages if "html" in (page.content_type or "")]
    assert html and all(page.rendered for page in html)
    homepage = next(page for page in html if page.role == "homepage")
    # The homepage blocks are filled by script: only the browser shows entries.
    assert "暂无信息" not in homepage.text
    assert homepage.text.count("2016-") >= 6
