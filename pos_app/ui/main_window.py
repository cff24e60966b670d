"""Main window: a stack of screens (login, lock, sale) above a status bar.

The window routes scanner bursts to the current screen, locks the till on demand and
after an idle time (the open ticket stays with the checkout service). The sync and printer
states reach the status bar as events (`DeviceEvents`), so it never waits on the network or a
device; only the shift is polled, in a worker.

Over 500 lines because it wires every screen, dialog, key and status signal of the till to
the one window; the screens, dialogs and status texts live in their own modules.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QTouchEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.permissions import Permission
from pos_app.paths import default_config_file
from pos_app.services.settings import update_config
from pos_app.ui.coupon_dialogs import CouponConflictsDialog, CouponEntryDialog
from pos_app.ui.customer_feed import CustomerScreen
from pos_app.ui.device_events import DeviceEvents, type_scan, typing_target
from pos_app.ui.hardware_screen import HardwareScreen
from pos_app.ui.i18n import SUPPORTED_LANGUAGES, LanguageManager
from pos_app.ui.lock import LockScreen
from pos_app.ui.login import LoginScreen, role_text
from pos_app.ui.manager_menu import NO_SHIFT_ITEMS, ManagerMenu
from pos_app.ui.member_dialogs import MemberConflictsDialog
from pos_app.ui.messages import describe
from pos_app.ui.notices import NoticeBar, beep
from pos_app.ui.pickup_conflicts import PickupConflictsDialog
from pos_app.ui.pickup_screen import PickupScreen
from pos_app.ui.refused_events import RefusedEventsDialog
from pos_app.ui.repair import RepairDialog
from pos_app.ui.reports_screen import ReportsScreen
from pos_app.ui.return_conflicts import ReturnConflictsDialog
from pos_app.ui.sale_screen import SaleScreen
from pos_app.ui.scan_filter import ScanFilter
from pos_app.ui.screen_fit import ScreenFit, available_rect
from pos_app.ui.shift_cash import CashManagementDialog
from pos_app.ui.shift_close import CloseShiftDialog, ReportDialog
from pos_app.ui.shortcuts import OTHER_KEYS, PICKUP_ACTIONS, PICKUP_OTHER_KEYS, SALE_ACTIONS
from pos_app.ui.status import drawer_text, printer_text, scanner_text, sync_text, uncertain_text
from pos_app.ui.wallet_payments import WalletPaymentsDialog
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession

STATUS_POLL_MS = 5_000


def _app() -> QApplication:
    """The running application (a QApplication: the till has widgets)."""
    return cast(QApplication, QApplication.instance())


class IdleWatcher(QObject):
    """Application event filter that emits `idle` after `seconds` without keys, clicks or touches."""

    idle = Signal()
    _ACTIVITY = (
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
        QEvent.Type.Wheel,
    )
    EVENT_CLASSES = frozenset({QKeyEvent, QMouseEvent, QTouchEvent, QInputMethodEvent, QWheelEvent})

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(seconds * 1000))
        self._timer.timeout.connect(self.idle.emit)

    def start(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The event's class first: one set lookup for the thirty-odd events a scan sends that are
        # no activity (paints, posted calls), without building an enum object for each.
        if type(event) in self.EVENT_CLASSES and event.type() in self._ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class AppFilters(QObject):
    """Application event filters installed as one: every event of every object (the paints and
    posted calls of each scan too) costs one call into Python and one set lookup, not one per
    filter. Each filter says the event classes it acts on (`EVENT_CLASSES`)."""

    def __init__(self, *filters: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filters = filters
        self._classes = frozenset().union(*(f.EVENT_CLASSES for f in filters))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if type(event) not in self._classes:
            return False
        return any(f.eventFilter(obj, event) for f in self._filters)


class HelpDialog(QDialog):
    """Lists every key of the sale screen, or of the pickup console (the tables the screens bind)."""

    def __init__(self, parent: QWidget | None = None, pickup: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.pickup = pickup
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("helpShortcuts")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("helpButtons")
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("helpClose")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 720)
        self.retranslate()

    def rows(self) -> list[tuple[str, str]]:
        actions, others = (PICKUP_ACTIONS, PICKUP_OTHER_KEYS) if self.pickup else (SALE_ACTIONS, OTHER_KEYS)
        out = [(" / ".join((a.key, *a.extra_keys)), a.label()) for a in actions]
        out += [(keys, label()) for keys, label in others]
        return out

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Pickup console keys") if self.pickup else self.tr("Keys"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, (keys, label) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(label))
        self.table.resizeColumnToContents(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SettingsDialog(QDialog):
    """Till settings the cashier may change at the counter: for now the language."""

    def __init__(self, languages: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._languages = languages
        self.language = QComboBox(self)
        self.language.setObjectName("settingsLanguage")
        names = {"zh_CN": "简体中文", "en": "English"}
        for lang in SUPPORTED_LANGUAGES:
            self.language.addItem(names[lang], lang)
        self.language.setCurrentIndex(max(0, self.language.findData(languages.language)))
        self.form = QFormLayout()
        self.form.addRow("", self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("settingsButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("settingsOk")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("settingsCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.retranslate()

    def accept(self) -> None:
        self._languages.set_language(self.language.currentData())
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        label = self.form.labelForField(self.language)
        if isinstance(label, QLabel):
            label.setText(self.tr("Language"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class StatusPanel(QWidget):
    """User, till, shift, platform sync, printer and clock in one row; when the window is too
    narrow for all of them whole (1024 px in English), the device states take a second row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPanel")
        self.user = self._label("userStatus")
        self.till = self._label("tillStatus")
        self.shift = self._label("shiftStatus")
        self.sync = self._label("syncStatus")
        self.printer = self._label("printerStatus")
        self.scanner = self._label("scannerStatus")
        self.scanner.hide()  # shown once a serial scanner is configured
        self.clock = self._label("clockStatus")
        self.help_button = QPushButton(self)
        self.help_button.setObjectName("helpButton")
        self.settings_button = QPushButton(self)
        self.settings_button.setObjectName("settingsButton")
        self.switch_button = QPushButton(self)
        self.switch_button.setObjectName("switchScreenButton")
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(8, 0, 8, 0)
        self.rows.setSpacing(0)
        self.top, self.bottom = QHBoxLayout(), QHBoxLayout()
        self.rows.addLayout(self.top)
        self.rows.addLayout(self.bottom)
        for w in (self.user, self.till, self.shift, self.sync, self.printer, self.scanner):
            self.top.addWidget(w)
        self.top.addStretch(1)
        for right in (self.clock, self.switch_button, self.help_button, self.settings_button):
            self.top.addWidget(right)
        self.bottom.addStretch(1)
        self.devices = (self.sync, self.printer, self.scanner)
        self.two_rows = False
        for b in (self.switch_button, self.help_button, self.settings_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setProperty("role", "statusButton")

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):  # a text or the width changed
            self.fit()
        return super().event(event)

    def fit(self) -> None:
        """Put the device states on a second row when one row would cut a text, back when it fits."""
        items = [w for w in (self.user, self.till, self.shift, *self.devices, self.clock, self.switch_button,
                             self.help_button, self.settings_button) if not w.isHidden()]
        margins = self.rows.contentsMargins()
        needed = (sum(w.sizeHint().width() for w in items) + self.top.spacing() * (len(items) - 1)
                  + margins.left() + margins.right())
        two_rows = needed > self.width()
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        for n, w in enumerate(self.devices):
            if two_rows:
                self.top.removeWidget(w)
                self.bottom.insertWidget(n, w)
            else:
                self.bottom.removeWidget(w)
                self.top.insertWidget(3 + n, w)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "status")
        return label


class MainWindow(QMainWindow):
    """The till window. `ctx` is the AppContext from `pos_app.bootstrap.build_app`."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        scan_filter: ScanFilter,
        languages: LanguageManager,
        idle_lock_seconds: float | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.languages = languages
        self.scan_filter = scan_filter
        self.session: StaffSession | None = None
        self._sync_pending = 0  # from the last status poll (the re-pair confirmation names it)
        self.ask_before_closing = True  # the ✕ asks while a shift is open or a ticket is on screen
        self._shift_open = False  # as last polled (see _show_shift)
        self.runner = TaskRunner(self, max_threads=1)  # auth + checkout, strictly in order
        self.background = TaskRunner(self, max_threads=2)  # status polls, printing

        self.notices = NoticeBar(self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("screens")
        self.login = LoginScreen(ctx.auth, self.runner, self)
        self.lock_screen = LockScreen(ctx.auth, self.runner, self)
        self.sale = SaleScreen(ctx, self.runner, self.background, self.notices, self)
        self.pickup = PickupScreen(ctx, self.runner, self.notices, self)
        self._new_pickups = 0  # orders waiting to be picked: a badge on the pickup button
        self._reports: ReportsScreen | None = None  # the manager's screens are built when first opened
        self._hardware: HardwareScreen | None = None  # (about 0.1 s of the cold start)
        self.work_screen: QWidget = self.sale  # where unlocking returns to
        for screen in (self.login, self.lock_screen, self.sale, self.pickup):
            self.stack.addWidget(screen)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notices)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = StatusPanel(self)
        self.statusBar().addPermanentWidget(self.status, 1)
        self.statusBar().setSizeGripEnabled(False)
        self.status.help_button.clicked.connect(self.show_help)
        self.status.settings_button.clicked.connect(self.show_settings)
        self.status.switch_button.clicked.connect(self.switch_screen)

        self.login.loggedIn.connect(self._logged_in)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.signOut.connect(self.sign_out)
        self.sale.lockRequested.connect(self.lock)
        self.sale.helpRequested.connect(self.show_help)
        self.pickup.helpRequested.connect(self.show_help)
        self.pickup.checkoutRequested.connect(lambda: self._show_work(self.sale))
        self.pickup.newOrdersCounted.connect(self._set_new_pickups)
        self.sale.shiftChanged.connect(self.poll_status)
        self.sale.managerMenuRequested.connect(self.show_manager_menu)
        self.sale.noShiftMenuRequested.connect(self.show_no_shift_menu)
        scan_filter.scanned.connect(self._route_scan)
        self._uncertain_shown = 0
        self.devices = DeviceEvents(ctx, self)
        self.devices.scanned.connect(self._route_serial_scan)
        self.devices.scannerState.connect(self._show_scanner)
        self.devices.drawer.connect(self._show_drawer)
        self.devices.printer.connect(self._show_printer)
        self.devices.sync.connect(self._show_sync)
        if (scanner := getattr(ctx, "scanner", None)) is not None:
            self._show_scanner(scanner.state())
        self.customer = CustomerScreen(ctx, languages.language, self.runner, self)  # the second screen
        self.sale.member_panel.memberShown.connect(self.customer.set_member)

        seconds = ctx.config.idle_lock_minutes * 60 if idle_lock_seconds is None else idle_lock_seconds
        self.idle = IdleWatcher(seconds, self)
        self.screen_fit = ScreenFit(self)  # dialogs fit the screen and take the keys, WM or not
        self.app_filters = AppFilters(self.screen_fit, self.idle, parent=self)
        _app().installEventFilter(self.app_filters)
        self.idle.idle.connect(self.lock)

        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick_clock)
        self._clock_timer.start(1000)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._poll_shift)  # sync and printer states come as events
        self._status_timer.start(STATUS_POLL_MS)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("Ctrl+P"), self, self.switch_screen)
        QShortcut(QKeySequence("Ctrl+R"), self, self.reprint_uncertain)
        QShortcut(QKeySequence("Ctrl+K"), self, self.enter_coupon)

        # The screen's size: without a window manager nothing maximizes the window (kiosk tills).
        self.setGeometry(available_rect(self))
        self.retranslate()
        self._tick_clock()
        self.poll_status()
        self.show_login()

    # -- screens -------------------------------------------------------------------------
    def show_login(self) -> None:
        self.session = None
        self.work_screen = self.sale
        self._update_switch_button()
        self.idle.stop()
        self.stack.setCurrentWidget(self.login)
        self.login.reload_users()
        self._update_user()

    @property
    def reports(self) -> ReportsScreen:
        if self._reports is None:
            self._reports = ReportsScreen(self.ctx.reports, self.background, self)
            self._reports.closed.connect(self._back_to_work)
            self.stack.addWidget(self._reports)
        return self._reports

    @property
    def hardware(self) -> HardwareScreen:
        if self._hardware is None:
            self._hardware = HardwareScreen(self.ctx, self.ctx.config_file or default_config_file(),
                                            scan_filter=self.scan_filter, parent=self)
            self._hardware.closeRequested.connect(self._back_to_work)
            self.stack.addWidget(self._hardware)
        return self._hardware

    def _logged_in(self, session: StaffSession) -> None:
        self.session = session
        self._update_user()
        self.runner.submit(self.ctx.checkout.set_user, session, on_error=self.sale.show_error)
        self.runner.submit(self.ctx.pickup.set_user, session, on_error=self.pickup.show_error)  # Ctrl+P
        # Clerks fulfil pickup orders; everyone else starts at the checkout.
        self._show_work(self.pickup if session.role == "clerk" else self.sale, session)
        if session.role != "clerk":
            self.runner.submit(self.ctx.shifts.current, on_result=self._remind_to_open_shift)
            if self.ctx.payments is not None:  # wallet payments a crash left unfinished
                self.runner.submit(self.ctx.payments.resume, on_result=self._payments_resumed,
                                   on_error=self.sale.show_error)
            if self.ctx.returns is not None:  # wallet refunds of returns a crash or an outage left unsent
                self.runner.submit(self.ctx.returns.resume, on_result=self._refunds_resumed,
                                   on_error=self.sale.show_error)
        self.idle.start()
        self.poll_status()

    def _payments_resumed(self, intents: list[Any]) -> None:
        if intents:
            self.notices.warning(self.tr("{0} wallet payment(s) left unfinished were settled; see F10, "
                                         "Wallet payments.").format(len(intents)))
            self.sale.activate()

    def _refunds_resumed(self, still_pending: list[str]) -> None:
        if still_pending:
            self.notices.warning(self.tr("{0} wallet refund(s) of returns are not confirmed yet; the till "
                                         "keeps retrying.").format(len(still_pending)))

    def _remind_to_open_shift(self, shift: Any) -> None:
        if shift is None:
            self.notices.info(self.tr("No shift is open yet: press F10 and count the float to start selling."))

    def _show_work(self, screen: QWidget, session: StaffSession | None = None) -> None:
        self.work_screen = screen
        self.stack.setCurrentWidget(screen)
        cast(Any, screen).activate(session)  # every work screen has activate(session)
        self._update_switch_button()

    def switch_screen(self) -> None:
        """Between the checkout and the pickup console (the open ticket stays as it is)."""
        if self.session is None or self.stack.currentWidget() not in (self.sale, self.pickup):
            return
        self._show_work(self.pickup if self.work_screen is self.sale else self.sale)

    def lock(self) -> None:
        if self.session is None or self.stack.currentWidget() is self.lock_screen:
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self:
            modal.close()  # a dialog left open must not stay on top of the lock screen
        self.idle.stop()
        self.lock_screen.lock(self.session)
        self.stack.setCurrentWidget(self.lock_screen)

    def _unlocked(self, session: StaffSession) -> None:
        self.session = session
        self._show_work(self.work_screen, session)
        self.idle.start()

    def sign_out(self) -> None:
        """Back to the sign-in list; the open ticket stays with the checkout for the next cashier."""
        self.runner.submit(self.ctx.checkout.set_user, None, on_error=self.sale.show_error)
        self.runner.submit(self.ctx.pickup.set_user, None, on_error=self.pickup.show_error)
        self.show_login()

    def _route_scan(self, code: str) -> None:
        current = self.stack.currentWidget()
        modal = QApplication.activeModalWidget()
        if modal not in (None, self) and getattr(modal, "closes_on_scan", lambda: False)():
            cast(QDialog, modal).accept()  # the change dialog of the last sale: the scan starts the next one
            QTimer.singleShot(0, lambda: self._route_scan(code))  # once its exec() has returned
            return
        if modal not in (None, self):
            # Dialogs that take codes are scanPassthrough; any other dialog must be closed first.
            self.notices.warning(
                self.tr("Close the open window before scanning (code {0} not added).").format(code)
            )
            beep()
            return
        if current is self.sale:
            self.sale.scan(code)
        elif current is self.pickup:
            self.pickup.scan(code)
        elif current is self.login:
            self.login.badge_scanned(code)
        elif current is self.lock_screen:
            self.lock_screen.badge_scanned(code)

    def _route_serial_scan(self, code: str) -> None:
        """A code from the serial scanner goes where a wedge scanner's would: typed into a field
        that takes scans as typing (e.g. a payment's reference), else routed like `scanned`."""
        field = typing_target()
        if field is not None:
            type_scan(field, code)
        else:
            self._route_scan(code)

    def reprint_uncertain(self) -> None:
        """Ctrl+R: print the receipt the printer did not confirm again, marked REPRINT."""
        self.background.submit(self.ctx.printing.reprint_uncertain, on_result=lambda _id: self.notices.info(
            self.tr("Printing the receipt again, marked REPRINT.")), on_error=lambda e: self.notices.warning(
            describe(e)))

    # -- shift and manager functions (F10 with a shift open) -------------------------------
    def show_no_shift_menu(self) -> None:
        """F10 with no shift open (before the first shift, after a Z): open one, or reports/devices."""
        self.show_manager_menu(NO_SHIFT_ITEMS)

    def show_manager_menu(self, items: tuple | None = None) -> None:
        menu = ManagerMenu(self, items) if items is not None else ManagerMenu(self)
        if menu.exec() != QDialog.DialogCode.Accepted or self.session is None:
            self.sale.focus_scan()
            return
        choice, session = menu.choice, self.session
        if choice == "open_shift":
            self.sale.controller.count_float()
        elif choice == "cash":
            CashManagementDialog(self.ctx.shifts, self.ctx.auth, self.runner, session, self).exec()
        elif choice == "x_report":
            ReportDialog(self.ctx.reports, self.runner, None, self, session).exec()
        elif choice == "close_shift":
            CloseShiftDialog(self.ctx, self.runner, session, self).exec()
        elif choice == "reports":
            self.reports.activate(session)
            self.stack.setCurrentWidget(self.reports)
        elif choice == "hardware":
            if self.hardware.activate(session):
                self.stack.setCurrentWidget(self.hardware)
            else:
                self.notices.warning(self.tr("Only an administrator may change the devices."))
        elif choice == "sync_now":
            self.ctx.sync.nudge()
            self.notices.info(self.tr("Syncing with the platform now."))
        elif choice == "refused":
            RefusedEventsDialog(self.ctx.sync, self.runner, session, self).exec()
        elif choice == "pickup_conflicts":
            PickupConflictsDialog(self.ctx, self.runner, self).exec()
        elif choice == "repair":
            self.repair_platform(session)
        elif choice == "backup":
            self.back_up_now()
        elif choice == "coupon_conflicts":
            CouponConflictsDialog(self.ctx, self.runner, session, self).exec()
        elif choice == "wallets" and self.ctx.payments is not None:
            WalletPaymentsDialog(self.ctx.payments, self.ctx.auth, self.runner, session, self).exec()
            self.sale.activate()
        elif choice == "member_conflicts" and self.ctx.members is not None:
            MemberConflictsDialog(self.ctx.members, self.runner, self).exec()
        elif choice == "return_conflicts":
            ReturnConflictsDialog(self.ctx.returns, self.runner, self).exec()
        self.poll_status()
        if self.stack.currentWidget() is self.sale:
            self.sale.focus_scan()

    def enter_coupon(self) -> None:
        """Ctrl+K on the sale screen: a coupon code typed, checked as a scanned one."""
        if self.stack.currentWidget() is not self.sale or self.session is None:
            return
        dialog = CouponEntryDialog(self.ctx.coupons, self.runner, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.snapshot is not None:
            self.sale.show_snapshot(dialog.snapshot)
        self.sale.focus_scan()

    def repair_platform(self, session: StaffSession) -> None:
        """Manager menu 9: pair again (confirmation first; pending events stay and are sent after)."""
        if not session.can(Permission.SYNC_MANAGE):
            self.notices.warning(self.tr("Only a manager may pair the till with the platform."))
            return
        dialog = RepairDialog(self.ctx, self.background, self._sync_pending, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.paired is not None:
            self.notices.info(self.tr("Paired with {0}; syncing now.").format(dialog.paired.platform_url))

    def back_up_now(self) -> None:
        """Copy the database in a worker; the till keeps selling while it runs."""
        self.notices.info(self.tr("Backing up the database…"))
        self.background.submit(
            self.ctx.backups.back_up_now,
            on_result=lambda path: self.notices.info(self.tr("Backup saved as {path}").format(path=path)),
            on_error=lambda e: self.notices.error(describe(e)),
        )

    def _back_to_work(self) -> None:
        self._show_work(self.work_screen, self.session)

    # -- dialogs -------------------------------------------------------------------------
    def show_help(self) -> None:
        on_pickup = self.stack.currentWidget() is self.pickup
        HelpDialog(self, pickup=on_pickup).exec()
        if on_pickup:
            self.pickup.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.sale.focus_scan()

    def show_settings(self) -> None:
        before = self.languages.language
        SettingsDialog(self.languages, self).exec()
        if self.languages.language != before and self.ctx.config_file is not None:
            self.background.submit(update_config, self.ctx.config_file, language=self.languages.language,
                                   on_error=lambda e: self.notices.error(describe(e)))
        self.sale.focus_scan()

    # -- status bar ----------------------------------------------------------------------
    def _update_user(self) -> None:
        if self.session is None:
            self.status.user.setText(self.tr("Not signed in"))
        else:
            self.status.user.setText(f"{self.session.name} · {role_text(self.session.role)}")

    def _set_new_pickups(self, count: int) -> None:
        self._new_pickups = count
        self._update_switch_button()

    def _update_switch_button(self) -> None:
        on_pickup = self.work_screen is self.pickup
        waiting = self._new_pickups
        self.status.switch_button.setText(
            self.tr("Checkout Ctrl+P") if on_pickup
            else self.tr("Pickup orders ({0} new) Ctrl+P").format(waiting) if waiting
            else self.tr("Pickup orders Ctrl+P")
        )
        self.status.switch_button.setEnabled(self.session is not None)

    def _tick_clock(self) -> None:
        self.status.clock.setText(datetime.now().astimezone().strftime("%H:%M"))

    def poll_status(self) -> None:
        """Ask for the sync, printer and shift states once in a worker (at sign-in, after a change
        of settings); later sync and printer changes arrive as `DeviceEvents` signals."""
        self.background.submit(self.ctx.sync.state, on_result=self._show_sync, on_error=self._show_sync_error)
        self.background.submit(
            self.ctx.printing.status, on_result=self._show_printer, on_error=self._show_printer_error
        )
        self._poll_shift()

    def _poll_shift(self) -> None:
        self.background.submit(
            self.ctx.shifts.current, on_result=self._show_shift, on_error=self._show_shift_error
        )

    def _show_shift(self, shift: Any) -> None:
        self._shift_open = shift is not None
        self.sale.set_business_date(shift.business_date if shift is not None else None)
        if shift is None:
            self._set_status(self.status.shift, self.tr("Shift: not open"), "warning")
            return
        opened = shift.opened_at.astimezone().strftime("%H:%M")
        text = self.tr("Shift: {0} from {1}").format(shift.business_date.strftime("%m-%d"), opened)
        self._set_status(self.status.shift, text, "ok")

    def _show_shift_error(self, error: BaseException) -> None:
        self._set_status(self.status.shift, self.tr("Shift: unknown"), "warning", str(error))

    def _show_sync(self, state: Any) -> None:
        self._sync_pending = state.pending
        text, level = sync_text(state)
        self._set_status(self.status.sync, text, level, state.message)

    def _show_sync_error(self, error: BaseException) -> None:
        self._set_status(self.status.sync, self.tr("Platform: unknown"), "warning", str(error))

    def _show_printer(self, state: Any) -> None:
        text, level = printer_text(state)
        self._set_status(self.status.printer, text, level, state.message)
        uncertain = getattr(state, "uncertain", 0)
        if uncertain > self._uncertain_shown:
            self.notices.warning(uncertain_text(uncertain))
            beep()
        self._uncertain_shown = uncertain

    def _show_scanner(self, state: Any) -> None:
        self.status.scanner.setVisible(state.configured)
        text, level = scanner_text(state)
        self._set_status(self.status.scanner, text, level, state.message)

    def _show_drawer(self, outcome: Any) -> None:
        if not outcome.opened:  # the cashier learns it now; the drawer will not open later
            self.notices.error(drawer_text(outcome))
            beep()

    def _show_printer_error(self, error: BaseException) -> None:
        self._set_status(self.status.printer, self.tr("Printer: unknown"), "warning", str(error))

    @staticmethod
    def _set_status(label: QLabel, text: str, level: str, detail: str = "") -> None:
        label.setText(text)
        label.setToolTip(detail)
        label.setProperty("level", level)
        label.style().unpolish(label)
        label.style().polish(label)

    # -- i18n ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("O2O Till"))
        config = self.ctx.config
        self.status.till.setText(f"{config.store_id}-{config.till_id}")  # as on the receipt numbers
        if self.ctx.store_name:  # the platform's store profile
            self.status.till.setText(f"{self.ctx.store_name} {config.store_id}-{config.till_id}")
        self.status.till.setToolTip(self.tr("Store {0} · Till {1}").format(config.store_id, config.till_id))
        self.status.help_button.setText(self.tr("Help F1"))
        self.status.settings_button.setText(self.tr("Settings"))
        self._update_switch_button()
        self._update_user()
        self.poll_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _may_close(self) -> bool:
        """The title bar ✕ with a shift open or a ticket on screen asks first (from what the
        screen already shows: no database read on the UI thread)."""
        ticket = self.sale.snapshot is not None and bool(self.sale.snapshot.lines)
        if not (self._shift_open or ticket):
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close the till?"), "", parent=self)
        box.setObjectName("closeConfirm")
        box.setText(self.tr("A ticket is on screen. Close the till anyway? It is kept for the next start.")
                    if ticket else self.tr("A shift is open. Close the till anyway? The shift stays open."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: Any) -> None:
        if self.ask_before_closing and not self._may_close():
            event.ignore()
            return
        self._status_timer.stop()
        self.devices.detach()
        _app().removeEventFilter(self.app_filters)
        self.pickup.detach()
        self.customer.close()
        self.runner.wait(5000)
        self.background.wait(5000)
        super().closeEvent(event)
