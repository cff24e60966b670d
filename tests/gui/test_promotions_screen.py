"""Promotions at the till, as a manager sees them at 1024x768: each line's deal and saving, "You
save" in the totals, why a promotion did not apply (the line's menu), and the receipt.

Set POS_SCREENSHOTS_DIR=docs/screenshots to refresh the documentation's screenshots.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gui_helpers import SCAN_GAP_MS, child, sign_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget

from pos_app.services.demo_catalog import gtin13
from pos_app.services.receipts import build_receipt, profile_for, render_preview
from pos_app.services.sale_records import SaleContext
from pos_app.store.sync_store import TillSyncStorage
from pos_app.ui.cart_model import CartModel, format_money
from sync import protocol as P

COLA, MILK = gtin13("690000000001"), gtin13("690000000011")


def promotion(pid, name, name_en, rule, **extra):
    data = P.Promotion.model_validate({
        "promotion_id": pid, "name": name, "name_en": name_en, "rule": rule,
        "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2099-01-01T00:00:00Z",
        "combines_with": ["price", "item", "order", "coupon"], **extra})
    return P.FeedItem[P.Promotion](key=pid, deleted=False, data=data)


PROMOTIONS = [
    promotion("HALF", "可乐第二件半价", "Cola: 2nd at half price",
              {"type": "nth_discount", "targets": {"skus": ["100001"]}, "n": 2, "percent": "50"}),
    promotion("MILK3", "牛奶3件9元", "Milk: 3 for ¥9", {"type": "n_for_x", "targets": {"skus": ["100011"]},
                                                     "n": 3, "price_fen": 900}),
    promotion("M50", "满50减8", "8 off every 50", {"type": "threshold_off", "threshold_fen": 5000,
                                                   "off_fen": 800, "repeat": True}),
    promotion("VIPMILK", "会员价 牛奶", "Member price: milk", {"type": "member_price", "prices": {"100011": 280}}),
]


def shots_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_promotions_on_the_ticket_and_why_one_did_not_apply(qtbot, till, type_keys, on_dialog, tmp_path, language):
    target = shots_dir(tmp_path)
    window = till(language)
    window.resize(1024, 768)
    TillSyncStorage(window.ctx.db).apply_page("promotions", PROMOTIONS, "c1")
    sign_in(qtbot, window, "王强", "8888", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    window.poll_status()
    window.notices.hide()
    for code in (COLA, COLA, MILK, MILK, MILK):
        type_keys(QApplication.focusWidget(), code, SCAN_GAP_MS)
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    qtbot.waitUntil(lambda: len(window.sale.snapshot.promotions) == 2, timeout=5000)
    snap = window.sale.snapshot
    assert [(ln.sku, ln.quantity) for ln in snap.lines] == [("100001", 2), ("100011", 3)]  # repeat scans merge
    english = language == "en"
    half = "Cola: 2nd at half price" if english else "可乐第二件半价"
    cart = window.sale.model
    assert half in cart.text(snap.lines[0], CartModel.NAME)
    assert cart.text(snap.lines[0], CartModel.DISCOUNT) == f"-{format_money(snap.lines[0].promotion_discount)}"
    assert child(window, QLabel, "ticketSaved").text() == format_money(snap.saved) and snap.saved > 0
    tip = cart.data(cart.index(0, CartModel.DISCOUNT), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{half}  -{format_money(snap.lines[0].promotion_discount)}"
    window.grab().save(str(target / f"sale_promotions_{language}.png"))

    seen = {}

    def read(dialog) -> None:
        seen["lines"] = child(dialog, QListWidget, "promotionWhyList").count() and dialog.lines()
        dialog.grab().save(str(target / f"promotion_why_{language}.png"))
        dialog.reject()

    on_dialog("promotionWhyDialog", read)
    window.sale.controller.explain_promotions(snap.lines[1].line_id)
    qtbot.waitUntil(lambda: "lines" in seen and QApplication.activeModalWidget() is None, timeout=10000)
    text = "\n".join(seen["lines"])
    assert ("Members only" if english else "仅限会员") in text  # the member price: no member on the ticket
    assert ("8 off every 50" if english else "满50减8") in text and "¥" in text  # how much more to spend

    window.ctx.checkout.add_tender("cash", "20")
    done = window.ctx.checkout.complete()
    ctx = SaleContext(sale_id=done.sale_id, receipt_no=done.receipt_no, store_id="S001", till_id="T01",
                      till_key=window.ctx.till_key, seq=1, business_date=datetime.now(UTC).date(),
                      completed_at=datetime.now(UTC), cashier_id=window.session.user_id)
    for paper in ("80mm", "58mm"):
        config = window.ctx.config.model_copy(update={"receipt": window.ctx.config.receipt.model_copy(
            update={"paper": paper})})
        lines, image = render_preview(build_receipt(config, ctx, done.snapshot, cashier_name=window.session.name),
                                      profile_for(config))
        assert any(half in ln for ln in lines)
        if image is not None:
            image.save(target / f"receipt_promotions_{paper}_{language}.png")
