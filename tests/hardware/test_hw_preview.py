import pytest

from hardware.errors import FontNotFound
from hardware.receipt.document import Barcode, Cut, Document, DrawerKick, Feed, QRCode, Text
from hardware.receipt.preview import CELL_H, CELL_W, find_cjk_font, preview_image, preview_text
from hardware.receipt.profile import PrinterProfile


def ink_columns(image, top: int, bottom: int) -> list[int]:
    """x positions that have dark pixels between rows top and bottom."""
    pixels = image.load()
    return [x for x in range(image.width) if any(pixels[x, y] < 128 for y in range(top, bottom))]


def test_text_lines_follow_the_printer_layout(receipt):
    lines = preview_text(receipt, PrinterProfile(columns=48))
    assert lines[3] == "农夫山泉 550ml" + " " * 28 + "￥2.00"
    assert "[CODE128 S001-T01-000123]" in lines[-8]
    assert lines[-1] == "[open drawer, pin 2]"


@pytest.mark.parametrize(("columns", "dots"), [(32, 384), (48, 576)])
def test_image_is_as_wide_as_the_paper_and_cjk_takes_two_cells(columns, dots):
    image = preview_image(Document((Text("中A"), Text("A", align="right"))), PrinterProfile(columns=columns))
    assert image.size == (dots, 2 * CELL_H)
    first = ink_columns(image, 0, CELL_H)
    assert min(first) < CELL_W and max(first) >= 2 * CELL_W  # 中 fills cells 0-1, A sits in cell 2
    assert min(ink_columns(image, CELL_H, 2 * CELL_H)) >= dots - CELL_W


def test_barcode_qr_and_feed_are_drawn():
    profile = PrinterProfile(columns=32)
    plain = preview_image(Document((Feed(3), Cut())), profile)
    assert plain.height == 5 * CELL_H
    graphic = preview_image(
        Document((Barcode("6901234567892", "EAN13"), QRCode("hello"), DrawerKick())), profile
    )
    assert graphic.height > 150
    histogram = graphic.histogram()
    assert histogram[0] > 2000 and histogram[255] > 2000  # black bars and modules on white paper


def test_a_missing_font_is_a_clear_error(tmp_path):
    with pytest.raises(FontNotFound, match="install fonts-noto-cjk"):
        preview_image(Document((Text("中"),)), PrinterProfile(), font_path=tmp_path / "missing.ttc")


def test_the_installed_noto_cjk_font_is_found():
    assert "CJK" in find_cjk_font().name
