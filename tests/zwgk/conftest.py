"""The testbed city on loopback, and configurations that assess parts of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from testbed.expected import load_expected
from testbed.server import CityServer

EXPECTED = load_expected()


@pytest.fixture(scope="session")
def city():
    """The default testbed city, served on a free port for the whole session."""
    with CityServer(port=0) as server:
        yield server


def write_city_config(
    folder: Path,
    city: CityServer,
    unit_ids: list[str],
    *,
    extra: str = "",
    screenshots: bool = False,
) -> Path:
    """Write a configuration assessing `unit_ids` of the city, tuned for tests."""
    portals = {portal["id"]: portal for portal in city.portals}
    lines = [
        "[assessment]",
        'title = "测试评估"',
        f"as_of = {EXPECTED.as_of.isoformat()}",
        "[assessment.parameters]",
        *(f'{key} = "{value}"' for key, value in EXPECTED.parameters.items()),
        "[database]",
        'url = "sqlite:///var/zwgk.sqlite"',
        "[output]",
        'dir = "out"',
        "[crawl]",
        "allow_private_addresses = true",
        "probe_interval_seconds = 0.5",
        "download_delay_seconds = 0",
        "autothrottle = false",
        f"screenshots = {'true' if screenshots else 'false'}",
    ]
    for unit_id in unit_ids:
        portal = portals[unit_id]
        tags = ", ".join(f'"{tag}"' for tag in portal["tags"])
        lines += [
            "[[unit]]",
            f'id = "{unit_id}"',
            f'name = "{portal["name"]}"',
            f'kind = "{portal["kind"]}"',
            f"tags = [{tags}]",
            f'portal = "{portal["portal"]}"',
        ]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def city_config(city):
    """A factory writing configurations that assess units of the served city."""

    def write(folder: Path, unit_ids: list[str], **options) -> Path:
        return write_city_config(folder, city, unit_ids, **options)

    return write
