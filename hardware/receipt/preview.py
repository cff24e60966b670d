"""Document -> picture and plain text, laid out exactly like the printer would.

The image is a 12 x 24 dot grid (the printer's Font A): 32 columns are 384 dots (58 mm),
48 columns 576 dots (80 mm). CJK characters take two cells. Barcodes and QR codes are real,
scannable drawings. Glyphs come from a Noto CJK (or other CJK) font.
"""

from __future__ import annotations

import functools
import glob
import shutil
import subprocess
from pathlib import Path

import barcode
import barcode.writer
import PIL.Image
import PIL.ImageDraw
import PIL.ImageFont
import qrcode

from hardware.errors import FontNotFound
from hardware.receipt.document import Barcode, Cut, Document, DrawerKick, Feed, Image, QRCode
from hardware.receipt.escpos_render import fit_width
from hardware.receipt.layout import Item, Line, char_width, layout, text_width
from hardware.receipt.profile import PrinterProfile

CELL_W, CELL_H = 12, 24
FONT_SIZE = 21
_FONT_GLOBS = (
    "/usr/share/fonts/**/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/**/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/**/wqy-microhei.ttc",
    "/usr/share/fonts/**/wqy-zenhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


@functools.cache
def find_cjk_font() -> Path:
    """Path of an installed font with Chinese glyphs; `FontNotFound` says what to install."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            found = ""
        if found and "CJK" in found and Path(found).is_file():
            return Path(found)
    for pattern in _FONT_GLOBS:
        matches = sorted(glob.glob(pattern, recursive=True))
        if matches:
            return Path(matches[0])
    raise FontNotFound(
        "No Chinese (CJK) font found for the receipt preview. Install Noto Sans CJK "
        "(Debian/Ubuntu: apt install fonts-noto-cjk) or pass font_path."
    )


@functools.lru_cache(maxsize=4)
def _font(path: Path) -> PIL.ImageFont.FreeTypeFont:
    return PIL.ImageFont.truetype(str(path), FONT_SIZE)


def preview_text(document: Document, profile: PrinterProfile) -> list[str]:
    """The receipt as plain text lines, graphics shown as bracketed placeholders."""
    lines: list[str] = []
    for item in layout(document, profile):
        if isinstance(item, Line):
            lines.append(item.text.rstrip())
        elif isinstance(item, Barcode):
            lines.append(_centre(f"[{item.symbology} {item.data}]", profile))
        elif isinstance(item, QRCode):
            lines.append(_centre(f"[QR {item.data}]", profile))
        elif isinstance(item, Image):
            lines.append(_centre(f"[image {item.image.width}x{item.image.height}]", profile))
        elif isinstance(item, Feed):
            lines.extend([""] * item.lines)
        elif isinstance(item, Cut):
            lines.append("- " * (profile.columns // 2) + "(cut)")
        elif isinstance(item, DrawerKick):
            lines.append(f"[open drawer, pin {item.pin}]")
    return lines


def _centre(text: str, profile: PrinterProfile) -> str:
    gap = profile.columns - text_width(text, profile.double_byte)
    return " " * max(0, gap // 2) + text


def preview_image(
    document: Document, profile: PrinterProfile, font_path: Path | None = None
) -> PIL.Image.Image:
    """The receipt as a grey-scale picture as wide as the paper's printable area."""
    if font_path is not None and not Path(font_path).is_file():
        raise FontNotFound(
            f"The receipt preview font {font_path} does not exist; install fonts-noto-cjk or fix the path."
        )
    font = _font(Path(font_path) if font_path else find_cjk_font())
    width = profile.width_dots
    tiles = [tile for item in layout(document, profile) if (tile := _tile(item, profile, font)) is not None]
    page = PIL.Image.new("L", (width, max(1, sum(t.height for t in tiles))), 255)
    y = 0
    for tile in tiles:
        page.paste(tile, ((width - tile.width) // 2, y))
        y += tile.height
    return page


def _tile(item: Item, profile: PrinterProfile, font: PIL.ImageFont.FreeTypeFont) -> PIL.Image.Image | None:
    width = profile.width_dots
    if isinstance(item, Line):
        return _text_tile(item, profile, font)
    if isinstance(item, Barcode):
        return fit_width(_barcode_image(item), width)
    if isinstance(item, QRCode):
        code = qrcode.QRCode(box_size=item.size, border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(item.data)
        code.make(fit=True)
        return fit_width(code.make_image().get_image().convert("L"), width)
    if isinstance(item, Image):
        return fit_width(item.image.convert("1").convert("L"), width)
    if isinstance(item, Feed):
        return PIL.Image.new("L", (width, CELL_H * item.lines), 255)
    if isinstance(item, Cut):
        tile = PIL.Image.new("L", (width, CELL_H * 2), 255)
        draw = PIL.ImageDraw.Draw(tile)
        for x in range(0, width, 12):
            draw.line((x, CELL_H, x + 6, CELL_H), fill=0)
        return tile
    return None


def _text_tile(line: Line, profile: PrinterProfile, font: PIL.ImageFont.FreeTypeFont) -> PIL.Image.Image:
    tile = PIL.Image.new("L", (profile.columns * CELL_W, CELL_H), 255)
    draw = PIL.ImageDraw.Draw(tile)
    x = 0
    for ch in line.text:
        cells = char_width(ch, profile.double_byte)
        if ch != " ":
            draw.text(
                (x + cells * CELL_W / 2, CELL_H / 2),
                ch,
                font=font,
                fill=0,
                anchor="mm",
                stroke_width=1 if line.bold else 0,
                stroke_fill=0,
            )
        x += cells * CELL_W
    if line.double_width or line.double_height:
        scaled = (
            tile.width * (2 if line.double_width else 1),
            tile.height * (2 if line.double_height else 1),
        )
        tile = tile.resize(scaled, PIL.Image.Resampling.NEAREST)
        tile = tile.crop((0, 0, min(tile.width, profile.columns * CELL_W), tile.height))
    return tile


def _barcode_image(item: Barcode) -> PIL.Image.Image:
    kind = "code128" if item.symbology == "CODE128" else "ean13"
    code = barcode.get_barcode_class(kind)(item.data, writer=barcode.writer.ImageWriter())
    options = {
        "module_height": item.height * 25.4 / 203,
        "module_width": 0.25,
        "quiet_zone": 2,
        "font_size": 8,
        "text_distance": 3,
        "dpi": 203,
    }
    image: PIL.Image.Image = code.render(writer_options=options).convert("L")
    return image
