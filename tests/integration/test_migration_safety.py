"""Migrations lose nothing: foreign keys really off around table rebuilds, a copy made first,
a failing migration leaves the database as it was and names the copy."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pos_app.bootstrap import open_database
from pos_app.config import Config
from pos_app.services.demo import seed_demo
from pos_app.store import backup, migrate
from pos_app.store.db import DatabaseError
from pos_app.store.uow import Database

REBUILD_PRODUCTS = '''
"""test: rebuild the products table (what a batch ALTER of a column does on SQLite)"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("products", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("test_note", sa.String(), nullable=True))
    {extra}


def downgrade():
    pass
'''


def migrations_with(tmp_path: Path, extra: str = "") -> Path:
    """The real migrations plus one more revision on top that rebuilds `products`."""
    target = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "9999_rebuild_products.py").write_text(
        REBUILD_PRODUCTS.format(head=migrate.head_revision(), extra=extra))
    return target


def child_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("products", "product_codes", "stock_levels")}
    finally:
        con.close()


@pytest.fixture
def seeded(tmp_path) -> Path:
    data = tmp_path / "data"
    db = open_database(data)
    seed_demo(db, Config(language="en"), products=200)
    db.dispose()
    return data / "till.db"


def test_rebuilding_a_parent_table_keeps_every_child_row(tmp_path, seeded):
    before = child_counts(seeded)
    assert min(before.values()) > 0
    db = Database(seeded)
    try:
        copy = migrate.upgrade(db.engine, db.path, migrations_with(tmp_path))
    finally:
        db.dispose()
    assert child_counts(seeded) == before
    con = sqlite3.connect(seeded)
    assert "test_note" in {r[1] for r in con.execute("PRAGMA table_info(products)")}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert copy is not None and copy.parent == seeded.parent / "backups"
    assert copy.name.startswith("till-") and copy.name.endswith("-before-9999.db")
    assert child_counts(copy) == before


def test_foreign_keys_are_on_again_after_the_migration(tmp_path, seeded):
    db = Database(seeded)
    try:
        migrate.upgrade(db.engine, db.path, migrations_with(tmp_path))
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_a_failing_migration_leaves_the_database_as_it_was_and_names_the_copy(tmp_path, seeded):
    before = child_counts(seeded)
    revision = migrate.current_revision(Database(seeded).engine)
    broken = migrations_with(tmp_path, extra='op.execute("INSERT INTO no_such_table VALUES (1)")')
    db = Database(seeded)
    try:
        with pytest.raises(DatabaseError) as err:
            migrate.upgrade(db.engine, db.path, broken)
    finally:
        db.dispose()
    copy = backup.latest_backup(seeded.parent)
    assert copy is not None and str(copy) in str(err.value) and "left as it was" in str(err.value)
    assert child_counts(seeded) == before
    con = sqlite3.connect(seeded)
    assert "test_note" not in {r[1] for r in con.execute("PRAGMA table_info(products)")}
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision


def test_a_migration_that_breaks_a_foreign_key_is_rolled_back(tmp_path, seeded):
    broken = migrations_with(tmp_path, extra='op.execute("DELETE FROM products")')
    before = child_counts(seeded)
    db = Database(seeded)
    try:
        with pytest.raises(DatabaseError, match="foreign key check failed"):
            migrate.upgrade(db.engine, db.path, broken)
    finally:
        db.dispose()
    assert child_counts(seeded) == before


def test_a_new_database_needs_no_copy(tmp_path):
    open_database(tmp_path).dispose()
    assert backup.list_backups(tmp_path) == []


def test_a_database_at_head_is_not_copied_again(tmp_path, seeded):
    open_database(seeded.parent).dispose()
    assert backup.list_backups(seeded.parent) == []


def test_the_start_up_shortcut_reads_the_same_head_as_alembic(tmp_path):
    extra = migrations_with(tmp_path)
    assert migrate._single_head_from_files(migrate.MIGRATIONS_DIR) == migrate.head_revision()
    assert migrate._single_head_from_files(extra) == migrate.head_revision(extra) == "9999"


def test_two_heads_leave_the_decision_to_alembic(tmp_path):
    extra = migrations_with(tmp_path)
    second = (extra / "versions" / "9999_rebuild_products.py").read_text().replace('"9999"', '"9998"')
    (extra / "versions" / "9998_other_branch.py").write_text(second)
    assert migrate._single_head_from_files(extra) is None


def test_a_database_behind_head_is_not_taken_for_current(tmp_path, seeded):
    db = Database(seeded)
    try:
        assert migrate.is_at_head(db.engine)
        assert not migrate.is_at_head(db.engine, migrations_with(tmp_path))
    finally:
        db.dispose()
