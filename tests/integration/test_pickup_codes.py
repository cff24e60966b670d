"""How a pickup code is proven at the till, on a real seeded SQLite file (platform not reachable:
the offline paths). The QR's signature, the Argon2id fallback, and the attempt limits, including
wrong codes typed with no order selected; each refusal changes nothing but the counters."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pickup_support import COLA, feed, qr_for, wire_order
from sqlalchemy import create_engine

from pos_app.domain import errors as E
from pos_app.services.pickup_codes import save_platform_keys
from pos_app.store import migrate
from tests_support import user_id


@pytest.fixture
def clerk(app):
    app.pickup.set_user(app.auth.login(user_id(app, "Chen Jing"), "3333"))
    return app.pickup


@pytest.fixture
def manager_ok(app):
    return app.auth.approve("8888", "pickup_manage", "customer typed wrong codes")


def _ready(app, clerk, order_no="PU1"):
    order, code = wire_order(order_no, [(COLA[0], COLA[2], "1", "pcs")])
    feed(app, order)
    clerk.start_picking(order.order_id)
    clerk.scan(COLA[1], order.order_id)
    return clerk.mark_ready(order.order_id), code


def _other(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_wrong_bare_codes_count_and_lock_typed_codes_without_an_order(app, clerk, manager_ok):
    view, code = _ready(app, clerk)
    for left in (4, 3, 2, 1):
        with pytest.raises(E.PickupBareCodeWrong) as err:
            clerk.scan(_other(code))  # no order selected
        assert err.value.params["attempts_left"] == left
    with pytest.raises(E.PickupBareCodesLocked):
        clerk.scan(_other(code))
    with pytest.raises(E.PickupBareCodesLocked):  # now even the right code, without an order
        clerk.scan(code)
    assert clerk.queue().bare_codes_locked and not clerk.order(view.order_id).verified
    with app.db.uow(read_only=True) as uow:
        assert len(uow.audit.entries(action="pickup.wrong_bare_code")) == 5
    assert clerk.verify_code(code, view.order_id).verified  # with the order selected it still works
    with pytest.raises(E.PickupManagerRequired):
        clerk.unlock_bare_codes(None)
    clerk.unlock_bare_codes(manager_ok)
    assert not clerk.queue().bare_codes_locked
    assert clerk.scan(code).order.order_id == view.order_id


def test_a_forged_or_borrowed_qr_is_a_wrong_code(app, clerk):
    view, _ = _ready(app, clerk)
    other, _ = _ready(app, clerk, "PU2")
    forged = qr_for(view, key=Ed25519PrivateKey.generate())  # right format, not the platform's key
    with pytest.raises(E.PickupCodeWrong) as err:
        clerk.scan(forged)
    assert err.value.params == {"order_no": "PU1", "attempts_left": 4}
    borrowed = qr_for(other).replace(":PU2:", ":PU1:")  # PU2's signature on PU1's number
    with pytest.raises(E.PickupCodeWrong):
        clerk.scan(borrowed)
    assert clerk.order(view.order_id).wrong_code_attempts == 2 and not clerk.order(view.order_id).verified
    assert clerk.scan(qr_for(view)).order.verified


def test_without_the_platform_key_a_qr_cannot_be_checked_and_nothing_is_counted(app, clerk):
    view, code = _ready(app, clerk)
    save_platform_keys(app.db, [])  # a till that never got the key (and the platform is unreachable)
    with pytest.raises(E.PickupQrNoKey):
        clerk.scan(qr_for(view))
    assert clerk.order(view.order_id).wrong_code_attempts == 0
    assert clerk.verify_code(code, view.order_id).verified  # the typed code still works offline


def test_the_database_holds_only_a_costly_hash_of_the_code(app, clerk):
    view, code = _ready(app, clerk)
    con = sqlite3.connect(app.db.path)
    try:
        columns = [r[1] for r in con.execute("PRAGMA table_info(pickup_orders)")]
        (stored,) = con.execute("SELECT code_argon2 FROM pickup_orders WHERE order_id = ?",
                                (view.order_id,)).fetchone()
        keys = con.execute("SELECT public_key FROM platform_keys").fetchall()
    finally:
        con.close()
    assert "code_hash" not in columns and "code_salt" not in columns
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,") and code not in stored
    assert len(keys) == 1 and len(keys[0][0]) == 44  # a public key, nothing that could sign


def test_an_order_without_an_offline_hash_needs_the_platform(app, clerk):
    view, code = _ready(app, clerk)
    with app.db.uow() as uow:  # as after migration 0006, before the pickup feed is pulled again
        uow.pickup.get(view.order_id).code_argon2 = ""
        uow.commit()
    with pytest.raises(E.PickupCodeNeedsPlatform):
        clerk.verify_code(code, view.order_id)
    assert clerk.order(view.order_id).wrong_code_attempts == 0
    assert clerk.scan(qr_for(view)).order.verified  # the signed QR needs no hash


def test_migration_0006_drops_the_sha256_hashes_and_pulls_pickup_orders_again(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate._alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.exec_driver_sql(
            "INSERT INTO pickup_orders (order_id, order_no, customer_name, customer_phone, status, platform_status,"
            " payment, pickup_deadline, notes, code_salt, code_hash, wrong_code_attempts, received_at, updated_at)"
            " VALUES ('o1', 'PU1', 'x', '13800000000', 'ready', 'ready', 'paid_online', '2030-01-01 00:00:00', '',"
            " '00', 'ab', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
        conn.exec_driver_sql("INSERT INTO sync_cursors (resource, cursor, updated_at)"
                             " VALUES ('pickup_orders', 'c9', '2026-01-01 00:00:00'),"
                             " ('catalog', 'c7', '2026-01-01 00:00:00')")
        conn.commit()
    migrate.upgrade(engine)
    with engine.connect() as conn:
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(pickup_orders)")]
        cursors = dict(conn.exec_driver_sql("SELECT resource, cursor FROM sync_cursors").fetchall())
        kept = conn.exec_driver_sql("SELECT order_no, code_argon2 FROM pickup_orders").fetchall()
    engine.dispose()
    assert "code_hash" not in columns and "code_salt" not in columns
    assert cursors == {"catalog": "c7"} and kept == [("PU1", "")]
