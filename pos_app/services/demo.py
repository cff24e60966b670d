"""Seed the demo store: tax classes, categories, a bilingual catalog, stock, staff with known PINs.

Idempotent: running it again keeps users and products and only tops the generated catalog up to
the requested size, so `make run` can call it on every start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import islice

from pos_app.config import Config
from pos_app.services import demo_catalog
from pos_app.services.auth import add_staff
from pos_app.store.uow import Database

#: The demo staff (also listed in the README): name, role, PIN, badge.
DEMO_USERS = (
    ("李娜 Li Na", "cashier", "1111", "STAFF-0001"),
    ("张伟 Zhang Wei", "cashier", "2222", "STAFF-0002"),
    ("陈静 Chen Jing", "clerk", "3333", "STAFF-0003"),
    ("王强 Wang Qiang", "manager", "8888", "STAFF-0008"),
    ("管理员 Admin", "admin", "9999", "STAFF-0009"),
)
BATCH = 5000


@dataclass(frozen=True)
class SeedSummary:
    users_created: int
    core_products: int
    generated_products: int
    total_products: int


def seed_demo(db: Database, config: Config, products: int = 0) -> SeedSummary:
    """Seed the demo store; `products` generated products on top of the hand-made core catalog."""
    now = datetime.now(UTC)
    with db.uow() as uow:
        uow.tills.ensure(config.store_id, config.till_id)
        for code, name, rate in demo_catalog.TAX_CLASSES:
            uow.catalog.upsert_tax_class(code, name, rate)
        for code, name, name_en in demo_catalog.CATEGORIES:
            uow.catalog.upsert_category(code, name, name_en)
        core = demo_catalog.core_catalog()
        for item in core:
            pid = uow.catalog.upsert(item)
            if uow.stock.level(pid) == 0:
                uow.stock.set_level(pid, Decimal("50.000") if item.sold_by_weight else Decimal(100), now)
        created = 0
        if uow.users.count() == 0:
            for name, role, pin, badge in DEMO_USERS:
                add_staff(uow, f"demo-{badge.lower()}", name, role, pin, badge)
                created += 1
        uow.commit()
    generated = _top_up_bulk(db, products)
    with db.uow(read_only=True) as uow:
        total = uow.catalog.count()
    return SeedSummary(created, len(core), generated, total)


def _top_up_bulk(db: Database, target: int) -> int:
    with db.uow(read_only=True) as uow:
        existing = uow.catalog.count_sku_prefix(demo_catalog.BULK_SKU_PREFIX)
    if existing >= target:
        return 0
    items = islice(demo_catalog.bulk(target), existing, target)
    added = 0
    while True:
        batch = list(islice(items, BATCH))
        if not batch:
            return added
        with db.uow() as uow:
            added += uow.catalog.bulk_insert(batch, first_id=uow.catalog.max_id() + 1)
            uow.commit()

