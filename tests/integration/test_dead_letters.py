"""Events the platform refused wait for a manager: retry (after a fix) or discard, both audited."""

from __future__ import annotations

import sqlite3

import pytest

from pos_app.domain.errors import PermissionDenied, ReasonRequired
from pos_app.services.demo_catalog import gtin13
from pos_app.services.sync_service import DeadLetterNotFound
from tests_support import user_id


@pytest.fixture
def refused(app, cashier):
    cashier.scan(gtin13("690000000001"))
    cashier.add_tender("cash", "3")
    sale = cashier.complete()
    event = app.sync.storage.pending_events(1)[0]
    app.sync.storage.mark_dead(event.id, "422 invalid: line total")  # what the engine does on a 4xx
    return event.id, sale


def test_manager_sees_and_retries_a_refused_event(app, refused):
    event_id, sale = refused
    [dead] = app.sync.dead_letters()
    assert (dead.event_id, dead.kind, dead.aggregate_id, dead.error) == (event_id, "sale", sale.sale_id,
                                                                         "422 invalid: line total")
    manager = app.auth.login(user_id(app, "Wang"), "8888")
    app.sync.retry_dead(manager, event_id)
    assert app.sync.dead_letters() == [] and app.sync.state().pending == 1
    audit = sqlite3.connect(app.db.path).execute(
        "SELECT user_id FROM audit_log WHERE action='sync.dead_retried' AND ref_id=?", (event_id,)).fetchall()
    assert audit == [(manager.user_id,)]


def test_discard_needs_a_reason_and_keeps_the_row(app, refused):
    event_id, _ = refused
    manager = app.auth.login(user_id(app, "Wang"), "8888")
    with pytest.raises(ReasonRequired):
        app.sync.discard_dead(manager, event_id, "  ")
    app.sync.discard_dead(manager, event_id, "duplicate of a sale keyed in on the platform")
    con = sqlite3.connect(app.db.path)
    assert con.execute("SELECT status FROM outbox WHERE id=?", (event_id,)).fetchone() == ("discarded",)
    assert app.sync.state().pending == 0 and app.sync.dead_letters() == []
    with pytest.raises(DeadLetterNotFound):
        app.sync.retry_dead(manager, event_id)


def test_a_cashier_cannot_decide(app, refused, cashier):
    event_id, _ = refused
    with pytest.raises(PermissionDenied):
        app.sync.retry_dead(cashier.user, event_id)
    assert len(app.sync.dead_letters()) == 1
