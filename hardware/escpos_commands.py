"""The raw ESC/POS commands we build ourselves (text modes, status, drawer pulse)."""

from __future__ import annotations

from hardware.errors import DocumentError

ESC, GS, FS, DLE, EOT, DC4 = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04", b"\x14"
INIT = ESC + b"@"
KANJI_ON = FS + b"&"
KANJI_OFF = FS + b"."
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
LF = b"\n"


def select_code_page(number: int) -> bytes:
    """ESC t n: the single-byte character table for Latin-only printers."""
    return ESC + b"t" + bytes((number,))


def bold(on: bool) -> bytes:
    return ESC + b"E" + (b"\x01" if on else b"\x00")


def char_size(double_width: bool, double_height: bool) -> bytes:
    """GS ! n: applies to both single-byte and Kanji characters."""
    return GS + b"!" + bytes(((0x10 if double_width else 0) | (0x01 if double_height else 0),))


def feed(lines: int) -> bytes:
    return ESC + b"d" + bytes((lines,))


def status_query(n: int) -> bytes:
    """DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 paper sensor)."""
    return DLE + EOT + bytes((n,))


def drawer_kick(pin: int = 2, on_ms: int = 100, off_ms: int = 100) -> bytes:
    """ESC p m t1 t2: pulse the drawer connector; pulse times are in 2 ms units (2..510 ms)."""
    if pin not in (2, 5):
        raise DocumentError(f"Drawer kick pin must be 2 or 5 (the drawer connector pin), not {pin!r}.")
    for name, ms in (("on_ms", on_ms), ("off_ms", off_ms)):
        if not isinstance(ms, int) or isinstance(ms, bool) or not 2 <= ms <= 510:
            raise DocumentError(
                f"Drawer pulse {name} must be a whole number of milliseconds from 2 to 510, not {ms!r}."
            )
    return ESC + b"p" + bytes((0 if pin == 2 else 1, on_ms // 2, off_ms // 2))


def realtime_drawer_pulse(pin: int = 2, on_ms: int = 100) -> bytes:
    """DLE DC4 1 m t: pulse the drawer NOW (t x 100 ms on and off, t = 1..8).

    A real-time command is executed when it arrives, ahead of anything waiting in the printer's
    buffer, and is never kept for later: unlike ESC p it cannot open the drawer minutes later,
    when a fault (cover open, paper out) is cleared."""
    drawer_kick(pin, max(2, min(on_ms, 510)), 2)  # the same pin check and message
    return DLE + DC4 + bytes((1, 0 if pin == 2 else 1, max(1, min(8, round(on_ms / 100)))))
