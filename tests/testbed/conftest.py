"""Fixtures of the testbed tests: the default city served once per session.

The folder is put on sys.path so that the tests import their helper modules
(testbed_http, testbed_oracle) by name under pytest's importlib mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from testbed.server import CityServer

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def city_server():
    """The default city on a free port, for the whole session."""
    with CityServer(port=0) as server:
        yield server


@pytest.fixture(scope="session")
def portal(city_server):
    """The portal URL of a unit id."""
    urls = {item["id"]: item["portal"] for item in city_server.portals}
    return urls.__getitem__
