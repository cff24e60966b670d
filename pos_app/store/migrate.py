"""Create or migrate the store database to the code's schema (idempotent).

A database from a newer version of the till is refused rather than "migrated" backwards, because
running old code on a newer schema could silently drop data the newer code relies on.

An existing database is first copied with SQLite's backup API (`pos_app.store.backup`), and the
whole upgrade runs in one transaction with foreign keys off (a batch table rebuild drops the old
table; with foreign keys on, that DELETE would cascade to the child rows), followed by
`foreign_key_check` before the commit. A failure rolls back and leaves the database as it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from pos_app.store import backup
from pos_app.store.db import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"'](\w+)[\"']\s*$", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


def _alembic_config(migrations_dir: Path = MIGRATIONS_DIR) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # alembic is loaded only to migrate

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations_dir))
    return cfg


def head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(migrations_dir)).get_current_head()
    assert head is not None  # the migrations folder always has a head
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _single_head_from_files(migrations_dir: Path) -> str | None:
    """The head revision read from the version files' own lines, without loading alembic (a
    start-up shortcut); None when anything is unusual, and alembic then decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (migrations_dir / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            if path.name == "__init__.py":
                continue
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"[\"'](\w+)[\"']", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def is_at_head(engine: Engine, migrations_dir: Path = MIGRATIONS_DIR) -> bool:
    """True when the stored revision is this code's single head: nothing to check or migrate."""
    head = _single_head_from_files(migrations_dir)
    if head is None:
        return False
    with engine.connect().execution_options(sqlite_begin="DEFERRED") as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").first()
        stored = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() if exists else []
    return [tuple(row) for row in stored] == [(head,)]


def check_not_newer(engine: Engine, migrations_dir: Path = MIGRATIONS_DIR) -> None:
    """Refuse a schema revision this code does not know."""
    rev = current_revision(engine)
    if rev is None:
        return
    from alembic.script import ScriptDirectory

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
    if is_at_head(engine, migrations_dir):
        return None
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
    from alembic import command

    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
        # PRAGMA foreign_keys is a no-op inside a transaction, and any SQLAlchemy execute begins
        # one: switch it on the driver's connection, which is in autocommit between transactions.
        driver = conn.connection.driver_connection
        assert driver is not None  # an open connection has its driver's
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
