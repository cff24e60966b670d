"""Receipt documents from a completed ticket, as the printer lays them out, and their JSON form."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import PIL.Image
import pytest

from hardware.receipt.document import Barcode, Document, Image, QRCode, Text
from hardware.receipt.escpos_render import render
from hardware.receipt.layout import text_width
from hardware.receipt.preview import preview_text
from hardware.receipt.profile import PrinterProfile
from pos_app.config import Config
from pos_app.domain.money import CashRounding
from pos_app.domain.tax import VAT_9, VAT_13
from pos_app.domain.ticket import Discount, ProductRef, Ticket, TicketConfig
from pos_app.services.receipts import (
    COPY_MARK,
    REPRINT_MARK,
    BadPrintDocument,
    build_receipt,
    document_from_json,
    document_to_json,
    mark_copy,
    mark_reprint,
    profile_for,
)
from pos_app.services.sale_records import SaleContext

COLA = ProductRef("100001", "可口可乐 330ml", VAT_13, name_en="Coca-Cola 330ml")
APPLE = ProductRef("200002", "红富士苹果", VAT_9, name_en="Fuji apples", sold_by_weight=True, unit="kg")
OIL = ProductRef("100023", "金龙鱼 大豆油 5L", VAT_9, name_en="Arawana soybean oil 5L")


def completed_ticket():
    """Every receipt feature at once: weight, line discount, override, ticket discount, card + cash, 抹零."""
    t = Ticket(TicketConfig(cash_rounding=CashRounding.DOWN_0_1))
    t.add_item(COLA, "3.00", 2)
    t.add_item(APPLE, "12.80", "0.755")
    oil = t.add_item(OIL, "69.90")
    t.set_line_discount(1, Discount.amount("1.00"))
    t.override_price(oil, "59.90", "包装破损")
    t.set_ticket_discount(Discount.amount("0.50"))
    t.mark_totalled()
    t.add_tender("card", "20.00", "REF778899")
    t.add_tender("cash", "100.00")
    t.complete()
    return t.snapshot()


def context(**changes) -> SaleContext:
    values = dict(sale_id="a" * 32, receipt_no="S001-T01-000042", store_id="S001", till_id="T01",
                  till_key="S001-T01", seq=42, business_date=date(2024, 5, 1),
                  completed_at=datetime(2024, 5, 1, 2, 3, 4, tzinfo=UTC), cashier_id="u1")
    return SaleContext(**{**values, **changes})


def test_chinese_receipt_shows_everything_the_customer_paid_for():
    config = Config(language="zh_CN")
    snap = completed_ticket()
    doc = build_receipt(config, context(), snap, cashier_name="李娜 Li Na")
    lines = [ln.replace("￥", "¥") for ln in preview_text(doc, profile_for(config))]  # full-width on paper
    text = "\n".join(lines)
    assert lines[0].strip() == "O2O 鲜生 · 示范门店"
    assert COPY_MARK not in text
    local = datetime(2024, 5, 1, 2, 3, 4, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    for expected in ("单号", "S001-T01-000042", local, "收银员", "李娜 Li Na", "可口可乐 330ml",
                     "2 x ¥3.00", "0.755 kg x ¥12.80/kg", "折扣", "-¥1.00", "改价 ¥69.90 -> ¥59.90 (包装破损)",
                     "整单折扣", "-¥0.50", "银行卡 (凭证号 REF778899)", "现金", "找零", "抹零/舍入",
                     "税率 13%", "税率 9%", "[CODE128 S001-T01-000042]",
                     "[QR https://o2o.example/r/S001-T01-000042]", "谢谢惠顾，欢迎再次光临"):
        assert expected in text, expected
    total_line = next(ln for ln in lines if ln.startswith("合计"))
    assert total_line.endswith(f"¥{snap.total:.2f}")
    assert snap.rounding < 0 and f"-¥{-snap.rounding:.2f}" in text
    # Prices line up at the right edge, CJK counted as two columns.
    priced = [ln for ln in lines if ln.rstrip().endswith(tuple("0123456789")) and "¥" in ln and "x" not in ln]
    assert priced and {text_width(ln, True) for ln in priced} == {48}


def test_english_receipt_uses_english_labels_and_names_and_member():
    config = Config(language="en", receipt={"paper": "58mm"})
    doc = build_receipt(config, context(member_id="M-1001"), completed_ticket(), cashier_name="Li Na",
                        copy=True)
    text = "\n".join(preview_text(doc, profile_for(config))).replace("￥", "¥")
    for expected in ("Receipt", "Cashier", "Member", "M-1001", "Coca-Cola 330ml", "TOTAL", "Change",
                     "Bank card (ref", "REF778899", "Cash rounding", COPY_MARK):
        assert expected in text, expected
    assert "可口可乐" not in text and "合计" not in text


def test_json_round_trip_keeps_every_block_including_images():
    config = Config(language="zh_CN")
    logo = PIL.Image.new("L", (40, 20), 0)
    doc = Document((Image(logo), *build_receipt(config, context(), completed_ticket(),
                                                cashier_name="x").blocks))
    back = document_from_json(document_to_json(doc))
    assert back.blocks[1:] == doc.blocks[1:]
    assert isinstance(back.blocks[0], Image) and back.blocks[0].image.tobytes() == logo.tobytes()
    copy = mark_copy(back)
    assert copy.blocks[0] == Text(COPY_MARK, align="center", bold=True, double_width=True)
    assert copy.blocks[2:] == back.blocks


@pytest.mark.parametrize(("stored", "problem"), [
    ("{not json", "not JSON"),
    (json.dumps({"version": 99, "blocks": []}), "expected version 1"),
    (json.dumps({"version": 1, "blocks": [{"type": "hologram"}]}), "block 0 has unknown type 'hologram'"),
    (json.dumps({"version": 1, "blocks": [{"type": "text", "text": "ok"},
                                          {"type": "barcode", "data": "单号"}]}),
     "block 1 (barcode): CODE128 barcode data must be 1 to 80 printable ASCII"),
    (json.dumps({"version": 1, "blocks": [{"type": "qr", "data": "x", "colour": "red"}]}),
     "block 0 (qr)"),
    (json.dumps({"version": 1, "blocks": [{"type": "image", "png": "not base64!"}]}), "block 0 (image)"),
])
def test_damaged_stored_documents_are_refused_with_the_reason(stored, problem):
    with pytest.raises(BadPrintDocument) as caught:
        document_from_json(stored)
    assert problem in caught.value.message
    assert caught.value.code == "print.bad_document"


def test_receipt_number_is_in_barcode_and_qr_blocks():
    config = Config(language="zh_CN", receipt={"ereceipt_url": "https://shop.example/e/"})
    doc = build_receipt(config, context(), completed_ticket(), cashier_name="x")
    assert Barcode("S001-T01-000042") in doc.blocks
    assert QRCode("https://shop.example/e/S001-T01-000042") in doc.blocks
    assert sum(isinstance(b, Barcode) for b in doc.blocks) == 1
    assert Decimal(0) < completed_ticket().change


def test_a_reprint_mark_prints_on_chinese_and_latin_only_printers():
    document = Document((Text("Receipt S001-T01-000042"),))
    chinese = render(mark_reprint(document), PrinterProfile(encoding="gb18030"))
    assert "重打".encode("gb18030") in chinese and b"REPRINT" in chinese
    latin = render(mark_reprint(document, chinese=False), PrinterProfile(encoding="cp437"))
    assert b"REPRINT" in latin and REPRINT_MARK.encode("utf-8") not in latin
