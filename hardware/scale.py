"""Mettler Toledo 8217 scale protocol (as implemented by checkout scanner-scales and scales).

The host sends ``W``; a stable weight comes back as ``STX WW.WWW CR`` (kg, 3 decimals; an
``N`` before CR marks a net weight), anything else as ``STX ? status CR``. The status byte,
as Odoo's published 8217 driver (``hw_scale`` / ``SerialScaleDriver``) and the 8217 manual
decode it: bit 0 motion, bit 1 over capacity, bit 2 under zero, bit 3 outside zero capture
range, bit 4 centre of zero, bit 5 net weight. Bits 6 and 7 carry no meaning here (scales
differ: some set bit 6 to keep the byte printable, bit 7 is parity on 7-bit lines), so a
status byte is never refused for them. Usual line settings: 9600 baud, 7 data bits, even
parity (``?baudrate=9600&bytesize=7&parity=E``). Pound replies (``WW.WW``) are refused:
weights are kg only.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hardware.errors import (
    ScaleError,
    ScaleMalformedReply,
    ScaleMotion,
    ScaleNoAnswer,
    ScaleOverCapacity,
    ScaleUnderZero,
    SerialDeviceError,
)
from hardware.serialport import SERIAL_FAILURES, open_serial, serial_url
from hardware.urls import SerialURL

STX, CR = b"\x02", b"\r"
_KG = re.compile(rb"\x02(\d{2,3}\.\d{3})N?\r")
_LB = re.compile(rb"\x02\d{2,3}\.\d{2}N?\r")
_STATUS = re.compile(rb"\x02\s*\?(.)\r", re.DOTALL)
MOTION, OVER_CAPACITY, UNDER_ZERO, OUTSIDE_ZERO_RANGE = 0x01, 0x02, 0x04, 0x08
GRAM = Decimal("0.001")


def parse_reply(reply: bytes) -> Decimal:
    """Weight in kg from one reply (parity bits stripped), or the matching `ScaleError`."""
    reply = bytes(b & 0x7F for b in reply)
    if match := _KG.fullmatch(reply):
        return Decimal(match.group(1).decode("ascii")).quantize(GRAM)
    if _LB.fullmatch(reply):
        raise ScaleMalformedReply(f"The scale answers in pounds ({reply!r}); set it to kilograms.")
    match = _STATUS.fullmatch(reply)
    if not match:
        raise ScaleMalformedReply(
            f"The scale answered {reply!r}, which is not an 8217 weight or status reply; check the "
            "scale's protocol setting (8217) and the baud rate, data bits and parity."
        )
    status = match.group(1)[0]
    if status & OVER_CAPACITY:  # the goods must come off first, moving or not
        raise ScaleOverCapacity("The load is over the scale's capacity; take it off.")
    if status & UNDER_ZERO:
        raise ScaleUnderZero("The scale reads below zero; clear the platter and zero the scale.")
    if status & MOTION:
        raise ScaleMotion("The weight is not stable yet; wait until the goods lie still.")
    if status & OUTSIDE_ZERO_RANGE:
        raise ScaleError("The scale is outside its zero range; clear the platter and zero the scale.")
    raise ScaleError(f"The scale reported status 0x{status:02X} without a weight; try again.")


class Scale8217:
    def __init__(self, url: str | SerialURL, timeout: float = 1.0) -> None:
        self._url = serial_url(url, "scale")
        self.timeout = timeout
        self._port = open_serial(self._url, timeout, what="scale")

    def read_weight(self) -> Decimal:
        """Ask for the weight; Decimal kg with 3 decimals, or a `ScaleError` subclass."""
        try:
            self._port.reset_input_buffer()
            self._port.write(b"W")
            self._port.flush()
            reply = self._port.read_until(CR, size=32)
        except SERIAL_FAILURES as exc:
            raise SerialDeviceError(f"Cannot talk to the scale on {self._url.port}: {exc}.") from None
        if not reply:
            raise ScaleNoAnswer(
                f"The scale on {self._url.port} did not answer within {self.timeout:g} s; check that it is "
                "on, the cable, and the baud rate."
            )
        return parse_reply(reply)

    def close(self) -> None:
        self._port.close()
