"""No amount ever wraps: every kind of paper the till prints, with the largest amounts it can hold,
laid out at 32, 42 and 48 columns, keeps each amount whole on one line and every line on the paper."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from hardware.receipt.document import Columns, Document, Text
from hardware.receipt.layout import Line, layout, printable, text_width
from hardware.receipt.profile import PrinterProfile
from pos_app.config import Config
from pos_app.domain.money import CashRounding
from pos_app.domain.tax import VAT_9, VAT_13
from pos_app.domain.ticket import Discount, ProductRef, Ticket, TicketConfig
from pos_app.services.receipts import build_receipt, mark_copy, mark_reprint
from pos_app.services.reports import Report, report_document
from pos_app.services.sale_records import SaleContext
from pos_app.services.shift import ShiftService
from tests_support import user_id

COLUMNS = (32, 42, 48)
AMOUNT = re.compile(r"-?[¥￥]?\d[\d,]*\.\d{2}(?!\d)")  # the reports print amounts without a sign
BIG = 123456789  # fen: ¥1234567.89, seven digits before the point


def big_sale():
    """Seven-digit line totals, tax bands and total; tenders at the most one tender may be."""
    t = Ticket(TicketConfig(cash_rounding=CashRounding.DOWN_0_1))
    rice = t.add_item(ProductRef("100001", "五常大米 稻花香 10kg 礼盒装", VAT_9, name_en="Wuchang rice 10kg gift box"),
                      "999999.99", 3)
    t.add_item(ProductRef("200002", "阳澄湖大闸蟹 公 4两", VAT_13, name_en="Hairy crab", sold_by_weight=True,
                          unit="kg"), "888888.88", "2.345")
    t.set_line_discount(rice, Discount.amount("123456.78"))
    t.override_price(rice, "999999.98", "会员价 member price")
    t.set_ticket_discount(Discount.amount("99999.99"))
    t.mark_totalled()
    while t.snapshot().cash_due > 999999:
        t.add_tender("card", "999999.99", "REF-7788990011")
    t.add_tender("cash", "999999.99")
    t.complete()
    return t.snapshot()


def sale_documents() -> list[tuple[str, Document]]:
    ctx = SaleContext(sale_id="a" * 32, receipt_no="S001-T01-000042", store_id="S001", till_id="T01",
                      till_key="S001-T01", seq=42, business_date=date(2026, 12, 1),
                      completed_at=datetime(2026, 12, 1, 2, 3, 4, tzinfo=UTC), cashier_id="u1")
    snap = big_sale()
    out = []
    for language in ("zh_CN", "en"):
        receipt = build_receipt(Config(language=language), ctx, snap, cashier_name="李娜 Li Na")
        out += [(f"receipt {language}", receipt), (f"copy {language}", mark_copy(receipt)),
                (f"reprint {language}", mark_reprint(receipt))]
    return out


def big_report(report: Report) -> Report:
    """The same report with every money figure at seven digits."""
    def grow(value):
        if isinstance(value, dict):
            return {k: BIG if k.endswith("_fen") and isinstance(v, int) else grow(v) for k, v in value.items()}
        if isinstance(value, list):
            return [grow(v) for v in value]
        return value

    return Report.from_dict(grow(report.to_dict()))


@pytest.fixture
def paper(app, signed_in):
    """Every other kind: the cash slips of the shift service (at the largest amount a cash event may
    have) and the X report with seven-digit figures."""
    slips: list[tuple[str, Document]] = []
    shifts = ShiftService(app.db, app.config, app.till_key,
                          print_document=lambda document, kind: slips.append((kind, document)))
    manager = app.auth.login(user_id(app, "Wang Qiang"), "8888")
    shifts.open_shift(signed_in.user, {"note_100": 9999})
    signed_in.scan("6900000000014")
    signed_in.add_tender("cash", "3")
    signed_in.complete()
    shifts.paid_in(manager, "99999.99", "other", note="备用金 float top-up ￥99999.99")  # a cash event's most
    shifts.paid_out(manager, "88888.88", "other")
    shifts.drop(manager, "77777.77")
    report = big_report(app.reports.x_report(manager))
    return slips + [("x report", report_document(report, app.config)),
                    ("x report copy", report_document(report, app.config, copy=True))]


def amounts(document: Document, profile: PrinterProfile) -> list[str]:
    texts = [b.text for b in document.blocks if isinstance(b, Text)]
    texts += [t for b in document.blocks if isinstance(b, Columns) for t in (b.left, b.right)]
    return [a for text in texts for a in AMOUNT.findall(printable(text, profile))]


def check(name: str, document: Document, columns: int) -> None:
    profile = PrinterProfile(columns=columns)
    lines = [item for item in layout(document, profile) if isinstance(item, Line)]
    for line in lines:
        width = columns // 2 if line.double_width else columns
        assert text_width(line.text) <= width, f"{name} at {columns}: {line.text!r} is wider than the paper"
    found = amounts(document, profile)
    assert found, f"{name} shows no amount"
    for amount in found:
        assert any(amount in line.text for line in lines), f"{name} at {columns}: {amount} is split across lines"


@pytest.mark.parametrize("columns", COLUMNS)
def test_sale_receipts_keep_every_amount_on_one_line(columns):
    documents = sale_documents()
    seven = [a for _, d in documents for a in amounts(d, PrinterProfile()) if len(a.split(".")[0].lstrip("-￥")) == 7]
    assert len(set(seven)) >= 4, seven  # line totals, total, tax band, subtotal
    for name, document in documents:
        check(name, document, columns)


@pytest.mark.parametrize("columns", COLUMNS)
def test_slips_and_reports_keep_every_amount_on_one_line(paper, columns):
    assert [kind for kind, _ in paper] == ["slip", "slip", "slip", "x report", "x report copy"]
    for name, document in paper:
        check(name, document, columns)


def test_the_58mm_tax_summary_of_a_thousand_yuan_band_stays_whole():
    """The reported case: 税率 13% (￥1303.00) wrapped as "(￥1303.0" / "0)" at 32 columns."""
    row = Columns("税率 13% (¥1303.00)", "税额 ¥149.90")
    lines = [line.text for line in layout(Document((row,)), PrinterProfile(columns=32))]
    assert any("￥1303.00" in line for line in lines) and any("￥149.90" in line for line in lines), lines
