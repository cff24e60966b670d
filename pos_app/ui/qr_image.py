"""A payment QR as a Qt image: the `qrcode` library (already used for receipts) makes the matrix,
Qt paints it, with whole pixels per module so phone cameras read it from a screen.

`qrcode` (and the PIL it pulls in) is imported on the first QR, not with the screens that may show
one: the login path stays light (tests/gui/test_startup_imports.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap


def qr_pixmap(text: str, size: int) -> QPixmap:
    """``text`` as a black-on-white QR at most ``size`` pixels square (a quiet zone of 2 modules)."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    scale = max(1, size // modules)
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, Qt.GlobalColor.black)
    painter.end()
    return QPixmap.fromImage(image)
