"""End-of-day scenario on a real database: a shift of cash, card and split sales with voids,
overrides, paid-in/out, a drop and a no-sale; X and Z figures against an independent recomputation
in plain SQL, and a blind count with a known shortage."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from hardware.receipt.layout import text_width
from pos_app.domain.permissions import Permission
from pos_app.services.demo_catalog import gtin13
from pos_app.services.reports import ZReportExists, report_text
from pos_app.services.shift import BusinessDayClosed, VarianceNeedsApproval
from sync.protocol import ZReport as WireZReport
from tests_support import user_id

COLA = gtin13("690000000001")  # 3.00 VAT13
MILK = gtin13("690000000011")  # 3.50
OIL = gtin13("690000000023")  # 69.90 VAT9
DAY = date(2026, 11, 23)


def sql(app, query, *params):
    con = sqlite3.connect(app.db.path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def recompute(app, day: str) -> dict:
    """The day's figures from the raw rows, written without the service's code."""
    one = lambda q: sql(app, q, app.till_key, day)[0]  # noqa: E731
    n, subtotal, discount, tax, total = one(
        "SELECT count(*), sum(subtotal_fen), sum(discount_fen), sum(tax_fen), sum(total_fen) FROM sales "
        "WHERE till_id = ? AND business_date = ?")
    tenders = dict(sql(app, "SELECT t.kind, sum(t.amount_fen) FROM sale_tenders t JOIN sales s ON s.id = t.sale_id "
                            "WHERE s.till_id = ? AND s.business_date = ? GROUP BY t.kind", app.till_key, day))
    tax_by_rate = dict(sql(app, "SELECT l.tax_rate, sum(l.tax_fen) FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
                                "WHERE s.till_id = ? AND s.business_date = ? AND l.voided = 0 GROUP BY l.tax_rate",
                           app.till_key, day))
    voids, overrides = one("SELECT sum(l.voided), sum(l.override_reason IS NOT NULL AND l.voided = 0) "
                           "FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
                           "WHERE s.till_id = ? AND s.business_date = ?")
    floats = one("SELECT sum(float_fen) FROM shifts WHERE till_id = ? AND business_date = ?")[0]
    events = {k: (c, a) for k, c, a in sql(
        app, "SELECT e.kind, count(*), sum(e.amount_fen) FROM cash_events e JOIN shifts h ON h.id = e.shift_id "
             "WHERE h.till_id = ? AND h.business_date = ? GROUP BY e.kind", app.till_key, day)}
    amount = lambda k: events.get(k, (0, 0))[1]  # noqa: E731
    cash = floats + tenders.get("cash", 0) + amount("paid_in") - amount("paid_out") - amount("drop") - amount("pickup")
    return {"sale_count": n, "gross_sales_fen": subtotal, "discounts_fen": discount, "tax_fen": tax,
            "sales_total_fen": total, "tenders": tenders, "tax_by_rate": tax_by_rate, "void_count": voids,
            "price_override_count": overrides, "float_fen": floats, "cash_expected_fen": cash,
            "no_sale_count": events.get("no_sale", (0, 0))[0], "paid_in_fen": amount("paid_in"),
            "paid_out_fen": amount("paid_out"), "drops_fen": amount("drop")}


def service_figures(report) -> dict:
    f = report.figures
    rates: dict[str, int] = {}
    for t in f.tax:
        rates[t.tax_rate] = rates.get(t.tax_rate, 0) + t.tax_fen
    return {"sale_count": f.sale_count, "gross_sales_fen": f.gross_sales_fen, "discounts_fen": f.discounts_fen,
            "tax_fen": f.tax_fen, "sales_total_fen": f.sales_total_fen,
            "tenders": {t.kind: t.amount_fen for t in f.tenders}, "tax_by_rate": rates, "void_count": f.void_count,
            "price_override_count": f.price_override_count, "float_fen": f.float_fen,
            "cash_expected_fen": f.cash_expected_fen, "no_sale_count": f.no_sale_count,
            "paid_in_fen": f.paid_in_fen, "paid_out_fen": f.paid_out_fen, "drops_fen": f.drops_fen}


def counts_for(fen: int) -> dict[str, int]:
    """Notes and coins that make up `fen` (a multiple of 10 fen)."""
    assert fen % 10 == 0
    out = {}
    for code, value in (("note_100", 10000), ("note_50", 5000), ("note_20", 2000), ("note_10", 1000),
                        ("note_5", 500), ("coin_1", 100), ("coin_0_5", 50), ("coin_0_1", 10)):
        out[code], fen = divmod(fen, value)
    return out


@pytest.fixture
def day(app, signed_in):
    """A worked shift on DAY; returns (app, cashier session, manager session)."""
    cashier = signed_in
    li_na = cashier.user
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    printed = []
    app.shifts.print_document = app.reports.print_document = lambda doc, kind: printed.append(kind)
    app.shifts.open_shift(li_na, {"note_100": 2, "note_10": 5, "coin_1": "10"}, business_date=DAY)  # 260.00
    # 1: cash, with change
    cashier.scan(COLA)
    cashier.scan(COLA)
    cashier.scan(MILK)
    cashier.add_tender("cash", "20")
    cashier.complete()
    # 2: card only
    cashier.scan(OIL)
    cashier.add_tender("card", "69.90", "BATCH-1")
    cashier.complete()
    # 3: split, a voided line, a price override approved by the manager, a ticket discount
    cashier.scan(COLA)
    snap = cashier.scan(OIL)
    cashier.void_line(snap.lines[-1].line_id)
    snap = cashier.scan(MILK)
    approval = app.auth.approve("8888", Permission.PRICE_OVERRIDE, "dented")
    cashier.override_price(snap.lines[-1].line_id, "2.50", "dented", approval)
    cashier.set_ticket_discount("0.50")
    cashier.add_tender("card", "2.00", "BATCH-2")
    cashier.add_tender("cash", "10")
    cashier.complete()
    # drawer
    app.shifts.paid_in(manager, "50.00", "float_top_up")
    out_ok = app.auth.approve("8888", Permission.PAID_IN_OUT, "bought bags")
    app.shifts.paid_out(li_na, "12.50", "supplies", "plastic bags", approval=out_ok)
    app.shifts.drop(li_na, "100")
    app.shifts.no_sale(manager, "change for a customer")
    return app, li_na, manager, printed


def test_x_report_matches_plain_sql_and_closes_nothing(day):
    app, _, manager, _ = day
    x = app.reports.x_report(manager)
    assert service_figures(x) == recompute(app, DAY.isoformat())
    f = x.figures
    assert (f.sale_count, f.void_count, f.price_override_count, f.no_sale_count) == (3, 1, 1, 1)
    assert f.tenders and {t.kind for t in f.tenders} == {"cash", "card"}
    assert f.discounts_by_kind == {"ticket": 50}
    assert f.price_override_markdown_fen == 100  # 3.50 -> 2.50, one piece
    assert f.manager_override_count == 2  # the override and the paid-out approval
    assert f.returns_fen == 0 and f.return_count == 0
    assert f.first_receipt_no == "S001-T01-000001" and f.last_receipt_no == "S001-T01-000003"
    assert f.unacknowledged_sales == 3
    assert app.shifts.current() is not None and sql(app, "SELECT count(*) FROM z_reports") == [(0,)]
    text = report_text(x, 48)
    assert "应有现金 Expected cash" in text and "现金 cash x" in text and "收款 Tenders" in text
    value_rows = [ln for ln in text.splitlines() if ln[-1:].isdigit()]
    assert len(value_rows) > 20
    assert {text_width(ln) for ln in value_rows} == {48}  # values line up although labels mix scripts


def test_blind_count_shows_the_known_shortage_and_keeps_every_attempt(day):
    app, li_na, manager, printed = day
    form = app.shifts.count_form()
    assert {f for f in vars(form)} == {"shift_id", "attempt_no", "denominations", "tender_kinds"}
    assert form.tender_kinds[0] == "cash" and "card" in form.tender_kinds
    expected = recompute(app, DAY.isoformat())
    short = 530  # 5.30 missing: beyond the 2.00 tolerance
    card = Decimal(expected["tenders"]["card"]) / 100
    first = app.shifts.submit_count(li_na, counts_for(expected["cash_expected_fen"] - short), {"card": str(card)})
    cash = next(v for v in first.variances if v.kind == "cash")
    assert (cash.expected_fen, cash.difference_fen, cash.status) == (expected["cash_expected_fen"], -short, "short")
    assert next(v for v in first.variances if v.kind == "card").status == "balanced"
    assert first.needs_approval and first.over_short_fen == -short
    with pytest.raises(VarianceNeedsApproval):
        app.shifts.confirm_close(li_na, first.count_id, reason="")
    with pytest.raises(VarianceNeedsApproval):  # a reason alone is not enough for a cashier
        app.shifts.confirm_close(li_na, first.count_id, reason="coins fell")
    second = app.shifts.submit_count(li_na, counts_for(expected["cash_expected_fen"] - short), {"card": str(card)})
    assert second.attempt_no == 2 and second.over_short_fen == -short
    approval = app.auth.approve("8888", Permission.CLOSE_SHIFT, "recounted twice", badge="STAFF-0008")
    closed = app.shifts.confirm_close(li_na, second.count_id, reason="recounted twice", approval=approval)
    assert closed.status == "closed" and app.shifts.current() is None
    assert [a.attempt_no for a in app.shifts.count_attempts(closed.shift_id)] == [1, 2]
    assert sql(app, "SELECT close_approver_id, close_reason FROM shifts") == [("demo-staff-0008", "recounted twice")]
    assert printed.count("slip") == 4


def test_z_report_matches_plain_sql_is_queued_numbered_and_immutable(day):
    app, li_na, manager, printed = day
    expected = recompute(app, DAY.isoformat())
    result = app.shifts.submit_count(li_na, counts_for(expected["cash_expected_fen"] - 130),
                                     {"card": str(Decimal(expected["tenders"]["card"]) / 100)})
    app.shifts.confirm_close(li_na, result.count_id)  # 1.30 short: within tolerance
    z = app.reports.close_day(manager, DAY)
    assert z.z_no == 1 and z.kind == "Z"
    assert service_figures(z) == expected
    assert z.cash_counted_fen == expected["cash_expected_fen"] - 130 and z.over_short_fen == -130
    assert printed[-1] == "report"
    # stored once, re-read identically, queued for the platform in the wire's shape
    assert app.reports.z_report(manager, DAY) == z
    key = sql(app, "SELECT z_no, sale_count, net_sales_fen, over_short_fen, first_receipt_no FROM z_reports")
    assert key == [(1, 3, expected["sales_total_fen"], -130, "S001-T01-000001")]
    (payload,) = sql(app, "SELECT payload FROM outbox WHERE kind = 'z_report'")
    wire = WireZReport.model_validate(json.loads(payload[0]))
    assert (wire.z_no, wire.business_date, wire.cash_counted_fen) == (1, DAY, z.cash_counted_fen)
    assert {t.kind: t.amount_fen for t in wire.tenders} == expected["tenders"]
    # refused: a second Z, a shift on a closed day, and any write to the stored report
    with pytest.raises(ZReportExists):
        app.reports.close_day(manager, DAY)
    with pytest.raises(BusinessDayClosed):
        app.shifts.open_shift(li_na, {"note_100": 1}, business_date=DAY)
    con = sqlite3.connect(app.db.path)
    for stmt in ("UPDATE z_reports SET net_sales_fen = 0", "DELETE FROM z_reports",
                 "UPDATE shift_counts SET counted = '{}'", "DELETE FROM cash_events",
                 "UPDATE shifts SET float_fen = 0"):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            con.execute(stmt)
    con.close()
    # the next day gets the next number
    app.shifts.open_shift(li_na, {"note_100": 1}, business_date=date(2026, 11, 24))
    nxt = app.shifts.submit_count(li_na, {"note_100": 1})
    app.shifts.confirm_close(li_na, nxt.count_id)
    assert app.reports.close_day(manager).z_no == 2
    assert [z.z_no for z in app.reports.z_reports(manager)] == [2, 1]
