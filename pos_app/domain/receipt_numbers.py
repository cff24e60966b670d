"""Human receipt numbers ``STORE-TILL-SEQUENCE`` (e.g. ``SH001-T01-000123``), gapless per till.

Store and till codes are upper-case letters and digits (no hyphen, it separates the parts); the
sequence is at least 6 digits, zero-padded, and grows past 999999 instead of wrapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidReceiptNumber

_CODE = r"[A-Z0-9]{1,16}"
_PATTERN = re.compile(rf"({_CODE})-({_CODE})-(\d{{6,}})")


@dataclass(frozen=True, order=True)
class ReceiptNumber:
    store: str
    till: str
    sequence: int

    def __post_init__(self) -> None:
        text = f"{self.store}-{self.till}-{self.sequence:06d}" if isinstance(self.sequence, int) else ""
        if isinstance(self.sequence, bool) or not _PATTERN.fullmatch(text) or self.sequence < 1:
            raise InvalidReceiptNumber(value=text or repr(self))

    def __str__(self) -> str:
        return f"{self.store}-{self.till}-{self.sequence:06d}"

    def next(self) -> ReceiptNumber:
        return ReceiptNumber(self.store, self.till, self.sequence + 1)

    @classmethod
    def parse(cls, text: str) -> ReceiptNumber:
        match = _PATTERN.fullmatch(text.strip().upper()) if isinstance(text, str) else None
        if match is None:
            raise InvalidReceiptNumber(value=text)
        store, till, sequence = match.groups()
        return cls(store, till, int(sequence))


def format_receipt_number(store: str, till: str, sequence: int) -> str:
    return str(ReceiptNumber(store, till, sequence))


def parse_receipt_number(text: str) -> ReceiptNumber:
    return ReceiptNumber.parse(text)
