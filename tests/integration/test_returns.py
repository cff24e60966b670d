"""Returns on a real database: the ledger of each sale line, refunds of the stored shares to the fen,
the refund route, stock, the return event, the shift figures, and each refusal changing nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.domain import errors as E
from pos_app.domain.permissions import Permission
from pos_app.services.auth import ApprovalRequired
from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P
from tests_support import user_id

COLA, MILK = gtin13("690000000001"), gtin13("690000000011")  # 3.00 DRINK, 3.50 DAIRY
NOW = datetime.now(UTC)


def promotion(pid: str, name: str, rule: dict) -> P.FeedItem:
    data = P.Promotion.model_validate({
        "promotion_id": pid, "name": name, "name_en": name, "rule": rule,
        "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2099-01-01T00:00:00Z",
        "combines_with": ["price", "item", "order", "coupon"],
    })
    return P.FeedItem[P.Promotion](key=pid, deleted=False, data=data)


def coupon(code: str) -> P.FeedItem:
    data = {"code": code, "kind": "amount_off", "value_fen": 100, "percent_off": 0, "min_spend_fen": 500,
            "valid_from": (NOW - timedelta(days=1)).isoformat(), "valid_to": (NOW + timedelta(days=30)).isoformat(),
            "active": True, "offline_safe": True}
    return P.FeedItem[P.Coupon](key=code, deleted=False, data=P.Coupon.model_validate(data))


@pytest.fixture
def promotions(app):
    storage = TillSyncStorage(app.db)
    storage.apply_page("promotions", [
        promotion("HALF", "可乐第二件半价", {"type": "nth_discount", "targets": {"skus": ["100001"]}, "n": 2,
                                          "percent": "50"}),
        promotion("M10", "满10减1", {"type": "threshold_off", "threshold_fen": 1000, "off_fen": 100, "repeat": True}),
    ], "c1")
    storage.apply_page("coupons", [coupon("SAVE1")], "c1")
    app.coupons.online = lambda: False


def sell(app, cashier, *codes, tender="cash", coupon_code=None):
    for code in codes:
        cashier.scan(code)
    if coupon_code:
        app.coupons.present(coupon_code)
    snap = cashier.current()
    cashier.add_tender(tender, str(snap.total), "SLIP42" if tender == "card" else None)
    return cashier.complete()


def rows(app, sql, *args):
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def session(app, name="Li Na", pin="1111"):
    return app.auth.login(user_id(app, name), pin)


def test_partial_then_partial_up_to_full_then_one_more_refused(app, cashier):
    sale = sell(app, cashier, COLA, COLA, COLA)
    original = app.returns.find(sale.receipt_no)
    line = original.lines[0]
    first = app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    second = app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 2, "changed_mind")])
    assert first.refund_fen + second.refund_fen == line.total_fen == 900
    assert app.returns.find(sale.receipt_no).lines[0].refundable_quantity == 0
    before = rows(app, "SELECT count(*) FROM returns")
    with pytest.raises(E.ReturnExceedsRefundable):
        app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    assert rows(app, "SELECT count(*) FROM returns") == before
    assert [r[0] for r in rows(app, "SELECT return_no FROM returns ORDER BY seq")] == ["S001-T01-R000001",
                                                                                       "S001-T01-R000002"]


def test_the_stored_shares_are_refunded_to_the_fen(app, promotions, cashier):
    """满减 + 第二件半价 + a coupon: each returned unit gives back what it was sold for, computed here
    independently from the stored rows (unit price less the unit's promotion share, the rest of the
    line pro rata)."""
    sale = sell(app, cashier, COLA, COLA, COLA, MILK, MILK, coupon_code="SAVE1")
    stored = {sku: (int(qty), price, total, json.loads(units), json.loads(promos)) for sku, qty, price, total, units, promos
              in rows(app, "SELECT sku, quantity, unit_price_fen, total_fen, unit_discounts, promotions FROM sale_lines "
                           "WHERE sale_id = ?", sale.sale_id)}
    cola = stored["100001"]
    assert {p["promotion_id"] for p in cola[4]} >= {"HALF", "M10"}
    assert any(p["promotion_id"].startswith("coupon:") for line in stored.values() for p in line[4])
    original = app.returns.find(sale.receipt_no)
    refunds = []
    for line in original.lines:
        for _ in range(int(line.quantity)):
            refunds.append((line.sku, app.returns.complete(session(app), sale.receipt_no,
                                                           [(line.line_id, 1, "changed_mind")]).refund_fen))
    for sku, (qty, price, total, units, _) in stored.items():
        per_unit = [price - fen for n, fen in units for _ in range(n)] or [price] * qty
        expected = [round(total * sum(per_unit[:k]) / sum(per_unit)) for k in range(qty + 1)]
        got = [fen for s, fen in refunds if s == sku]
        assert got == [b - a for a, b in zip(expected, expected[1:], strict=False)]
        assert sum(got) == total
    assert sum(fen for _, fen in refunds) == rows(app, "SELECT total_fen FROM sales WHERE id = ?", sale.sale_id)[0][0]
    events = [P.Return.model_validate(json.loads(p)) for (p,) in rows(app, "SELECT payload FROM outbox WHERE kind = 'return'")]
    sent = {}
    for event in events:
        for line in event.lines:
            for share in line.promotions:
                sent[share.promotion_id] = sent.get(share.promotion_id, 0) + share.discount_fen
    stored_shares = {}
    for line in stored.values():
        for share in line[4]:
            stored_shares[share["promotion_id"]] = stored_shares.get(share["promotion_id"], 0) + share["fen"]
    assert sent == stored_shares  # every promotion's and the coupon's share given back, to the fen


def test_refund_goes_back_to_the_card_as_an_instruction_with_the_slip(app, cashier):
    sale = sell(app, cashier, MILK, tender="card")
    line = app.returns.find(sale.receipt_no).lines[0]
    done = app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 1, "wrong_item")])
    assert [(t.kind, t.amount_fen, t.method, t.reference) for t in done.tenders] == [("card", 350, "instruction",
                                                                                       "SLIP42")]
    (document,), = rows(app, "SELECT document FROM print_jobs WHERE ref_id = ?", done.return_id)
    slip = json.loads(document)
    texts = json.dumps(slip, ensure_ascii=False)
    assert "To bank card (slip SLIP42)" in texts and done.return_no in texts and sale.receipt_no in texts


def test_manager_override_to_cash_needs_an_approval_and_is_audited(app, cashier):
    sale = sell(app, cashier, MILK, tender="card")
    line = app.returns.find(sale.receipt_no).lines[0]
    with pytest.raises(ApprovalRequired):
        app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 1, "wrong_item")], to_cash=True)
    approval = app.auth.approve("8888", Permission.REFUND, "card terminal down")
    done = app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 1, "wrong_item")], to_cash=approval)
    assert [(t.kind, t.method) for t in done.tenders] == [("cash", "cash")]
    audit = rows(app, "SELECT approver_id, details FROM audit_log WHERE action = 'return.receipt' AND ref_id = ?",
                 done.return_no)
    assert audit[0][0] == user_id(app, "Wang Qiang") and json.loads(audit[0][1])["to_cash"] is True


def test_stock_comes_back_except_for_damaged_goods(app, cashier):
    sale = sell(app, cashier, COLA, COLA)
    line = app.returns.find(sale.receipt_no).lines[0]
    done = app.returns.complete(session(app), sale.receipt_no, [(line.line_id, 1, "changed_mind"),
                                                                (line.line_id, 1, "damaged")])
    moves = rows(app, "SELECT delta, reason FROM stock_movements WHERE ref_id = ?", done.return_id)
    assert moves == [("1", "return")]
    damaged = rows(app, "SELECT reason, damaged FROM return_lines WHERE return_id = ? ORDER BY line_no", done.return_id)
    assert damaged == [("changed_mind", 0), ("damaged", 1)]


def test_the_return_event_matches_the_contract_and_has_its_own_key(app, cashier):
    sale = sell(app, cashier, COLA, MILK)
    lines = app.returns.find(sale.receipt_no).lines
    done = app.returns.complete(session(app), sale.receipt_no, [(ln.line_id, 1, "changed_mind") for ln in lines])
    (event_id, payload), = rows(app, "SELECT id, payload FROM outbox WHERE kind = 'return' AND aggregate_id = ?",
                                done.return_id)
    wire = P.Return.model_validate(json.loads(payload))
    assert wire.original_sale_id == sale.sale_id and wire.total_fen == done.refund_fen == 650
    assert len(event_id) == 32 and wire.receipt_no == done.return_no


def test_the_shift_figures_count_returns(app, cashier):
    sale = sell(app, cashier, COLA, MILK)
    lines = app.returns.find(sale.receipt_no).lines
    app.returns.complete(session(app), sale.receipt_no, [(lines[1].line_id, 1, "changed_mind")])
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    figures = app.reports.x_report(manager).figures
    assert figures.return_count == 1 and figures.returns_fen == 350
    assert figures.net_sales_fen == 650 - 350
    assert figures.expected["cash"] == 20000 + 650 - 350


@pytest.mark.parametrize(("text", "error"), [
    ("hello", E.InvalidReceiptNumber), ("S001-T01-999999", E.ReturnSaleNotFound),
])
def test_a_bad_or_unknown_receipt_number_is_refused(app, cashier, text, error):
    with pytest.raises(error):
        app.returns.find(text)


def test_the_receipt_barcode_and_qr_both_find_the_sale(app, cashier):
    sale = sell(app, cashier, COLA)
    assert app.returns.find(sale.receipt_no.lower()).sale_id == sale.sale_id
    qr = app.config.receipt.ereceipt_url + sale.receipt_no
    assert app.returns.find(qr).sale_id == sale.sale_id


@pytest.mark.parametrize(("pick", "error"), [
    (("L?", 1, "changed_mind"), E.ReturnLineNotOnSale), ((None, 1, ""), E.ReturnReasonRequired),
    ((None, 1, "nope"), E.ReturnUnknownReason), ((None, 0, "changed_mind"), E.ReturnInvalidQuantity),
    ((None, 5, "changed_mind"), E.ReturnExceedsRefundable),
])
def test_each_bad_pick_is_refused_and_changes_nothing(app, cashier, pick, error):
    sale = sell(app, cashier, COLA)
    line_id = pick[0] or app.returns.find(sale.receipt_no).lines[0].line_id
    before = rows(app, "SELECT (SELECT count(*) FROM returns), (SELECT count(*) FROM sale_line_refunds), "
                       "(SELECT last_return_seq FROM tills), (SELECT count(*) FROM outbox)")
    with pytest.raises(error):
        app.returns.complete(session(app), sale.receipt_no, [(line_id, pick[1], pick[2])])
    assert rows(app, "SELECT (SELECT count(*) FROM returns), (SELECT count(*) FROM sale_line_refunds), "
                     "(SELECT last_return_seq FROM tills), (SELECT count(*) FROM outbox)") == before


def test_no_receipt_return_needs_a_manager_and_refunds_the_lowest_recent_price_in_cash(app, cashier):
    sell(app, cashier, COLA)
    with pytest.raises(ApprovalRequired):
        app.returns.no_receipt(session(app), COLA, 1, "changed_mind")
    con = sqlite3.connect(app.db.path)  # today's price went up since the sale
    con.execute("UPDATE products SET price_fen = 350 WHERE sku = '100001'")
    con.commit()
    con.close()
    approval = app.auth.approve("8888", Permission.REFUND, "no receipt")
    done = app.returns.no_receipt(session(app), COLA, 1, "changed_mind", approval)
    assert done.refund_fen == 300 and [(t.kind, t.amount_fen) for t in done.tenders] == [("cash", 300)]
    assert rows(app, "SELECT kind, approver_id FROM returns WHERE id = ?", done.return_id) == [
        ("no_receipt", user_id(app, "Wang Qiang"))]
    (payload,), = rows(app, "SELECT payload FROM outbox WHERE aggregate_id = ?", done.return_id)
    assert P.Return.model_validate(json.loads(payload)).original_sale_id is None


def test_exchange_returns_and_sells_in_one_transaction_and_the_customer_pays_the_difference(app, cashier):
    sale = sell(app, cashier, COLA)  # 3.00
    line = app.returns.find(sale.receipt_no).lines[0]
    cashier.scan(MILK)
    cashier.scan(MILK)  # 7.00 of new goods
    snap = app.returns.exchange(session(app), sale.receipt_no, [(line.line_id, 1, "wrong_item")])
    assert [(t.kind, t.amount) for t in snap.tenders] == [("exchange", Decimal("3.00"))]
    assert rows(app, "SELECT count(*) FROM returns") == [(0,)]  # nothing returned before the sale completes
    cashier.add_tender("cash", "4.00")
    new = cashier.complete()
    (rid, kind, exchange_sale, total), = rows(app, "SELECT id, kind, exchange_sale_id, total_fen FROM returns")
    assert (kind, exchange_sale, total) == ("exchange", new.sale_id, 300)
    assert rows(app, "SELECT kind, amount_fen FROM return_tenders WHERE return_id = ?", rid) == [("exchange", 300)]
    assert app.returns.find(sale.receipt_no).lines[0].refundable_quantity == 0
    assert rows(app, "SELECT count(*) FROM staged_exchanges") == [(0,)]


def test_exchange_for_cheaper_goods_gives_the_difference_back_as_change(app, cashier):
    sale = sell(app, cashier, MILK, MILK)  # 7.00
    line = app.returns.find(sale.receipt_no).lines[0]
    cashier.scan(COLA)  # 3.00
    app.returns.exchange(session(app), sale.receipt_no, [(line.line_id, 2, "wrong_item")])
    new = cashier.complete()
    assert new.change == Decimal("4.00")
    rid = rows(app, "SELECT id FROM returns")[0][0]
    assert sorted(rows(app, "SELECT kind, amount_fen FROM return_tenders WHERE return_id = ?", rid)) == [
        ("cash", 400), ("exchange", 300)]
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    figures = app.reports.x_report(manager).figures
    assert dict((t.kind, t.amount_fen) for t in figures.tenders)["exchange"] == 0
    assert figures.expected["cash"] == 20000 + 700 - 400


def test_exchange_credit_cannot_be_typed_in_as_a_payment(app, cashier):
    cashier.scan(COLA)
    cashier.add_tender("exchange", "3.00")
    with pytest.raises(E.ReturnExchangeNotStaged):
        cashier.complete()
