"""A scan paints what it changed on the cashier's cart and on the customer's lines, not the whole
of either, and the pixels kept from before (moved by a scroll) are exactly what a full repaint
would paint."""

from __future__ import annotations

import pytest
from gui_helpers import PACKAGED, sign_in
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QHeaderView, QStyledItemDelegate, QWidget


class PaintedRegions(QObject):
    """The bounding rectangle of every paint event `widget` gets."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def united(self) -> QRect:
        united = QRect()
        for rect in self.rects:
            united = united.united(rect)
        return united

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False


@pytest.fixture
def cashier(qtbot, till, type_keys):
    window = till("zh_CN", customer_screen={"screen": "window"})
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    return window


def scan_and_paint(qtbot, window, code: str, painted: PaintedRegions, rows: int | None = None) -> QRect:
    """Scan through the sale screen and wait for the paint of it: the rectangle painted."""
    rows = window.sale.model.rowCount() + 1 if rows is None else rows
    painted.rects.clear()
    window.sale.scan(code)
    qtbot.waitUntil(lambda: window.sale.model.rowCount() == rows and bool(painted.rects), timeout=5000)
    qtbot.wait(20)  # any later paint of the same scan is counted too
    return painted.united()


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


def test_the_carts_cached_text_paints_what_qts_own_item_delegate_paints(qtbot, cashier):
    """CartDelegate lays each cell's text out once; the picture is the style's own item picture
    (the highlight, the selection, the alternate rows, right-aligned amounts)."""
    sale = cashier.sale
    for product in PACKAGED[:12]:
        scan_and_paint(qtbot, cashier, product.gtins[0], PaintedRegions(sale.cart.viewport()))
    ours = sale.cart.viewport().grab().toImage()
    sale.cart.setItemDelegate(QStyledItemDelegate(sale.cart))
    assert sale.cart.viewport().grab().toImage() == ours
    sale.cart.setItemDelegate(sale.cart.delegate)


def test_a_long_name_is_painted_elided_in_the_middle_so_its_size_shows(qtbot, cashier):
    """Qt's own item delegate word-wraps a table cell, so a long name lost its end ("红牛 维生素功能饮料 …")
    whatever the elide mode; the cart's delegate paints it elided in the middle, as the cart asks."""
    sale = cashier.sale
    cashier.resize(1024, 768)
    qtbot.waitUntil(lambda: cashier.width() == 1024, timeout=3000)
    painted = PaintedRegions(sale.cart.viewport())
    for product in PACKAGED[:12]:
        scan_and_paint(qtbot, cashier, product.gtins[0], painted)
    line = next(line for line in sale.snapshot.lines if line.name == "红牛 维生素功能饮料 250ml")
    sale.cart.viewport().repaint()
    shown = sale.cart.delegate.shown(line.line_id, 0)
    assert shown is not None and shown != line.name and "…" in shown and shown.endswith("250ml")


def test_the_customer_lines_scroll_by_a_row_and_paint_two(qtbot, cashier):
    screen = cashier.customer.window
    lines = screen.lines
    painted = PaintedRegions(lines)
    codes = iter(product.gtins[0] for product in PACKAGED)
    while cashier.sale.model.rowCount() < lines.visible_rows() + 2:  # its size is known once it shows
        scan_and_paint(qtbot, cashier, next(codes), painted)
    qtbot.waitUntil(lambda: screen.lines_model.rowCount() == cashier.sale.model.rowCount(), timeout=5000)
    assert lines.first > 0  # the next scans scroll the lines

    for _ in range(4):
        region = scan_and_paint(qtbot, cashier, next(codes), painted)
        assert region.height() <= 2 * lines.row_height(), (region, lines.row_height())
        assert region.top() >= lines.header_height()
    # A repeat scan of the first item makes the first line the newest: the lines go back to it.
    rows = cashier.sale.model.rowCount()
    scan_and_paint(qtbot, cashier, PACKAGED[0].gtins[0], painted, rows=rows)
    qtbot.waitUntil(lambda: lines.first == 0, timeout=5000)

    kept = backing_store(screen, lines)
    lines.repaint()
    assert backing_store(screen, lines) == kept



def rows_painted(view, region: QRect) -> int:
    """How many of the cart's rows `region` covers (the empty area below the last row is free)."""
    return sum(1 for row in range(view.model().rowCount())
               if view.visualRect(view.model().index(row, 0)).adjusted(0, 0, 10_000, 0).intersects(region))


def test_every_scan_from_the_first_paints_only_its_rows_on_both_screens(qtbot, cashier):
    """Across the moments that used to repaint a whole table: the cart's scroll bar appearing when
    the lines first pass a page (the viewport narrowed, so every row was elided and painted again)
    and the customer's lines first scrolling."""
    cart, lines = cashier.sale.cart, cashier.customer.window.lines
    cart_painted, lines_painted = PaintedRegions(cart.viewport()), PaintedRegions(lines)
    scan_and_paint(qtbot, cashier, PACKAGED[0].gtins[0], cart_painted)  # a new ticket: all of it
    qtbot.waitUntil(lambda: lines.model.rowCount() == 1, timeout=5000)
    width = cart.viewport().width()
    for product in PACKAGED[1:]:
        lines_painted.rects.clear()
        cart_region = scan_and_paint(qtbot, cashier, product.gtins[0], cart_painted)
        qtbot.waitUntil(lambda: lines.model.rowCount() == cashier.sale.model.rowCount(), timeout=5000)
        qtbot.wait(20)
        rows = cashier.sale.model.rowCount()
        assert rows_painted(cart, cart_region) <= 2, (rows, cart_region)
        assert lines_painted.united().height() <= 2 * lines.row_height(), (rows, lines_painted.united())
    assert cart.viewport().width() == width  # the rows never had to be elided again
    assert cashier.sale.model.rowCount() * cart.rowHeight(0) > cart.viewport().height()
    assert lines.first > 0


def test_a_scan_leaves_the_cart_header_unpainted_and_a_language_change_measures_it_again(qtbot, cashier):
    """The header has a selection of its own (the cart's new row used to repaint every column
    title) and keeps its measured size until its texts, font or style change."""
    sale = cashier.sale
    header = sale.cart.horizontalHeader()
    titles = PaintedRegions(header.viewport())
    for product in PACKAGED[:6]:
        scan_and_paint(qtbot, cashier, product.gtins[0], PaintedRegions(sale.cart.viewport()))
    assert titles.rects == []
    assert sale.cart.currentIndex().row() == sale.model.rowCount() - 1  # the cart's selection still moves

    measured = header.sizeHint()
    header.setFont(QFont(header.font().family(), header.font().pointSize() * 2))
    assert header.sizeHint().height() > measured.height()
    sale.model.retranslate(english_names=True)  # new titles: measured again, not the font's hint kept
    assert header.sizeHint() == QHeaderView.sizeHint(header)


class LayoutRequests(QObject):
    """How many times `widget` is laid out again."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_new_totals_repaint_their_labels_and_lay_the_panel_out_only_when_an_amount_needs_room(qtbot, cashier):
    sale = cashier.sale
    panel = sale.findChild(QWidget, "totalsPanel")
    layouts = LayoutRequests(panel)
    values = list(sale.total_values.values())
    scans = 0
    for product in PACKAGED[:10]:
        scan_and_paint(qtbot, cashier, product.gtins[0], PaintedRegions(sale.cart.viewport()))
        scans += 1
        qtbot.wait(10)
        assert sale.total_values["ticketItems"].text() == str(sale.snapshot.item_count)
        for label in values:
            assert label.sizeHint().width() <= label.width()  # every amount shows whole
        assert len({label.geometry().right() for label in values}) == 1  # and ends at the same edge
    assert layouts.count < scans - 3  # most scans only repaint the amounts


def test_the_carts_scroll_bar_repaints_only_when_its_handle_moves(qtbot, till_qapp):
    """At a thousand lines a scan's new range moves the handle by less than a pixel: no repaint;
    what the bar shows is still what a full repaint paints."""
    from pos_app.ui.cart_view import CartScrollBar

    host = QWidget()
    qtbot.addWidget(host)
    bar = CartScrollBar(host)
    bar.setGeometry(0, 0, 20, 400)
    bar.setRange(0, 1000)
    bar.setPageStep(9)
    bar.setValue(1000)
    painted = PaintedRegions(bar)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: bool(painted.rects), timeout=2000)  # shown
    qtbot.wait(20)
    for lines in range(1001, 1004):  # a scan: the range grows by a row, then the view scrolls to it
        painted.rects.clear()
        bar.setRange(0, lines)
        bar.setValue(lines)
        qtbot.wait(20)
        assert painted.rects == [], lines
    kept = bar.grab().toImage()
    bar.repaint()
    assert bar.grab().toImage() == kept

    bar.setRange(0, 20)  # a short ticket: the handle grows
    qtbot.waitUntil(lambda: bool(painted.rects), timeout=2000)


def test_the_customers_amounts_repaint_without_laying_out_their_column_and_show_whole(qtbot, cashier):
    screen = cashier.customer.window
    side = screen.findChild(QWidget, "customerTotals")
    layouts = LayoutRequests(side)
    scans = 0
    for product in PACKAGED[:8]:
        scan_and_paint(qtbot, cashier, product.gtins[0], PaintedRegions(cashier.sale.cart.viewport()))
        qtbot.waitUntil(lambda: screen.lines_model.rowCount() == cashier.sale.model.rowCount(), timeout=5000)
        scans += 1
        qtbot.wait(10)
        assert screen.due.text() == cashier.sale.total_values["ticketTotal"].text()
        for label in (screen.items, screen.due):
            assert label.heightForWidth(label.width()) <= label.height()  # no amount cut off
            assert label.geometry().left() == screen.items_caption.geometry().left()
            assert label.width() == screen.items_caption.width()  # the column's width, as before
    assert layouts.count < scans - 3
