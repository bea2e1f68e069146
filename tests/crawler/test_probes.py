"""Homepage probes: at the configured URL, spaced, counted, with failures kept."""

from __future__ import annotations

import time
from datetime import date, datetime

from sqlalchemy import func, select

from crawler.crawl import crawl_run
from crawler.probes import HomepageProber, ProbeTarget
from store.db import open_store
from store.models import Portal, Probe, Run, Unit
from testbed.server import CityServer
from zwgk.config import Settings, UnitSettings

INTERVAL = 0.4


def test_each_homepage_is_probed_the_configured_times_spaced_apart(tmp_path):
    with CityServer(
        misbehaviour={"u02": {"mode": "slow", "delay_seconds": 2}}
    ) as server:
        settings = Settings()
        settings.database.url = f"sqlite:///{tmp_path / 'zwgk.sqlite'}"
        crawl = settings.crawl
        crawl.allow_private_addresses = True
        crawl.download_delay_seconds = 0
        crawl.screenshots = False
        crawl.max_pages_per_portal = 5
        crawl.homepage_probes = 4
        crawl.probe_interval_seconds = INTERVAL
        crawl.probe_timeout_seconds = 1
        crawl.request_timeout_seconds = 1
        settings.unit = [
            UnitSettings(id=portal["id"], name=portal["name"], portal=portal["portal"])
            for portal in server.portals
            if portal["id"] in ("u01", "u02", "u11")
        ]
        sessions = open_store(settings.database_url())
        summary = crawl_run(sessions, settings, show_progress=False)
    with sessions() as session:
        rows = session.execute(
            select(Unit.key, Portal.base_url, Probe)
            .join(Portal, Portal.unit_id == Unit.id)
            .join(Probe, Probe.portal_id == Portal.id)
            .order_by(Probe.started_at)
        ).all()
    assert summary.probes == 12
    by_unit: dict[str, list] = {}
    for key, base_url, probe in rows:
        assert probe.url == base_url
        by_unit.setdefault(key, []).append(probe)
    assert {key: len(probes) for key, probes in by_unit.items()} == {
        "u01": 4,
        "u02": 4,
        "u11": 4,
    }
    for probes in by_unit.values():
        starts = [probe.started_at for probe in probes]
        gaps = [
            (later - earlier).total_seconds()
            for earlier, later in zip(starts, starts[1:], strict=False)
        ]
        assert min(gaps) >= INTERVAL * 0.95
    assert {(p.status, p.error) for p in by_unit["u01"]} == {(200, None)}
    assert all(p.elapsed_seconds is not None for p in by_unit["u01"])
    assert {(p.status, p.error) for p in by_unit["u02"]} == {(None, "timed out")}
    assert {(p.status, p.error) for p in by_unit["u11"]} == {(502, None)}


def test_a_portal_on_a_private_address_is_refused_and_never_probed(tmp_path, caplog):
    with CityServer() as server:
        settings = Settings()
        settings.database.url = f"sqlite:///{tmp_path / 'zwgk.sqlite'}"
        settings.crawl.screenshots = False
        settings.crawl.probe_interval_seconds = 0
        portal = server.portals[0]
        settings.unit = [
            UnitSettings(id=portal["id"], name=portal["name"], portal=portal["portal"])
        ]
        sessions = open_store(settings.database_url())
        summary = crawl_run(sessions, settings, show_progress=False)
    with sessions() as session:
        stored = session.scalars(select(Portal)).one()
        probes = session.scalars(select(Probe)).all()
    assert summary.status == "partial" and summary.pages_fetched == 0
    assert stored.status == "error"
    assert "non-public address 127.0.1.1" in stored.error
    assert "allow_private_addresses" in stored.error
    assert probes == []
    refusals = [
        record
        for record in caplog.records
        if record.getMessage().startswith("Refused portal u01")
    ]
    assert [(r.levelname, r.unit) for r in refusals] == [("WARNING", "u01")]


def test_each_probe_is_stored_when_made_so_a_stopped_run_keeps_it(tmp_path):
    sessions = open_store(f"sqlite:///{tmp_path / 'zwgk.sqlite'}")
    with CityServer() as server:
        homepage = server.portals[0]["portal"]
        with sessions() as session:
            run = Run(as_of=date(2016, 12, 20), started_at=datetime.now())
            unit = Unit(run=run, key="u01", name="u01")
            portal = Portal(run=run, unit=unit, base_url=homepage)
            session.add_all([run, unit, portal])
            session.commit()
            run_id, portal_id = run.id, portal.id
        crawl = Settings().crawl
        crawl.homepage_probes = 3
        crawl.probe_interval_seconds = 30
        prober = HomepageProber(
            sessions, run_id, [ProbeTarget(portal_id, homepage)], crawl
        ).start()
        deadline = time.monotonic() + 10
        stored = 0
        while not stored and time.monotonic() < deadline:
            time.sleep(0.05)
            with sessions() as session:
                stored = session.scalar(select(func.count()).select_from(Probe))
        # The first probe is in the store while the next two are 30 s away.
        assert stored == 1
        prober.stop()
        assert prober.join() == 1
