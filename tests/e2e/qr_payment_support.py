"""Helpers for dynamic QR payment tests: `pay_qr` on a thread, and the customer's phone paying."""

from __future__ import annotations

import threading
from decimal import Decimal

from sync_platform_proc import STORE

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent


class QrRun:
    """`pay_qr` on a thread (as the UI's worker runs it); `shown` is set when the QR can be shown."""

    def __init__(self, ctx, wallet: Wallet, amount: Decimal) -> None:
        self.ctx = ctx
        self.shown = threading.Event()
        self.qr: PaymentIntent | None = None
        self.result: PaymentIntent | None = None
        ctx.payments.listeners.append(self._heard)
        self.thread = threading.Thread(target=self._run, args=(wallet, str(amount)))
        self.thread.start()

    def _heard(self, intent: PaymentIntent) -> None:
        if intent.qr_url and intent.state is IntentState.PAYING and self.qr is None:
            self.qr = intent
            self.shown.set()

    def _run(self, wallet: Wallet, amount: str) -> None:
        self.result = self.ctx.payments.pay_qr(wallet, amount)

    def wait_shown(self) -> PaymentIntent:
        assert self.shown.wait(20), "the QR was never shown"
        assert self.qr is not None
        return self.qr

    def finish(self) -> PaymentIntent:
        self.thread.join(60)
        assert not self.thread.is_alive() and self.result is not None
        self.ctx.payments.listeners.remove(self._heard)
        return self.result


def customer_scans(platform, out_trade_no: str, expect: int = 200) -> dict:
    return platform.admin("POST", f"/admin/stores/{STORE}/wallet-qr-orders/{out_trade_no}/scan", expect=expect)
