"""The customer screen's states at 1024x768 in Chinese, English and bilingual, grabbed as images;
every visible character must have a glyph. POS_SCREENSHOTS_DIR=docs/screenshots refreshes the docs."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from gui_helpers import PACKAGED, sign_in
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from test_screenshots import missing_glyphs, save, shots_dir

from pos_app.domain.customer_view import CustomerViews, pickup_view


@pytest.mark.parametrize("language", ["zh_CN", "en", "both"])
def test_customer_screen_states(qtbot, till, type_keys, tmp_path, language):
    target = shots_dir(tmp_path)
    window = till("zh_CN" if language == "both" else language,
                  customer_screen={"screen": "window", "language": language})
    screen = window.customer.window
    screen.resize(1024, 768)
    screen.store_name = "O2O 鲜生 · 示范门店"
    screen.retranslate()
    banner = QImage(800, 300, QImage.Format.Format_RGB32)
    banner.fill(QColor("#e8f3ec"))
    painter = QPainter(banner)
    painter.setPen(QColor("#0b6b3a"))
    painter.setFont(QFont(screen.font().family(), 48, QFont.Weight.Bold))
    painter.drawText(banner.rect(), Qt.AlignmentFlag.AlignCenter, "新鲜水果 Fresh fruit")
    painter.end()
    screen.show_slide(banner, screen.texts.name("本周特惠：新鲜水果满 50 减 10", "This week: fruit ¥10 off ¥50", "\n"))
    qtbot.waitUntil(screen.isVisible, timeout=2000)
    shots = {"idle": screen.idle_page}
    save(screen, target / f"customer_idle_{language}.png")

    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    checkout = window.ctx.checkout
    for product in PACKAGED[:6]:
        checkout.scan(product.gtins[0])
    checkout.scan(PACKAGED[0].gtins[0])
    checkout.set_ticket_discount("5%")
    snap = checkout.current()
    member = SimpleNamespace(masked_name="王*明", tier="金卡 Gold", points=1280)
    views = CustomerViews()
    screen.show_view(views.for_ticket(SimpleNamespace(**{**vars(snap), "member": member})))
    shots["selling"] = screen.selling_page
    assert screen.saved.isVisibleTo(screen)
    save(screen, target / f"customer_selling_{language}.png")

    paying = checkout.total()
    screen.show_view(views.for_ticket(paying))
    shots["paying"] = screen.paying_page
    save(screen, target / f"customer_paying_{language}.png")

    screen.show_view(views.completed(paying, Decimal("12.40")))
    shots["thanks"] = screen.thanks_page
    save(screen, target / f"customer_thanks_{language}.png")

    screen.show_view(pickup_view("PU20261201", [("可口可乐 330ml", Decimal(2), "pcs"),
                                                ("百事可乐 500ml", Decimal(1), "pcs")]))
    shots["pickup"] = screen.pickup_page
    save(screen, target / f"customer_pickup_{language}.png")
    for name, page in shots.items():
        screen.pages.setCurrentWidget(page)
        assert missing_glyphs(screen) == [], name
