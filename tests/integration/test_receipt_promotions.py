"""The receipt lists each promotion on its line and in a savings block with the total saved, in
Chinese and in English, right-aligned at 32 and 48 columns (CJK counted as two)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from hardware.receipt.layout import text_width
from hardware.receipt.preview import preview_text
from pos_app.config import Config
from pos_app.domain.promotions import PromotionCatalog, evaluate, parse_promotion
from pos_app.domain.promotions.engine import PricingContext
from pos_app.domain.tax import VAT_13
from pos_app.domain.ticket import ProductRef, Ticket
from pos_app.services.receipts import build_receipt, profile_for
from pos_app.services.sale_records import SaleContext

COLA = ProductRef("100001", "可口可乐 330ml", VAT_13, name_en="Coca-Cola 330ml", category="DRINK")
CHIPS = ProductRef("100030", "乐事薯片 原味 70g", VAT_13, name_en="Lay's Classic 70g", category="SNACK")
NOW = datetime(2026, 6, 1, 4, tzinfo=UTC)


def promo(pid, name, name_en, rule):
    return parse_promotion({"promotion_id": pid, "name": name, "name_en": name_en, "rule": rule,
                            "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2027-01-01T00:00:00Z",
                            "combines_with": ["price", "item", "order", "coupon"]})


CATALOG = PromotionCatalog([
    promo("HALF", "可乐第二件半价", "Cola: 2nd at half price",
          {"type": "nth_discount", "targets": {"skus": ["100001"]}, "n": 2, "percent": "50"}),
    promo("M20", "满20减3", "3 off every 20", {"type": "threshold_off", "threshold_fen": 2000, "off_fen": 300,
                                                "repeat": True}),
])


def sold_ticket():
    ticket = Ticket()
    ticket.set_pricer(lambda lines, coupons: evaluate(lines, CATALOG, PricingContext(NOW, NOW.astimezone(timezone(timedelta(hours=8))))))
    ticket.add_item(COLA, "3.00", 2)
    ticket.add_item(CHIPS, "7.50", 3)
    ticket.add_tender("cash", "30")
    ticket.complete()
    return ticket.snapshot()


def context() -> SaleContext:
    return SaleContext(sale_id="a" * 32, receipt_no="S001-T01-000042", store_id="S001", till_id="T01",
                       till_key="S001-T01", seq=42, business_date=date(2026, 6, 1), completed_at=NOW,
                       cashier_id="u1")


@pytest.mark.parametrize(("language", "paper", "columns", "names", "saved"), [
    ("zh_CN", "80mm", 48, ("可乐第二件半价", "满20减3", "优惠活动"), "本单共节省"),
    ("zh_CN", "58mm", 32, ("可乐第二件半价", "满20减3", "优惠活动"), "本单共节省"),
    ("en", "80mm", 48, ("Cola: 2nd at half price", "3 off every 20", "Promotions"), "You saved"),
    ("en", "58mm", 32, ("Cola: 2nd at half price", "3 off every 20", "Promotions"), "You saved"),
])
def test_every_promotion_and_the_total_saved_are_printed_aligned(language, paper, columns, names, saved):
    snap = sold_ticket()
    assert [p.promotion_id for p in snap.promotions] == ["HALF", "M20"]
    config = Config(language=language, receipt={"paper": paper})
    lines = [ln.replace("￥", "¥") for ln in preview_text(build_receipt(config, context(), snap, cashier_name="Li"),
                                                          profile_for(config))]
    text = "\n".join(lines)
    for name in names:
        assert name in text, name
    half, m20 = snap.promotions
    saved_line = next(ln for ln in lines if ln.startswith(saved))
    assert saved_line.endswith(f"¥{snap.saved:.2f}") and snap.saved == half.amount + m20.amount
    promo_lines = [ln for ln in lines if ln.rstrip().endswith((f"-¥{half.amount:.2f}", f"-¥{m20.amount:.2f}"))]
    assert len(promo_lines) >= 3  # the line's share(s) and the savings block
    assert {text_width(ln, True) for ln in [*promo_lines, saved_line]} == {columns}
