"""The customer's return slip, built inside the return's transaction and queued like a receipt.

It shows what was taken back (quantity, refund per line), how the money goes back (to the wallet,
to the card with the slip reference the cashier keys into the terminal, in cash) and the return
number as a barcode, which later finds the return.
"""

from __future__ import annotations

from decimal import Decimal

from hardware.receipt.document import Barcode, Block, Columns, Cut, Document, Feed, Rule, Text
from pos_app.config import Config
from pos_app.domain.money import from_minor
from pos_app.store.return_models import ReturnDoc, ReturnLine, ReturnTender

LABELS = {
    "zh_CN": {"title": "退货单", "return_no": "退货单号", "original": "原小票", "time": "时间",
              "refund": "退款合计", "rounding": "舍入", "cash": "退现金", "card": "退回银行卡 (凭证号 {ref})",
              "wallet": "原路退回 {kind}", "pending": "(退款处理中)", "reason": "原因", "damaged": "(残损)",
              "stored_value": "退回储值", "points": "退回积分抵扣", "platform": "原路退回线上支付"},
    "en": {"title": "RETURN", "return_no": "Return", "original": "Receipt", "time": "Time",
           "refund": "REFUND", "rounding": "Cash rounding", "cash": "Cash back", "card": "To bank card (slip {ref})",
           "wallet": "Back to {kind}", "pending": "(refund pending)", "reason": "Reason", "damaged": "(damaged)",
           "stored_value": "Back to stored value", "points": "Back as points", "platform": "Back to the online payment"},
}
WALLETS = {"wechat_pay": ("微信支付", "WeChat Pay"), "alipay": ("支付宝", "Alipay"),
           "unionpay_qr": ("云闪付", "UnionPay QR")}


def _yuan(fen: int, currency: str) -> str:
    amount: Decimal = from_minor(fen, currency)
    return f"{'-' if amount < 0 else ''}¥{abs(amount):.2f}"


def build_return_receipt(config: Config, doc: ReturnDoc, lines: list[ReturnLine],
                         tenders: list[ReturnTender]) -> Document:
    english = config.language == "en"
    lab = LABELS["en" if english else "zh_CN"]
    cur = config.currency
    blocks: list[Block] = [*(Text(line, align="center", bold=n == 0) for n, line in enumerate(config.receipt.header)),
              Text(lab["title"], align="center", bold=True, double_width=True), Rule(),
              Columns(lab["return_no"], doc.return_no)]
    if doc.original_receipt_no:
        blocks.append(Columns(lab["original"], doc.original_receipt_no))
    blocks += [Columns(lab["time"], doc.completed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")), Rule()]
    for line in lines:
        blocks.append(Columns(f"{line.name} x{line.quantity}", _yuan(line.total_fen, cur)))
        blocks.append(Text(f"  {lab['reason']}: {line.reason}{' ' + lab['damaged'] if line.damaged else ''}"))
    blocks += [Rule(), Columns(lab["refund"], _yuan(doc.refund_fen, cur), bold=True)]
    if doc.rounding_fen:
        blocks.append(Columns(lab["rounding"], _yuan(doc.rounding_fen, cur)))
    for tender in tenders:
        if tender.method == "wallet":
            names = WALLETS.get(tender.kind, (tender.kind, tender.kind))
            left = lab["wallet"].format(kind=names[1] if english else names[0])
            left += f" {lab['pending']}" if tender.state == "pending" else ""
        elif tender.method == "instruction":
            left = lab["card"].format(ref=tender.reference or "-")
        elif tender.method == "cash":
            left = lab["cash"]
        elif tender.method in ("stored_value", "points", "platform"):
            left = lab[tender.method]
        else:
            left = tender.kind
        blocks.append(Columns(left, _yuan(tender.amount_fen, cur)))
    blocks += [Rule(), Barcode(doc.return_no), *(Text(line, align="center") for line in config.receipt.footer),
               Feed(2), Cut(partial=True)]
    return Document(tuple(blocks))
