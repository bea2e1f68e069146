"""Each misbehaviour mode makes its portal misbehave, and only that portal."""

from __future__ import annotations

import http.client
import re
import socket

import pytest
from testbed_http import fetch

from testbed.city import build_city
from testbed.misbehaviour import parse_misbehaviour
from testbed.server import CityServer


def serve(mode) -> CityServer:
    """A small city whose first unit misbehaves as `mode`."""
    return CityServer(
        build_city(units=2, disclosures_per_unit=5), misbehaviour={"u01": mode}
    )


def test_slow_portal_keeps_a_short_timeout_client_waiting_past_its_timeout():
    with serve({"mode": "slow", "delay_seconds": 1}) as server:
        with pytest.raises((socket.timeout, TimeoutError)):
            fetch(server.portals[0]["portal"], timeout=0.2)
        assert fetch(server.portals[1]["portal"], timeout=5).status == 200


def test_error_portal_answers_5xx_to_every_path():
    with serve("5xx") as server:
        for path in ("", "robots.txt", "no/such/page"):
            assert fetch(server.portals[0]["portal"] + path).status == 503
        assert fetch(server.portals[1]["portal"]).status == 200
    with serve({"mode": "error", "status": 500}) as server:
        assert fetch(server.portals[0]["portal"]).status == 500


def test_dropping_portal_closes_the_connection_mid_body():
    with serve("drop") as server:
        with pytest.raises(http.client.IncompleteRead):
            fetch(server.portals[0]["portal"])


def test_redirect_loop_portal_sends_clients_round_in_circles():
    with serve("redirect_loop") as server:
        base = server.portals[0]["portal"]
        first = fetch(base)
        assert (first.status, first.header("Location")) == (302, "/loop/a")
        assert fetch(base + "loop/a").header("Location") == "/loop/b"
        assert fetch(base + "loop/b").header("Location") == "/loop/a"


def test_oversized_portal_pads_its_pages_beyond_the_limit():
    with serve({"mode": "oversized", "size_bytes": 2_000_000}) as server:
        answer = fetch(server.portals[0]["portal"])
        assert int(answer.header("Content-Length")) == len(answer.body) > 2_000_000
        assert answer.body.rstrip().endswith(b"</html>")
        assert fetch(server.portals[0]["portal"] + "robots.txt").body.startswith(
            b"User-agent"
        )


def test_calendar_portal_links_one_day_to_the_next_without_end():
    with serve("calendar") as server:
        base = server.portals[0]["portal"]
        link = (
            re.search(rb'href="(/calendar/[\d-]+)"', fetch(base).body).group(1).decode()
        )
        days = []
        for _ in range(5):
            days.append(link)
            link = re.search(
                rb'href="(/calendar/[\d-]+)">', fetch(base + link[1:]).body
            )
            link = link.group(1).decode()
        assert days == [f"/calendar/2016-06-{day}" for day in range(17, 22)]
        assert b"/calendar/" not in fetch(server.portals[1]["portal"]).body


def test_script_stub_portal_forwards_its_root_to_the_homepage_by_script():
    with serve("script_stub") as server:
        base = server.portals[0]["portal"]
        stub = fetch(base).body
        assert b'location.href = "/index.html"' in stub
        assert b"<a " not in stub
        homepage = fetch(base + "index.html")
        assert homepage.status == 200
        assert homepage.body.count(b"<a ") > 10


def test_a_mode_limited_to_paths_leaves_other_paths_alone():
    with serve({"mode": "error", "paths": ["/robots.txt"]}) as server:
        assert fetch(server.portals[0]["portal"] + "robots.txt").status == 503
        assert fetch(server.portals[0]["portal"]).status == 200


def test_the_credit_platform_can_misbehave_too():
    city = build_city()
    with CityServer(city, misbehaviour={"credit": "5xx"}) as server:
        assert fetch(server.credit_url + "sgs/u03/").status == 503


def test_unknown_modes_and_units_are_refused_with_the_choices():
    with pytest.raises(ValueError, match="unknown mode 'sluggish'.*slow, error"):
        parse_misbehaviour("u01", "sluggish")
    with pytest.raises(ValueError, match="unknown options"):
        parse_misbehaviour("u01", {"mode": "slow", "delay": 3})
    with pytest.raises(ValueError, match="'u99'"):
        CityServer(
            build_city(units=2, disclosures_per_unit=1), misbehaviour={"u99": "slow"}
        )
