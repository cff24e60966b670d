"""Helpers for wallet payment tests: payment codes that steer the platform's wallet simulator."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pos_app.domain.payment_codes import Wallet
from pos_app.services.demo_catalog import gtin13

if TYPE_CHECKING:  # the crash children import this module with only tests/ on their path
    from sync_platform_proc import PlatformProcess

COLA = gtin13("690000000001")

PREFIX = {Wallet.WECHAT: "13", Wallet.ALIPAY: "28", Wallet.UNIONPAY: "62"}
LENGTH = {Wallet.WECHAT: 18, Wallet.ALIPAY: 18, Wallet.UNIONPAY: 19}
SCENARIO = {"success": "00", "paying_then_success": "01", "paying_forever": "02", "systemerror_then_success": "03",
            "insufficient_funds": "04", "expired_code": "05", "reverse_recall_twice": "06",
            "dropped_response": "07"}


def wallet_code(wallet: Wallet, scenario: str = "success", tenths: int = 0) -> str:
    """A valid payment code of ``wallet``; its digits pick the simulator's ``scenario`` and delay."""
    body = f"{PREFIX[wallet]}{SCENARIO[scenario]}{tenths:02d}"
    return body + "5" * (LENGTH[wallet] - len(body))


def charges(platform: PlatformProcess) -> dict[str, dict]:
    """The wallet simulator's charges of the store, by out_trade_no."""
    from sync_platform_proc import STORE

    return {c["out_trade_no"]: c for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]}


def wallet_tendered_fen(ctx) -> int:
    """The wallet tenders of completed sales plus those on the open ticket."""
    with ctx.db.engine.connect() as conn:
        sold = conn.exec_driver_sql(
            "SELECT COALESCE(SUM(amount_fen), 0) FROM sale_tenders WHERE kind IN ('wechat_pay','alipay','unionpay_qr')"
        ).scalar()
    open_ = sum(t.amount for t in ctx.checkout.current().tenders if t.kind in {w.value for w in Wallet})
    return int(sold) + int(open_ * 100)


def assert_charged_exactly_what_was_sold(platform, ctx) -> None:
    assert sum(c["charged_fen"] for c in charges(platform).values()) == wallet_tendered_fen(ctx)


def ring_up(ctx, n: int = 3) -> Decimal:
    """``n`` colas on the open ticket; what is still due."""
    for _ in range(n):
        ctx.checkout.scan(COLA)
    return ctx.checkout.current().remaining
