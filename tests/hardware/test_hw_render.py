import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import PIL.Image
import pytest
from hw_fakes import GOLDEN, sample_document
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.errors import DocumentError, EncodingError, ProfileError
from hardware.receipt.document import Barcode, Columns, Document, Image, QRCode, Rule, Text
from hardware.receipt.escpos_render import code128_payload, render
from hardware.receipt.profile import PrinterProfile

STYLE = re.compile(rb"\x1b@|\x1bE[\x00\x01]|\x1d![\x00\x01\x10\x11]|\x1c&|\x1c\.|\x1bt.", re.DOTALL)


def width(text: str) -> int:
    """Display width as a person counts it: CJK and full-width forms take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def printed_lines(data: bytes, encoding: str = "gb18030") -> list[str]:
    """Text lines of a text-only job: style and Kanji commands removed, then decoded."""
    return [line.decode(encoding) for line in STYLE.sub(b"", data).split(b"\n")[:-1]]


def golden_document() -> Document:
    logo = PIL.Image.new("1", (64, 16), 1)
    for x in range(0, 64, 4):
        logo.putpixel((x, x % 16), 0)
    return Document((Image(logo), *sample_document().blocks))


@pytest.mark.parametrize(
    ("name", "document", "profile"),
    [
        ("receipt_58mm_gb18030.bin", golden_document, PrinterProfile(columns=32)),
        ("receipt_80mm_gb18030.bin", golden_document, PrinterProfile(columns=48)),
        ("receipt_80mm_gbk.bin", golden_document, PrinterProfile(columns=48, encoding="gbk")),
        (
            "receipt_58mm_cp858.bin",
            lambda: Document(
                (Text("Café Noël", align="center", bold=True), Columns("Crème brûlée", "¥12.00"), Rule())
            ),
            PrinterProfile(columns=32, encoding="cp858"),
        ),
    ],
)
def test_golden_bytes(name, document, profile):
    data = render(document(), profile)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes(), (
        f"rendering changed; inspect and regenerate with UPDATE_GOLDEN=1 ({name})"
    )


def test_chinese_text_decodes_with_gb18030_to_the_expected_lines():
    document = Document(
        (
            Text("鲜果便利店", align="center"),
            Columns("农夫山泉 550ml", "¥2.00"),
            Columns("有机富士苹果 特级 山东烟台产地直发", "¥16.00"),
            Rule("="),
        )
    )
    data = render(document, PrinterProfile(columns=32))
    assert b"\x1c&" + "农夫山泉".encode("gb18030") + b"\x1c." in data
    assert printed_lines(data) == [
        "           鲜果便利店",
        "农夫山泉 550ml            ￥2.00",
        "有机富士苹果 特级        ￥16.00",
        "山东烟台产地直发",
        "=" * 32,
    ]


@pytest.mark.parametrize("columns", [32, 48])
def test_prices_line_up_on_the_right_edge(columns):
    document = Document(
        tuple(
            Columns(name, price)
            for name, price in [
                ("可乐", "¥3.50"),
                ("Bread", "¥12.00"),
                ("特级东北五常大米 5kg 真空包装 新米上市", "¥89.90"),
                ("", "¥0.10"),
            ]
        )
    )
    lines = printed_lines(render(document, PrinterProfile(columns=columns)))
    price_lines = [line for line in lines if "￥" in line]
    assert len(price_lines) == 4
    for line in price_lines:
        assert width(line) == columns
        assert re.search(r" ￥\d+\.\d\d$", line)
    assert all(width(line) <= columns for line in lines)


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(alphabet="可口乐苹果大米 abcXYZ0123456789-", min_size=0, max_size=60),
    cents=st.integers(min_value=0, max_value=99_999_99),
    columns=st.sampled_from([32, 48]),
)
def test_any_two_column_row_fits_and_keeps_every_character(name, cents, columns):
    price = f"¥{cents // 100}.{cents % 100:02d}"
    lines = printed_lines(render(Document((Columns(name, price),)), PrinterProfile(columns=columns)))
    assert width(lines[0]) == columns and lines[0].endswith(price.replace("¥", "￥"))
    assert all(width(line) <= columns for line in lines)
    kept = "".join(lines).replace(" ", "").replace(price.replace("¥", "￥"), "", 1)
    assert kept == name.replace(" ", "")


def test_double_width_text_wraps_at_half_the_columns():
    data = render(Document((Text("合计 TOTAL ¥1234.50", double_width=True),)), PrinterProfile(columns=32))
    assert b"\x1d!\x10" in data
    assert printed_lines(data) == ["合计 TOTAL", "￥1234.50"]


def test_latin_printer_gets_its_code_page_and_keeps_the_yen_sign():
    data = render(Document((Text("Café ¥1"),)), PrinterProfile(columns=32, encoding="cp858"))
    assert data == b"\x1b@\x1c.\x1bt\x13Caf\x82 \xbe1\n"
    explicit = render(Document((Text("A"),)), PrinterProfile(columns=32, encoding="cp437", code_page=40))
    assert explicit.startswith(b"\x1b@\x1c.\x1bt\x28")


def test_graphic_blocks_carry_their_data_and_reset_alignment():
    data = render(
        Document((Barcode("6901234567892", "EAN13"), Barcode("AB{1"), QRCode("https://x.cn/r/9"))),
        PrinterProfile(columns=32),
    )
    assert b"\x1ba\x01" in data
    assert b"\x1dk\x026901234567892\x00\n\x1ba\x00" in data
    assert b"\x1dkI\x07{BAB{{1" in data
    assert b"\x1d(k\x13\x001P0https://x.cn/r/9" in data
    assert data.endswith(b"\x1d(k\x03\x001Q0\n\x1ba\x00")


@pytest.mark.parametrize(
    ("data", "payload"),
    [
        ("S001-T01-000123", "{BS001-T01-{C\x00\x01\x17"),
        ("12345", "{B1{C\x17\x2d"),
        ("X12345Y", "{BX1{C\x17\x2d{BY"),
        ("A{1", "{BA{{1"),
    ],
)
def test_code128_packs_digit_runs_into_code_set_c(data, payload):
    assert code128_payload(data)[0] == payload


def test_code128_uses_narrower_bars_before_refusing():
    assert b"\x1dw\x02" in render(Document((Barcode("A" * 10),)), PrinterProfile(columns=32))
    assert b"\x1dw\x03" in render(Document((Barcode("A" * 10),)), PrinterProfile(columns=48))
    with pytest.raises(DocumentError, match="needs 730 dots but the paper has 384"):
        render(Document((Barcode("A" * 30),)), PrinterProfile(columns=32))


def test_wide_image_is_scaled_to_the_paper():
    data = render(Document((Image(PIL.Image.new("1", (1000, 50), 0)),)), PrinterProfile(columns=32))
    assert b"\x1dv0\x00\x30\x00\x13\x00" in data  # 48 bytes = 384 dots wide, 19 rows high


@pytest.mark.parametrize(
    ("text", "profile", "message"),
    [
        (
            "牛奶",
            PrinterProfile(encoding="cp437"),
            "'牛' (U+725B) in '牛奶' cannot be printed with encoding cp437",
        ),
        ("🍎 apple", PrinterProfile(encoding="gbk"), "'🍎' (U+1F34E)"),
        (
            "Price €5",
            PrinterProfile(encoding="gbk"),
            "'€' (U+20AC) in 'Price €5' cannot be printed with encoding gbk",
        ),
    ],
)
def test_unprintable_characters_raise_before_anything_is_sent(text, profile, message):
    with pytest.raises(EncodingError, match=re.escape(message)):
        render(Document((Text(text),)), profile)


def test_right_column_too_wide_is_refused():
    with pytest.raises(DocumentError, match="leaves less than 4 columns"):
        render(Document((Columns("x", "¥" + "9" * 28),)), PrinterProfile(columns=32))


def test_render_is_pure():
    document, profile = sample_document(), PrinterProfile(columns=32)
    assert render(document, profile) == render(document, profile)
    assert document == sample_document()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"columns": 40}, "must be 32 (58 mm paper), 42 or 48 (80 mm paper)"),
        ({"encoding": "utf-8"}, "Unknown printer encoding 'utf-8'"),
        ({"encoding": "gb18030", "code_page": 255}, "do not set code_page"),
        ({"encoding": "cp437", "code_page": 300}, "ESC t number from 0 to 255"),
    ],
)
def test_bad_profiles_are_refused(kwargs, message):
    with pytest.raises(ProfileError, match=re.escape(message)):
        PrinterProfile(**kwargs)


def test_profiles_do_not_share_python_escpos_data():
    small, large = PrinterProfile(columns=32), PrinterProfile(columns=48)
    assert small.escpos_profile.profile_data is not large.escpos_profile.profile_data
    assert small.escpos_profile.profile_data["media"]["width"]["pixels"] == 384
    assert large.escpos_profile.profile_data["media"]["width"]["pixels"] == 576
    small.escpos_profile.profile_data["fonts"]["0"]["columns"] = 1
    assert PrinterProfile(columns=32).escpos_profile.profile_data["fonts"]["0"]["columns"] == 42


def test_importing_the_renderer_leaves_root_logging_alone():
    code = "import logging, hardware.receipt.escpos_render; print(len(logging.getLogger().handlers))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parents[2],
    )
    assert result.stdout.strip() == "0", result.stderr
