"""The manager's hardware screen: one address per device, a test button each, and Save.

A technician installing a till types an address, presses the device's test button and reads
what happened: a translated headline plus the hardware library's own explanation (which says
what to check). Tests use the addresses as typed, before saving, and run in worker threads
(a printer that is off takes seconds to time out; a serial scanner test waits for a scan).
Save refuses any address the till could not use and then writes nothing. Only staff with the
``manage_devices`` permission (administrators) may use the screen.

Embedding: ``HardwareScreen(ctx, config_path, scan_filter=...)`` in the main window's stack,
``activate(session)`` when it is shown, ``closeRequested`` when the manager presses Back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.config import ConfigError, DevicesConfig
from pos_app.domain.permissions import Permission
from pos_app.services.device_settings import (
    KEYS,
    ROLES,
    URL_FORMS,
    BadDeviceSetting,
    TestOutcome,
    build_devices,
    run_test,
    save_devices,
)
from pos_app.ui.scan_filter import ScanFilter
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession

_NAMES = {"printer": "Printer", "drawer": "Drawer", "scanner": "Scanner", "display": "Display", "scale": "Scale"}
_SPACING = 10
_STYLE = """
#hardwareScreen QLabel[level] { font-size: 11pt; }
#hardwareScreen QLabel[level="ok"] { color: #0b6b3a; }
#hardwareScreen QLabel[level="error"] { color: #b00020; }
#hardwareScreen QLabel[level="busy"] { color: #4a4f57; font-style: italic; }
#hardwareScreen QLineEdit[invalid="true"] { border-color: #b00020; }
"""


class HardwareScreen(QWidget):
    closeRequested = Signal()
    saved = Signal(object)  # the Config as written

    def __init__(self, ctx: AppContext, config_path: Path, session: StaffSession | None = None, *,
                 scan_filter: ScanFilter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hardwareScreen")
        self.setStyleSheet(_STYLE)
        self.ctx, self.config_path = ctx, config_path
        self.devices: DevicesConfig = ctx.config.devices
        self.session: StaffSession | None = None
        self.last_wedge_code = ""
        self.runner = TaskRunner(self, max_threads=len(ROLES) + 1)  # one device never waits for another
        if scan_filter is not None:
            scan_filter.scanned.connect(self._wedge_scanned)

        self.title = QLabel(self)
        self.title.setObjectName("hwTitle")
        self.title.setProperty("role", "title")
        self.refused = QLabel(self)
        self.refused.setObjectName("hwRefused")
        self.refused.setProperty("role", "error")
        self.refused.setWordWrap(True)

        self.form = QWidget(self)
        rows = QVBoxLayout(self.form)
        rows.setContentsMargins(0, 0, 8, 0)
        self.labels: dict[str, QLabel] = {}
        self.urls: dict[str, QLineEdit] = {}
        self.tests: dict[str, QPushButton] = {}
        self.results: dict[str, QLabel] = {}
        self.drawer_pin = self._combo("hwDrawerPin", [("2", 2), ("5", 5)], self.devices.drawer_pin)
        self.display_protocol = self._combo("hwDisplayProtocol", [("CD5220", "cd5220"), ("Epson", "epson")],
                                            self.devices.display_protocol)
        self.display_encoding = self._combo("hwDisplayEncoding", [("", ""), ("GB18030", "gb18030"),
                                                                  ("GBK", "gbk")], self.devices.display_encoding)
        options = {"drawer": [self.drawer_pin], "display": [self.display_protocol, self.display_encoding]}
        for role in ROLES:
            name = _NAMES[role]
            label = self.labels[role] = QLabel(self.form)
            field = self.urls[role] = QLineEdit(self._current_url(role), self.form)
            field.setObjectName(f"hw{name}Url")
            field.textEdited.connect(lambda _text, f=field: self._mark(f, False))
            button = self.tests[role] = QPushButton(self.form)
            button.setObjectName(f"hwTest{name}")
            button.clicked.connect(lambda _checked=False, r=role: self.test(r))
            # A box layout, not a grid: only box layouts give wrapped labels the height they need.
            result = self.results[role] = QLabel(self.form)
            result.setObjectName(f"hw{name}Result")
            result.setWordWrap(True)
            result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            result.hide()
            line = QHBoxLayout()
            line.setSpacing(_SPACING)
            line.addWidget(label)
            line.addWidget(field, 1)
            for extra in options.get(role, []):
                line.addWidget(extra)
            line.addWidget(button)
            rows.addLayout(line)
            rows.addWidget(result)
            rows.addSpacing(6)
        rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("hwScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)

        self.save_result = QLabel(self)
        self.save_result.setObjectName("hwSaveResult")
        self.save_result.setWordWrap(True)
        self.save_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_result.hide()
        self.back = QPushButton(self)
        self.back.setObjectName("hwBack")
        self.back.clicked.connect(self.closeRequested.emit)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("hwSave")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)

        self.platform_button = QPushButton(self)
        self.platform_button.setObjectName("hwFromPlatform")
        self.platform_button.clicked.connect(self.load_platform_devices)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.platform_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.refused)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.save_result)
        layout.addLayout(buttons)
        self.retranslate()
        self.activate(session)

    # -- permission ------------------------------------------------------------------------------
    def activate(self, session: StaffSession | None) -> bool:
        """Show the screen for `session`; without ``manage_devices`` everything stays locked."""
        self.session = session
        allowed = self._allowed()
        self.form.setEnabled(allowed)
        self.save_button.setEnabled(allowed)
        self.platform_button.setEnabled(allowed)
        self.refused.setVisible(not allowed)
        return allowed

    def _allowed(self) -> bool:
        return self.session is not None and self.session.can(Permission.MANAGE_DEVICES)

    # -- tests -----------------------------------------------------------------------------------
    def test(self, role: str) -> None:
        """Try one device with the settings as typed; the answer arrives in `role`'s result line."""
        if not self._allowed():
            return
        if role == "scanner" and not self.urls["scanner"].text().strip():
            self._show_outcome(self._wedge_outcome())
            return
        try:
            devices = self._edited()
        except BadDeviceSetting as exc:
            self._refuse(exc, self.results[role])
            return
        self.tests[role].setEnabled(False)
        busy = (self.tr("Scan a barcode with the scanner now (waiting up to 15 s)…") if role == "scanner"
                else self.tr("Testing…"))
        self._set_result(self.results[role], busy, "busy")
        self.runner.submit(run_test, self.ctx, devices, role, on_result=self._show_outcome,
                           on_error=lambda exc: self._show_outcome(
                               TestOutcome(role, False, "Failed", f"{type(exc).__name__}: {exc}")))

    def _wedge_scanned(self, code: str) -> None:
        self.last_wedge_code = code

    def _wedge_outcome(self) -> TestOutcome:
        if not self.last_wedge_code:
            return TestOutcome("scanner", False, "no_scan",
                               "The keyboard scanner (no serial address) has not sent a code since this "
                               "screen opened.")
        return TestOutcome("scanner", True, "ok", "Received from the keyboard scanner.", self.last_wedge_code)

    def _show_outcome(self, outcome: TestOutcome) -> None:
        self.tests[outcome.role].setEnabled(True)
        headline = self._headline(outcome)
        self._set_result(self.results[outcome.role], f"{headline}\n{outcome.detail}",
                         "ok" if outcome.ok else "error")

    def _headline(self, o: TestOutcome) -> str:
        """The translated first line; the detail below it stays the technician's English text."""
        if o.ok:
            return {
                "printer": lambda: self.tr("Test page sent to the printer."),
                "drawer": lambda: self.tr("Open command sent: the drawer should open now."),
                "scanner": lambda: self.tr("Last scanned code: {0}").format(o.value),
                "display": lambda: self.tr("Test text sent: the display should show TOTAL 12.50."),
                "scale": lambda: (self.tr("The scale works and reads 0.000 kg; put goods on it to see a weight.")
                                  if o.code == "zero" else self.tr("The scale reads {0} kg.").format(o.value)),
            }[o.role]()
        texts = {
            "not_configured": lambda: self.tr("Enter the device's address first."),
            "no_scan": lambda: self.tr("No code yet: scan any barcode, then press the button again."),
            "DeviceURLError": lambda: self.tr("The address is not valid."),
            "PrinterOffline": lambda: self.tr("The printer cannot be reached."),
            "PrinterTimeout": lambda: self.tr("The printer does not take the data."),
            "PrinterGone": lambda: self.tr("The connection to the printer dropped."),
            "PrinterUnavailable": lambda: self.tr("This kind of printer cannot be used on this computer."),
            "PrinterStatus": lambda: self.tr("The printer reports a problem."),
            "SerialDeviceError": lambda: self.tr("The serial port cannot be used."),
            "DisplayError": lambda: self.tr("The display settings are not valid."),
            "DisplayTimeout": lambda: self.tr("The display did not respond in time."),
            "scale.bad_url": lambda: self.tr("The address is not valid."),
            "scale.unavailable": lambda: self.tr("The serial port cannot be used."),
            "scale.no_answer": lambda: self.tr("The scale does not answer."),
            "scale.motion": lambda: self.tr("The weight is not stable."),
            "scale.under_zero": lambda: self.tr("The scale reads below zero."),
            "scale.over_capacity": lambda: self.tr("The load is over the scale's capacity."),
            "scale.bad_reply": lambda: self.tr("The scale's answer is not a weight."),
            "scale.error": lambda: self.tr("The scale is not ready."),
        }
        if o.code in texts:
            return texts[o.code]()
        if o.role == "scanner":
            return self.tr("No code arrived from the scanner.")
        return self.tr("The test failed.")

    # -- the first run's device step, again: what the platform assigned to this till -------------
    def load_platform_devices(self) -> None:
        """Fill in the addresses the platform assigned to this till (not saved until Save)."""
        provisioning = getattr(self.ctx, "provisioning", None)
        if not self._allowed() or provisioning is None:
            return
        self.runner.submit(provisioning.device_assignment, on_result=self._platform_devices,
                           on_error=lambda e: self._set_result(self.save_result, str(e), "error"))

    def _platform_devices(self, assigned: Any) -> None:
        filled = [role for role in ROLES if assigned is not None and getattr(assigned, KEYS[role]) is not None]
        for role in filled:
            self.urls[role].setText(getattr(assigned, KEYS[role]))
        text = (self.tr("The platform's addresses are filled in: test them, then Save.") if filled
                else self.tr("The platform has assigned no devices to this till."))
        self._set_result(self.save_result, text, "ok" if filled else "busy")

    # -- save ------------------------------------------------------------------------------------
    def save(self) -> None:
        """Check every address, then write the config file in a worker; a bad address writes nothing."""
        if not self._allowed():
            return
        try:
            devices = self._edited()
        except BadDeviceSetting as exc:
            self._refuse(exc, self.save_result, saving=True)
            return
        self.save_button.setEnabled(False)
        self._set_result(self.save_result, self.tr("Saving…"), "busy")
        self.runner.submit(save_devices, self.session, self.config_path, devices, on_result=self._saved,
                           on_error=self._save_failed)

    def _saved(self, config: Any) -> None:
        self.devices = config.devices
        self.save_button.setEnabled(self._allowed())
        text = self.tr("Saved. The till uses the new devices after a restart.")
        self._set_result(self.save_result, f"{text}\n{self.config_path}", "ok")
        self.saved.emit(config)

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(self._allowed())
        if isinstance(error, ConfigError):
            headline = self.tr("Not saved: the config file cannot be read or written.")
        else:
            headline = self.tr("Not saved.")
        self._set_result(self.save_result, f"{headline}\n{error}", "error")

    # -- helpers ---------------------------------------------------------------------------------
    def _edited(self) -> DevicesConfig:
        for field in self.urls.values():
            self._mark(field, False)
        return build_devices(self.devices, {role: field.text() for role, field in self.urls.items()},
                             drawer_pin=self.drawer_pin.currentData(),
                             display_protocol=self.display_protocol.currentData(),
                             display_encoding=self.display_encoding.currentData())

    def _refuse(self, exc: BadDeviceSetting, target: QLabel, saving: bool = False) -> None:
        field = self.urls[exc.role]
        self._mark(field, True)
        field.setFocus()
        role = self.labels[exc.role].text()
        headline = (self.tr("Not saved: the address of “{0}” cannot be used.") if saving
                    else self.tr("The address of “{0}” cannot be used.")).format(role)
        self._set_result(target, f"{headline}\n{exc.detail}", "error")

    def _current_url(self, role: str) -> str:
        return getattr(self.devices, KEYS[role])

    def _combo(self, name: str, items: list[tuple[str, Any]], current: Any) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    @staticmethod
    def _mark(field: QLineEdit, invalid: bool) -> None:
        field.setProperty("invalid", invalid)
        field.style().unpolish(field)
        field.style().polish(field)

    @staticmethod
    def _set_result(label: QLabel, text: str, level: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))  # an empty line would leave a gap under its device
        label.setProperty("level", level)
        label.style().unpolish(label)
        label.style().polish(label)

    # -- i18n ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Hardware"))
        self.refused.setText(self.tr("Only an administrator may change the hardware settings. "
                                     "Sign in as an administrator to use this screen."))
        names = {"printer": self.tr("Receipt printer"), "drawer": self.tr("Cash drawer"),
                 "scanner": self.tr("Scanner"), "display": self.tr("Customer display"), "scale": self.tr("Scale")}
        buttons = {"printer": self.tr("Print test page"), "drawer": self.tr("Open drawer"),
                   "scanner": self.tr("Show last scan"), "display": self.tr("Show test text"),
                   "scale": self.tr("Read weight")}
        hints = {"printer": self.tr("e.g. tcp://192.168.1.50:9100, or preview:// to print on screen"),
                 "drawer": self.tr("printer (drawer on the printer), a serial address, or empty for none"),
                 "scanner": self.tr("empty for a keyboard (USB HID) scanner, or serial:///dev/ttyACM0"),
                 "display": self.tr("e.g. serial:///dev/ttyUSB0?baudrate=9600, or empty for none"),
                 "scale": self.tr("e.g. serial:///dev/ttyUSB1?baudrate=9600&bytesize=7&parity=E")}
        forms = self.tr("Accepted addresses:") + "\n" + "\n".join(URL_FORMS)
        for role in ROLES:
            self.labels[role].setText(names[role])
            self.tests[role].setText(buttons[role])
            self.urls[role].setPlaceholderText(hints[role])
            self.urls[role].setToolTip(forms)
        # Same width for every name and every button, so the address fields line up.
        label_width = max(label.sizeHint().width() for label in self.labels.values())
        button_width = max(button.sizeHint().width() for button in self.tests.values())
        for role in ROLES:
            self.labels[role].setFixedWidth(label_width)
            self.tests[role].setFixedWidth(button_width)
            self.results[role].setContentsMargins(label_width + _SPACING, 0, 0, 0)
        self.drawer_pin.setToolTip(self.tr("Drawer connector pin"))
        self.display_protocol.setToolTip(self.tr("Display command set"))
        self.display_encoding.setItemText(0, self.tr("Latin (English names)"))
        self.display_encoding.setToolTip(self.tr("Characters the display can show"))
        self.drawer_pin.setItemText(0, self.tr("Pin 2"))
        self.drawer_pin.setItemText(1, self.tr("Pin 5"))
        self.back.setText(self.tr("Back"))
        self.save_button.setText(self.tr("Save"))
        self.platform_button.setText(self.tr("Devices from the platform"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
