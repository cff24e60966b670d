"""The customer's payment code (付款码): which wallet it belongs to, and how it may be shown.

The wallets publish the shape of their codes, so the till can refuse a wrong scan (a product
barcode, a member card, a stale screenshot of something else) before it asks anyone for money:

* WeChat Pay: 18 digits starting 10-15;
* Alipay: 16 to 24 digits starting 25-30;
* UnionPay QR (云闪付): 19 digits starting 62.

The code authorises a charge, so it is never stored, logged or printed: only :func:`mask_code`
(all but the last four digits hidden) leaves this module.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import PaymentCodeEmpty, PaymentCodeNotDigits, PaymentCodeUnknownWallet


class Wallet(StrEnum):
    """A wallet; the value is also its tender kind code."""

    WECHAT = "wechat_pay"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay_qr"


WALLET_NAMES = {Wallet.WECHAT: "WeChat Pay", Wallet.ALIPAY: "Alipay", Wallet.UNIONPAY: "UnionPay QR"}

#: (wallet, allowed lengths, allowed two-digit prefixes)
_RULES: tuple[tuple[Wallet, range, range], ...] = (
    (Wallet.WECHAT, range(18, 19), range(10, 16)),
    (Wallet.ALIPAY, range(16, 25), range(25, 31)),
    (Wallet.UNIONPAY, range(19, 20), range(62, 63)),
)


def mask_code(code: str) -> str:
    """All but the last four characters as ``*`` (a code of four or fewer is hidden whole)."""
    code = code.strip()
    if len(code) <= 4:
        return "*" * len(code)
    return "*" * (len(code) - 4) + code[-4:]


def recognise_wallet(code: str) -> Wallet:
    """The wallet of a scanned payment code, or a specific refusal (with the code masked)."""
    code = code.strip()
    if not code:
        raise PaymentCodeEmpty()
    if not (code.isascii() and code.isdigit()):
        raise PaymentCodeNotDigits(masked=mask_code(code))
    prefix = int(code[:2]) if len(code) >= 2 else -1
    for wallet, lengths, prefixes in _RULES:
        if len(code) in lengths and prefix in prefixes:
            return wallet
    raise PaymentCodeUnknownWallet(masked=mask_code(code), length=len(code))


def mask_payer(payer: str | None) -> str:
    """A payer id (open id, buyer logon id) as it may appear on a receipt: last four only."""
    return mask_code(payer) if payer else ""
