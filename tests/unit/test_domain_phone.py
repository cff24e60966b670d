"""One phone mask for logs, screens, receipts and command output: every common Chinese format."""

from __future__ import annotations

import pytest

from pos_app import logging_setup
from pos_app.domain.phone import mask_phone
from pos_app.services import pickup_views, sync_service

FORMATS = [
    "13812345678", "+8613812345678", "8613812345678", "008613812345678", "+86 138 1234 5678",
    "+86-138-1234-5678", "86 138-1234-5678", "(+86) 13812345678", "(86)138 1234 5678",
    "138 1234 5678", "138-1234-5678", "+86\u00a0138\u00a01234\u00a05678", "138\u30001234\u30005678",
]


@pytest.mark.parametrize("number", FORMATS)
def test_every_way_of_writing_a_mobile_number_is_masked(number: str) -> None:
    assert mask_phone(number) == "138****5678"


@pytest.mark.parametrize("number", FORMATS)
def test_a_number_inside_longer_text_is_masked(number: str) -> None:
    for text in (f"customer {number} called", f"电话：{number}，谢谢", f"tel={number}", f"[{number}]"):
        masked = mask_phone(text)
        assert "1234" not in masked and "138****5678" in masked, (text, masked)


@pytest.mark.parametrize(("text", "masked"), [
    ("021-61234567", "021****4567"), ("0755 8123 4567", "075****4567"), ("(010) 6123-4567", "010****4567"),
    ("a: 13812345678, b: +86 139 8765 4321", "a: 138****5678, b: 139****4321"),
])
def test_landlines_and_several_numbers(text: str, masked: str) -> None:
    assert mask_phone(text) == masked


@pytest.mark.parametrize("text", [
    "receipt S001-T01-000123", "GTIN 6900000000014 and 06901234567892", "UPC 012345678905",
    "total 13812.34", "order PU10011234", "2026-11-23T08:00:00+00:00", "sku 10000123456789",
])
def test_other_numbers_are_left_alone(text: str) -> None:
    assert mask_phone(text) == text


def test_logs_screens_and_pickup_use_the_same_function() -> None:
    assert logging_setup.mask_phone is pickup_views.mask_phone is sync_service.mask_phone is mask_phone
    assert "138****5678" in logging_setup.redact("push refused: phone +86 138-1234-5678 invalid")
