"""Product search as a cashier types it: barcode, SKU, PLU, Chinese 1/2/3+ chars, Latin, pinyin."""

from __future__ import annotations

import pytest

from pos_app.services.demo_catalog import gtin13
from pos_app.store.records import ProductInput


def names(app, query, limit=50):
    return [h.name for h in app.catalog.search(query, limit)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("鱼", "鲈鱼"),  # 1 Chinese character: product_fts_keys path
        ("可乐", "百事可乐 500ml"),  # 2 characters
        ("可口可乐", "可口可乐 330ml"),  # 3+: FTS5 trigram
        ("特仑苏", "蒙牛 特仑苏 250ml×12"),
        ("kkkl", "可口可乐 330ml"),  # pinyin initials, the cashier's habit
        ("KKKL", "可口可乐 330ml"),
        ("hf", "红富士苹果"),  # 2 initials
        ("Coca", "可口可乐 330ml"),  # Latin, case-insensitive
        ("greek yog", "安慕希 希腊酸奶 205g"),
        ("100016", "乐事 原味薯片 70g"),  # SKU
        ("10004", "巨峰葡萄"),  # PLU of a weighed item
    ],
)
def test_search_finds(app, query, expected):
    assert expected in names(app, query)


def test_barcode_search_returns_exactly_that_product(app):
    assert names(app, gtin13("690000000011")) == ["伊利 纯牛奶 250ml"]
    assert names(app, "0" + gtin13("690000000011")) == ["伊利 纯牛奶 250ml"]  # GTIN-14 form


def test_exact_matches_come_first(app):
    assert names(app, "10001")[0] == "红富士苹果"  # PLU before SKU prefixes


def test_two_chinese_characters_must_be_adjacent(app):
    assert "可口可乐 330ml" not in names(app, "乐可")


def test_inactive_products_are_not_found(app):
    with app.db.uow() as uow:
        uow.catalog.deactivate("100001")
        uow.commit()
    assert "可口可乐 330ml" not in names(app, "可口可乐")
    assert "可口可乐 330ml" not in names(app, "kkkl")
    assert names(app, gtin13("690000000001")) == []


def test_renamed_product_is_found_by_new_name_only(app):
    with app.db.uow() as uow:
        uow.catalog.upsert(ProductInput(sku="100001", name="零度可乐 330ml", name_en="Coke Zero 330ml",
                                        tax_class="VAT13", price_fen=350, gtins=(gtin13("690000000001"),)))
        uow.commit()
    assert "零度可乐 330ml" in names(app, "零度")
    assert "零度可乐 330ml" in names(app, "ldkl")
    assert names(app, "可口可乐") == []


@pytest.mark.parametrize("query", ["", "   ", "%", "_", '"', "'; DROP TABLE products; --", "*", "\\"])
def test_odd_input_finds_nothing_and_does_not_fail(app, query):
    assert names(app, query) == []


def test_limit_is_respected(app):
    assert len(names(app, "#", limit=7)) <= 7
    assert len(names(app, "Daily", limit=7)) == 7 or len(names(app, "Daily", limit=50)) < 7


def test_fts_operators_are_plain_text(app):
    """"AND" is a substring of "Mandarins", not an FTS5 operator."""
    assert names(app, "AND") == ["砂糖橘"]


@pytest.mark.parametrize(("query", "name"), [("sp", "乐事 原味薯片 70g"), ("nn", "伊利 纯牛奶 250ml"),
                                             ("cn", "伊利 纯牛奶 250ml")])
def test_two_initials_match_from_any_character_start(app, query, name):
    assert name in names(app, query)


def test_initials_that_start_the_name_come_first(app):
    found = names(app, "yl")
    prefix = [n for n in found if n.startswith("伊利")]
    assert prefix and found[:len(prefix)] == prefix  # 伊利… before names with 'yl' inside


def test_initial_pairs_follow_a_rename(app):
    with app.db.uow() as uow:
        uow.catalog.upsert(ProductInput(sku="100016", name="乐事 黄瓜味 70g", name_en="Lay's Cucumber 70g",
                                        tax_class="VAT13", price_fen=750, gtins=("690000000016",)))
        uow.commit()
    assert "乐事 黄瓜味 70g" not in names(app, "sp")
    assert "乐事 黄瓜味 70g" in names(app, "hg")
