"""The cart paints what a scan changed, not its whole viewport, and the pixels it keeps from
before (moved by a scroll) are exactly what a full repaint would paint."""

from __future__ import annotations

import pytest
from gui_helpers import PACKAGED, sign_in
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication


class PaintedRegions(QObject):
    """The bounding rectangle of every paint event the cart's viewport gets."""

    def __init__(self, viewport) -> None:
        super().__init__(viewport)
        self.rects: list[QRect] = []
        viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False


@pytest.fixture
def cashier(qtbot, till, type_keys):
    window = till("zh_CN")
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    return window


def scan_and_paint(qtbot, window, code: str, painted: PaintedRegions) -> QRect:
    """Scan through the sale screen and wait for the cart's paint of it: the rectangle painted."""
    rows = window.sale.model.rowCount()
    painted.rects.clear()
    window.sale.scan(code)
    qtbot.waitUntil(lambda: window.sale.model.rowCount() == rows + 1 and bool(painted.rects), timeout=5000)
    qtbot.wait(20)  # any later paint of the same scan is counted too
    united = QRect()
    for rect in painted.rects:
        united = united.united(rect)
    return united


def backing_store(window, widget) -> QImage:
    """What the window's backing store holds where `widget` is (what the screen shows)."""
    image = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    return image.copy(QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size()))


def test_a_scan_paints_the_new_row_and_the_old_highlight_and_keeps_the_rest(qtbot, cashier):
    sale = cashier.sale
    viewport = sale.cart.viewport()
    painted = PaintedRegions(viewport)
    codes = [product.gtins[0] for product in PACKAGED]
    assert len(codes) > 12
    for code in codes[:12]:
        scan_and_paint(qtbot, cashier, code, painted)
    fits = viewport.height() // sale.cart.rowHeight(0)
    assert sale.model.rowCount() > fits  # the next scans scroll the cart

    for code in codes[12:]:
        region = scan_and_paint(qtbot, cashier, code, painted)
        # The new row and the row that loses the highlight (and the selection): two rows.
        assert region.height() <= 2 * sale.cart.rowHeight(0) + 1, (region, sale.cart.rowHeight(0))
        assert region.bottom() == viewport.height() - 1
        assert sale.cart.currentIndex().row() == sale.model.rowCount() - 1

    kept = backing_store(cashier, viewport)
    viewport.repaint()
    assert backing_store(cashier, viewport) == kept  # the moved pixels are what a full paint paints
