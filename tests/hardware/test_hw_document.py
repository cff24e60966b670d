import re
from pathlib import Path

import PIL.Image
import pytest

from hardware.errors import DocumentError
from hardware.receipt.document import (
    Barcode,
    Columns,
    Document,
    DrawerKick,
    Feed,
    Image,
    QRCode,
    Rule,
    Text,
    ean13_check_digit,
)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Text("a\x1bE"), "control character U+001B"),
        (lambda: Text("total", align="middle"), "align must be one of left, center, right"),
        (lambda: Text(12.5), "must be text, not float"),
        (lambda: Columns("apple\nbanana", "1.00"), "control character U+000A"),
        (lambda: Rule("--"), "exactly one visible character"),
        (lambda: Rule(" "), "exactly one visible character"),
        (lambda: Barcode("6901234567890", "EAN13"), "has check digit 0, expected 2"),
        (lambda: Barcode("690123456789", "EAN13"), "exactly 13 digits"),
        (lambda: Barcode("条码"), "printable ASCII"),
        (lambda: Barcode(""), "printable ASCII"),
        (lambda: Barcode("123", "UPC-Z"), "CODE128 or EAN13"),
        (lambda: Barcode("123", height=0), "height must be 1 to 255"),
        (lambda: QRCode(""), "non-empty"),
        (lambda: QRCode("x" * 3000), "3000 bytes"),
        (lambda: QRCode("x", size=17), "1 to 16"),
        (lambda: Image("/nonexistent/logo.png"), "Cannot open receipt image"),
        (lambda: Image(42), "PIL image or a file path"),
        (lambda: Feed(0), "1 to 255"),
        (lambda: DrawerKick(pin=3), "pin must be 2 or 5"),
        (lambda: DrawerKick(on_ms=600), "on_ms must be a whole number of milliseconds from 2 to 510"),
        (lambda: DrawerKick(off_ms=1.5), "off_ms"),
        (lambda: Document((Text("ok"), "plain string")), "block 1 is a str"),
    ],
)
def test_bad_blocks_raise_a_specific_error(make, message):
    with pytest.raises(DocumentError, match=re.escape(message)):
        make()


def test_ean13_check_digit_matches_a_real_gtin():
    assert ean13_check_digit("690123456789") == 2
    assert Barcode("6901234567892", "EAN13").data == "6901234567892"


def test_blocks_are_immutable_and_documents_hold_tuples():
    block = Text("hello")
    with pytest.raises(AttributeError):
        block.text = "changed"
    assert Document([block]).blocks == (block,)


def test_image_is_copied_so_later_changes_to_the_source_do_not_leak(tmp_path: Path):
    source = PIL.Image.new("1", (8, 8), 1)
    block = Image(source)
    source.putpixel((0, 0), 0)
    assert block.image.getpixel((0, 0)) != 0
    path = tmp_path / "logo.png"
    source.save(path)
    assert Image(path).image.size == (8, 8)
