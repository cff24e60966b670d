import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.errors import InvalidReceiptNumber
from pos_app.domain.receipt_numbers import ReceiptNumber, format_receipt_number, parse_receipt_number

codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=16)


def test_format_and_parse():
    assert format_receipt_number("SH001", "T01", 123) == "SH001-T01-000123"
    assert parse_receipt_number("SH001-T01-000123") == ReceiptNumber("SH001", "T01", 123)
    assert parse_receipt_number(" sh001-t01-000123\n") == ReceiptNumber("SH001", "T01", 123)
    assert str(ReceiptNumber("S", "T", 1234567)) == "S-T-1234567"  # grows, never wraps
    assert ReceiptNumber("S", "T", 999999).next() == ReceiptNumber("S", "T", 1000000)


@pytest.mark.parametrize(
    "text",
    ["", "SH001-T01", "SH001-T01-123", "SH-001-T01-000123", "SH001-T01-00012A", "SH001-T01-000000", 123],
)
def test_parse_refuses(text):
    with pytest.raises(InvalidReceiptNumber):
        parse_receipt_number(text)


@pytest.mark.parametrize(
    ("store", "till", "seq"), [("", "T1", 1), ("S-1", "T1", 1), ("S", "T", 0), ("s", "T", 1)]
)
def test_construct_refuses(store, till, seq):
    with pytest.raises(InvalidReceiptNumber):
        ReceiptNumber(store, till, seq)


@given(codes, codes, st.integers(1, 10**9))
def test_round_trip(store, till, sequence):
    number = ReceiptNumber(store, till, sequence)
    assert ReceiptNumber.parse(str(number)) == number
