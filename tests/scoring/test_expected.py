"""The testbed city, crawled and scored, gives every (unit, indicator) its expected status.

The city is served on loopback, crawled once for the module with
`crawler.crawl.crawl_run`, and scored at the two dates of
`testbed/expected.toml`; each planted case is one test.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from crawler.crawl import crawl_run
from scoring import score_run
from store.db import open_store
from store.models import Finding
from testbed.expected import load_expected
from testbed.server import CityServer
from zwgk.config import validate_settings

EXPECTED = load_expected()
SHARE = re.compile(r"^(\d+)/(\d+) ")
COUNT = re.compile(r"^(?:更新不及时的栏目|空白栏目) (\d+) 个")


def _settings(server: CityServer, database_url: str):
    raw = {
        "assessment": {
            "systems": list(EXPECTED.systems),
            "as_of": EXPECTED.as_of,
            "parameters": dict(EXPECTED.parameters),
        },
        "database": {"url": database_url},
        "crawl": {
            "allow_private_addresses": True,
            "probe_interval_seconds": 1,
            "screenshots": False,
            "download_delay_seconds": 0,
            "autothrottle": False,
        },
        "unit": [
            {
                "id": portal["id"],
                "name": portal["name"],
                "kind": portal["kind"],
                "tags": portal["tags"],
                "portal": portal["portal"],
            }
            for portal in server.portals
        ],
    }
    return validate_settings(raw, source="tests/scoring/test_expected.py")


def _findings(sessions, scoring_id: int) -> dict[tuple[str, str], Finding]:
    with sessions() as session:
        rows = session.scalars(select(Finding).where(Finding.scoring_id == scoring_id))
        return {(row.unit_key, row.indicator_id): row for row in rows}


@pytest.fixture(scope="module")
def scored_city(tmp_path_factory):
    """Findings of the crawled city at as_of and at early_as_of."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('city') / 'city.sqlite'}"
    sessions = open_store(database_url)
    with CityServer(port=0) as server:
        summary = crawl_run(
            sessions, _settings(server, database_url), show_progress=False
        )
    scored = {}
    for key, when in (
        ("as_of", EXPECTED.as_of),
        ("early", EXPECTED.early_as_of),
        ("again", EXPECTED.as_of),
    ):
        scoring_id = score_run(
            sessions,
            summary.run_id,
            list(EXPECTED.systems),
            when,
            dict(EXPECTED.parameters),
        )
        scored[key] = _findings(sessions, scoring_id)
    return scored


def _check(finding: Finding | None, case, when: date) -> None:
    assert finding is not None, f"no finding for {case.unit} {case.indicator}"
    message = (
        f"{case.unit} {case.indicator} at {when}: got {finding.status} "
        f"({finding.detail}); expected {case.status} ({case.reason})"
    )
    assert finding.status == case.status, message
    if case.share is not None:
        found = SHARE.search(finding.detail)
        assert found, message
        assert f"{found.group(1)}/{found.group(2)}" == case.share, message
    if case.count is not None:
        found = COUNT.search(finding.detail)
        assert found, message
        assert int(found.group(1)) == case.count, message


@pytest.mark.parametrize(
    "case", EXPECTED.cases, ids=lambda case: f"{case.unit}-{case.indicator}"
)
def test_city_finding_at_as_of_matches_expected(scored_city, case):
    finding = scored_city["as_of"].get((case.unit, case.indicator))
    _check(finding, case, EXPECTED.as_of)


@pytest.mark.parametrize(
    "case", EXPECTED.early_cases, ids=lambda case: f"{case.unit}-{case.indicator}"
)
def test_city_finding_at_early_as_of_matches_expected(scored_city, case):
    finding = scored_city["early"].get((case.unit, case.indicator))
    _check(finding, case, EXPECTED.early_as_of)


def test_rescoring_the_crawled_city_gives_identical_findings(scored_city):
    def comparable(findings):
        return {
            key: (
                row.finding_id,
                row.status,
                row.points,
                row.max_points,
                row.detail,
                row.evidence,
            )
            for key, row in findings.items()
        }

    assert comparable(scored_city["again"]) == comparable(scored_city["as_of"])
