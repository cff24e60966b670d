"""Demo data: a small catalog (or the till's own), stock, members, coupons, pickup orders."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from sync.protocol import (
    CategoryInfo,
    Coupon,
    Member,
    PickupOrderLine,
    Product,
    StockLevel,
    StoreProfile,
    TaxClassInfo,
)
from sync.reference_platform import db
from sync.reference_platform.admin import (
    CreatedPickupOrder,
    NewPickupOrder,
    create_pickup_order,
    upsert_products,
)


def _p(sku: str, gtin: str, name: str, name_en: str, cat: tuple[str, str, str], price: int,
       member: int | None = None, tax: str = "VAT13", kg: bool = False) -> Product:
    return Product(
        sku=sku, gtins=[gtin] if gtin else [], name=name, name_en=name_en, category_code=cat[0],
        category_name=cat[1], category_name_en=cat[2], unit="kg" if kg else "pcs", sold_by_weight=kg,
        tax_class=tax, price_fen=price, member_price_fen=member, active=True,
    )


DRINKS = ("DRK", "饮料", "Drinks")
SNACKS = ("SNK", "零食", "Snacks")
FRESH = ("FRS", "生鲜", "Fresh")
DAIRY = ("DRY", "乳制品", "Dairy")

SAMPLE_CATALOG = [
    _p("100001", "6901939621257", "可口可乐 330ml", "Coca-Cola 330ml", DRINKS, 350, 300),
    _p("100002", "6902538006100", "农夫山泉 550ml", "Nongfu Spring 550ml", DRINKS, 200),
    _p("100003", "6920459950180", "康师傅冰红茶 500ml", "Master Kong Iced Tea 500ml", DRINKS, 350),
    _p("200001", "6924743915763", "乐事薯片 原味 75g", "Lay's Classic 75g", SNACKS, 790, 690),
    _p("200002", "6911988014320", "旺旺雪饼 84g", "Want Want Rice Crackers 84g", SNACKS, 650),
    _p("300001", "6907992500133", "伊利纯牛奶 250ml", "Yili Pure Milk 250ml", DAIRY, 300, None, "VAT9"),
    _p("400001", "", "红富士苹果", "Fuji apples", FRESH, 1298, 1198, "VAT9", kg=True),
    _p("400002", "", "香蕉", "Bananas", FRESH, 698, None, "VAT9", kg=True),
    _p("400003", "", "西红柿", "Tomatoes", FRESH, 598, None, "VAT0", kg=True),
]

MEMBERS = [
    Member(member_id="M0001", card_no="8800000001", name="张伟", phone="13800138001", tier="gold", points=1200),
    Member(member_id="M0002", card_no="8800000002", name="李娜", phone="13800138002", tier="silver", points=300),
    Member(member_id="M0003", card_no="8800000003", name="王芳", phone="13800138003", tier="basic", points=0),
]


def load_catalog(path: str) -> list[Product]:
    """Products from a JSON list of Product dicts; a clear ValueError if the file does not fit."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        products = TypeAdapter(list[Product]).validate_python(raw)
    except OSError as exc:
        raise ValueError(f"cannot read demo catalog {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"demo catalog {path} is not JSON: {exc}") from exc
    except ValidationError as exc:
        raise ValueError(f"demo catalog {path} does not match the Product model: {exc}") from exc
    if not products:
        raise ValueError(f"demo catalog {path} is empty")
    return products


def reference_data(catalog: list[Product]) -> tuple[list[TaxClassInfo], list[CategoryInfo]]:
    """The tax classes and categories the catalog refers to ("VAT13" is 13 %)."""
    def tax(code: str) -> TaxClassInfo:
        percent = int("".join(filter(str.isdigit, code)) or 0)
        return TaxClassInfo(code=code, name=f"增值税 {percent}%" if percent else "免税", rate=f"0.{percent:02d}")

    taxes = {p.tax_class: tax(p.tax_class) for p in catalog}
    categories = {p.category_code: CategoryInfo(code=p.category_code, name=p.category_name or p.category_code,
                                                name_en=p.category_name_en) for p in catalog}
    return list(taxes.values()), list(categories.values())


def demo_profile(store_id: str) -> StoreProfile:
    return StoreProfile(store_id=store_id, name="O2O 鲜生 · 示范门店", address="示范路 1 号", phone="021-5555-0100",
                        tax_id="91310000DEMO00000X", receipt_header=["O2O 鲜生 · 示范门店", "O2O Fresh · Demo Store"],
                        receipt_footer=["谢谢惠顾，欢迎再次光临", "Thank you, see you again"], currency="CNY",
                        time_zone="Asia/Shanghai", business_day_cutoff_hour=4)


def seed(conn: sqlite3.Connection, store_id: str, catalog: list[Product]) -> list[CreatedPickupOrder]:
    """Seed everything in one transaction; returns the pickup orders (with their plain codes)."""
    now = db.utcnow()
    taxes, categories = reference_data(catalog)
    with db.write_tx(conn):
        db.put_entity(conn, "store_profile", store_id, store_id, demo_profile(store_id).model_dump(mode="json"))
        for tax in taxes:
            db.put_entity(conn, "tax_classes", "", tax.code, tax.model_dump(mode="json"))
        for category in categories:
            db.put_entity(conn, "categories", "", category.code, category.model_dump(mode="json"))
        upsert_products(conn, catalog)
        for product in catalog:
            level = StockLevel(sku=product.sku, quantity="50.000" if product.sold_by_weight else "100", as_of=now)
            db.put_entity(conn, "stock", store_id, product.sku, level.model_dump(mode="json"))
        for member in MEMBERS:
            db.put_entity(conn, "members", "", member.member_id, member.model_dump(mode="json"))
        for coupon in (
            Coupon(code="WELCOME10", kind="amount_off", value_fen=1000, percent_off=0, min_spend_fen=5000,
                   valid_from=now - dt.timedelta(days=1), valid_to=now + dt.timedelta(days=90), active=True),
            Coupon(code="SAVE5PCT", kind="percent_off", value_fen=0, percent_off=5, min_spend_fen=0,
                   valid_from=now - dt.timedelta(days=1), valid_to=now + dt.timedelta(days=30), active=True),
        ):
            db.put_entity(conn, "coupons", "", coupon.code, coupon.model_dump(mode="json"))
        orders = []
        for i, (name, phone, payment) in enumerate(
            [("陈静", "13900139001", "paid_online"), ("刘洋", "13900139002", "pay_at_store"),
             ("赵敏", "13900139003", "paid_online")]
        ):
            lines = [
                PickupOrderLine(line_id=f"L{j + 1}", sku=p.sku, name=p.name,
                                quantity="0.500" if p.sold_by_weight else "2", unit=p.unit, price_fen=p.price_fen)
                for j, p in enumerate(catalog[(i + k) % len(catalog)] for k in range(2))
            ]
            spec = NewPickupOrder(customer_name=name, customer_phone=phone, payment=payment,
                                  pickup_deadline=now + dt.timedelta(hours=4 + i), lines=lines)
            orders.append(create_pickup_order(conn, store_id, spec))
    return orders
