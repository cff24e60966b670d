"""Read back the QR codes a real widget shows, with a decoder of its own (zxing-cpp): a test then
checks what a phone camera would read, not what the till meant to draw."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget


def qr_texts(widget: QWidget) -> list[str]:
    """The text of every QR code in `widget` as it paints itself now (QWidget.grab)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    # Rows of a QImage are padded to 4 bytes: hand PIL the stride.
    pixels = Image.frombuffer("L", (image.width(), image.height()), bytes(image.constBits()),
                              "raw", "L", image.bytesPerLine(), 1)
    return [result.text for result in zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode)]
