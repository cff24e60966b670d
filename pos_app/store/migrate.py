"""Create or migrate the store database to the code's schema (idempotent).

A database from a newer version of the till is refused rather than "migrated" backwards, because
running old code on a newer schema could silently drop data the newer code relies on.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from pos_app.store.db import DatabaseError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(engine: Engine) -> None:
    """Refuse a schema revision this code does not know."""
    rev = current_revision(engine)
    if rev is None:
        return
    script = ScriptDirectory.from_config(_alembic_config())
    known = {s.revision for s in script.walk_revisions()}
    if rev not in known:
        raise DatabaseError(
            f"The database was written by a newer O2O Till (schema {rev}); this version knows schemas "
            f"up to {head_revision()}. Install the newer version; nothing was changed."
        )


def upgrade(engine: Engine) -> None:
    """Bring the schema to head; safe to run again and again."""
    check_not_newer(engine)
    cfg = _alembic_config()
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
        # PRAGMA foreign_keys is a no-op inside a transaction: switch it off before alembic begins.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.rollback()
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    if problems:
        raise DatabaseError(f"Foreign key check failed after migration: {problems[:5]}")
