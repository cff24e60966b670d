"""Wallet payments: payment codes scanned at the till; the platform holds the merchant keys."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from sync.protocol.types import Code, Fen, Text, WireModel

# ---------------------------------------------------------------------------------------------
# Wallet payments (payment codes scanned at the till; the platform holds the merchant keys)
# ---------------------------------------------------------------------------------------------

#: Wallets the till recognises by the customer's payment code.
WalletKind = Literal["wechat_pay", "alipay", "unionpay_qr"]
#: The merchant's order number: unique per till, the same on every retry, query and reverse.
OutTradeNo = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_-]{6,32}$")]
#: The customer's payment code: sent once with the charge, never echoed back or stored.
AuthCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{16,24}$")]
#: A wallet's own answer code ("SUCCESS", "USERPAYING", "10003", "ACQ.TRADE_NOT_EXIST", ...).
WalletCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_.]{1,64}$")]
#: A wallet transaction id or a masked payer id.
WalletRef = Annotated[str, StringConstraints(strict=True, max_length=64, pattern=r"^[A-Za-z0-9_*@.-]*$")]
PositiveFen = Annotated[StrictInt, Field(ge=1, le=10**12)]


class WalletPayment(WireModel):
    """Charge ``amount_fen`` to the wallet behind ``auth_code`` (WeChat micropay, Alipay trade.pay)."""

    out_trade_no: OutTradeNo
    wallet: WalletKind
    auth_code: AuthCode
    amount_fen: PositiveFen
    till_id: Code
    description: Text = ""


#: The URL a dynamic payment QR encodes (https, or the wallets' own ``weixin://`` scheme).
QrUrl = Annotated[str, StringConstraints(strict=True, max_length=512, pattern=r"^((https://|weixin://)[!-~]+)?$")]
#: WeChat Pay and Alipay show a merchant-presented QR; UnionPay QR is only scanned by the till.
QrWalletKind = Literal["wechat_pay", "alipay"]


class WalletQrOrder(WireModel):
    """A dynamic QR order (WeChat Native, Alipay precreate): the platform answers the URL to show.

    No money moves until the customer scans and pays; the till then sees it by querying
    ``out_trade_no``, and closes the order with the reverse call (which refunds it if it was paid
    meanwhile). The platform closes the order itself after ``expire_minutes``.
    """

    out_trade_no: OutTradeNo
    wallet: QrWalletKind
    amount_fen: PositiveFen
    till_id: Code
    description: Text = ""
    expire_minutes: StrictInt = Field(default=5, ge=1, le=120)


class WalletRefund(WireModel):
    """A refund of a paid wallet payment; ``refund_no`` is unique and the same on every retry."""

    refund_no: OutTradeNo
    amount_fen: PositiveFen


class WalletAnswer(WireModel):
    """The wallet's answer relayed as the wallet gave it; the till applies the wallet's rules.

    ``code``: WeChat Pay/UnionPay ``err_code`` or ``trade_state`` ("SUCCESS", "USERPAYING",
    "SYSTEMERROR", ...); Alipay ``code`` or ``sub_code`` for pay ("10000", "10003", "20000",
    "ACQ.BUYER_BALANCE_NOT_ENOUGH"), ``trade_status`` for query ("TRADE_SUCCESS", "WAIT_BUYER_PAY").
    ``retry`` is WeChat's ``recall=Y`` / Alipay's ``retry_flag=Y`` on a reverse: call it again.
    """

    out_trade_no: OutTradeNo
    wallet: WalletKind
    code: WalletCode
    message: Text = ""
    transaction_id: WalletRef = ""
    payer: WalletRef = ""
    retry: StrictBool = False
    amount_fen: Fen = 0
    #: A dynamic QR order's URL for the customer to scan (WeChat Native ``code_url``, Alipay
    #: precreate ``qr_code``); empty on every other answer.
    qr_url: QrUrl = ""
