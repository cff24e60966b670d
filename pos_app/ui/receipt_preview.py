"""Receipt preview pane: the last receipt exactly as the printer lays it out, plus reprint.

The picture is rendered by `services.receipts.render_preview` in a worker (fonts, barcodes and
QR codes take a moment); if no CJK font is installed the pane falls back to the text form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from pos_app.services.receipts import render_preview
from pos_app.ui.messages import describe
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.printing import PrintService


class ReceiptPreview(QWidget):
    """Shows the last receipt; `reprintButton` asks the print service to print it again."""

    reprinted = Signal()

    def __init__(
        self,
        printing: PrintService,
        runner: TaskRunner,
        profile: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self._printing, self._runner = printing, runner
        self.profile = profile  # services.receipts.profile_for(config)
        self.text_lines: list[str] = []
        self._image: QImage | None = None
        self.caption = QLabel(self)
        self.caption.setObjectName("receiptCaption")
        self.paper = QLabel(self)
        self.paper.setObjectName("receiptPaper")
        self.paper.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.paper.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("receiptScroll")
        self.scroll_area.setWidget(self.paper)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reprint = QPushButton(self)
        self.reprint.setObjectName("reprintButton")
        self.reprint.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reprint.setEnabled(False)
        self.reprint.clicked.connect(self.reprint_last)
        self.status = QLabel(self)
        self.status.setObjectName("receiptStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.reprint)
        self.retranslate()

    def show_document(self, document: Any) -> None:
        self._runner.submit(
            render_preview,
            document,
            self.profile,
            on_result=self._rendered,
            on_error=lambda e: self.status.setText(describe(e)),
        )

    def _rendered(self, result: tuple[list[str], Any]) -> None:
        self.text_lines, image = result
        self.reprint.setEnabled(self._printing is not None)
        if image is None:
            self._image = None
            self.paper.setText("<pre>" + "\n".join(self.text_lines).replace("<", "&lt;") + "</pre>")
            return
        data = image.tobytes()
        self._image = QImage(
            data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8
        ).copy()
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        # Room left once the vertical scroll bar is shown (a long receipt always shows it).
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        width = max(200, self.scroll_area.width() - 2 * self.scroll_area.frameWidth() - bar - 2)
        pixmap = QPixmap.fromImage(self._image)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.paper.setPixmap(pixmap)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def reprint_last(self) -> None:
        self.reprint.setEnabled(False)
        self._runner.submit(
            self._printing.reprint_last, on_result=self._reprinted, on_error=self._reprint_failed
        )

    def _reprinted(self, _job: Any) -> None:
        self.reprint.setEnabled(True)
        self.status.setText(self.tr("Reprint sent to the printer."))
        self.reprinted.emit()

    def _reprint_failed(self, error: BaseException) -> None:
        self.reprint.setEnabled(True)
        self.status.setText(describe(error))

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Last receipt"))
        self.reprint.setText(self.tr("Reprint"))
        if not self.text_lines and self._image is None:
            self.paper.setText(self.tr("No receipt yet"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
