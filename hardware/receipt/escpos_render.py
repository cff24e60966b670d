"""Document -> ESC/POS bytes: a pure function, so receipts have golden-byte tests.

Text goes through our own path: in double-byte mode each run of non-ASCII characters is
wrapped in FS & ... FS . and encoded with GB18030/GBK; single-byte printers get FS . (many
Chinese-market printers power up in Kanji mode) and ESC t with the profile's code page.
python-escpos builds the barcode, QR code, image and cut commands.
"""

from __future__ import annotations

import re
from typing import Any

import PIL.Image

from hardware import escpos_commands as cmd
from hardware import escpos_lib
from hardware.errors import DocumentError, EncodingError
from hardware.receipt.document import Barcode, Block, Cut, Document, DrawerKick, Feed, Image, QRCode
from hardware.receipt.layout import Line, layout
from hardware.receipt.profile import PrinterProfile

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
NORMAL = (False, False, False)


def render(document: Document, profile: PrinterProfile) -> bytes:
    """Render ``document`` for ``profile``; raises `DocumentError` and outputs nothing on bad input."""
    out = [cmd.INIT]
    if not profile.double_byte:
        assert profile.code_page is not None  # a single-byte profile always has one (PrinterProfile)
        out.append(cmd.KANJI_OFF + cmd.select_code_page(profile.code_page))
    style = NORMAL
    for item in layout(document, profile):
        if isinstance(item, Line):
            if item.style != style:
                out.append(_style_change(style, item.style))
                style = item.style
            out.append(encode_text(item.text, profile) + cmd.LF)
            continue
        if style != NORMAL:  # graphics and their captions print in the normal style
            out.append(_style_change(style, NORMAL))
            style = NORMAL
        out.append(_render_block(item, profile))
    return b"".join(out)


def _style_change(old: tuple[bool, bool, bool], new: tuple[bool, bool, bool]) -> bytes:
    """Only the commands for what changed: (bold, double width, double height)."""
    change = b""
    if old[0] != new[0]:
        change += cmd.bold(new[0])
    if old[1:] != new[1:]:
        change += cmd.char_size(*new[1:])
    return change


def encode_text(text: str, profile: PrinterProfile) -> bytes:
    """Encode one line for the printer, Kanji mode around each double-byte run."""
    try:
        if not profile.double_byte:
            return text.encode(profile.encoding)
        if text.isascii():
            return text.encode("ascii")
        parts, start = [], 0
        for run in _NON_ASCII_RUN.finditer(text):
            encoded = run.group().encode(profile.encoding)
            parts.append(text[start : run.start()].encode("ascii"))
            parts.append(cmd.KANJI_ON + encoded + cmd.KANJI_OFF)
            start = run.end()
        parts.append(text[start:].encode("ascii"))
        return b"".join(parts)
    except UnicodeEncodeError as exc:
        ch = exc.object[exc.start]
        raise EncodingError(
            f"The character {ch!r} (U+{ord(ch):04X}) in {text.strip()!r} cannot be printed with "
            f"encoding {profile.encoding}; replace it or use a printer profile that has it."
        ) from None


def _render_block(block: Block, profile: PrinterProfile) -> bytes:
    if isinstance(block, Feed):
        return cmd.feed(block.lines)
    if isinstance(block, DrawerKick):
        return cmd.drawer_kick(block.pin, block.on_ms, block.off_ms)
    printer = escpos_lib.Dummy()
    printer.profile = profile.escpos_profile
    if isinstance(block, Barcode):
        _barcode(printer, block, profile)
    elif isinstance(block, QRCode):
        printer.qr(block.data, ec=escpos_lib.QR_ECLEVEL_M, size=block.size, native=True)
    elif isinstance(block, Image):
        printer.image(fit_width(block.image, profile.width_dots), impl="bitImageRaster")
    elif isinstance(block, Cut):
        printer.cut(mode="PART" if block.partial else "FULL")
        return bytes(printer.output)
    else:
        raise DocumentError(f"Cannot render a {type(block).__name__} block.")
    return cmd.ALIGN["center"] + bytes(printer.output) + cmd.LF + cmd.ALIGN["left"]


def code128_payload(data: str) -> tuple[str, int]:
    """ESC/POS CODE128 data and its symbol count: runs of 4+ digits use code set C (two per symbol)."""
    segments: list[list[str]] = []
    for index, part in enumerate(re.split(r"(\d{4,})", data)):
        digits = index % 2 == 1
        pieces = (
            [("B", part[:1]), ("C", part[1:])]
            if digits and len(part) % 2
            else [("C" if digits else "B", part)]
        )
        for code_set, text in pieces:
            if not text:
                continue
            if segments and segments[-1][0] == code_set == "B":
                segments[-1][1] += text
            else:
                segments.append([code_set, text])
    payload, symbols = [], 0
    for code_set, text in segments:
        if code_set == "C":
            payload.append("{C" + "".join(chr(int(text[i : i + 2])) for i in range(0, len(text), 2)))
            symbols += 1 + len(text) // 2
        else:
            payload.append("{B" + text.replace("{", "{{"))
            symbols += 1 + len(text)
    return "".join(payload), symbols


def code128_module_width(data: str, symbols: int, width_dots: int) -> int:
    """Widest bar module (3 or 2 dots) that fits the paper; symbols + check (11 modules each) + stop (13)."""
    modules = 11 * (symbols + 1) + 13
    for width in (3, 2):
        if modules * width <= width_dots:
            return width
    raise DocumentError(
        f"CODE128 barcode {data!r} needs {modules * 2} dots but the paper has {width_dots}; "
        "shorten it (long digit runs take half the space) or use wider paper."
    )


def _barcode(printer: Any, block: Barcode, profile: PrinterProfile) -> None:
    # The private _hw_barcode: the public barcode() prints to stdout and may fall back to
    # a software image; we always want the printer's own barcode with its data in the stream.
    if block.symbology == "EAN13":
        printer._hw_barcode(block.data, "EAN13", block.height, 3, "BELOW", "A", False, "A", True)
        return
    code, symbols = code128_payload(block.data)
    width = code128_module_width(block.data, symbols, profile.width_dots)
    printer._hw_barcode(code, "CODE128", block.height, width, "BELOW", "A", False, "B", True)


def fit_width(image: PIL.Image.Image, width_dots: int) -> PIL.Image.Image:
    """Scale a picture down (never up) to the printable width, keeping its aspect ratio."""
    if image.width <= width_dots:
        return image
    height = max(1, round(image.height * width_dots / image.width))
    return image.resize((width_dots, height), PIL.Image.Resampling.LANCZOS)
