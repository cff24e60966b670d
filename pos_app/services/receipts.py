"""Receipt and slip documents built from a completed sale, and their JSON form for the print queue.

The document is built inside the sale's transaction from the snapshot the cashier saw, so the
receipt shows exactly what was sold (line discounts, overrides and the ticket discount are kept
apart, which the stored sale rows no longer are). The JSON form is what `print_jobs.document`
holds: a job survives a restart and prints the same bytes later.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hardware.errors import DocumentError, FontNotFound
from hardware.receipt.document import (
    Barcode,
    Block,
    Columns,
    Cut,
    Document,
    DrawerKick,
    Feed,
    Image,
    QRCode,
    Rule,
    Text,
)
from hardware.receipt.profile import PrinterProfile
from pos_app.config import Config
from pos_app.domain.errors import PosError
from pos_app.domain.money import from_minor
from pos_app.domain.ticket import LineSnapshot, PromotionShare, TicketSnapshot
from pos_app.services.sale_records import SaleContext

if TYPE_CHECKING:  # PIL, qrcode and barcode load with the first preview, not at start-up
    import PIL.Image

COPY_MARK = "重印 COPY"
#: On a job resent because an earlier send may have printed (a crash, a dropped connection, a
#: fault while printing): the customer or the cashier may hold the first copy.
REPRINT_MARK = "REPRINT / 重打"
FORMAT_VERSION = 1

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "receipt_no": "单号", "time": "时间", "cashier": "收银员", "member": "会员",
        "subtotal": "小计", "ticket_discount": "整单折扣", "discount": "折扣", "override": "改价",
        "total": "合计", "rounding": "抹零/舍入", "due": "应付", "tax": "税额", "tax_rate": "税率",
        "change": "找零", "ereceipt": "扫码查看电子小票", "label_price": "标签价",
        "cash": "现金", "card": "银行卡", "reference": "凭证号",
        "wechat_pay": "微信支付", "alipay": "支付宝", "unionpay_qr": "云闪付", "payer": "付款人",
        "promotions": "优惠活动", "saved": "本单共节省",
        "points": "积分抵扣", "stored_value": "储值支付", "points_after": "积分余额", "stored_value_after": "储值余额",
    },
    "en": {
        "receipt_no": "Receipt", "time": "Time", "cashier": "Cashier", "member": "Member",
        "subtotal": "Subtotal", "ticket_discount": "Ticket discount", "discount": "Discount",
        "override": "Price override", "total": "TOTAL", "rounding": "Cash rounding", "due": "Due",
        "tax": "Tax", "tax_rate": "VAT", "change": "Change", "ereceipt": "Scan for your e-receipt",
        "label_price": "label price", "cash": "Cash", "card": "Bank card", "reference": "ref",
        "wechat_pay": "WeChat Pay", "alipay": "Alipay", "unionpay_qr": "UnionPay QR", "payer": "Payer",
        "promotions": "Promotions", "saved": "You saved",
        "points": "Points", "stored_value": "Stored value", "points_after": "Points balance",
        "stored_value_after": "Stored value balance",
    },
}


class BadPrintDocument(PosError):
    code = "print.bad_document"
    template = "The stored print document cannot be read: {problem}."


def profile_for(config: Config) -> PrinterProfile:
    """The printer profile the receipt settings describe (paper width and text encoding)."""
    return PrinterProfile(columns=config.paper_columns, encoding=config.receipt.encoding,
                          realtime_pulse=config.devices.drawer_realtime)


def render_preview(document: Document, profile: PrinterProfile) -> tuple[list[str], PIL.Image.Image | None]:
    """What the preview pane shows (run it off the UI thread): the receipt's text lines always,
    its picture when a CJK font is installed."""
    from hardware.receipt.preview import preview_image, preview_text

    lines = preview_text(document, profile)
    try:
        image = preview_image(document, profile)
    except FontNotFound:
        image = None
    return lines, image


def _yuan(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):.2f}"


def _quantity(line: LineSnapshot) -> str:
    if line.sold_by_weight:
        return f"{line.quantity:.3f} kg"
    return f"{line.quantity.normalize():f}"


def _local(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _labels(config: Config) -> dict[str, str]:
    return LABELS.get(config.language, LABELS["en"])


def _header(config: Config, copy: bool) -> list[Block]:
    blocks: list[Block] = []
    for n, line in enumerate(config.receipt.header):
        blocks.append(Text(line, align="center", bold=n == 0, double_height=n == 0))
    if copy:
        blocks.append(Text(COPY_MARK, align="center", bold=True, double_width=True))
    blocks.append(Rule())
    return blocks


def _footer(config: Config) -> list[Block]:
    return [*(Text(line, align="center") for line in config.receipt.footer), Feed(2), Cut(partial=True)]


def _line_blocks(line: LineSnapshot, lab: dict[str, str], english: bool) -> list[Block]:
    name = (line.name_en or line.name) if english else line.name
    blocks: list[Block] = [Columns(name, _yuan(line.amount))]
    if line.label_price is not None:
        detail = f"  {_quantity(line)} {lab['label_price']}" if line.sold_by_weight else f"  {lab['label_price']}"
    else:
        per = "/kg" if line.sold_by_weight else ""
        detail = f"  {_quantity(line)} x {_yuan(line.unit_price)}{per}"
    blocks.append(Text(detail))
    if line.override_reason:
        blocks.append(Text(f"  * {lab['override']} {_yuan(line.original_price)} -> "
                           f"{_yuan(line.unit_price)} ({line.override_reason})"))
    if line.discount:
        blocks.append(Columns(f"  {lab['discount']}", _yuan(-line.discount)))
    for share in line.promotions:
        blocks.append(Columns(f"  {_promotion_name(share, english)}", _yuan(-share.amount)))
    return blocks


def _promotion_name(share: PromotionShare, english: bool) -> str:
    return (share.name_en or share.name) if english else share.name


def _savings_blocks(snap: TicketSnapshot, lab: dict[str, str], english: bool) -> list[Block]:
    """Every promotion applied with its saving, and the total saved (promotions and discounts)."""
    if not snap.promotions and not snap.saved:
        return []
    blocks: list[Block] = [Rule()]
    if snap.promotions:
        blocks.append(Text(lab["promotions"], bold=True))
        blocks += [Columns(f"  {_promotion_name(p, english)}", _yuan(-p.amount)) for p in snap.promotions]
    blocks.append(Columns(lab["saved"], _yuan(snap.saved), bold=True))
    return blocks


def build_receipt(config: Config, ctx: SaleContext, snap: TicketSnapshot, *, cashier_name: str,
                  tender_names: Mapping[str, str] | None = None, member: str | None = None,
                  copy: bool = False, payers: Mapping[str, str] | None = None) -> Document:
    """The customer receipt of a completed sale; pure, so it can run inside the sale transaction.

    ``payers``: a wallet tender's reference (the wallet's transaction id) -> the payer id, masked."""
    lab = _labels(config)
    english = config.language == "en"
    names = {"cash": lab["cash"], "card": lab["card"], "wechat_pay": lab["wechat_pay"], "alipay": lab["alipay"],
             "unionpay_qr": lab["unionpay_qr"], **(tender_names or {}),
             "points": lab["points"], "stored_value": lab["stored_value"]}
    blocks = _header(config, copy)
    blocks += [
        Columns(lab["receipt_no"], ctx.receipt_no),
        Columns(lab["time"], _local(ctx.completed_at)),
        Columns(lab["cashier"], cashier_name),
    ]
    member = member or ctx.member_label or ctx.member_id
    if member:
        blocks.append(Columns(lab["member"], member))
    blocks.append(Rule())
    for line in snap.lines:
        if not line.voided:
            blocks += _line_blocks(line, lab, english)
    blocks += [Rule(), Columns(lab["subtotal"], _yuan(snap.subtotal))]
    if snap.ticket_discount:
        blocks.append(Columns(lab["ticket_discount"], _yuan(-snap.ticket_discount)))
    blocks.append(Columns(lab["total"], _yuan(snap.total), bold=True))
    if snap.rounding:
        blocks += [Columns(lab["rounding"], _yuan(snap.rounding)),
                   Columns(lab["due"], _yuan(snap.total + snap.rounding), bold=True)]
    for tender in snap.tenders:
        name = names.get(tender.kind, tender.kind)
        if tender.reference and tender.kind not in ("points", "stored_value"):  # a hold id tells nobody anything
            name = f"{name} ({lab['reference']} {tender.reference})"
        blocks.append(Columns(name, _yuan(tender.tendered)))
        payer = (payers or {}).get(tender.reference) if tender.reference else None
        if payer:
            blocks.append(Columns(f"  {lab['payer']}", payer))
    if snap.change:
        blocks.append(Columns(lab["change"], _yuan(snap.change), bold=True))
    blocks += _savings_blocks(snap, lab, english)
    if ctx.points_after is not None:
        blocks += [Rule(), Columns(lab["points_after"], str(ctx.points_after))]
    if ctx.stored_value_after_fen is not None:
        blocks.append(Columns(lab["stored_value_after"], _yuan(from_minor(ctx.stored_value_after_fen, snap.currency))))
    if snap.tax_summary:
        blocks.append(Rule())
        for band in snap.tax_summary:
            rate = f"{(band.rate * 100).normalize():f}%"
            blocks.append(Columns(f"{lab['tax_rate']} {rate} ({_yuan(band.gross)})",
                                  f"{lab['tax']} {_yuan(band.tax)}"))
    blocks += [Rule(), Barcode(ctx.receipt_no), QRCode(config.receipt.ereceipt_url + ctx.receipt_no),
               Text(lab["ereceipt"], align="center")]
    return Document(tuple(blocks + _footer(config)))


def mark_copy(document: Document) -> Document:
    """A reprint: the same blocks with the copy banner on top, so it cannot pass for a second sale."""
    return Document((Text(COPY_MARK, align="center", bold=True, double_width=True), Rule(),
                     *document.blocks))


def mark_reprint(document: Document, chinese: bool = True) -> Document:
    """A resend of a job that may already have printed, marked so nobody takes it for another sale.
    ``chinese=False`` for Latin-only printers, which cannot print 重打."""
    mark = REPRINT_MARK if chinese else REPRINT_MARK.split(" / ")[0]
    return Document((Text(mark, align="center", bold=True, double_width=True), Rule(), *document.blocks))


# -- JSON form for the durable queue ------------------------------------------------------------
_TYPES: dict[str, type[Block]] = {
    "text": Text, "columns": Columns, "rule": Rule, "barcode": Barcode, "qr": QRCode, "image": Image,
    "feed": Feed, "cut": Cut, "drawer_kick": DrawerKick,
}
_NAMES = {cls: name for name, cls in _TYPES.items()}


def _block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Image):
        buffer = io.BytesIO()
        block.image.save(buffer, format="PNG")
        return {"type": "image", "png": base64.b64encode(buffer.getvalue()).decode("ascii")}
    return {"type": _NAMES[type(block)], **dataclasses.asdict(block)}


def _block_from_dict(index: int, data: Any) -> Block:
    if not isinstance(data, dict) or data.get("type") not in _TYPES:
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise BadPrintDocument(problem=f"block {index} has unknown type {kind!r}")
    fields = {k: v for k, v in data.items() if k != "type"}
    try:
        if data["type"] == "image":
            import PIL.Image

            raw = base64.b64decode(str(fields.get("png", "")), validate=True)
            return Image(PIL.Image.open(io.BytesIO(raw)))
        return _TYPES[data["type"]](**fields)
    except (TypeError, ValueError, OSError, DocumentError) as exc:
        raise BadPrintDocument(problem=f"block {index} ({data['type']}): {exc}") from None


def document_to_json(document: Document) -> str:
    return json.dumps({"version": FORMAT_VERSION, "blocks": [_block_to_dict(b) for b in document.blocks]},
                      ensure_ascii=False)


def document_from_json(text: str) -> Document:
    """Rebuild a stored document; every block re-validates, so a damaged row is refused, not printed."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise BadPrintDocument(problem=f"not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(
            data.get("blocks"), list):
        raise BadPrintDocument(problem=f"expected version {FORMAT_VERSION} with a list of blocks")
    return Document(tuple(_block_from_dict(i, b) for i, b in enumerate(data["blocks"])))
