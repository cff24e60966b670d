"""Customer pole display, 2 lines x 20 characters, CD5220 or Epson ESC/POS display commands.

Chinese is sent (as GB18030/GBK bytes, two positions per character) only when the display is
configured with such an encoding; otherwise text falls back to Latin: the caller's
``fallback`` text (English or pinyin) if given, "RMB" for the yuan sign, and "?" for any
other character the display cannot show.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from hardware.errors import DisplayError, SerialDeviceError
from hardware.receipt.layout import char_width
from hardware.serialport import SERIAL_FAILURES, open_serial, serial_url
from hardware.urls import SerialURL

ESC, US, CR, CLEAR = b"\x1b", b"\x1f", b"\r", b"\x0c"
COMMAND_SETS = ("cd5220", "epson")
DOUBLE_BYTE = ("gb18030", "gbk")
LABELS = {"welcome": "WELCOME", "total": "TOTAL", "change": "CHANGE", "thanks": "THANK YOU"}


def fit(text: str, width: int, double_byte: bool, align: str = "left") -> str:
    """Cut to ``width`` positions without splitting a character, then pad with spaces."""
    out, used = [], 0
    for ch in text:
        w = char_width(ch, double_byte)
        if used + w > width:
            break
        out.append(ch)
        used += w
    body = "".join(out)
    pad = " " * (width - used)
    return pad + body if align == "right" else body + pad


def latin(text: str) -> str:
    """ASCII stand-in for a Latin-only display."""
    text = text.replace("￥", "RMB").replace("¥", "RMB")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch if ch.isascii() else ("" if unicodedata.combining(ch) else "?") for ch in folded)


class PoleDisplay:
    def __init__(
        self,
        url: str | SerialURL,
        command_set: str = "cd5220",
        encoding: str | None = None,
        columns: int = 20,
        timeout: float = 1.0,
        labels: dict[str, str] | None = None,
    ) -> None:
        if command_set not in COMMAND_SETS:
            raise DisplayError(f"Display command set must be cd5220 or epson, not {command_set!r}.")
        if encoding is not None and encoding not in DOUBLE_BYTE:
            raise DisplayError(
                f"Display encoding must be gb18030, gbk or None (Latin only), not {encoding!r}."
            )
        unknown = set(labels or {}) - set(LABELS)
        if unknown:
            raise DisplayError(f"Unknown display labels {sorted(unknown)}; known: {', '.join(LABELS)}.")
        self._url = serial_url(url, "customer display")
        self.command_set, self.encoding, self.columns = command_set, encoding, columns
        self.labels = {**LABELS, **(labels or {})}
        self._port = open_serial(self._url, timeout, what="customer display")
        self._send(ESC + b"@")

    @property
    def currency(self) -> str:
        return "￥" if self.encoding else "RMB"

    def show(self, line1: str = "", line2: str = "", align2: str = "left") -> None:
        """Replace both lines (no clear, so no flicker)."""
        top, bottom = self._encode(line1, "left"), self._encode(line2, align2)
        if self.command_set == "cd5220":
            self._send(ESC + b"QA" + top + CR + ESC + b"QB" + bottom + CR)
        else:
            self._send(US + b"$\x01\x01" + top + US + b"$\x01\x02" + bottom)

    def clear(self) -> None:
        self._send(CLEAR)

    def welcome(self, text: str | None = None, fallback: str | None = None) -> None:
        self.show(self._pick(text or self.labels["welcome"], fallback))

    def item(self, name: str, price: Decimal, fallback_name: str | None = None) -> None:
        self.show(self._pick(name, fallback_name), self._money(price), align2="right")

    def total(self, amount: Decimal) -> None:
        self.show(self.labels["total"], self._money(amount), align2="right")

    def change(self, amount: Decimal) -> None:
        self.show(self.labels["change"], self._money(amount), align2="right")

    def thank_you(self, text: str | None = None, fallback: str | None = None) -> None:
        self.show(self._pick(text or self.labels["thanks"], fallback))

    def close(self) -> None:
        self._port.close()

    def _pick(self, text: str, fallback: str | None) -> str:
        if self.encoding or text.isascii() or fallback is None:
            return text
        return fallback

    def _money(self, amount: Decimal) -> str:
        if not isinstance(amount, Decimal):
            raise DisplayError(
                f"Display amounts must be Decimal yuan, not {type(amount).__name__} {amount!r}."
            )
        return f"{self.currency}{amount.quantize(Decimal('0.01'))}"

    def _encode(self, text: str, align: str) -> bytes:
        if self.encoding:
            shown = fit(text.replace("¥", "￥"), self.columns, True, align)
            return shown.encode(self.encoding, errors="replace")
        return fit(latin(text), self.columns, False, align).encode("ascii")

    def _send(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except SERIAL_FAILURES as exc:
            raise SerialDeviceError(
                f"Cannot write to the customer display on {self._url.port}: {exc}."
            ) from None
