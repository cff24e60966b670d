"""Create or migrate the store database to the code's schema (idempotent).

A database from a newer version of the till is refused rather than "migrated" backwards, because
running old code on a newer schema could silently drop data the newer code relies on.

An existing database is first copied with SQLite's backup API (`pos_app.store.backup`), and the
whole upgrade runs in one transaction with foreign keys off (a batch table rebuild drops the old
table; with foreign keys on, that DELETE would cascade to the child rows), followed by
`foreign_key_check` before the commit. A failure rolls back and leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from pos_app.store import backup
from pos_app.store.db import DatabaseError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _alembic_config(migrations_dir: Path = MIGRATIONS_DIR) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations_dir))
    return cfg


def head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str:
    return ScriptDirectory.from_config(_alembic_config(migrations_dir)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(engine: Engine, migrations_dir: Path = MIGRATIONS_DIR) -> None:
    """Refuse a schema revision this code does not know."""
    rev = current_revision(engine)
    if rev is None:
        return
    script = ScriptDirectory.from_config(_alembic_config(migrations_dir))
    known = {s.revision for s in script.walk_revisions()}
    if rev not in known:
        raise DatabaseError(
            f"The database was written by a newer O2O Till (schema {rev}); this version knows schemas "
            f"up to {head_revision(migrations_dir)}. Install the newer version; nothing was changed."
        )


def upgrade(engine: Engine, db_path: Path | None = None, migrations_dir: Path = MIGRATIONS_DIR) -> Path | None:
    """Bring the schema to head; safe to run again and again. With `db_path`, a database that
    has a schema is backed up first; returns that copy (None when nothing needed migrating)."""
    check_not_newer(engine, migrations_dir)
    current, head = current_revision(engine), head_revision(migrations_dir)
    if current == head:
        return None
    copy = None
    if current is not None and db_path is not None:
        copy = backup.copy_database(db_path, backup.new_backup_path(db_path.parent, f"before-{head}"))
    try:
        _upgrade_with_foreign_keys_off(engine, _alembic_config(migrations_dir))
    except Exception as exc:
        where = f"; a copy made before the migration is at {copy}" if copy else ""
        raise DatabaseError(f"Migrating the database from schema {current or 'nothing'} to {head} failed "
                            f"({exc}). The database was left as it was{where}.") from exc
    return copy


def _upgrade_with_foreign_keys_off(engine: Engine, cfg: AlembicConfig) -> None:
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
        # PRAGMA foreign_keys is a no-op inside a transaction, and any SQLAlchemy execute begins
        # one: switch it on the driver's connection, which is in autocommit between transactions.
        driver = conn.connection.driver_connection
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            # Our transaction, begun before alembic's: alembic then treats it as external and
            # leaves the commit to us, after the foreign key check.
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseError(f"foreign key check failed: {problems[:5]}")
        finally:
            driver.execute("PRAGMA foreign_keys=ON")
