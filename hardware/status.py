"""Printer status from real DLE EOT answers; anything not clearly answered is UNKNOWN.

Each DLE EOT n answer is one byte whose bits 0, 1, 4 and 7 are fixed (0, 1, 1, 0); a byte
that breaks this is garbage. We never report "OK" without four valid answers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

_FIXED_MASK, _FIXED_VALUE = 0x93, 0x12
QUERIES = (1, 2, 3, 4)


class PrinterState(enum.Enum):
    """The level of a printer's status answer. The till's status bar shows the print service's
    `pos_app.services.print_types.PrinterState`, which adds the role and its queue to this."""

    OK = "ok"
    WARNING = "warning"  # prints, but needs attention soon (paper nearly out)
    ERROR = "error"  # will not print: offline, cover open, paper out, error
    UNKNOWN = "unknown"  # no answer or unreadable answer


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    message: str
    online: bool | None = None
    cover_open: bool | None = None
    paper_near_end: bool | None = None
    paper_out: bool | None = None
    error: bool | None = None
    drawer_signal_high: bool | None = None
    """Level of drawer connector pin 3 (DLE EOT 1 bit 2); its meaning depends on the drawer."""
    lost: bool = False
    """UNKNOWN because the connection dropped or stalled while asking, not because nobody answered."""

    @property
    def can_print(self) -> bool:
        return self.state in (PrinterState.OK, PrinterState.WARNING)

    @classmethod
    def unknown(cls, reason: str, lost: bool = False) -> PrinterStatus:
        return cls(PrinterState.UNKNOWN, reason, lost=lost)


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_VALUE


def parse_status(answers: dict[int, bytes]) -> PrinterStatus:
    """Turn the answers to DLE EOT 1..4 into a status; missing or invalid answers -> UNKNOWN."""
    values = {}
    for n in QUERIES:
        answer = answers.get(n, b"")
        if len(answer) != 1:
            what = "no answer" if not answer else f"{len(answer)} bytes {answer[:8]!r}"
            return PrinterStatus.unknown(f"Printer status unknown: {what} to status query DLE EOT {n}.")
        if not is_status_byte(answer[0]):
            return PrinterStatus.unknown(
                f"Printer status unknown: it answered 0x{answer[0]:02X} to DLE EOT {n}, which is not a "
                "status byte (wrong port, wrong baud rate or not an ESC/POS printer?)."
            )
        values[n] = answer[0]
    printer, offline, errors, paper = values[1], values[2], values[3], values[4]
    online = not printer & 0x08
    cover_open = bool(offline & 0x04)
    paper_out = bool(offline & 0x20) or bool(paper & 0x60)
    error = bool(offline & 0x40) or bool(errors & 0x6C)
    near_end = bool(paper & 0x0C)
    problems = [
        text
        for flag, text in (
            (paper_out, "out of paper"),
            (cover_open, "cover open"),
            (error, "printer error (cutter jam or mechanism; check and restart the printer)"),
            (not online, "offline"),
        )
        if flag
    ]
    if problems:
        state, message = PrinterState.ERROR, "Printer cannot print: " + ", ".join(problems) + "."
    elif near_end:
        state, message = PrinterState.WARNING, "Printer ready; paper nearly out, load a new roll soon."
    else:
        state, message = PrinterState.OK, "Printer ready."
    return PrinterStatus(state, message, online, cover_open, near_end, paper_out, error, bool(printer & 0x04))
