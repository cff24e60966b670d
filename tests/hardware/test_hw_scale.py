from decimal import Decimal

import pytest

from hardware.errors import (
    ScaleError,
    ScaleMalformedReply,
    ScaleMotion,
    ScaleNoAnswer,
    ScaleOverCapacity,
    ScaleUnderZero,
)
from hardware.scale import Scale8217

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast


def scale_answering(pty_factory, reply: bytes | None) -> Scale8217:
    device = pty_factory(lambda chunk: reply if chunk == b"W" else None)
    return Scale8217(f"serial://{device.path}?baudrate=9600&bytesize=7&parity=E", timeout=0.3)


@pytest.mark.parametrize(
    ("reply", "kg"),
    [
        (b"\x0201.234\r", "1.234"),
        (b"\x0200.050N\r", "0.050"),
        (b"\x02015.000\r", "15.000"),
        (b"\x82\xb01.234\x8d", "1.234"),
    ],
    ids=["kg", "net", "three-digit", "parity-bits-set"],
)
def test_stable_weight_is_decimal_kg(pty_factory, reply, kg):
    weight = scale_answering(pty_factory, reply).read_weight()
    assert isinstance(weight, Decimal) and weight == Decimal(kg) and str(weight) == kg


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [
        (0x41, ScaleMotion, "not stable"),
        (0x42, ScaleOverCapacity, "over the scale's capacity"),
        (0x44, ScaleUnderZero, "below zero"),
        (0x48, ScaleError, "outside its zero range"),
        (0x50, ScaleError, "status 0x50 without a weight"),
    ],
    ids=["motion", "over-capacity", "under-zero", "zero-range", "other"],
)
def test_status_replies_raise_specific_errors(pty_factory, status, error, message):
    with pytest.raises(error, match=message):
        scale_answering(pty_factory, b"\x02?" + bytes((status,)) + b"\r").read_weight()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"\x02hello\r", "not an 8217 weight or status reply"),
        (b"\x0201.2", "not an 8217 weight or status reply"),
        (b"\x0201.23\r", "answers in pounds"),
    ],
    ids=["garbage", "truncated", "pounds"],
)
def test_malformed_replies(pty_factory, reply, message):
    with pytest.raises(ScaleMalformedReply, match=message):
        scale_answering(pty_factory, reply).read_weight()


@pytest.mark.parametrize(
    ("reply", "error", "message"),
    [
        (bytes.fromhex("023f010d"), ScaleMotion, "not stable"),
        (bytes.fromhex("023f040d"), ScaleUnderZero, "below zero"),
        (bytes.fromhex("023f020d"), ScaleOverCapacity, "over the scale's capacity"),
        (bytes.fromhex("02203f030d"), ScaleOverCapacity, "over the scale's capacity"),
        (bytes.fromhex("023f310d"), ScaleMotion, "not stable"),
    ],
    ids=["motion", "under-zero", "over-capacity", "space-and-moving-over-capacity", "net-centre-moving"],
)
def test_status_bytes_without_bit_6_are_decoded_per_the_8217_protocol(pty_factory, reply, error, message):
    """The replies real 8217 scales send (bit 6 clear), as Odoo's 8217 driver decodes them."""
    with pytest.raises(error, match=message):
        scale_answering(pty_factory, reply).read_weight()


def test_no_answer(pty_factory):
    with pytest.raises(ScaleNoAnswer, match=r"did not answer within 0.3 s"):
        scale_answering(pty_factory, None).read_weight()
