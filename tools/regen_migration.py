"""Regenerate the initial migration from `store/models.py`.

Until zwgk has a release whose databases must be kept, the schema lives in one
migration. Run this after changing a model: `.venv/bin/python tools/regen_migration.py`.
After the first release, add a new revision with Alembic instead.
"""

import tempfile
from pathlib import Path

from alembic import command

from store.db import MIGRATIONS_DIR, _alembic_config, create_store_engine


def main() -> None:
    """Write `store/migrations/versions/0001_initial_schema.py` anew."""
    for old in (MIGRATIONS_DIR / "versions").glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_store_engine(f"sqlite:///{Path(folder) / 'empty.sqlite'}")
        config = _alembic_config(engine)
        command.revision(
            config, message="initial schema", autogenerate=True, rev_id="0001"
        )


if __name__ == "__main__":
    main()
