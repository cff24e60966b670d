"""Weighing through a pseudo-terminal that answers the Mettler Toledo 8217 protocol."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hw_fakes import PtyDevice, refuse_seven_bit_even_parity

from pos_app.services.scale_reader import (
    ScaleBadLineSettings,
    ScaleBadReply,
    ScaleBadUrl,
    ScaleNotConfigured,
    ScaleProblem,
    ScaleReader,
    ScaleSilent,
    ScaleUnreachable,
    WeightBelowZero,
    WeightOverCapacity,
    WeightUnstable,
    WeightZero,
)

pytestmark = pytest.mark.timeout(60)
LINE = "?baudrate=9600&bytesize=7&parity=E"


@pytest.fixture
def scale():
    """`scale(reply)`: a reader on a pty that answers every ``W`` with ``reply`` (None: silence)."""
    made = []

    def make(reply: bytes | None) -> ScaleReader:
        made.append(PtyDevice(lambda chunk: reply if chunk == b"W" else None))
        return ScaleReader(f"serial://{made[-1].path}{LINE}", timeout=0.3)

    yield make
    for device in made:
        device.close()


def test_a_stable_weight_goes_on_the_ticket(cashier, scale):
    weight = scale(b"\x0201.250\r").read_weight()
    assert weight == Decimal("1.250") and str(weight) == "1.250"
    line = cashier.add_product("200001", weight).lines[-1]  # Fuji apples, 12.80 per kg
    assert (line.quantity, line.total) == (Decimal("1.250"), Decimal("16.00"))


@pytest.mark.parametrize(
    ("reply", "error", "code"),
    [
        (b"\x02?\x41\r", WeightUnstable, "scale.motion"),
        (b"\x0200.000\r", WeightZero, "scale.zero"),
        (b"\x02?\x44\r", WeightBelowZero, "scale.under_zero"),
        (b"\x02?\x42\r", WeightOverCapacity, "scale.over_capacity"),
        (b"\x0201.23\r", ScaleBadReply, "scale.bad_reply"),
        (b"\x02?\x48\r", ScaleProblem, "scale.error"),
        (None, ScaleSilent, "scale.no_answer"),
    ],
    ids=["motion", "zero", "under-zero", "over-capacity", "pounds", "outside-zero-range", "silent"],
)
def test_unusable_readings_are_refused_with_a_stable_code(scale, reply, error, code):
    with pytest.raises(error) as caught:
        scale(reply).read_weight()
    assert type(caught.value) is error and caught.value.code == code
    assert caught.value.params.get("detail")  # the technician's reason travels with the code


def test_refused_readings_leave_the_ticket_alone(cashier, scale):
    before = cashier.current()
    with pytest.raises(WeightUnstable):
        cashier.add_product("200001", scale(b"\x02?\x41\r").read_weight())
    assert cashier.current() == before


def test_setup_problems_say_what_to_fix(tmp_path):
    with pytest.raises(ScaleNotConfigured):
        ScaleReader("  ").read_weight()
    with pytest.raises(ScaleBadUrl) as bad:
        ScaleReader("tcp://10.0.0.5:4001").read_weight()
    assert "serial URL" in bad.value.message
    with pytest.raises(ScaleUnreachable) as gone:
        ScaleReader(f"serial://{tmp_path}/ttyUSB7").read_weight()
    assert "Cannot open serial port" in gone.value.message and "ttyUSB7" in gone.value.message


def test_the_scale_is_read_again_after_it_was_replugged(tmp_path):
    link = tmp_path / "ttySCALE"
    reader = ScaleReader(f"serial://{link}{LINE}", timeout=0.3)
    with pytest.raises(ScaleUnreachable):
        reader.read_weight()
    device = PtyDevice(lambda chunk: b"\x0202.500\r" if chunk == b"W" else None)
    try:
        link.symlink_to(device.path)
        assert reader.read_weight() == Decimal("2.500")
    finally:
        device.close()


@pytest.mark.parametrize(
    ("reply", "error", "code"),
    [
        (bytes.fromhex("023f010d"), WeightUnstable, "scale.motion"),
        (bytes.fromhex("023f040d"), WeightBelowZero, "scale.under_zero"),
        (bytes.fromhex("023f020d"), WeightOverCapacity, "scale.over_capacity"),
    ],
    ids=["motion", "under-zero", "over-capacity"],
)
def test_8217_status_replies_reach_the_cashier_as_their_own_message(scale, reply, error, code):
    with pytest.raises(error) as caught:
        scale(reply).read_weight()
    assert caught.value.code == code


def test_a_line_setting_the_port_refuses_names_the_setting(monkeypatch):
    refuse_seven_bit_even_parity(monkeypatch)
    device = PtyDevice(lambda chunk: b"\x0201.000\r")
    try:
        with pytest.raises(ScaleBadLineSettings) as refused:
            ScaleReader(f"serial://{device.path}{LINE}", timeout=0.3).read_weight()
        assert refused.value.code == "scale.bad_settings"
        assert "9600 baud 7E1" in refused.value.message and "Invalid argument" in refused.value.message
        assert ScaleReader(f"serial://{device.path}?baudrate=9600", timeout=0.3).read_weight() == Decimal("1.000")
    finally:
        device.close()
