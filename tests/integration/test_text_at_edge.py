"""Whatever a cashier or a scanner types into a text field, a sale that took it prints and delivers.

The property tests drive the real services on a real database: any string offered as a card slip
reference, an override reason, a hold label, a paid-in note or a no-sale reason is either refused
with a PosError (nothing changes) or the completed sale's receipt is the full one, renders to
ESC/POS bytes, and its outbox payload validates against ``sync.protocol``.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hardware.receipt.escpos_render import render
from pos_app.domain.errors import PosError
from pos_app.services.demo_catalog import gtin13
from pos_app.services.receipts import document_from_json, profile_for
from sync import protocol as P
from tests_support import user_id

COLA = gtin13("690000000001")
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=120)
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def manager(app, cashier):
    """The admin signed in (once per test: Argon2 is slow on purpose), a shift open."""
    return app.auth.login(user_id(app, "Admin"), "9999")


def delivered_and_printed(app, sale_id: str) -> P.Sale:
    with app.db.uow(read_only=True) as uow:
        payload = next(e.payload for e in uow.outbox.for_aggregate(sale_id) if e.kind == "sale")
        document = document_from_json(next(j.document for j in uow.print_jobs.pending() if j.ref_id == sale_id))
    assert render(document, profile_for(app.config))
    assert any("Coca-Cola" in getattr(block, "left", "") for block in document.blocks)  # the full receipt
    return P.Sale.model_validate(json.loads(payload))


def pay_by_card(checkout, reference: str):
    snap = checkout.current()
    if snap.remaining > 0:
        checkout.add_tender("card", str(snap.remaining), reference)
    return checkout.complete()


@SLOW
@given(reference=ANY_TEXT, reason=ANY_TEXT, label=ANY_TEXT)
@example(reference="", reason="价格\ud800调整", label="")  # a lone surrogate once reached the audit log raw
def test_any_accepted_text_gives_a_sale_that_prints_and_delivers(app, manager, reference, reason, label) -> None:
    cashier = app.checkout
    cashier.set_user(manager)
    cashier.scan(COLA)
    try:
        cashier.override_price(cashier.current().lines[-1].line_id, "2.50", reason)
    except PosError:
        pass
    cashier.hold(label)
    cashier.recall(cashier.held()[0].ticket_id)
    before = cashier.current()
    try:
        snap = cashier.add_tender("card", str(before.remaining), reference)
    except PosError:
        assert cashier.current() == before  # refused: nothing changed
        cashier.void_line(before.lines[-1].line_id)
        return
    done = cashier.complete(snap.ticket_id)
    sale = delivered_and_printed(app, done.sale_id)
    assert sale.tenders[0].reference == snap.tenders[0].reference


@SLOW
@given(note=ANY_TEXT, reason=ANY_TEXT)
def test_any_accepted_drawer_note_prints_its_slip(app, manager, note, reason) -> None:
    for action in (lambda: app.shifts.paid_in(manager, "1.00", "other", note),
                   lambda: app.shifts.no_sale(manager, reason)):
        try:
            event = action()
        except PosError:
            continue
        with app.db.uow(read_only=True) as uow:
            document = document_from_json(uow.print_jobs.last("slip").document)
        assert render(document, profile_for(app.config))
        printed = "".join(getattr(b, "text", "") + getattr(b, "left", "") + getattr(b, "right", "")
                          for b in document.blocks)
        assert event.note in printed


def test_a_scanned_gs1_slip_reference_completes_a_deliverable_sale(app, cashier) -> None:
    cashier.scan(COLA)
    done = pay_by_card(cashier, "\x1d0112345678901231\x1d21AB\tC\x1b")
    sale = delivered_and_printed(app, done.sale_id)
    assert sale.tenders[0].reference == "0112345678901231 21AB C"
    assert Decimal(sale.total_fen) == 300


def test_send_again_repairs_a_sale_stranded_by_text_kept_before_the_rule(app, cashier):
    """A sale completed by an older till with a GS in its slip reference was dead-lettered; sending it
    again now delivers it, its typed text normalised as the edge does today."""
    cashier.scan(COLA)
    done = pay_by_card(cashier, "REF42")
    event = app.sync.storage.pending_events(1)[0]
    stranded = json.loads(json.dumps(event.payload))
    stranded["tenders"][0]["reference"] = "\x1dREF\t42"
    with app.db.uow() as uow:
        uow.outbox.get(event.id).payload = json.dumps(stranded)
        uow.commit()
    app.sync.storage.mark_dead(event.id, "sale payload does not match the contract: tenders.0.reference")
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    app.sync.retry_dead(manager, event.id)
    [again] = [e for e in app.sync.storage.pending_events(10) if e.id == event.id]
    assert P.Sale.model_validate(again.payload).tenders[0].reference == "REF 42"
    assert again.payload["sale_id"] == done.sale_id
