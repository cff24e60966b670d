"""Printer profile: paper width and text encoding, always chosen explicitly, never guessed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from hardware.errors import ProfileError
from hardware.escpos_lib import private_profile

DOUBLE_BYTE_ENCODINGS = ("gb18030", "gbk")
# ESC t numbers of the Epson-standard single-byte tables for Latin-only printers.
SINGLE_BYTE_CODE_PAGES = {
    "cp437": 0,
    "cp850": 2,
    "cp860": 3,
    "cp863": 4,
    "cp865": 5,
    "cp1252": 16,
    "cp866": 17,
    "cp852": 18,
    "cp858": 19,
}
# Printable dots: 58 mm paper at 203 dpi (32 columns), 80 mm at 180 dpi (42, e.g. TM-T88) and 203 dpi (48).
PAPER_DOTS = {32: 384, 42: 512, 48: 576}


@dataclass(frozen=True)
class PrinterProfile:
    """What the renderer needs to know about a printer.

    columns: 32 (58 mm paper), 42 or 48 (80 mm paper at 180 or 203 dpi), Font A.
    encoding: ``gb18030`` or ``gbk`` for Chinese printers (double-byte mode, FS & / FS .), or a
    single-byte code page such as ``cp437`` / ``cp858`` for Latin-only printers.
    code_page: the ESC t number of a single-byte code page; defaults to the Epson number for
    the named encoding, set it when the printer numbers its tables differently.
    realtime_pulse: the printer executes DLE DC4 1 (real-time drawer pulse), so the drawer is
    opened by it instead of ESC p, which a faulted printer keeps and executes later.
    """

    columns: int = 48
    encoding: str = "gb18030"
    code_page: int | None = None
    realtime_pulse: bool = False

    def __post_init__(self) -> None:
        if self.columns not in PAPER_DOTS:
            raise ProfileError(
                f"Printer columns must be 32 (58 mm paper), 42 or 48 (80 mm paper), not {self.columns!r}."
            )
        known = ", ".join((*DOUBLE_BYTE_ENCODINGS, *SINGLE_BYTE_CODE_PAGES))
        if self.encoding in DOUBLE_BYTE_ENCODINGS:
            if self.code_page is not None:
                raise ProfileError(
                    f"{self.encoding} printers use double-byte mode; do not set code_page ({self.code_page})."
                )
        elif self.encoding in SINGLE_BYTE_CODE_PAGES:
            number = SINGLE_BYTE_CODE_PAGES[self.encoding] if self.code_page is None else self.code_page
            if not isinstance(number, int) or not 0 <= number <= 255:
                raise ProfileError(f"code_page must be an ESC t number from 0 to 255, not {number!r}.")
            object.__setattr__(self, "code_page", number)
        else:
            raise ProfileError(f"Unknown printer encoding {self.encoding!r}; choose one of: {known}.")

    @property
    def double_byte(self) -> bool:
        return self.encoding in DOUBLE_BYTE_ENCODINGS

    @property
    def width_dots(self) -> int:
        return PAPER_DOTS[self.columns]

    @cached_property
    def escpos_profile(self) -> Any:
        """This profile's own copy of python-escpos profile data (theirs is shared and mutable)."""
        return private_profile(self.width_dots)
