"""Receipt documents: immutable blocks that say what to print, not how.

Blocks validate themselves on construction so that a bad value fails where it is made,
with a message naming the value. Paper-dependent checks (a barcode too long for 58 mm paper,
a character the printer's encoding lacks) happen when rendering for a profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hardware.errors import DocumentError
from hardware.escpos_commands import drawer_kick

if TYPE_CHECKING:  # PIL is imported when an image is made: not on the till's start-up path
    import PIL.Image

ALIGNMENTS = ("left", "center", "right")
QR_MAX_BYTES = 2331  # QR version 40 at error correction level M, byte mode
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _check_text(what: str, text: object, allow_newline: bool = True) -> None:
    if not isinstance(text, str):
        raise DocumentError(f"{what} must be text, not {type(text).__name__}.")
    bad = _CONTROL.search(text) or (None if allow_newline else re.search("\n", text))
    if bad:
        raise DocumentError(
            f"{what} {text!r} contains the control character U+{ord(bad.group()):04X}; "
            "printers would take it as a command."
        )


@dataclass(frozen=True)
class Text:
    """One paragraph; ``\\n`` starts a new line, long lines wrap at the paper width."""

    text: str
    align: str = "left"
    bold: bool = False
    double_width: bool = False
    double_height: bool = False

    def __post_init__(self) -> None:
        _check_text("Text", self.text)
        if self.align not in ALIGNMENTS:
            raise DocumentError(f"Text align must be one of {', '.join(ALIGNMENTS)}, not {self.align!r}.")


@dataclass(frozen=True)
class Columns:
    """A two-column row: ``left`` wraps, ``right`` is right-aligned on the first line."""

    left: str
    right: str
    bold: bool = False

    def __post_init__(self) -> None:
        _check_text("Columns left text", self.left, allow_newline=False)
        _check_text("Columns right text", self.right, allow_newline=False)


@dataclass(frozen=True)
class Rule:
    """A full-width line of one repeated character."""

    char: str = "-"

    def __post_init__(self) -> None:
        _check_text("Rule char", self.char, allow_newline=False)
        if len(self.char) != 1 or self.char == " ":
            raise DocumentError(f"Rule char must be exactly one visible character, not {self.char!r}.")


def ean13_check_digit(first12: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


@dataclass(frozen=True)
class Barcode:
    """A 1D barcode printed by the printer itself, human-readable digits below."""

    data: str
    symbology: str = "CODE128"
    height: int = 64

    def __post_init__(self) -> None:
        if self.symbology == "CODE128":
            if not isinstance(self.data, str) or not re.fullmatch(r"[\x20-\x7e]{1,80}", self.data):
                raise DocumentError(
                    f"CODE128 barcode data must be 1 to 80 printable ASCII characters, not {self.data!r}."
                )
        elif self.symbology == "EAN13":
            if not isinstance(self.data, str) or not re.fullmatch(r"\d{13}", self.data):
                raise DocumentError(f"EAN13 barcode data must be exactly 13 digits, not {self.data!r}.")
            expected = ean13_check_digit(self.data[:12])
            if int(self.data[12]) != expected:
                raise DocumentError(
                    f"EAN13 barcode {self.data} has check digit {self.data[12]}, expected {expected}."
                )
        else:
            raise DocumentError(f"Barcode symbology must be CODE128 or EAN13, not {self.symbology!r}.")
        if not isinstance(self.height, int) or not 1 <= self.height <= 255:
            raise DocumentError(f"Barcode height must be 1 to 255 dots, not {self.height!r}.")


@dataclass(frozen=True)
class QRCode:
    """A QR code (error correction M); ``size`` is the module size in dots, 1 to 16."""

    data: str
    size: int = 6

    def __post_init__(self) -> None:
        if not isinstance(self.data, str) or not self.data:
            raise DocumentError("QR code data must be non-empty text.")
        length = len(self.data.encode("utf-8"))
        if length > QR_MAX_BYTES:
            raise DocumentError(f"QR code data is {length} bytes; a QR code holds at most {QR_MAX_BYTES}.")
        if not isinstance(self.size, int) or not 1 <= self.size <= 16:
            raise DocumentError(f"QR code size must be 1 to 16 dots per module, not {self.size!r}.")


@dataclass(frozen=True)
class Image:
    """A picture (logo); scaled down to the paper width if wider, centred, black and white.

    ``source`` is a PIL image or a file path; it is loaded and copied at construction so the
    block cannot change afterwards.
    """

    source: PIL.Image.Image | str | Path
    image: PIL.Image.Image = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        import PIL.Image

        if isinstance(self.source, PIL.Image.Image):
            loaded = self.source.copy()
        elif isinstance(self.source, str | Path):
            try:
                with PIL.Image.open(self.source) as opened:
                    loaded = opened.copy()
            except (OSError, PIL.Image.DecompressionBombError) as exc:
                raise DocumentError(f"Cannot open receipt image {str(self.source)!r}: {exc}") from None
        else:
            raise DocumentError(
                f"Image source must be a PIL image or a file path, not {type(self.source).__name__}."
            )
        if loaded.width < 1 or loaded.height < 1:
            raise DocumentError("Receipt image is empty (0 pixels wide or high).")
        object.__setattr__(self, "image", loaded)


@dataclass(frozen=True)
class Feed:
    """Blank paper: ``lines`` line feeds (1 to 255)."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.lines, int) or not 1 <= self.lines <= 255:
            raise DocumentError(f"Feed lines must be 1 to 255, not {self.lines!r}.")


@dataclass(frozen=True)
class Cut:
    """Feed past the cutter and cut (partial cut leaves a small hinge)."""

    partial: bool = False


@dataclass(frozen=True)
class DrawerKick:
    """Pulse the cash drawer connected to the printer."""

    pin: int = 2
    on_ms: int = 100
    off_ms: int = 100

    def __post_init__(self) -> None:
        drawer_kick(self.pin, self.on_ms, self.off_ms)  # raises DocumentError on a bad value


Block = Text | Columns | Rule | Barcode | QRCode | Image | Feed | Cut | DrawerKick
BLOCK_TYPES = (Text, Columns, Rule, Barcode, QRCode, Image, Feed, Cut, DrawerKick)


@dataclass(frozen=True)
class Document:
    """A receipt: blocks printed top to bottom."""

    blocks: tuple[Block, ...] = ()

    def __post_init__(self) -> None:
        blocks = tuple(self.blocks)
        for index, block in enumerate(blocks):
            if not isinstance(block, BLOCK_TYPES):
                raise DocumentError(
                    f"Document block {index} is a {type(block).__name__}, not a receipt block."
                )
        object.__setattr__(self, "blocks", blocks)
