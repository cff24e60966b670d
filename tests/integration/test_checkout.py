"""Checkout services on a real database: scanning, changes, hold/recall, payment, completion."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest

from pos_app.bootstrap import build_app
from pos_app.domain import errors as E
from pos_app.domain.barcode import make_ean13
from pos_app.domain.errors import PosError
from pos_app.domain.permissions import Permission
from pos_app.services.auth import ApprovalRefused
from pos_app.services.checkout import (
    ApprovalRequired,
    HeldTicketNotFound,
    HoldWithPayments,
    NotLoggedIn,
    ProductInactive,
    ProductNotFound,
)
from pos_app.services.demo_catalog import gtin13
from sync.protocol import Sale as WireSale
from tests_support import open_shift

COLA = gtin13("690000000001")  # 可口可乐 3.00
MILK = gtin13("690000000011")  # 伊利 纯牛奶 3.50
OIL = gtin13("690000000023")  # 金龙鱼 大豆油 69.90 (VAT9)


def scale_label(plu: str, grams: int, fen: int) -> str:
    """18-digit Chinese scale label: 2 + PLU(5) + grams(5) + fen(6) + check digit."""
    body = f"2{plu}{grams:05d}{fen:06d}"
    from stdnum import ean

    return body + ean.calc_check_digit(body)


def rows(app, sql):
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_scan_adds_lines_and_totals(cashier):
    cashier.scan(COLA)
    cashier.scan(COLA)  # a repeat scan of a packaged item: one more on its line
    snap = cashier.scan(MILK)
    assert [(ln.name, ln.quantity) for ln in snap.lines] == [("可口可乐 330ml", 2), ("伊利 纯牛奶 250ml", 1)]
    assert snap.total == Decimal("9.50")
    assert snap.item_count == 3


def test_repeat_scans_make_their_own_lines_when_configured_so_or_after_a_price_change(app, cashier):
    cashier.scan(COLA)
    cashier.override_price(1, "2.00", "damaged can", app.auth.approve("8888", Permission.PRICE_OVERRIDE, "damaged can"))
    snap = cashier.scan(COLA)  # the re-priced line is not merged into
    assert [(ln.line_id, ln.quantity) for ln in snap.lines] == [(1, 1), (2, 1)]
    cashier.config = cashier.config.model_copy(update={"merge_repeat_scans": False})
    snap = cashier.scan(COLA)
    assert [(ln.line_id, ln.quantity) for ln in snap.lines] == [(1, 1), (2, 1), (3, 1)]


def test_scale_labels_never_merge(cashier):
    cashier.scan(scale_label("10001", 1234, 1580))
    snap = cashier.scan(scale_label("10001", 1234, 1580))
    assert [ln.quantity for ln in snap.lines] == [Decimal("1.234"), Decimal("1.234")]


def test_scale_label_gives_weight_and_printed_price(cashier):
    snap = cashier.scan(scale_label("10001", 1234, 1580))  # apples 1.234 kg, label says 15.80
    line = snap.lines[-1]
    assert (line.sku, line.quantity, line.amount) == ("200001", Decimal("1.234"), Decimal("15.80"))


def test_price_label_on_a_13_digit_code(cashier):
    code = make_ean13("2210002" + "00699")  # prefix 22, PLU 10002 (bananas), 6.99
    snap = cashier.scan(code)
    assert snap.lines[-1].amount == Decimal("6.99")


def test_weighed_item_by_search_needs_a_weight(cashier):
    with pytest.raises(E.WeightRequired):
        cashier.add_product("200002")
    assert cashier.current().lines == ()
    snap = cashier.add_product("200002", "0.750")
    assert snap.lines[0].amount == Decimal("5.24")  # 0.750 x 6.98 = 5.235 -> half up


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("6900000000010", E.BadCheckDigit),  # wrong check digit is not "not found"
        (make_ean13("690099999999"), ProductNotFound),
        ("12345", E.BadCodeLength),
        ("hello", E.UnknownCodeFormat),
        ("", E.EmptyCode),
    ],
)
def test_bad_scans_are_specific_and_change_nothing(cashier, code, error):
    cashier.scan(COLA)
    before = cashier.current()
    with pytest.raises(error):
        cashier.scan(code)
    assert cashier.current() == before


def test_inactive_product_is_refused(app, cashier):
    with app.db.uow() as uow:
        uow.catalog.deactivate("100001")
        uow.commit()
    with pytest.raises(ProductInactive):
        cashier.scan(COLA)


@pytest.mark.parametrize("qty", ["0", "-1", "abc", "1.5", "10000", ""])
def test_bad_quantities_are_refused(cashier, qty):
    snap = cashier.scan(COLA)
    with pytest.raises(E.PosError):
        cashier.set_quantity(snap.lines[0].line_id, qty)
    assert cashier.current() == snap


def test_quantity_change_and_void(cashier):
    snap = cashier.scan(COLA)
    snap = cashier.set_quantity(snap.lines[0].line_id, "4")
    assert snap.total == Decimal("12.00")
    snap = cashier.scan(MILK)
    snap = cashier.void_line(snap.lines[1].line_id)
    assert snap.total == Decimal("12.00") and snap.lines[1].voided


def test_actions_need_a_logged_in_user(app):
    with pytest.raises(NotLoggedIn):
        app.checkout.scan(COLA)


def test_price_override_needs_a_manager_and_is_audited(app, cashier):
    line = cashier.scan(OIL).lines[0].line_id
    with pytest.raises(ApprovalRequired):
        cashier.override_price(line, "59.90", "dented can")
    with pytest.raises(ApprovalRefused):
        app.auth.approve("1111", Permission.PRICE_OVERRIDE, "dented can")  # a cashier's PIN
    approval = app.auth.approve("8888", Permission.PRICE_OVERRIDE, "dented can")
    snap = cashier.override_price(line, "59.90", "dented can", approval)
    assert snap.lines[0].unit_price == Decimal("59.90") and snap.lines[0].override_reason == "dented can"
    audit = rows(app, "SELECT approver_id, details FROM audit_log WHERE action='price.override'")
    assert audit[0][0] == approval.approver_id and "69.90" in audit[0][1]


def test_negative_price_override_is_refused(app, cashier):
    line = cashier.scan(OIL).lines[0].line_id
    approval = app.auth.approve("8888", Permission.PRICE_OVERRIDE, "x")
    with pytest.raises(E.NegativeAmount):
        cashier.override_price(line, "-1", "x", approval)


def test_void_after_total_needs_a_manager(app, cashier):
    snap = cashier.scan(COLA)
    cashier.scan(MILK)
    cashier.total()
    with pytest.raises(ApprovalRequired):
        cashier.void_line(snap.lines[0].line_id)
    approval = app.auth.approve("8888", Permission.VOID_AFTER_TOTAL, "customer changed mind", badge="STAFF-0008")
    assert cashier.void_line(snap.lines[0].line_id, approval).lines[0].voided


def test_void_ticket_voids_every_line_in_one_unit_of_work(app, cashier):
    cashier.scan(COLA)
    cashier.scan(MILK)
    voided = cashier.void_line(cashier.scan(OIL).lines[2].line_id)
    assert [ln.voided for ln in voided.lines] == [False, False, True]
    cashier.total()
    with pytest.raises(ApprovalRequired):  # totalled: a manager's approval, and nothing changes
        cashier.void_ticket()
    assert [ln.voided for ln in cashier.current().lines] == [False, False, True]
    approval = app.auth.approve("8888", Permission.VOID_AFTER_TOTAL, "void at shift close")
    snap = cashier.void_ticket(approval)
    assert all(ln.voided for ln in snap.lines) and snap.total == 0
    audit = rows(app, "SELECT approver_id, details FROM audit_log WHERE action='ticket.void'")
    assert len(audit) == 1 and audit[0][0] == approval.approver_id
    assert json.loads(audit[0][1])["line_ids"] == [snap.lines[0].line_id, snap.lines[1].line_id]


def test_ticket_discount_limit(app, cashier):
    cashier.scan(OIL)
    assert cashier.set_ticket_discount("10%").ticket_discount == Decimal("6.99")
    with pytest.raises(ApprovalRequired):
        cashier.set_ticket_discount("20%")
    approval = app.auth.approve("8888", Permission.DISCOUNT_ABOVE_LIMIT, "damaged box")
    assert cashier.set_ticket_discount("20%", approval).ticket_discount == Decimal("13.98")
    with pytest.raises(E.InvalidDiscount):
        cashier.set_ticket_discount("150%", approval)


def test_open_ticket_survives_a_restart(app, demo_dir, config, cashier):
    cashier.scan(COLA)
    snap = cashier.scan(MILK)
    again = build_app(config, demo_dir)
    try:
        assert again.checkout.current() == snap
    finally:
        again.close()


def test_hold_and_recall_survive_a_restart(app, demo_dir, config, cashier):
    held = cashier.scan(OIL)
    assert cashier.hold("blue jacket").lines == ()
    cashier.scan(COLA)
    again = build_app(config, demo_dir)
    try:
        again.checkout.set_user(cashier.user)
        tickets = again.checkout.held()
        assert [(t.label, t.total) for t in tickets] == [("blue jacket", Decimal("69.90"))]
        recalled = again.checkout.recall(tickets[0].ticket_id)
        assert recalled == held
        assert [t.total for t in again.checkout.held()] == [Decimal("3.00")]  # swapped in
        with pytest.raises(HeldTicketNotFound):
            again.checkout.recall(tickets[0].ticket_id)
    finally:
        again.close()


def test_tendering_an_empty_ticket_is_refused(cashier):
    with pytest.raises(E.EmptyTicket):
        cashier.add_tender("cash", "10")


@pytest.mark.parametrize("amount", ["abc", "-5", "1,000", "1e3", "99999999"])
def test_bad_tender_amounts(cashier, amount):
    cashier.scan(COLA)
    with pytest.raises(E.PosError):
        cashier.add_tender("cash", amount)
    assert cashier.current().tenders == ()


def test_card_overpay_and_missing_reference_are_refused(cashier):
    cashier.scan(COLA)
    with pytest.raises(E.NonCashOverpay):
        cashier.add_tender("card", "5.00", "REF1")
    with pytest.raises(E.ReferenceRequired):
        cashier.add_tender("card", "3.00")


def test_hold_with_payments_is_refused(cashier):
    cashier.scan(OIL)
    cashier.add_tender("card", "10.00", "A1")
    with pytest.raises(HoldWithPayments):
        cashier.hold()


def test_completing_unpaid_ticket_is_refused(cashier):
    cashier.scan(COLA)
    with pytest.raises(E.TicketNotPaid):
        cashier.complete()


def test_split_tender_sale_writes_everything_in_one_transaction(app, cashier):
    cashier.scan(OIL)
    cashier.scan(COLA)
    cashier.scan(scale_label("10001", 1000, 1280))
    cashier.add_tender("card", "50.00", "T-8842")
    snap = cashier.add_tender("cash", "50")
    assert snap.is_paid and snap.change == Decimal("14.30")
    done = cashier.complete(snap.ticket_id)
    assert done.receipt_no == "S001-T01-000001" and done.opens_drawer
    sale = rows(app, "SELECT id, total_fen, change_fen FROM sales")
    assert sale == [(done.sale_id, 8570, 1430)]
    assert rows(app, "SELECT count(*) FROM sale_lines") == [(3,)]
    assert rows(app, "SELECT kind, amount_fen, reference FROM sale_tenders ORDER BY kind") == [
        ("card", 5000, "T-8842"), ("cash", 3570, None)]
    assert rows(app, f"SELECT count(*) FROM stock_movements WHERE ref_id='{done.sale_id}'") == [(3,)]
    assert rows(app, "SELECT count(*) FROM audit_log WHERE action='sale.completed'") == [(1,)]
    events = rows(app, "SELECT kind, aggregate_id, payload FROM outbox")
    assert [(k, a) for k, a, _ in events] == [("sale", done.sale_id)]
    WireSale.model_validate(json.loads(events[0][2]))  # what the platform will accept
    assert rows(app, "SELECT count(*) FROM open_tickets") == [(0,)]
    assert cashier.current().lines == ()


def test_stock_level_includes_unacknowledged_sales(app, cashier):
    def level():
        return [h.stock for h in app.catalog.search("100001")][0]

    start = level()
    cashier.scan(COLA)
    cashier.add_tender("cash", "3")
    cashier.complete()
    assert level() == start - 1


def test_double_complete_makes_exactly_one_sale(app, cashier):
    cashier.scan(COLA)
    snap = cashier.add_tender("cash", "5")
    first = cashier.complete(snap.ticket_id)
    second = cashier.complete(snap.ticket_id)
    assert second == first
    assert rows(app, "SELECT count(*) FROM sales") == [(1,)]


def test_receipt_numbers_are_gapless_even_after_a_failed_completion(app, cashier):
    numbers = []
    for i in range(3):
        cashier.scan(COLA)
        if i == 1:
            with pytest.raises(E.TicketNotPaid):
                cashier.complete()
        cashier.add_tender("cash", "3")
        numbers.append(cashier.complete().receipt_no)
    assert numbers == ["S001-T01-000001", "S001-T01-000002", "S001-T01-000003"]


def test_cash_rounding_down_to_the_jiao(app, demo_dir):
    from pos_app.config import Config

    ctx = build_app(Config(language="en", cash_rounding="down_0_1"), demo_dir)
    try:
        ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
        open_shift(ctx)
        ctx.checkout.scan(scale_label("10002", 1000, 698))  # 6.98
        snap = ctx.checkout.add_tender("cash", "10")
        assert (snap.rounding, snap.change) == (Decimal("-0.08"), Decimal("3.10"))
        done = ctx.checkout.complete()
        payload = json.loads(rows(ctx, "SELECT payload FROM outbox")[0][0])
        assert (payload["total_fen"], payload["rounding_fen"]) == (690, -8)
        WireSale.model_validate(payload)
        assert done.change == Decimal("3.10")
    finally:
        ctx.close()


def test_exclusive_tax_payload_balances(demo_dir):
    from pos_app.config import Config

    ctx = build_app(Config(language="en", prices_include_tax=False), demo_dir)
    try:
        ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
        open_shift(ctx)
        ctx.checkout.scan(OIL)
        ctx.checkout.scan(COLA)
        ctx.checkout.set_ticket_discount("5%")
        snap = ctx.checkout.current()
        ctx.checkout.add_tender("cash", str(snap.cash_due))
        ctx.checkout.complete()
        WireSale.model_validate(json.loads(rows(ctx, "SELECT payload FROM outbox")[0][0]))
    finally:
        ctx.close()


def test_selling_needs_an_open_shift(signed_in):
    with pytest.raises(PosError) as refused:
        signed_in.scan(COLA)
    assert refused.value.code == "shift.none_open" and signed_in.current().lines == ()


def test_a_change_the_database_refuses_leaves_the_ticket_as_it_was(app, cashier):
    """The save is refused by SQLite itself (a trigger): the scan, the tender and the discount
    each fail and the ticket in memory stays what is on disk."""
    cashier.scan(COLA)
    saved = cashier.current()
    con = sqlite3.connect(app.db.path)
    con.execute("CREATE TRIGGER refuse BEFORE UPDATE ON open_tickets "
                "BEGIN SELECT RAISE(ABORT, 'disk refused'); END")
    con.execute("CREATE TRIGGER refuse_journal BEFORE INSERT ON ticket_journal "
                "BEGIN SELECT RAISE(ABORT, 'disk refused'); END")
    con.commit()
    for change in (lambda: cashier.scan(MILK), lambda: cashier.set_ticket_discount("10%"),
                   lambda: cashier.add_tender("cash", "1.00")):
        with pytest.raises(Exception, match="disk refused"):
            change()
        assert cashier.current() == saved
    con.execute("DROP TRIGGER refuse")
    con.execute("DROP TRIGGER refuse_journal")
    con.commit()
    con.close()
    snap = cashier.scan(MILK)
    assert [ln.line_id for ln in snap.lines] == [1, 2]
    with app.db.uow(read_only=True) as uow:  # the whole save plus its journal
        stored = json.loads(uow.tickets.data(uow.tickets.open_for(app.checkout.till_key)))
    assert [ln["product"]["sku"] for ln in stored["lines"]] == [ln.sku for ln in snap.lines]


def test_unknown_code_takes_no_line_number_and_writes_nothing(app, cashier):
    cashier.scan(COLA)
    data = rows(app, "SELECT data FROM open_tickets"), rows(app, "SELECT * FROM ticket_journal")
    with pytest.raises(ProductNotFound):
        cashier.scan(gtin13("699999999999"))
    assert (rows(app, "SELECT data FROM open_tickets"), rows(app, "SELECT * FROM ticket_journal")) == data
    assert cashier.scan(MILK).lines[-1].line_id == 2
