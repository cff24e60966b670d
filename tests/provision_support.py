"""A store provisioned on the reference platform through its admin API (as head office would)."""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from sync_platform_proc import PlatformProcess

STORE, TILL = "S088", "T02"
TAX_CLASSES = [{"code": "VAT13", "name": "增值税 13%", "rate": "0.13"},
               {"code": "VAT9", "name": "增值税 9%", "rate": "0.09"},
               {"code": "VAT0", "name": "免税", "rate": "0"}]
CATEGORIES = [{"code": c, "name": n, "name_en": e} for c, n, e in
              [("DRINK", "饮料", "Drinks"), ("SNACK", "零食", "Snacks"), ("DAIRY", "乳品", "Dairy"),
               ("FRUIT", "水果", "Fruit"), ("HOME", "日用", "Household")]]
#: (staff id, name, role, badge, PIN, one-time?)
STAFF = [("E100", "周敏", "cashier", "BADGE-100", "4701", False),
         ("E101", "吴磊", "clerk", "BADGE-101", "4702", False),
         ("E102", "郑丽", "manager", "BADGE-102", "4703", False),
         ("E103", "孙浩", "cashier", None, "9134", True)]
PROFILE = {"store_id": STORE, "name": "鲜生 徐汇店", "address": "上海市徐汇区漕溪北路 88 号", "phone": "021-6400-0088",
           "tax_id": "91310104MA1FL0000X", "receipt_header": ["鲜生 徐汇店", "Fresh · Xuhui"],
           "receipt_footer": ["多谢惠顾"], "currency": "CNY", "time_zone": "Asia/Shanghai",
           "business_day_cutoff_hour": 5}


def products(n: int) -> list[dict[str, Any]]:
    """n products spread over the categories and tax classes above, with valid GTIN-13s."""
    from stdnum import ean

    out = []
    for i in range(n):
        body = f"69{i:010d}"
        category = CATEGORIES[i % len(CATEGORIES)]
        out.append({"sku": f"P{i:06d}", "gtins": [body + ean.calc_check_digit(body)], "name": f"商品{i}",
                    "name_en": f"Item {i}", "category_code": category["code"], "category_name": category["name"],
                    "category_name_en": category["name_en"], "unit": "pcs", "sold_by_weight": False,
                    "tax_class": TAX_CLASSES[i % 3]["code"], "price_fen": 100 + i % 900, "member_price_fen": None,
                    "active": True})
    return out


def provision(platform: PlatformProcess, n_products: int, *, orphan: bool = True) -> None:
    """Profile, tax classes, categories, ``n_products`` products (+ one in an unknown category),
    staff (the last with a one-time PIN) and this till's devices."""
    platform.admin("PUT", f"/admin/stores/{STORE}/profile", PROFILE)
    platform.admin("PUT", "/admin/tax-classes", TAX_CLASSES)
    platform.admin("PUT", "/admin/categories", CATEGORIES)
    catalog = products(n_products)
    if orphan:
        catalog.append({**catalog[0], "sku": "ORPHAN1", "gtins": [], "category_code": "NOSUCH"})
    platform.admin("PUT", "/admin/products", catalog)
    hasher = PasswordHasher()
    for staff_id, name, role, badge, pin, one_time in STAFF:
        body = {"staff_id": staff_id, "display_name": name, "role": role, "badge_code": badge}
        body.update({"pin": pin} if one_time else {"pin_hash": hasher.hash(pin)})
        platform.admin("POST", f"/admin/stores/{STORE}/staff", body)
    platform.admin("PUT", f"/admin/stores/{STORE}/tills/{TILL}/devices",
                   {"till_id": TILL, "receipt_printer": "tcp://192.168.1.50:9100", "drawer": "printer"})
