"""The store database: migrations, pragmas on every connection, write locking, bad files."""

from __future__ import annotations

import hashlib
import sqlite3
import threading

import pytest
from sqlalchemy import text

from pos_app.bootstrap import open_database
from pos_app.store import migrate
from pos_app.store.db import DatabaseError
from pos_app.store.models import Base, include_in_migrations
from pos_app.store.uow import Database


def test_migrate_from_empty_creates_every_model_table(tmp_path):
    db = open_database(tmp_path)
    con = sqlite3.connect(db.path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(Base.metadata.tables) <= tables
    assert "product_fts" in tables
    assert migrate.current_revision(db.engine) == migrate.head_revision()


def test_migrations_rerun_is_a_no_op(tmp_path):
    db = open_database(tmp_path)
    before = sqlite3.connect(db.path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    db.migrate()
    db.migrate()
    after = sqlite3.connect(db.path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert before == after


def test_model_matches_migrations(tmp_path):
    """Autogenerate finds nothing to do: models and migrations describe the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": include_in_migrations}), Base.metadata
        )
    assert diff == []


def test_pragmas_set_on_every_pooled_connection(tmp_path):
    db = open_database(tmp_path)
    conns = [db.engine.raw_connection() for _ in range(3)]  # distinct DBAPI connections
    try:
        seen = [tuple(c.cursor().execute(f"PRAGMA {p}").fetchone()[0]
                      for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"))
                for c in conns]
    finally:
        for c in conns:
            c.close()
    assert seen == [("wal", 2, 1, 5000)] * 3  # synchronous 2 == FULL


def test_sync_writes_skip_the_fsync_and_the_next_sale_has_it_again(tmp_path):
    """A background (sync worker) write runs with synchronous=NORMAL; any other write on the same
    pooled connection is FULL again, so a sale never inherits the sync's setting."""
    db = open_database(tmp_path)

    def level(uow) -> int:
        return uow.session.connection().exec_driver_sql("PRAGMA synchronous").scalar()

    with db.uow(background=True) as uow:
        assert level(uow) == 1  # NORMAL
    with db.uow() as uow:
        assert level(uow) == 2  # FULL
    with db.uow(read_only=True) as uow:
        assert level(uow) == 2


def test_write_unit_of_work_takes_the_write_lock_at_begin(tmp_path):
    """BEGIN IMMEDIATE: a second writer is refused at BEGIN, not at its first write."""
    db = open_database(tmp_path)
    with db.uow() as uow:
        uow.tills.ensure("S1", "T1")  # any statement starts the transaction
        other = sqlite3.connect(db.path, timeout=0.05, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    with db.uow(read_only=True) as ro:
        ro.catalog.count()
        other = sqlite3.connect(db.path, timeout=0.05, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # a reader does not hold the write lock
        other.execute("ROLLBACK")
        other.close()


def test_uncommitted_unit_of_work_rolls_back(tmp_path):
    db = open_database(tmp_path)
    with db.uow() as uow:
        uow.tills.ensure("S1", "T1")
    with db.uow(read_only=True) as uow:
        assert uow.session.execute(text("SELECT count(*) FROM tills")).scalar() == 0


def test_not_an_sqlite_file_is_refused_and_left_alone(tmp_path):
    bogus = tmp_path / "till.db"
    bogus.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 10)
    digest = hashlib.sha256(bogus.read_bytes()).hexdigest()
    with pytest.raises(DatabaseError, match="not an SQLite file"):
        open_database(tmp_path)
    assert hashlib.sha256(bogus.read_bytes()).hexdigest() == digest


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    db = open_database(tmp_path)
    db.dispose()
    con = sqlite3.connect(tmp_path / "till.db")
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="newer O2O Till"):
        open_database(tmp_path)
    con = sqlite3.connect(tmp_path / "till.db")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_from_the_future",)


@pytest.mark.parametrize("table", ["sales", "sale_lines", "sale_tenders", "audit_log"])
def test_immutable_tables_refuse_update_and_delete(tmp_path, table):
    db = open_database(tmp_path)
    with db.uow() as uow:
        uow.audit.add("S1-T1", "test.entry", None)
        uow.commit()
    con = sqlite3.connect(Database(tmp_path / "till.db").path)
    for stmt in (f"UPDATE {table} SET rowid = rowid", f"DELETE FROM {table}"):
        if table == "audit_log":
            with pytest.raises(sqlite3.IntegrityError, match="immutable"):
                con.execute(stmt)
        else:  # empty tables: the trigger is there even if no row fires it
            trig = con.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name=?",
                               (table,)).fetchone()[0]
            assert trig == 2


def test_concurrent_writers_queue_instead_of_failing(tmp_path):
    """busy_timeout: two threads writing at once both succeed."""
    db = open_database(tmp_path)
    errors = []

    def write(n):
        try:
            for i in range(20):
                with db.uow() as uow:
                    uow.outbox.add("test", f"agg-{n}-{i}", {"n": n})
                    uow.commit()
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    with db.uow(read_only=True) as uow:
        assert uow.outbox.counts() == {"pending": 40}


def test_an_sqlite_older_than_the_migrations_need_is_refused_by_name_and_the_current_one_passes(tmp_path):
    from pos_app.store.db import check_fts5

    db = open_database(tmp_path)
    with pytest.raises(DatabaseError, match=r"SQLite \(3\.34\.1\) is older than 3\.35"):
        check_fts5(db.engine, (3, 34, 1))
    check_fts5(db.engine)  # this machine's SQLite: no error
    db.dispose()


def test_the_audit_keeps_text_sqlite_cannot_store_escaped_and_reads_it_back(tmp_path):
    """A lone surrogate (a bad scanner or paste) in an audit detail is stored escaped, not a failure."""
    import json

    db = open_database(tmp_path)
    details = {"why": "价格\ud800错", "plain": "收银"}
    with db.uow() as uow:
        uow.audit.add("S1-T1", "test.surrogate", None, details=details)
        uow.audit.add("S1-T1", "test.plain", None, details={"plain": "收银"})
        uow.commit()
    with db.uow(read_only=True) as uow:
        escaped, plain = uow.audit.entries("test.surrogate")[0], uow.audit.entries("test.plain")[0]
        assert json.loads(escaped.details) == details
        assert plain.details == '{"plain": "收银"}'  # readable when it can be
    db.dispose()
