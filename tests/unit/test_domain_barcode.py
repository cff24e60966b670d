from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import ean

from pos_app.domain.barcode import (
    DEFAULT_LAYOUTS,
    PRICE_13,
    SCALE_18,
    BarcodeClassifier,
    CheckDigit,
    CodeKindRegistry,
    GtinCode,
    MeasureKind,
    RegisteredCode,
    Span,
    VariableMeasureCode,
    VariableMeasureLayout,
    classify_gtin,
    make_ean13,
)
from pos_app.domain.errors import (
    BadCheckDigit,
    BadCodeLength,
    DuplicateCodeKind,
    EmptyCode,
    InvalidBarcodeLayout,
    UnknownCodeFormat,
)
from pos_app.domain.receipt_numbers import ReceiptNumber


@pytest.fixture
def classifier() -> BarcodeClassifier:
    return BarcodeClassifier()


@pytest.mark.parametrize(
    ("code", "fmt"),
    [
        ("6901234567892", "EAN-13"),  # Chinese GS1 prefix 690
        ("4006381333931", "EAN-13"),
        ("036000291452", "UPC-A"),
        ("96385074", "EAN-8"),
        ("73513537", "EAN-8"),
        ("10012345678902", "GTIN-14"),
        ("98412345678908", "GTIN-14"),
    ],
)
def test_valid_gtins(classifier, code, fmt):
    assert ean.is_valid(code)  # the vector itself is right
    result = classifier.classify(code)
    assert result == GtinCode(scanned=code, format=fmt)
    assert len(result.gtin14) == 14 and result.gtin14.endswith(code)


def test_upc_a_and_its_ean13_share_the_lookup_key(classifier):
    assert classifier.classify("036000291452").gtin14 == classifier.classify("0036000291452").gtin14


def test_scanner_whitespace_is_stripped(classifier):
    assert classifier.classify("  6901234567892\r\n").scanned == "6901234567892"


@pytest.mark.parametrize("code", ["6901234567891", "036000291453", "96385075", "10012345678901"])
def test_wrong_check_digit(classifier, code):
    with pytest.raises(BadCheckDigit) as info:
        classifier.classify(code)
    assert info.value.code == "barcode.bad_check_digit"
    assert info.value.params == {"code": code}


@pytest.mark.parametrize("code", ["1234567", "12345678901", "123456789012345", "1"])
def test_wrong_length(classifier, code):
    with pytest.raises(BadCodeLength) as info:
        classifier.classify(code)
    assert info.value.params["length"] == len(code)


@pytest.mark.parametrize("code", ["69012345678AB", "hello", "6901234-567892", "６９０１２３４５６７８９２"])
def test_letters_and_garbage(classifier, code):
    with pytest.raises(UnknownCodeFormat):
        classifier.classify(code)


@pytest.mark.parametrize("code", ["", "   ", "\r\n"])
def test_empty_scan(classifier, code):
    with pytest.raises(EmptyCode):
        classifier.classify(code)


def test_price_label_13(classifier):
    # 22 | PLU 00123 | price 01250 fen | check 0
    assert classifier.classify("2200123012500") == VariableMeasureCode(
        scanned="2200123012500", layout="price13", plu="00123", weight_kg=None, price=Decimal("12.50")
    )


def test_weight_label_13(classifier):
    # 23 | PLU 00456 | 00753 g | check 9
    result = classifier.classify("2300456007539")
    assert (result.layout, result.plu, result.weight_kg, result.price) == (
        "weight13",
        "00456",
        Decimal("0.753"),
        None,
    )


def test_scale_label_18(classifier):
    # 2 | PLU 00789 | 01234 g | 002469 fen | check 5
    result = classifier.classify("200789012340024695")
    assert (result.layout, result.plu, result.weight_kg, result.price) == (
        "scale18",
        "00789",
        Decimal("1.234"),
        Decimal("24.69"),
    )


@pytest.mark.parametrize("code", ["2200123012501", "2300456007538", "200789012340024694"])
def test_label_with_wrong_check_digit_is_an_error_not_a_gtin(classifier, code):
    with pytest.raises(BadCheckDigit):
        classifier.classify(code)


def test_other_in_store_prefix_is_an_ordinary_gtin(classifier):
    code = make_ean13("210012345678")
    assert isinstance(classifier.classify(code), GtinCode)


def test_layout_without_check_validation_accepts_any_last_digit():
    layout = VariableMeasureLayout(
        name="loose",
        prefixes=("28",),
        length=13,
        kind=MeasureKind.PRICE,
        plu=Span(2, 5),
        price=Span(7, 5),
        check_digit=CheckDigit.PRESENT,
    )
    result = BarcodeClassifier(layouts=(layout,)).classify("2812345009999")
    assert (result.plu, result.price) == ("12345", Decimal("9.99"))


def test_layout_from_and_to_dict_round_trip():
    for layout in DEFAULT_LAYOUTS:
        assert VariableMeasureLayout.from_dict(layout.to_dict()) == layout


@pytest.mark.parametrize(
    "change",
    [
        {"prefixes": []},
        {"prefixes": ["2a"]},
        {"length": 2},
        {"kind": "volume"},
        {"price": None},  # price kind without a price field
        {"weight": [7, 5]},  # price kind with a weight field
        {"price": [10, 5]},  # runs over the check digit
        {"price": [5, 5]},  # overlaps the PLU
        {"plu": [0, 5]},  # overlaps the prefix
        {"plu": None},
        {"price_decimals": 9},
        {"length": "thirteen"},
    ],
)
def test_invalid_layout_config(change):
    data = {**PRICE_13.to_dict(), **change}
    with pytest.raises(InvalidBarcodeLayout) as info:
        VariableMeasureLayout.from_dict(data)
    assert info.value.params["name"] == "price13"


def test_make_ean13():
    assert make_ean13("690123456789") == "6901234567892"
    with pytest.raises(BadCodeLength):
        make_ean13("69012345678")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_make_ean13_always_classifies_as_ean13(body):
    code = make_ean13(body)
    if not code.startswith(("22", "23")):
        assert classify_gtin(code).format == "EAN-13"


@given(st.text(alphabet="0123456789", min_size=13, max_size=13), st.integers(1, 9))
def test_any_single_digit_error_in_the_check_digit_is_caught(code, delta):
    good = make_ean13(code[:12])
    bad = good[:12] + str((int(good[12]) + delta) % 10)
    with pytest.raises(BadCheckDigit):
        classify_gtin(bad)


@given(st.integers(0, 99999), st.integers(0, 99999), st.integers(0, 999999))
def test_scale18_round_trips_the_printed_values(plu, grams, fen):
    body = f"2{plu:05d}{grams:05d}{fen:06d}"
    result = SCALE_18.parse(body + ean.calc_check_digit(body))
    assert result.plu == f"{plu:05d}"
    assert result.weight_kg == Decimal(grams) / 1000
    assert result.price == Decimal(fen) / 100


# --- registered kinds ---------------------------------------------------------------------------


def _pickup(code: str):
    if code.startswith("O2OPU:"):
        order_no, secret = code.split(":")[1:3]
        return {"order_no": order_no, "code": secret}
    return None


def _receipt(code: str):
    try:
        return ReceiptNumber.parse(code)
    except Exception:
        return None


def _bare_pickup(code: str):
    return code if len(code) == 6 and code.isdigit() else None


def test_registered_kinds_come_first_in_registration_order():
    registry = CodeKindRegistry()
    registry.register("pickup", _pickup)
    registry.register("receipt", _receipt)
    registry.register("pickup_code", _bare_pickup, contexts={"pickup"})
    classifier = BarcodeClassifier(registry=registry)
    assert registry.names == ("pickup", "receipt", "pickup_code")
    assert classifier.classify("O2OPU:SO123:482913") == RegisteredCode(
        kind="pickup", value="O2OPU:SO123:482913", parsed={"order_no": "SO123", "code": "482913"}
    )
    assert classifier.classify("SH001-T01-000123").parsed == ReceiptNumber("SH001", "T01", 123)
    # a bare 6-digit code only means "pickup code" on the pickup screen
    assert classifier.classify("482913", context="pickup").kind == "pickup_code"
    with pytest.raises(BadCodeLength):
        classifier.classify("482913")
    assert isinstance(classifier.classify("6901234567892"), GtinCode)


def test_registry_refuses_duplicate_kind():
    registry = CodeKindRegistry()
    registry.register("member", lambda code: None)
    with pytest.raises(DuplicateCodeKind):
        registry.register("member", lambda code: None)
