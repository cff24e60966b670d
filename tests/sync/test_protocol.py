"""The wire models reject malformed payloads whole, with a message naming the field."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError
from sync_platform_proc import product, sale

from sync import pickup_codes
from sync.protocol import (
    CatalogPage,
    Coupon,
    PickupEvent,
    PickupOrder,
    PlatformKey,
    Product,
    Sale,
    StockPage,
)


def page(*items: dict, has_more: bool = False) -> str:
    return json.dumps({"items": list(items), "next_cursor": "djE", "has_more": has_more})


def test_valid_page_with_live_item_and_tombstone() -> None:
    parsed = CatalogPage.model_validate_json(
        page({"key": "SKU000001", "deleted": False, "data": product(1)}, {"key": "X", "deleted": True, "data": None})
    )
    assert [i.key for i in parsed.items] == ["SKU000001", "X"]
    assert parsed.items[0].data == Product.model_validate(product(1))
    assert parsed.items[1].data is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"price_fen": "100"}, "price_fen"),  # money as a string
        ({"price_fen": 1.5}, "price_fen"),  # money as a float
        ({"price_fen": -1}, "price_fen"),
        ({"active": "yes"}, "active"),
        ({"unit": "box"}, "unit"),
        ({"gtins": ["12ab"]}, "gtins"),
        ({"sold_by_weight": True}, "sold_by_weight must be true exactly when unit is 'kg'"),
        ({"surprise": 1}, "surprise"),
        ({"name": ""}, "name"),
    ],
)
def test_one_bad_product_rejects_the_whole_page(change: dict, field: str) -> None:
    good = {"key": "SKU000001", "deleted": False, "data": product(1)}
    bad = {"key": "SKU000002", "deleted": False, "data": {**product(2), **change}}
    with pytest.raises(ValidationError) as err:
        CatalogPage.model_validate_json(page(good, bad))
    assert field in str(err.value)


def test_tombstone_rules() -> None:
    with pytest.raises(ValidationError, match="tombstone"):
        CatalogPage.model_validate_json(page({"key": "SKU000001", "deleted": True, "data": product(1)}))
    with pytest.raises(ValidationError, match="needs data"):
        CatalogPage.model_validate_json(page({"key": "SKU000001", "deleted": False, "data": None}))
    with pytest.raises(ValidationError, match="differs from its data's key"):
        CatalogPage.model_validate_json(page({"key": "OTHER", "deleted": False, "data": product(1)}))


def test_broken_json_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="json_invalid|Invalid JSON"):
        CatalogPage.model_validate_json('{"items": [')


@pytest.mark.parametrize("quantity", ["1.5", "-3", "0.125", "12"])
def test_stock_quantities_are_decimal_strings(quantity: str) -> None:
    item = {"key": "A", "deleted": False, "data": {"sku": "A", "quantity": quantity, "as_of": "2026-01-01T00:00:00Z"}}
    assert StockPage.model_validate_json(page(item)).items[0].data.quantity == quantity


@pytest.mark.parametrize("quantity", [1.5, "1.2345", "1e3", " 1", "01"])
def test_bad_quantities_are_rejected(quantity: object) -> None:
    item = {"key": "A", "deleted": False, "data": {"sku": "A", "quantity": quantity, "as_of": "2026-01-01T00:00:00Z"}}
    with pytest.raises(ValidationError, match="quantity"):
        StockPage.model_validate_json(page(item))


def test_naive_timestamps_are_rejected() -> None:
    item = {"key": "A", "deleted": False, "data": {"sku": "A", "quantity": "1", "as_of": "2026-01-01T00:00:00"}}
    with pytest.raises(ValidationError, match="timezone"):
        StockPage.model_validate_json(page(item))


def test_sale_totals_must_add_up() -> None:
    assert Sale.model_validate(sale(1)).total_fen == 300
    with pytest.raises(ValidationError, match="total_fen 301"):
        Sale.model_validate({**sale(1), "total_fen": 301})
    bad_tender = {**sale(1), "tenders": [{"kind": "cash", "amount_fen": 200, "reference": ""}]}
    with pytest.raises(ValidationError, match="tenders add up to 200"):
        Sale.model_validate(bad_tender)
    with pytest.raises(ValidationError, match="sale_id"):
        Sale.model_validate({**sale(1), "sale_id": "not-a-uuid"})


def test_cash_rounding_is_part_of_the_total() -> None:
    rounded = {**sale(1), "rounding_fen": -5, "total_fen": 295,
               "tenders": [{"kind": "cash", "amount_fen": 295, "reference": ""}]}
    assert Sale.model_validate(rounded).total_fen == 295


def test_coupon_kind_rules() -> None:
    base = {"code": "C1", "kind": "amount_off", "value_fen": 500, "percent_off": 0, "min_spend_fen": 0,
            "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2026-02-01T00:00:00Z", "active": True}
    assert Coupon.model_validate(base).value_fen == 500
    with pytest.raises(ValidationError, match="percent_off coupon"):
        Coupon.model_validate({**base, "kind": "percent_off"})
    with pytest.raises(ValidationError, match="valid_to must be after"):
        Coupon.model_validate({**base, "valid_to": "2025-01-01T00:00:00Z"})


def _pickup_order(**fields) -> dict:
    return {
        "order_id": "o1", "order_no": "PU1", "customer_name": "陈静", "customer_phone": "13900139001",
        "status": "ready", "payment": "paid_online", "pickup_deadline": "2026-01-01T10:00:00Z", "notes": "",
        "lines": [{"line_id": "L1", "sku": "A", "name": "苹果", "quantity": "0.500", "unit": "kg", "price_fen": 1298}],
        **fields,
    }


def test_pickup_code_is_checked_against_a_costly_argon2id_hash() -> None:
    order = PickupOrder.model_validate(_pickup_order(pickup_code_argon2=pickup_codes.code_hash("123456")))
    assert order.pickup_code_argon2.startswith("$argon2id$v=19$m=19456,t=2,")
    assert order.code_matches("123456")
    assert not order.code_matches("123457")
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("123456")
    sha = "0" * 64  # what the contract carried before: a salted SHA-256, a second to crack
    for weak in (cheap, sha, "$argon2i$" + cheap[len("$argon2id$"):]):
        with pytest.raises(ValidationError):
            PickupOrder.model_validate(_pickup_order(pickup_code_argon2=weak))


def test_pickup_qr_token_is_verified_with_the_public_key_only() -> None:
    key = Ed25519PrivateKey.generate()
    public = {"k1": pickup_codes.public_key_text(key)}
    token = pickup_codes.sign_pickup_token(key, "k1", "S001", "o1", "PU1")
    assert pickup_codes.verify_pickup_token(public, token, "S001", "o1", "PU1")
    for store, order_id, order_no in (("S002", "o1", "PU1"), ("S001", "o2", "PU1"), ("S001", "o1", "PU2")):
        assert not pickup_codes.verify_pickup_token(public, token, store, order_id, order_no)
    forged = pickup_codes.sign_pickup_token(Ed25519PrivateKey.generate(), "k1", "S001", "o1", "PU1")
    assert not pickup_codes.verify_pickup_token(public, forged, "S001", "o1", "PU1")
    assert not pickup_codes.verify_pickup_token(public, token.replace("k1.", "k9."), "S001", "o1", "PU1")
    assert not pickup_codes.verify_pickup_token(public, "k1.short", "S001", "o1", "PU1")
    assert PlatformKey(key_id="k1", purpose="pickup_qr", algorithm="ed25519", public_key=public["k1"])
    for bad in ("A" * 44, "!" * 44):  # 33 bytes; not base64: only raw 32-byte keys are keys
        with pytest.raises(ValidationError):
            PlatformKey(key_id="k1", purpose="pickup_qr", algorithm="ed25519", public_key=bad)


def test_pickup_event_lines_only_when_handed_over() -> None:
    base = {"event_id": "a" * 32, "order_id": "o1", "store_id": "S001", "status": "collected", "lines": [],
            "at": "2026-01-01T10:00:00Z", "till_id": "T01", "user_id": "U1"}
    with pytest.raises(ValidationError, match="needs the handed-over lines"):
        PickupEvent.model_validate(base)
    with pytest.raises(ValidationError, match="takes no lines"):
        PickupEvent.model_validate({**base, "status": "ready", "lines": [{"line_id": "L1", "quantity": "1"}]})
