"""Helpers for wallet payment tests: payment codes that steer the platform's wallet simulator."""

from __future__ import annotations

from pos_app.domain.payment_codes import Wallet

PREFIX = {Wallet.WECHAT: "13", Wallet.ALIPAY: "28", Wallet.UNIONPAY: "62"}
LENGTH = {Wallet.WECHAT: 18, Wallet.ALIPAY: 18, Wallet.UNIONPAY: 19}
SCENARIO = {"success": "00", "paying_then_success": "01", "paying_forever": "02", "systemerror_then_success": "03",
            "insufficient_funds": "04", "expired_code": "05", "reverse_recall_twice": "06",
            "dropped_response": "07"}


def wallet_code(wallet: Wallet, scenario: str = "success", tenths: int = 0) -> str:
    """A valid payment code of ``wallet``; its digits pick the simulator's ``scenario`` and delay."""
    body = f"{PREFIX[wallet]}{SCENARIO[scenario]}{tenths:02d}"
    return body + "5" * (LENGTH[wallet] - len(body))
