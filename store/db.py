"""Open the database and keep its schema current.

Any SQLAlchemy URL works; SQLite is the default and runs in WAL mode so that
the crawler can write while a report reads. `open_store` creates the schema on
a new database and upgrades an older one with the Alembic migrations kept in
`store/migrations`, so no user ever runs a migration by hand.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from zwgk.errors import StoreError

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def create_store_engine(url: str) -> Engine:
    """Return an engine for `url`; SQLite files get WAL and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"Cannot parse database URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    ):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema of `engine` to the newest migration."""
    config = _alembic_config(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            current = MigrationContext.configure(connection).get_current_revision()
            head = ScriptDirectory.from_config(config).get_current_head()
            if current == head:
                return
            logger.info("Upgrading database schema from %s to %s", current, head)
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"Cannot create or upgrade the database at {engine.url!r}: {exc}"
        ) from exc


def _alembic_config(engine: Engine) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", str(engine.url))
    return config


def open_store(url: str) -> sessionmaker[Session]:
    """Open the database at `url`, bring its schema up to date, return sessions."""
    engine = create_store_engine(url)
    upgrade_schema(engine)
    return sessionmaker(engine, expire_on_commit=False)
