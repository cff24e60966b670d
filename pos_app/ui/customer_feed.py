"""Drives the customer window from the checkout's own snapshots: no reads of its own.

The checkout calls its `after_change` hooks (on the scan worker) with the very snapshot the
cashier's screen then renders; this module re-emits it as a Qt signal, so the customer window
repaints on the UI thread from the same object, with no database read on the scan path. The sale's
completion and a pickup hand-over arrive the same way. After the change and thanks (or a pickup)
the screen goes back to the open ticket, or to idle, after `thanks_seconds`.

Placement (config `customer_screen.screen`): full screen on the chosen monitor ("auto": the
first that is not the primary), an ordinary window ("window"), or none ("off", or no such
monitor). A monitor plugged in or out later places the window again.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen

from pos_app.domain.customer_view import CustomerViews, MemberBadge, PayingView, pickup_view
from pos_app.domain.money import from_minor
from pos_app.ui.customer_screen import CustomerWindow
from pos_app.ui.customer_slides import SlideShow
from pos_app.ui.customer_texts import CustomerTexts, screen_languages

log = logging.getLogger(__name__)


def target_screen(setting: str, screens: list[QScreen], primary: QScreen | None) -> QScreen | None:
    """The monitor for `setting` ("auto", "off", "window" or a number), or None for no full screen."""
    if setting in ("off", "window"):
        return None
    if setting == "auto":
        others = [s for s in screens if s is not primary]
        return others[0] if others else None
    index = int(setting)
    return screens[index] if index < len(screens) else None


class CustomerScreen(QObject):
    """Owns the customer window and feeds it. `window` is None while nothing is shown."""

    ticketChanged = Signal(object)
    saleCompleted = Signal(object)
    handedOver = Signal(object)
    paymentChanged = Signal(object)

    def __init__(self, ctx: Any, cashier_language: str, runner: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.config.customer_screen
        self.cashier_language = cashier_language
        self.views = CustomerViews()
        self.window: CustomerWindow | None = None
        self._ticket_view: Any = None  # what the open ticket shows, to come back to after thanks
        self._last_snapshot: Any = None  # the open ticket's last snapshot (a member change redraws it)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.setInterval(self.settings.thanks_seconds * 1000)
        self._back.timeout.connect(self._back_to_ticket)
        self.ticketChanged.connect(self._ticket_changed)
        self.saleCompleted.connect(self._sale_completed)
        self.handedOver.connect(self._handed_over)
        self._hooked = False
        self._qr: tuple[str, str, Decimal, str] | None = None  # (intent id, URL, amount, wallet) shown
        self.paymentChanged.connect(self._payment_changed)
        if self.settings.screen == "off":
            return
        self.window = CustomerWindow(self._texts(), ctx.store_name)
        self.window.installEventFilter(self)
        self.slides = SlideShow(getattr(ctx, "media", None), self.window, self.settings.slide_seconds, self)
        self.slides.start()
        app = _gui_app()
        app.screenAdded.connect(self.place)
        app.screenRemoved.connect(self.place)
        self.place()
        # Called on the workers' threads: each only posts a signal to the UI thread.
        self._hooks = (self.ticketChanged.emit, self.saleCompleted.emit,
                       lambda order, given: self.handedOver.emit((order, given)))
        ctx.checkout.after_change.append(self._hooks[0])
        ctx.checkout.after_complete.append(self._hooks[1])
        pickup = getattr(ctx, "pickup", None)
        if pickup is not None:
            pickup.hand_over_listeners.append(self._hooks[2])
        payments = getattr(ctx, "payments", None)
        self._payment_hook = self.paymentChanged.emit
        if payments is not None:  # a dynamic QR's steps (the payment worker's thread)
            payments.listeners.append(self._payment_hook)
        self._hooked = True
        if runner is not None:  # a ticket kept from before a restart (the checkout's serial worker)
            runner.submit(ctx.checkout.current, on_result=self._ticket_changed)

    def _texts(self) -> CustomerTexts:
        return CustomerTexts(screen_languages(self.settings.language, self.cashier_language))

    # -- placement -----------------------------------------------------------------------
    def place(self, *_: Any) -> None:
        """Full screen on the configured monitor, an ordinary window, or hidden."""
        window = self.window
        if window is None:
            return
        if self.settings.screen == "window":
            if not window.isVisible():
                window.showNormal()
            return
        screens = QGuiApplication.screens()
        screen = target_screen(self.settings.screen, screens, QGuiApplication.primaryScreen())
        if screen is None:
            if window.isVisible():
                log.info("customer screen hidden: no monitor for customer_screen.screen = %r", self.settings.screen)
            window.hide()
            return
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        log.info("customer screen on %s %s", screen.name(), screen.geometry().getRect())

    # -- what the checkout and the pickup console report ---------------------------------------
    def set_member(self, member: Any) -> None:
        """The member the cashier's panel shows (already masked: name, tier, points), or None."""
        pending = member is None or member.member_id is None
        self.views.member = None if member is None else MemberBadge(
            member.name, "" if pending else member.tier, None if pending else member.points)
        if self._last_snapshot is not None and not self._back.isActive():
            self._ticket_changed(self._last_snapshot)

    def _ticket_changed(self, snapshot: Any) -> None:
        self._last_snapshot = snapshot
        view = self.views.for_ticket(snapshot)
        self._ticket_view = view
        if view is None and self._back.isActive():
            return  # the empty ticket after a sale: the thanks stay for their time
        self._back.stop()
        self._show(view)

    def _sale_completed(self, sale: Any) -> None:
        self._ticket_view = None
        self._show(self.views.completed(sale.snapshot, sale.change))
        self._back.start()

    def _handed_over(self, handed: Any) -> None:
        """`handed`: (the order's view, {line id: quantity given now}) after a hand-over."""
        order, given = handed
        self._show(pickup_view(order.order_no, [(ln.name, given.get(ln.line_id, Decimal(0)), ln.unit)
                                                for ln in order.lines]))
        self._back.start()

    def _payment_changed(self, intent: Any) -> None:
        """A dynamic QR waiting for the customer is shown over the paying view; any other step of
        that payment (paid, closed) takes it away."""
        waiting = intent.method.value == "qr" and intent.state.value == "paying" and bool(intent.qr_url)
        if waiting:
            self._qr = (intent.intent_id, intent.qr_url, from_minor(intent.amount_fen, self.ctx.config.currency),
                        intent.wallet.value)
        elif self._qr is not None and self._qr[0] == intent.intent_id:
            self._qr = None
        else:
            return
        if self._last_snapshot is not None and not self._back.isActive():
            self._ticket_changed(self._last_snapshot)

    def _back_to_ticket(self) -> None:
        self._show(self._ticket_view)

    def _show(self, view: Any) -> None:
        if isinstance(view, PayingView) and self._qr is not None:
            _, url, amount, wallet = self._qr
            view = replace(view, qr_url=url, qr_amount=amount, qr_wallet=wallet)
        if self.window is not None:
            self.window.show_view(view)

    # -- language and life ---------------------------------------------------------------
    def set_cashier_language(self, language: str) -> None:
        self.cashier_language = language
        if self.window is not None and self.settings.language == "cashier":
            self.window.set_texts(self._texts())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and obj is self.window:
            # The cashier switched language: LanguageManager sets the default locale with it.
            lang = "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
            if lang != self.cashier_language:
                self.set_cashier_language(lang)
        return False

    def close(self) -> None:
        """Stop following the checkout, then close the window (the main window is closing)."""
        if self._hooked:
            _remove(self.ctx.checkout.after_change, self._hooks[0])
            _remove(self.ctx.checkout.after_complete, self._hooks[1])
            pickup = getattr(self.ctx, "pickup", None)
            if pickup is not None:
                _remove(pickup.hand_over_listeners, self._hooks[2])
            payments = getattr(self.ctx, "payments", None)
            if payments is not None:
                _remove(payments.listeners, self._payment_hook)
            self._hooked = False
        self._back.stop()
        if self.window is not None:
            self.slides.stop()
            app = _gui_app()
            app.screenAdded.disconnect(self.place)
            app.screenRemoved.disconnect(self.place)
            self.window.close()
            self.window.deleteLater()
            self.window = None


def _gui_app() -> QGuiApplication:
    return cast(QGuiApplication, QGuiApplication.instance())


def _remove(hooks: list[Any], hook: Any) -> None:
    if hook in hooks:
        hooks.remove(hook)
