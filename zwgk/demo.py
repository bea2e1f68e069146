"""The demo: serve the simulated city and assess it with the embedded config.

The repository's `config.toml` lists the testbed's portals at fixed loopback
addresses; the demo serves the city on the port those URLs name, runs the
whole assessment and leaves the reports in the output folder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, sessionmaker

from store.db import open_store
from zwgk.assess import Outcome, assess
from zwgk.config import load_settings
from zwgk.errors import ConfigError, ZwgkError

logger = logging.getLogger(__name__)


@dataclass
class DemoOutcome(Outcome):
    """An assessment's outcome, with the store it was written to."""

    sessions: sessionmaker[Session] | None = None


def run_demo(
    *, config_path: Path, out_dir: Path | None = None, pdf: bool = True
) -> DemoOutcome:
    """Serve the testbed, assess it with `config_path`, return what was written."""
    from testbed.server import CityServer

    settings = load_settings(config_path)
    if not settings.unit:
        raise ConfigError(f"{config_path}: the demo needs [[unit]] entries")
    port = urlsplit(settings.unit[0].portal).port or 80
    server = CityServer(port=port)
    try:
        server.start()
    except RuntimeError as exc:
        raise ZwgkError(
            f"Cannot serve the testbed on port {port}: {exc}; is another "
            "`zwgk demo` or `zwgk testbed serve` running?"
        ) from exc
    try:
        served = {portal["portal"] for portal in server.portals}
        unserved = [unit.id for unit in settings.unit if unit.portal not in served]
        if unserved:
            logger.warning(
                "Units %s of %s are not portals of the testbed", unserved, config_path
            )
        logger.info("Serving the testbed city: %d portals", len(server.portals))
        outcome = assess(settings, out_dir=out_dir, pdf=pdf)
    finally:
        server.stop()
    return DemoOutcome(**vars(outcome), sessions=open_store(settings.database_url()))
