"""Receipt preview pane: renders a real receipt document off the UI thread, picture and text."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton
from qr_read import qr_texts

from hardware.receipt.document import Barcode, Columns, Cut, Document, QRCode, Rule, Text
from hardware.receipt.profile import PrinterProfile
from pos_app.ui.receipt_preview import ReceiptPreview
from pos_app.ui.workers import TaskRunner

DOCUMENT = Document(
    (
        Text("O2O 鲜生 · 示范门店", align="center", bold=True),
        Rule(),
        Columns("可口可乐 330ml x2", "¥6.00"),
        Columns("合计 TOTAL", "¥6.00", bold=True),
        Barcode("S001-T01-000042"),
        QRCode("https://o2o.example/r/S001-T01-000042"),
        Cut(),
    )
)


def test_document_is_shown_as_picture_with_its_text(qtbot, till_qapp):
    runner = TaskRunner()
    pane = ReceiptPreview(None, runner, PrinterProfile(columns=32))
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    pane.show_document(DOCUMENT)
    qtbot.waitUntil(lambda: bool(pane.text_lines), timeout=10000)
    assert any("可口可乐" in line and "¥6.00" in line.replace("￥", "¥") for line in pane.text_lines)
    assert any("S001-T01-000042" in line for line in pane.text_lines)
    paper = pane.findChild(QLabel, "receiptPaper")
    assert paper.pixmap() is not None and not paper.pixmap().isNull()
    assert paper.pixmap().width() <= pane.width()  # scaled to the pane, never wider
    assert qr_texts(paper) == ["https://o2o.example/r/S001-T01-000042"]  # still readable, scaled
    # Without a print service there is nothing to reprint with.
    assert not pane.findChild(QPushButton, "reprintButton").isEnabled()


def test_before_any_sale_the_pane_says_so(qtbot, till_qapp):
    pane = ReceiptPreview(None, TaskRunner(), PrinterProfile())
    qtbot.addWidget(pane)
    assert pane.findChild(QLabel, "receiptPaper").text() == "No receipt yet"
    assert not pane.findChild(QPushButton, "reprintButton").isEnabled()
