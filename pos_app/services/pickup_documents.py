"""Paper for the pickup shelf: the pick list the clerk walks the store with, and one label per bag.

Documents only (hardware.receipt blocks); the caller hands them to a print callable such as
`PrintService.submit`. Labels carry the customer's initials, never the phone or the pickup code:
the bag's QR holds the order number only, so a photo of a bag cannot collect the order.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from hardware.receipt.document import Barcode, Block, Columns, Cut, Document, Feed, QRCode, Rule, Text
from pos_app.services.pickup_views import PickupOrderView


def _local(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _qty(line_qty: Decimal) -> str:
    return format(line_qty.normalize(), "f")


def pick_list(order: PickupOrderView, store_name: str = "") -> Document:
    """Lines to fetch, with a box to tick and what is already picked."""
    blocks: list[Block] = [
        Text("拣货单 PICK LIST", align="center", bold=True, double_height=True),
        *([Text(store_name, align="center")] if store_name else []),
        Columns("订单 Order", order.order_no, bold=True),
        Columns("顾客 Customer", f"{order.customer_initials} {order.phone_masked}"),
        Columns("取货截止 Deadline", _local(order.pickup_deadline)),
        Columns("付款 Payment", "到店付 pay at store" if order.payment == "pay_at_store" else "已付 paid"),
        Rule(),
    ]
    for ln in order.lines:
        blocks.append(Columns(f"[ ] {ln.name}", f"{_qty(ln.quantity)} {ln.unit}"))
        blocks.append(Text(f"    SKU {ln.sku}  picked {_qty(ln.picked)}"))
    if order.notes:
        blocks += [Rule(), Text(f"备注 Notes: {order.notes}")]
    blocks += [Rule(), Barcode(order.order_no), Feed(2), Cut(partial=True)]
    return Document(tuple(blocks))


def bag_labels(order: PickupOrderView) -> list[Document]:
    """One label per bag: order number, initials, "bag 1/3", deadline and a QR of the order."""
    labels = []
    for n in range(1, order.bag_count + 1):
        labels.append(Document((
            Text(order.order_no, align="center", bold=True, double_width=True, double_height=True),
            Text(f"{order.customer_initials}   袋 Bag {n}/{order.bag_count}", align="center", bold=True),
            Text(f"取货截止 {_local(order.pickup_deadline)}", align="center"),
            QRCode(order.qr_payload, size=6),
            Feed(1),
            Cut(partial=True),
        )))
    return labels
