"""First run of a till that is not paired yet: language, connect (or try the demo), the first
download, the receipt printer and cash drawer. Then the sign-in screen shows the platform's staff.

Every step that waits on the network, the disk or a device runs in a `TaskRunner` worker. The
download reports "products N of M" through a signal, can be cancelled, and continues where it
stopped after a cancel, a closed window or a crash (each page is committed with its cursor):
`pos-app run` opens the wizard at the download step while a pairing's first download is unfinished.

Embedding: ``FirstRunWizard(ctx, languages, config_path, start_at="language"|"download")``;
``done`` is emitted with "paired" or "demo" when the till is ready for the sign-in screen.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.device_settings import BadDeviceSetting, build_devices, run_test
from pos_app.services.settings import update_config
from pos_app.ui.i18n import SUPPORTED_LANGUAGES, LanguageManager
from pos_app.ui.messages import describe
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext

_LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class _Relay(QObject):
    """Carries the download's progress from the worker thread to the UI thread (queued)."""

    progress = Signal(object)


def _label(parent: QWidget, name: str, role: str = "") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


def _button(parent: QWidget, name: str, primary: bool = False) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    if primary:
        button.setProperty("role", "primary")
    return button


class FirstRunWizard(QWidget):
    done = Signal(str)  # "paired" or "demo"

    def __init__(self, ctx: AppContext, languages: LanguageManager, config_path: Path, *,
                 start_at: str = "language", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.ctx, self.languages, self.config_path = ctx, languages, config_path
        self.provisioning = ctx.provisioning
        self.runner = TaskRunner(self, max_threads=2)
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.progress.connect(self._show_progress)
        self.downloading = False

        self.title = _label(self, "wizTitle", "title")
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("wizPages")
        self._build_language()
        self._build_connect()
        self._build_download()
        self._build_devices()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        self.retranslate()
        if start_at == "download":
            self.start_download()
        else:
            self.pages.setCurrentWidget(self.language_page)

    # -- pages -------------------------------------------------------------------------------
    def _page(self, name: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        page.setObjectName(name)
        self.pages.addWidget(page)
        return page, QVBoxLayout(page)

    def _build_language(self) -> None:
        self.language_page, box = self._page("wizLanguagePage")
        self.language_intro = _label(self.language_page, "wizLanguageIntro", "caption")
        self.language = QComboBox(self.language_page)
        self.language.setObjectName("wizLanguage")
        for lang in SUPPORTED_LANGUAGES:
            self.language.addItem(_LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(max(0, self.language.findData(self.languages.language)))
        self.language.currentIndexChanged.connect(
            lambda _i: self.languages.set_language(self.language.currentData()))
        self.language_next = _button(self.language_page, "wizLanguageNext", primary=True)
        self.language_next.clicked.connect(self._language_chosen)
        box.addWidget(self.language_intro)
        box.addWidget(self.language)
        box.addStretch(1)
        box.addWidget(self.language_next, 0, Qt.AlignmentFlag.AlignRight)

    def _build_connect(self) -> None:
        self.connect_page, box = self._page("wizConnectPage")
        self.connect_intro = _label(self.connect_page, "wizConnectIntro", "caption")
        self.url = QLineEdit(self.connect_page)
        self.url.setObjectName("wizUrl")
        self.code = QLineEdit(self.connect_page)
        self.code.setObjectName("wizCode")
        self.code.returnPressed.connect(self.connect_platform)
        self.url_label = QLabel(self.connect_page)
        self.code_label = QLabel(self.connect_page)
        self.connect_form = QFormLayout()
        self.connect_form.addRow(self.url_label, self.url)
        self.connect_form.addRow(self.code_label, self.code)
        self.connect_error = _label(self.connect_page, "wizConnectError", "error")
        self.connect_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connect_error.hide()
        self.connect_button = _button(self.connect_page, "wizConnect", primary=True)
        self.connect_button.clicked.connect(self.connect_platform)
        self.demo_intro = _label(self.connect_page, "wizDemoIntro", "caption")
        self.demo_button = _button(self.connect_page, "wizDemo")
        self.demo_button.clicked.connect(self.try_demo)
        box.addWidget(self.connect_intro)
        box.addLayout(self.connect_form)
        box.addWidget(self.connect_error)
        box.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addSpacing(24)
        box.addWidget(self.demo_intro)
        box.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)

    def _build_download(self) -> None:
        self.download_page, box = self._page("wizDownloadPage")
        self.download_intro = _label(self.download_page, "wizDownloadIntro", "caption")
        self.progress = QProgressBar(self.download_page)
        self.progress.setObjectName("wizProgress")
        self.progress_text = _label(self.download_page, "wizProgressText")
        self.download_error = _label(self.download_page, "wizDownloadError", "error")
        self.download_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_error.hide()
        self.cancel_button = _button(self.download_page, "wizCancel")
        self.cancel_button.clicked.connect(self.cancel_download)
        self.resume_button = _button(self.download_page, "wizResume", primary=True)
        self.resume_button.clicked.connect(self.start_download)
        self.resume_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.resume_button)
        box.addWidget(self.download_intro)
        box.addWidget(self.progress)
        box.addWidget(self.progress_text)
        box.addWidget(self.download_error)
        box.addStretch(1)
        box.addLayout(buttons)

    def _build_devices(self) -> None:
        self.devices_page, box = self._page("wizDevicesPage")
        self.devices_intro = _label(self.devices_page, "wizDevicesIntro", "caption")
        self.printer_url = QLineEdit(self.ctx.config.devices.receipt_printer, self.devices_page)
        self.printer_url.setObjectName("wizPrinterUrl")
        self.drawer_url = QLineEdit(self.ctx.config.devices.drawer, self.devices_page)
        self.drawer_url.setObjectName("wizDrawerUrl")
        self.test_printer = _button(self.devices_page, "wizTestPrinter")
        self.test_printer.clicked.connect(lambda: self.test_device("printer"))
        self.test_drawer = _button(self.devices_page, "wizTestDrawer")
        self.test_drawer.clicked.connect(lambda: self.test_device("drawer"))
        self.printer_result = _label(self.devices_page, "wizPrinterResult")
        self.drawer_result = _label(self.devices_page, "wizDrawerResult")
        self.printer_label = QLabel(self.devices_page)
        self.drawer_label = QLabel(self.devices_page)
        box.addWidget(self.devices_intro)
        for label, field, button, result in ((self.printer_label, self.printer_url, self.test_printer,
                                              self.printer_result),
                                             (self.drawer_label, self.drawer_url, self.test_drawer,
                                              self.drawer_result)):
            line = QHBoxLayout()
            line.addWidget(label)
            line.addWidget(field, 1)
            line.addWidget(button)
            box.addLayout(line)
            box.addWidget(result)
            result.hide()
        self.devices_error = _label(self.devices_page, "wizDevicesError", "error")
        self.devices_error.hide()
        self.finish_button = _button(self.devices_page, "wizFinish", primary=True)
        self.finish_button.clicked.connect(self.save_devices)
        box.addWidget(self.devices_error)
        box.addStretch(1)
        box.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignRight)

    # -- language ----------------------------------------------------------------------------
    def _language_chosen(self) -> None:
        self.runner.submit(update_config, self.config_path, language=self.language.currentData(),
                           on_error=self._show_connect_error)
        self.pages.setCurrentWidget(self.connect_page)
        self.retranslate()
        self.url.setFocus()

    # -- connect or demo ---------------------------------------------------------------------
    def connect_platform(self) -> None:
        self._busy_connect(True)
        self.connect_error.hide()
        self.runner.submit(self.provisioning.connect, self.url.text(), self.code.text(),
                           on_result=lambda _info: self.start_download(), on_error=self._show_connect_error)

    def try_demo(self) -> None:
        self._busy_connect(True)
        self.connect_error.hide()
        self.runner.submit(self.provisioning.start_demo, on_result=lambda _s: self.done.emit("demo"),
                           on_error=self._show_connect_error)

    def _busy_connect(self, busy: bool) -> None:
        for widget in (self.connect_button, self.demo_button, self.url, self.code):
            widget.setEnabled(not busy)

    def _show_connect_error(self, error: BaseException) -> None:
        self._busy_connect(False)
        self.connect_error.setText(describe(error))
        self.connect_error.setToolTip(str(error))
        self.connect_error.show()

    # -- download ----------------------------------------------------------------------------
    def start_download(self) -> None:
        self.pages.setCurrentWidget(self.download_page)
        self.retranslate()
        self._cancel.clear()
        self.downloading = True
        self.download_error.hide()
        self.resume_button.hide()
        self.cancel_button.setEnabled(True)
        self.progress_text.setText(self.tr("Connecting…"))
        self.runner.submit(self.provisioning.download, self._relay.progress.emit, self._cancel.is_set,
                           on_result=self._downloaded, on_error=self._download_failed)

    def cancel_download(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(self.tr("Stopping after this page…"))

    def _show_progress(self, p: Any) -> None:
        if p.resource != "catalog":
            return
        self.progress.setRange(0, max(p.total, 1))
        self.progress.setValue(p.done)
        self.progress_text.setText(self.tr("Products {0} of {1}").format(p.done, p.total))

    def _downloaded(self, report: Any) -> None:
        self.downloading = False
        if report.cancelled:
            self.progress_text.setText(self.tr("Download stopped at {0} of {1} products. Resume continues from "
                                               "there.").format(self.progress.value(), self.progress.maximum()))
            self._offer_resume()
        elif report.errors or not report.online:
            self._download_failed(RuntimeError("; ".join(report.errors) or "the platform did not answer"))
        else:
            self.runner.submit(self.provisioning.device_assignment, on_result=self._show_devices,
                               on_error=lambda _e: self._show_devices(None))

    def _download_failed(self, error: BaseException) -> None:
        self.downloading = False
        self.download_error.setText(self.tr("The download stopped: {0}").format(describe(error)))
        self.download_error.show()
        self._offer_resume()

    def _offer_resume(self) -> None:
        self.cancel_button.setEnabled(False)
        self.resume_button.show()

    # -- devices -----------------------------------------------------------------------------
    def _show_devices(self, assigned: Any) -> None:
        if assigned is not None:  # what the platform assigned to this till, else the till's own
            if assigned.receipt_printer:
                self.printer_url.setText(assigned.receipt_printer)
            if assigned.drawer is not None:
                self.drawer_url.setText(assigned.drawer)
        self.pages.setCurrentWidget(self.devices_page)
        self.retranslate()

    def _devices(self, result: QLabel) -> Any:
        current = self.ctx.config.devices
        urls = {"printer": self.printer_url.text(), "drawer": self.drawer_url.text(), "scanner": current.scanner,
                "display": current.display, "scale": current.scale}
        try:
            return build_devices(current, urls)
        except BadDeviceSetting as exc:
            self._set_result(result, self.tr("This address cannot be used: {0}").format(exc.detail), False)
            return None

    def test_device(self, role: str) -> None:
        result = self.printer_result if role == "printer" else self.drawer_result
        devices = self._devices(result)
        if devices is None:
            return
        self._set_result(result, self.tr("Testing…"), True)
        self.runner.submit(run_test, self.ctx, devices, role,
                           on_result=lambda o: self._set_result(
                               result, (self.tr("It works.") if o.ok else self.tr("It does not work.")) + "\n"
                               + o.detail, o.ok),
                           on_error=lambda e: self._set_result(result, str(e), False))

    def save_devices(self) -> None:
        devices = self._devices(self.devices_error)
        if devices is None:
            return
        self.finish_button.setEnabled(False)
        self.runner.submit(self.ctx.provisioning.save_first_run_devices, self.config_path, devices,
                           on_result=lambda _c: self.done.emit("paired"), on_error=self._devices_not_saved)

    def _devices_not_saved(self, error: BaseException) -> None:
        self.finish_button.setEnabled(True)
        self._set_result(self.devices_error, str(error), False)

    @staticmethod
    def _set_result(label: QLabel, text: str, ok: bool) -> None:
        label.setText(text)
        label.setProperty("role", "" if ok else "error")
        label.style().unpolish(label)
        label.style().polish(label)
        label.show()

    # -- i18n and closing --------------------------------------------------------------------
    def retranslate(self) -> None:
        page = self.pages.currentWidget()
        titles: dict[QWidget | None, str] = {
            self.connect_page: self.tr("Connect this till to your platform"),
            self.download_page: self.tr("Downloading your store"),
            self.devices_page: self.tr("Receipt printer and cash drawer"),
        }
        self.title.setText(titles.get(page, self.tr("Welcome to O2O Till")))
        self.language_intro.setText(self.tr("This till is not set up yet. Choose the language of the till."))
        self.language_next.setText(self.tr("Next"))
        self.connect_intro.setText(self.tr("Enter the platform address and the pairing code head office gave "
                                           "you for this till."))
        self.url_label.setText(self.tr("Platform address"))
        self.code_label.setText(self.tr("Pairing code"))
        self.url.setPlaceholderText("https://platform.example.com")
        self.code.setPlaceholderText(self.tr("e.g. 7KQ2-M8TX"))
        self.connect_button.setText(self.tr("Connect"))
        self.demo_intro.setText(self.tr("No platform yet? The demo store has goods, staff and prices to try "
                                        "the till with."))
        self.demo_button.setText(self.tr("Try the demo store"))
        self.download_intro.setText(self.tr("The till downloads the store profile, tax classes, categories, "
                                            "staff, products, prices and stock. You can stop and resume."))
        self.cancel_button.setText(self.tr("Stop"))
        self.resume_button.setText(self.tr("Resume"))
        self.devices_intro.setText(self.tr("Enter the addresses of the receipt printer and the cash drawer and "
                                           "try them. preview:// shows receipts on the screen."))
        self.printer_label.setText(self.tr("Receipt printer"))
        self.drawer_label.setText(self.tr("Cash drawer"))
        self.test_printer.setText(self.tr("Print a test page"))
        self.test_drawer.setText(self.tr("Open the drawer"))
        for widgets in ((self.printer_label, self.drawer_label), (self.test_printer, self.test_drawer)):
            width = max(w.sizeHint().width() for w in widgets)  # the address fields line up
            for w in widgets:
                w.setFixedWidth(width)
        self.finish_button.setText(self.tr("Save and go to sign-in"))
        self.setWindowTitle(self.tr("O2O Till · first start"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        """A closed window stops the download after the current page; the next start resumes it."""
        self._cancel.set()
        self.runner.wait(30_000)
        super().closeEvent(event)
