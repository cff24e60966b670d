"""Monospace layout shared by the ESC/POS renderer and the preview.

Widths follow the printer: in double-byte mode every non-ASCII character goes through the
Kanji font and takes two columns (this matches ``unicodedata.east_asian_width`` W/F for CJK
and full-width forms, and is also right for ambiguous ones such as "·" that GB18030 stores
as two bytes). On single-byte printers every character takes one column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hardware.errors import DocumentError
from hardware.receipt.document import Block, Columns, Document, Rule, Text
from hardware.receipt.profile import PrinterProfile

MIN_LEFT_COLUMNS = 4


def char_width(ch: str, double_byte: bool = True) -> int:
    if ord(ch) < 0x80:
        return 1
    if double_byte or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def text_width(text: str, double_byte: bool = True) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(ch, double_byte) for ch in text)


def printable(text: str, profile: PrinterProfile) -> str:
    """Chinese printers have no glyph for the half-width yen sign; use the full-width one."""
    return text.replace("¥", "￥") if profile.double_byte else text


#: Amounts, numbers and percentages (``-￥1234567.89``, ``1.250``, ``13%``) never break across lines.
_ATOM = re.compile(r"[-+]?[¥￥$]?\d[\d,]*(?:\.\d+)?%?|.", re.DOTALL)


def _atoms(text: str, width: int, double_byte: bool) -> list[str]:
    """Characters, except that a number is one unbreakable piece (unless even it is too wide)."""
    atoms: list[str] = []
    for atom in _ATOM.findall(text):
        if len(atom) > 1 and text_width(atom, double_byte) > width:
            atoms.extend(atom)
        else:
            atoms.append(atom)
    return atoms


def wrap(text: str, width: int, double_byte: bool = True) -> list[str]:
    """Split into lines of at most ``width`` columns, whole characters and whole numbers only.

    Breaks at a space where that keeps at least half the line, else between any two
    characters (CJK text has no spaces to break at), but never inside an amount: a receipt
    showing ``(￥1303.0`` and ``0)`` on two lines is a wrong amount to whoever reads it.
    """
    if text_width(text, double_byte) <= width:
        return [text]
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for atom in _atoms(text, width, double_byte):
        w = text_width(atom, double_byte)
        while line and used + w > width:
            cut = _word_break(line) if atom != " " else len(line)
            lines.append("".join(line[:cut]).rstrip(" "))
            line = line[cut:]
            while line and line[0] == " ":
                line.pop(0)
            used = text_width("".join(line), double_byte)
        if not line and atom == " ":
            continue
        line.append(atom)
        used += w
    if line:
        lines.append("".join(line).rstrip(" "))
    return lines


def _word_break(line: list[str]) -> int:
    """Index to break ``line`` at: after its last space, unless that wastes over half the line."""
    for index in range(len(line) - 1, len(line) // 2 - 1, -1):
        if line[index] == " ":
            return index + 1
    return len(line)


@dataclass(frozen=True, slots=True)
class Line:
    """One printed text line, already padded for alignment."""

    text: str
    bold: bool = False
    double_width: bool = False
    double_height: bool = False

    @property
    def style(self) -> tuple[bool, bool, bool]:
        return self.bold, self.double_width, self.double_height


#: What `layout` gives: text as `Line`s, every other block as it was.
Item = Line | Block


def align(text: str, width: int, how: str, double_byte: bool) -> str:
    if how == "left":
        return text
    gap = width - text_width(text, double_byte)
    return " " * (gap // 2 if how == "center" else gap) + text


def layout(document: Document, profile: PrinterProfile) -> list[Item]:
    """Text blocks become `Line`s; other blocks pass through unchanged."""
    items: list[Item] = []
    db, columns = profile.double_byte, profile.columns
    for block in document.blocks:
        if isinstance(block, Text):
            width = columns // 2 if block.double_width else columns
            for paragraph in printable(block.text, profile).split("\n"):
                for row in wrap(paragraph, width, db):
                    items.append(
                        Line(
                            align(row, width, block.align, db),
                            block.bold,
                            block.double_width,
                            block.double_height,
                        )
                    )
        elif isinstance(block, Columns):
            items.extend(_columns(block, profile))
        elif isinstance(block, Rule):
            char = printable(block.char, profile)
            items.append(Line(char * (columns // char_width(char, db))))
        else:
            items.append(block)
    return items


def _columns(block: Columns, profile: PrinterProfile) -> list[Line]:
    db, columns = profile.double_byte, profile.columns
    left, right = printable(block.left, profile), printable(block.right, profile)
    right_width = text_width(right, db)
    left_width = columns - right_width - 1
    if left_width < MIN_LEFT_COLUMNS:
        raise DocumentError(
            f"Right column {block.right!r} is {right_width} columns wide; on {columns}-column paper "
            f"it leaves less than {MIN_LEFT_COLUMNS} columns for the left text."
        )
    rows = wrap(left, left_width, db) if left else [""]
    first = rows[0] + " " * (columns - text_width(rows[0], db) - right_width) + right
    return [Line(first, block.bold)] + [Line(row, block.bold) for row in rows[1:]]
