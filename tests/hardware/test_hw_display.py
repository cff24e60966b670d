from decimal import Decimal

import pytest
from hw_fakes import wait_until

from hardware.display import PoleDisplay, fit, latin
from hardware.errors import DeviceURLError, DisplayError

pytestmark = pytest.mark.timeout(30)  # real devices: a hang fails fast


def opened(pty_factory, **options):
    device = pty_factory()
    display = PoleDisplay(f"serial://{device.path}?baudrate=9600", **options)
    assert wait_until(lambda: device.received == b"\x1b@")
    device.received.clear()
    return device, display


def test_cd5220_item_line_and_right_aligned_price(pty_factory):
    device, display = opened(pty_factory, command_set="cd5220")
    display.item("Cola 330ml", Decimal("3.5"))
    expected = b"\x1bQACola 330ml          \r\x1bQB             RMB3.50\r"
    assert wait_until(lambda: device.received == expected)
    display.close()


def test_epson_total_and_change_use_cursor_moves(pty_factory):
    device, display = opened(pty_factory, command_set="epson")
    display.total(Decimal("21.50"))
    display.change(Decimal("28.5"))
    expected = (
        b"\x1f$\x01\x01TOTAL               \x1f$\x01\x02            RMB21.50"
        b"\x1f$\x01\x01CHANGE              \x1f$\x01\x02            RMB28.50"
    )
    assert wait_until(lambda: device.received == expected)
    display.close()


def test_chinese_display_gets_gb18030_and_counts_two_positions_per_character(pty_factory):
    labels = {"total": "合计", "welcome": "欢迎光临", "thanks": "谢谢惠顾"}
    device, display = opened(pty_factory, command_set="cd5220", encoding="gb18030", labels=labels)
    display.item("有机富士苹果特级山东烟台", Decimal("16"))
    display.welcome()
    line1 = "有机富士苹果特级山东".encode("gb18030")  # 10 characters = 20 positions, the rest is cut
    expected = (
        b"\x1bQA"
        + line1
        + b"\r\x1bQB"
        + b" " * 13
        + "￥16.00".encode("gb18030")
        + b"\r"
        + b"\x1bQA"
        + "欢迎光临".encode("gb18030")
        + b" " * 12
        + b"\r\x1bQB"
        + b" " * 20
        + b"\r"
    )
    assert wait_until(lambda: device.received == expected)
    display.close()


def test_latin_display_uses_the_callers_fallback_or_ascii(pty_factory):
    device, display = opened(pty_factory, command_set="cd5220")
    display.item("可口可乐", Decimal("3.50"), fallback_name="KEKOUKELE")
    display.thank_you("Merci, à bientôt ¥")
    display.welcome("欢迎")
    assert wait_until(lambda: device.received.count(b"\r") == 6)
    assert b"KEKOUKELE" in device.received
    assert b"Merci, a bientot RMB" in device.received
    assert b"\x1bQA??" in device.received
    display.close()


def test_fit_never_splits_a_wide_character():
    assert fit("苹果汁", 5, True) == "苹果 "
    assert fit("12.50", 8, False, "right") == "   12.50"
    assert latin("￥5 café") == "RMB5 cafe"


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"command_set": "vfd9000"}, DisplayError, "cd5220 or epson"),
        ({"encoding": "big5"}, DisplayError, "gb18030, gbk or None"),
        ({"labels": {"totl": "X"}}, DisplayError, "Unknown display labels ['totl']"),
    ],
)
def test_bad_display_settings(options, error, message):
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        PoleDisplay("serial+loop://", **options)


def test_float_amounts_are_refused(pty_factory):
    _, display = opened(pty_factory)
    with pytest.raises(DisplayError, match="must be Decimal yuan, not float"):
        display.total(21.5)
    display.close()


def test_display_needs_a_serial_url():
    with pytest.raises(DeviceURLError, match="serial URL"):
        PoleDisplay("tcp://127.0.0.1:9100")
