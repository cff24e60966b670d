"""The one interface every payment provider implements.

Each call returns the wallet's :class:`~pos_app.domain.payment_policy.Answer`; a call that got no
usable answer (timeout, connection reset, a 5xx) returns ``Answer(TRANSPORT_ERROR)`` instead of
raising, because for money an unanswered call is an *unknown* outcome, to be queried, never a
failure. Only a provider that cannot be used at all (not configured, not paired) raises
:class:`ProviderUnavailable`, before anything is sent.
"""

from __future__ import annotations

from typing import Protocol

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_policy import Answer


class ProviderUnavailable(Exception):
    """The provider cannot be called at all (no URL, no token); the message says why."""


class PaymentProvider(Protocol):
    name: str
    #: The wallets this provider can charge; the service refuses other codes before writing anything.
    wallets: frozenset[Wallet]

    def pay(self, out_trade_no: str, wallet: Wallet, auth_code: str, amount_fen: int, description: str) -> Answer:
        """Charge the payment code (the code is sent, never logged)."""

    def query(self, out_trade_no: str, wallet: Wallet) -> Answer: ...

    #: The wallets that can show a dynamic QR through this provider (empty: none).
    qr_wallets: frozenset[Wallet]

    def create_qr(self, out_trade_no: str, wallet: Wallet, amount_fen: int, description: str,
                  expire_minutes: int) -> Answer:
        """A dynamic QR order (WeChat Native, Alipay precreate): the answer carries ``qr_url``.
        It is queried like a payment, and closed by ``reverse`` (which refunds it if paid)."""

    def reverse(self, out_trade_no: str, wallet: Wallet) -> Answer:
        """WeChat reverse / Alipay trade.cancel: give back the charge, if any, the same day."""

    def refund(self, out_trade_no: str, wallet: Wallet, refund_no: str, amount_fen: int, total_fen: int) -> Answer:
        """The wallet's refund API (``total_fen``: the payment's amount); the same ``refund_no`` is
        never refunded twice."""

    def close(self) -> None: ...
