"""The pickup console's service on a real seeded SQLite file: queue, picking, code check,
hand-over, pay at store, cancellation, expiry; every refusal changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pickup_support import APPLES, COLA, PEPSI, WATER, feed, qr_for, weight_label, wire_order
from pydantic import ValidationError
from sqlalchemy import select, text

from pos_app.domain import errors as E
from pos_app.domain.errors import (
    BadCheckDigit,
    BadCodeLength,
    InvalidQuantity,
    PermissionDenied,
    QuantityNotWhole,
    ReasonRequired,
)
from pos_app.domain.permissions import ManagerApproval, Permission, Role
from pos_app.services.checkout import CodeNotForSale, ProductNotFound
from pos_app.services.shift import NoOpenShift
from pos_app.store.models import StockMovement
from sync import protocol as P
from sync.errors import PageRefused
from tests_support import open_shift, user_id


@pytest.fixture
def clerk(app):
    app.pickup.set_user(app.auth.login(user_id(app, "Chen Jing"), "3333"))
    return app.pickup


@pytest.fixture
def manager_ok(app):
    return app.auth.approve("8888", "pickup_manage", "customer never came")


def _level(app, sku: str) -> Decimal:
    with app.db.uow(read_only=True) as uow:
        return uow.stock.level(uow.catalog.by_sku(sku).id)


def _events(app, order_id: str) -> list[dict]:
    with app.db.uow(read_only=True) as uow:
        return [json.loads(e.payload) for e in uow.outbox.for_aggregate(order_id) if e.kind == "pickup_event"]


def _audit(app, order_id: str) -> list[str]:
    with app.db.uow(read_only=True) as uow:
        return [e.action for e in uow.audit.entries(ref_id=order_id)]


def _ready(app, clerk, order_no="PU1", lines=None, **kw):
    """An order fed, picked by scanning and marked ready; returns (view, code)."""
    order, code = wire_order(order_no, lines or [(COLA[0], COLA[2], "2", "pcs"), (PEPSI[0], PEPSI[2], "1", "pcs")],
                             **kw)
    feed(app, order)
    clerk.start_picking(order.order_id)
    for sku, gtin, _ in (COLA, COLA, PEPSI):
        if any(ln.sku == sku for ln in order.lines):
            clerk.scan(gtin, order.order_id)
    return clerk.mark_ready(order.order_id), code


def test_new_order_is_announced_queued_and_masked(app, clerk):
    seen = []
    clerk.listeners.append(seen.append)
    order, _ = wire_order("PU1", [(COLA[0], COLA[2], "1", "pcs")])
    late, _ = wire_order("PU2", [(COLA[0], COLA[2], "1", "pcs")], deadline=datetime.now(UTC) - timedelta(minutes=5))
    feed(app, order, late)
    assert [(n.kind, n.order_no) for n in seen[0]] == [("new", "PU2"), ("new", "PU1")]
    feed(app, order, cursor="c2")  # an update of a known order is not announced again
    assert len(seen) == 1
    queue = clerk.queue()
    assert queue.counts["new"] == 2 and queue.counts["overdue"] == 1
    assert [o.order_no for o in clerk.queue("overdue").orders] == ["PU2"]
    view = clerk.order(order.order_id)
    assert view.phone_masked == "138****5678" and view.customer_initials == "王**"
    assert not view.overdue and clerk.order(late.order_id).overdue


def test_picking_checks_every_scan_and_reserves_stock_when_ready(app, clerk):
    order, _ = wire_order("PU1", [(COLA[0], COLA[2], "2", "pcs"), (APPLES[0], APPLES[2], "1.5", "kg"),
                                  (PEPSI[0], PEPSI[2], "1", "pcs")])
    feed(app, order)
    oid = order.order_id
    with pytest.raises(E.PickupNotPicking):
        clerk.scan(COLA[1], oid)
    clerk.start_picking(oid)
    clerk.scan(COLA[1], oid)
    out = clerk.scan(COLA[1], oid)
    assert out.kind == "picked" and out.line_id == "L1" and out.order.line("L1").picked == 2
    before = clerk.order(oid)
    for code, error in ((COLA[1], E.PickupTooMany), (WATER[1], E.PickupItemNotInOrder),
                        ("4006381333931", ProductNotFound), ("6900000000015", BadCheckDigit)):
        with pytest.raises(error):
            clerk.scan(code, oid)
    assert clerk.order(oid) == before  # refusals changed nothing
    out = clerk.scan(weight_label(APPLES[1], 1250), oid)
    assert out.quantity == Decimal("1.250") and out.order.line("L2").picked == Decimal("1.25")
    with pytest.raises(E.PickupTooMany):
        clerk.scan(weight_label(APPLES[1], 300), oid)  # 1.55 kg of 1.5 ordered
    with pytest.raises(E.PickupLineIncomplete):
        clerk.mark_ready(oid)
    with pytest.raises(ReasonRequired):
        clerk.short_pick(oid, "L2", "  ")
    clerk.short_pick(oid, "L2", "only 1.25 kg left")
    with pytest.raises(E.PickupLineIncomplete):  # Pepsi still unpicked, no reason
        clerk.mark_ready(oid)
    clerk.scan(PEPSI[1], oid)
    cola, apples = _level(app, COLA[0]), _level(app, APPLES[0])
    view = clerk.mark_ready(oid)
    assert view.status == "ready"
    assert _level(app, COLA[0]) == cola - 2 and _level(app, APPLES[0]) == apples - Decimal("1.25")
    events = _events(app, oid)
    assert [e["status"] for e in events] == ["picking", "ready"]
    assert all(e["till_id"] == "T01" and e["order_id"] == oid for e in events)
    assert "only 1.25 kg left" in events[1]["reason"]
    assert {"pickup.picking", "pickup.item_picked", "pickup.short_picked", "pickup.ready"} <= set(_audit(app, oid))


def test_code_check_hand_over_and_the_code_is_used_once(app, clerk):
    view, code = _ready(app, clerk)
    oid = view.order_id
    with pytest.raises(E.PickupNotVerified):
        clerk.hand_over(oid)
    with pytest.raises(E.PickupBareCodeWrong):
        clerk.scan("999999" if code != "999999" else "999998")
    verified = clerk.scan(qr_for(view))
    assert verified.kind == "verified" and verified.order.verified
    cola = _level(app, COLA[0])
    done = clerk.hand_over(oid)
    assert done.status == "collected" and all(ln.outstanding == 0 for ln in done.lines)
    assert _level(app, COLA[0]) == cola  # reserved before, counted as gone now (until the platform books it)
    last = _events(app, oid)[-1]
    assert last["status"] == "collected" and last["lines"] == [{"line_id": "L1", "quantity": "2"},
                                                               {"line_id": "L2", "quantity": "1"}]
    with pytest.raises(E.PickupCodeUsed):
        clerk.scan(qr_for(view))
    with pytest.raises(E.PickupCodeUsed):  # typed for the selected order (a bare code searches the shelf)
        clerk.scan(code, oid)


def test_wrong_codes_lock_the_order_until_a_manager_unlocks(app, clerk, manager_ok):
    view, code = _ready(app, clerk)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(E.PickupCodeWrong) as err:
            clerk.verify_code(wrong, view.order_id)
        assert err.value.params["attempts_left"] == left
    with pytest.raises(E.PickupOrderLocked):
        clerk.verify_code(qr_for(view, key=Ed25519PrivateKey.generate()))
    with pytest.raises(E.PickupOrderLocked):  # the right code too, now
        clerk.verify_code(code, view.order_id)
    assert clerk.order(view.order_id).locked
    with pytest.raises(E.PickupManagerRequired):
        clerk.unlock(view.order_id, None)
    clerk.unlock(view.order_id, manager_ok)
    assert clerk.verify_code(code, view.order_id).verified
    assert _audit(app, view.order_id).count("pickup.wrong_code") == 5


def test_codes_are_routed_by_context(app, cashier, clerk):
    view, code = _ready(app, clerk)
    with pytest.raises(CodeNotForSale) as err:
        cashier.scan(qr_for(view))
    assert err.value.params["kind"] == "pickup"
    with pytest.raises(BadCodeLength):  # six bare digits are a pickup code only on the pickup screen
        cashier.scan(code)
    with pytest.raises(E.PickupCodeMalformed):
        clerk.scan("O2OPU:PU1:12ab")
    with pytest.raises(E.PickupNoOrderSelected):
        clerk.scan(COLA[1])


def test_partial_collection_then_the_rest_cancelled(app, clerk):
    view, code = _ready(app, clerk)
    oid = view.order_id
    clerk.verify_code(code)
    for bad, error in (({"L1": "3"}, E.PickupHandOverTooMany), ({"L9": "1"}, E.PickupLineNotFound),
                       ({"L1": "0.5"}, QuantityNotWhole), ({"L1": "x"}, InvalidQuantity), ({"L1": "0"}, E.PickupNothingToHandOver)):
        with pytest.raises(error):
            clerk.hand_over(oid, bad)
    part = clerk.hand_over(oid, {"L1": "1"})
    assert part.status == "partially_collected" and part.line("L1").outstanding == 1 and not part.verified
    assert _events(app, oid)[-1]["lines"] == [{"line_id": "L1", "quantity": "1"}]
    with pytest.raises(E.PickupNotVerified):
        clerk.hand_over(oid)
    pepsi = _level(app, PEPSI[0])
    clerk.verify_code(code, oid)
    with pytest.raises(ReasonRequired):
        clerk.hand_over(oid, {"L1": "1"}, cancel_rest_reason=" ")
    done = clerk.hand_over(oid, {"L1": "1"}, cancel_rest_reason="customer no longer wants it")
    assert done.status == "collected" and done.line("L2").cancelled == 1
    assert _level(app, PEPSI[0]) == pepsi + 1  # the cancelled Pepsi is back on the shelf
    last = _events(app, oid)[-1]
    assert last["status"] == "collected" and last["lines"] == [{"line_id": "L1", "quantity": "2"}]


def test_pay_at_store_through_the_checkout(app, clerk, cashier):
    view, code = _ready(app, clerk, payment="pay_at_store")
    oid = view.order_id
    with pytest.raises(E.PickupNotVerified):
        clerk.start_payment(oid)
    clerk.verify_code(code)
    with pytest.raises(E.PickupPaymentRequired):
        clerk.hand_over(oid)
    with pytest.raises(E.PickupPaymentNotStarted):  # the internal code alone does nothing
        cashier.scan("O2OPAY:PU1")
    cashier.scan(COLA[1])
    with pytest.raises(E.PickupTicketNotEmpty):
        clerk.start_payment(oid)
    cashier.hold()
    snap = clerk.start_payment(oid)
    assert [(ln.sku, ln.quantity, ln.unit_price) for ln in snap.lines] == [
        (COLA[0], 2, Decimal("3.00")), (PEPSI[0], 1, Decimal("3.00"))]  # the order's prices
    assert clerk.order(oid).status == "ready"  # nothing handed over before the money is in
    cashier.add_tender("cash", "10.00")
    sale = cashier.complete()
    done = clerk.order(oid)
    assert done.status == "collected"
    with app.db.uow(read_only=True) as uow:
        assert uow.pickup.get(oid).sale_id == sale.sale_id
        assert uow.sales.by_receipt(sale.receipt_no).pickup_order_id == oid  # the sale knows the order too
        reasons = sorted(m.reason for m in uow.session.scalars(select(StockMovement).where(
            StockMovement.ref_id.in_((oid, sale.sale_id)))))
    assert reasons == ["pickup_release", "pickup_release", "pickup_reserve", "pickup_reserve", "sale", "sale"]
    assert _events(app, oid)[-1]["status"] == "collected"


def test_refused_pay_at_store_scan_leaves_the_order_unarmed(app, clerk, signed_in):
    """As reported: no shift open, so the pay-at-store scan is refused; later a shift opens and a
    walk-in customer buys the same SKU on the same ticket. That sale must not be linked to the
    order nor collect it (start_payment used to commit `pending_handover` before the scan)."""
    view, code = _ready(app, clerk, payment="pay_at_store")
    clerk.verify_code(code)
    with pytest.raises(NoOpenShift):
        clerk.start_payment(view.order_id)
    with app.db.uow(read_only=True) as uow:
        row = uow.pickup.get(view.order_id)
        assert row.pending_handover is None and row.payment_ticket_id is None
    open_shift(app)
    signed_in.scan(COLA[1])
    signed_in.add_tender("cash", "10.00")
    sale = signed_in.complete()
    with app.db.uow(read_only=True) as uow:
        assert uow.sales.by_receipt(sale.receipt_no).pickup_order_id is None
        assert uow.pickup.get(view.order_id).sale_id is None
    after = clerk.order(view.order_id)
    assert after.status == "ready" and after.line("L1").handed_over == 0


def test_pay_at_store_that_fails_half_way_leaves_the_ticket_empty(app, clerk, cashier):
    """The hand-over lines go on the ticket one by one; when a later one cannot (its product left
    the catalog) the lines already added come off again and nothing is saved."""
    view, code = _ready(app, clerk, payment="pay_at_store")
    clerk.verify_code(code)
    with app.db.uow() as uow:  # the order's second line, Pepsi, is no longer sold here
        uow.session.execute(text("UPDATE products SET sku = 'WITHDRAWN' WHERE sku = :sku"), {"sku": PEPSI[0]})
        uow.commit()
    with pytest.raises(ProductNotFound):
        clerk.start_payment(view.order_id)
    assert cashier.current().lines == ()
    with app.db.uow(read_only=True) as uow:
        saved = uow.session.execute(text("SELECT data FROM open_tickets WHERE status = 'open'")).scalars().all()
    assert all(json.loads(data)["lines"] == [] for data in saved)
    assert clerk.order(view.order_id).status == "ready"


def test_cancelled_online_releases_stock_alerts_and_refuses_hand_over(app, clerk):
    seen = []
    clerk.listeners.append(seen.append)
    view, code = _ready(app, clerk)
    oid = view.order_id
    clerk.verify_code(code)
    cola = _level(app, COLA[0])
    with app.db.uow(read_only=True) as uow:
        row = uow.pickup.get(oid)
        wire = P.PickupOrder(order_id=oid, order_no="PU1", customer_name=row.customer_name,
                             customer_phone=row.customer_phone, status="cancelled", payment=row.payment,
                             pickup_deadline=row.pickup_deadline, notes="",
                             lines=[P.PickupOrderLine(line_id=ln.line_id, sku=ln.sku, name=ln.name,
                                                      quantity=ln.quantity, unit=ln.unit, price_fen=ln.price_fen)
                                    for ln in uow.pickup.lines(oid)],
                             pickup_code_argon2=row.code_argon2)
    feed(app, wire, cursor="c2")
    assert [(n.kind, n.order_no) for n in seen[-1]] == [("cancelled", "PU1")]
    assert _level(app, COLA[0]) == cola + 2
    with pytest.raises(E.PickupOrderCancelled):
        clerk.hand_over(oid)
    for scanned, selected in ((code, oid), (qr_for(view), None)):
        with pytest.raises(E.PickupOrderCancelled):
            clerk.verify_code(scanned, selected)
    clerk.reconcile([oid])  # idempotent: no second release
    assert _level(app, COLA[0]) == cola + 2


def test_expiry_needs_the_deadline_and_a_manager(app, clerk, manager_ok):
    view, _ = _ready(app, clerk)
    with pytest.raises(E.PickupNotOverdue):
        clerk.expire(view.order_id, manager_ok)
    late, _ = _ready(app, clerk, order_no="PU2", deadline=datetime.now(UTC) - timedelta(hours=1))
    clerk_approval = ManagerApproval(approver_id="clerk", permission=Permission.PICKUP_MANAGE, reason="clerk tries",
                                     at=datetime.now(UTC), approver_role=Role.MANAGER)  # hand-built
    cola = _level(app, COLA[0])
    for approval in (None, clerk_approval):
        with pytest.raises(E.PickupManagerRequired):
            clerk.expire(late.order_id, approval)
    expired = clerk.expire(late.order_id, manager_ok)
    assert expired.status == "expired" and _level(app, COLA[0]) == cola + 2
    last = _events(app, late.order_id)[-1]
    assert last["status"] == "expired" and last["reason"].startswith("expired")
    with app.db.uow(read_only=True) as uow:
        approver = uow.audit.entries(action="pickup.expired", ref_id=late.order_id)[0].approver_id
    assert approver == manager_ok.approver_id


def test_cashier_may_not_run_pickup(app):
    app.pickup.set_user(app.auth.login(user_id(app, "Li Na"), "1111"))
    with pytest.raises(PermissionDenied):
        app.pickup.start_picking("x")


def test_pick_list_and_bag_labels(app, clerk):
    from hardware.receipt.document import QRCode, Text
    from pos_app.services.pickup_documents import bag_labels, pick_list

    view, _ = _ready(app, clerk)
    with pytest.raises(E.InvalidBagCount):
        clerk.set_bag_count(view.order_id, "0")
    view = clerk.set_bag_count(view.order_id, 2)
    labels = bag_labels(view)
    assert len(labels) == 2
    texts = [b.text for b in labels[1].blocks if isinstance(b, Text)]
    assert texts[0] == "PU1" and "王**" in texts[1] and "2/2" in texts[1]
    assert [b.data for b in labels[0].blocks if isinstance(b, QRCode)] == ["O2OPU:PU1"]
    listing = pick_list(view, "Demo store")
    assert any("138****5678" in getattr(b, "right", "") for b in listing.blocks)
    assert app.printing.submit(listing, kind="pick_list")


def test_malformed_or_conflicting_orders_store_nothing(app, clerk):
    good, _ = wire_order("PU1", [(COLA[0], COLA[2], "1", "pcs")])
    raw = {"items": [{"key": good.order_id, "deleted": False, "data": good.model_dump(mode="json")},
                     {"key": "X2", "deleted": False,
                      "data": {**good.model_dump(mode="json"), "order_id": "X2", "pickup_code_argon2": "nothex"}}],
           "next_cursor": "c1", "has_more": False}
    with pytest.raises(ValidationError):
        P.PickupOrdersPage.model_validate(raw)  # what the sync client does with every page
    clash, _ = wire_order("PU1", [(COLA[0], COLA[2], "1", "pcs")])  # same order number, other id
    with pytest.raises(PageRefused):
        feed(app, good, clash)
    assert clerk.queue().orders == () and app.sync.storage.get_cursor("pickup_orders") is None


def test_pay_at_store_lines_take_no_till_promotion_on_top_of_the_online_order(app, clerk, cashier):
    """The order's prices already hold the online discounts: the till's 第二件半价 and 满减 must not
    take a second discount off them (they still apply to the next walk-in sale)."""
    from pos_app.store.sync_store import TillSyncStorage

    def promotion(pid: str, rule: dict) -> P.FeedItem:
        data = P.Promotion.model_validate({
            "promotion_id": pid, "name": pid, "name_en": pid, "rule": rule,
            "valid_from": "2020-01-01T00:00:00Z", "valid_to": "2099-01-01T00:00:00Z",
            "combines_with": ["price", "item", "order", "coupon"]})
        return P.FeedItem[P.Promotion](key=pid, deleted=False, data=data)

    TillSyncStorage(app.db).apply_page("promotions", [
        promotion("HALF", {"type": "nth_discount", "targets": {"skus": [COLA[0]]}, "n": 2, "percent": "50"}),
        promotion("M5", {"type": "threshold_off", "threshold_fen": 500, "off_fen": 100, "repeat": True}),
    ], "c1")
    view, code = _ready(app, clerk, payment="pay_at_store")
    clerk.verify_code(code)
    snap = clerk.start_payment(view.order_id)
    assert snap.promotions == () and snap.saved == 0
    assert snap.total == Decimal("9.00")  # 2 x 3.00 + 3.00, the order's prices, nothing off
    assert cashier.total().promotions == ()
    cashier.add_tender("cash", "9.00")
    sale = cashier.complete()
    with app.db.uow(read_only=True) as uow:
        assert uow.sales.by_receipt(sale.receipt_no).total_fen == 900
    cashier.scan(COLA[1])
    walk_in = cashier.scan(COLA[1])  # the next, unrelated sale gets the till's promotions again
    assert {p.promotion_id for p in walk_in.promotions} == {"HALF"}
