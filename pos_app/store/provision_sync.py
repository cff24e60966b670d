"""Change-feed appliers for what provisions a store (profile, tax classes, categories, staff,
device settings) and the parking of rows that refer to something this till does not know.

A product whose tax class or category has not arrived, or a price or stock level of a product
the till does not have, is not an SQL error that stops the sync: the row is parked in
`parked_rows` with a reason a person can act on, the rest of the page is applied, and the parked
row is applied as soon as what it needs arrives (or replaced by a newer version of the same key).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from pos_app.store.models import Base, Category, Product, TaxClass, User, utcnow
from pos_app.store.provision_models import DeviceAssignment, ParkedRow, StoreProfile
from pos_app.store.sync_bulk import ids_by_sku
from pos_app.store.uow import UnitOfWork
from sync import protocol as P

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Parked:
    """A row held back, as `pos-app sync --once` and the manager see it."""

    resource: str
    key: str
    reason: str
    parked_at: datetime


class References:
    """What rows of one page may refer to, loaded once per page (10,000 products, 3 queries)."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._tax: set[str] | None = None
        self._categories: set[str] | None = None
        self._skus: set[str] | None = None

    def _codes(self, table: str) -> set[str]:
        """At the driver level: a catalog pull asks once per page (2,000 pages for 200,000 products)."""
        return {code for (code,) in self.s.connection().exec_driver_sql(f"SELECT code FROM {table}")}

    def tax_classes(self) -> set[str]:
        if self._tax is None:
            self._tax = self._codes(TaxClass.__tablename__)
        return self._tax

    def categories(self) -> set[str]:
        if self._categories is None:
            self._categories = self._codes(Category.__tablename__)
        return self._categories

    def skus(self) -> set[str]:
        if self._skus is None:
            self._skus = set(self.s.scalars(select(Product.sku)))
        return self._skus

    def preload_skus(self, skus: list[str]) -> None:
        """Only these SKUs will be asked about (a page of prices or stock): look up just them
        rather than every product of a 200,000-product catalog."""
        self._skus = set(ids_by_sku(self.s, skus))

    def added(self, resource: str, key: str) -> None:
        """A row of ``resource`` was stored within this page: later rows may refer to it."""
        known = {"tax_classes": self._tax, "categories": self._categories, "catalog": self._skus}.get(resource)
        if known is not None:
            known.add(key)

    def problem(self, resource: str, data: P.WireModel) -> str | None:
        """Why ``data`` cannot be stored yet, or None."""
        if isinstance(data, P.Product):
            if data.tax_class not in self.tax_classes():
                return f"product {data.sku} refers to tax class {data.tax_class!r}, which the platform has not sent"
            if data.category_code not in self.categories():
                return (f"product {data.sku} refers to category {data.category_code!r}, "
                        "which the platform has not sent")
        elif isinstance(data, P.Price | P.StockLevel) and data.sku not in self.skus():
            what = "price" if isinstance(data, P.Price) else "stock level"
            return f"{what} of product {data.sku}, which this till does not have"
        return None


# -- parking ----------------------------------------------------------------------------------

def parked_keys(session: Session, resource: str) -> set[str]:
    return set(session.scalars(select(ParkedRow.key).where(ParkedRow.resource == resource)))


def unpark(session: Session, resource: str, key: str) -> None:
    session.execute(delete(ParkedRow).where(ParkedRow.resource == resource, ParkedRow.key == key))


def park(session: Session, resource: str, key: str, data: P.WireModel, reason: str) -> None:
    log.warning("sync: %s %s held back: %s", resource, key, reason)
    unpark(session, resource, key)
    session.add(ParkedRow(resource=resource, key=key, reason=reason, data=data.model_dump_json(),
                          parked_at=utcnow()))


#: Stores one resource item: (unit of work, the item's model, the changed keys to add to).
Upsert = Callable[[UnitOfWork, Any, list[str]], None]


def retry_parked(uow: UnitOfWork, upsert: dict[str, Upsert], changed: list[str]) -> int:
    """Apply every parked row whose references now exist (in pull order); returns how many."""
    rows = list(uow.session.scalars(select(ParkedRow).order_by(ParkedRow.id)))
    if not rows:
        return 0
    refs = References(uow.session)
    order: dict[str, int] = {resource: i for i, resource in enumerate(P.RESOURCES)}
    applied = 0
    for row in sorted(rows, key=lambda r: (order.get(r.resource, 99), r.id)):
        data = P.RESOURCE_MODELS[row.resource].model_validate_json(row.data)
        if refs.problem(row.resource, data) is None:
            upsert[row.resource](uow, data, changed)
            refs.added(row.resource, row.key)
            uow.session.delete(row)
            applied += 1
    if applied:
        log.info("sync: %d held-back rows applied now that what they refer to arrived", applied)
    return applied


def parked_rows(session: Session) -> list[Parked]:
    return [Parked(r.resource, r.key, r.reason, r.parked_at)
            for r in session.scalars(select(ParkedRow).order_by(ParkedRow.id))]


def parked_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ParkedRow)) or 0


# -- appliers -----------------------------------------------------------------------------------

def upsert_store_profile(uow: UnitOfWork, p: P.StoreProfile, changed: list[str]) -> None:
    uow.session.merge(StoreProfile(
        store_id=p.store_id, name=p.name, address=p.address, phone=p.phone, tax_id=p.tax_id,
        receipt_header=json.dumps(p.receipt_header, ensure_ascii=False),
        receipt_footer=json.dumps(p.receipt_footer, ensure_ascii=False), currency=p.currency,
        time_zone=p.time_zone, business_day_cutoff_hour=p.business_day_cutoff_hour, updated_at=utcnow()))


def upsert_tax_class(uow: UnitOfWork, t: P.TaxClassInfo, changed: list[str]) -> None:
    uow.session.merge(TaxClass(code=t.code, name=t.name, rate=t.rate))


def upsert_category(uow: UnitOfWork, c: P.CategoryInfo, changed: list[str]) -> None:
    uow.session.merge(Category(code=c.code, name=c.name, name_en=c.name_en))


def upsert_staff(uow: UnitOfWork, st: P.Staff, changed: list[str]) -> None:
    """A new PIN from the platform (new person or a reset) replaces the local one; otherwise a PIN
    the person chose at the till stays. A badge moved to this person is taken from the other."""
    s = uow.session
    if st.badge_code is not None:
        s.execute(update(User).where(User.badge_code == st.badge_code, User.id != st.staff_id)
                  .values(badge_code=None))
    user = s.get(User, st.staff_id)
    if user is None:
        s.add(User(id=st.staff_id, name=st.display_name, role=st.role, pin_hash=st.pin_hash,
                   badge_code=st.badge_code, active=True, failed_attempts=0,
                   pin_change_required=st.pin_change_required, platform_pin_hash=st.pin_hash))
        s.flush()
        return
    user.name, user.role, user.badge_code, user.active = st.display_name, st.role, st.badge_code, True
    if user.platform_pin_hash != st.pin_hash:
        user.pin_hash, user.platform_pin_hash = st.pin_hash, st.pin_hash
        user.pin_change_required = st.pin_change_required
        user.failed_attempts, user.locked_until = 0, None
    s.flush()


def upsert_device_settings(uow: UnitOfWork, d: P.DeviceSettings, changed: list[str]) -> None:
    uow.session.merge(DeviceAssignment(till_id=d.till_id, data=d.model_dump_json(), updated_at=utcnow()))


def delete_staff(uow: UnitOfWork, staff_id: str) -> None:
    """Deactivated on the platform: can no longer sign in (past sales keep the name)."""
    uow.session.execute(update(User).where(User.id == staff_id).values(active=False))


def delete_unreferenced(model: type[Base], column: InstrumentedAttribute[Any],
                        referring: InstrumentedAttribute[Any]) -> Callable[[UnitOfWork, str], None]:
    """Tax classes and categories still used by products stay (a product cannot lose them)."""
    def delete_row(uow: UnitOfWork, key: str) -> None:
        if uow.session.scalar(select(func.count()).select_from(Product).where(referring == key)):
            log.warning("sync: %s %s deleted on the platform but still used by products; kept", model.__tablename__,
                        key)
            return
        uow.session.execute(delete(model).where(column == key))
    return delete_row


def delete_by_key(model: type[Base], column: InstrumentedAttribute[Any]) -> Callable[[UnitOfWork, str], None]:
    def delete_row(uow: UnitOfWork, key: str) -> None:
        uow.session.execute(delete(model).where(column == key))
    return delete_row


UPSERT: dict[str, Upsert] = {
    "store_profile": upsert_store_profile, "tax_classes": upsert_tax_class, "categories": upsert_category,
    "staff": upsert_staff, "device_settings": upsert_device_settings,
}
DELETE = {
    "store_profile": delete_by_key(StoreProfile, StoreProfile.store_id),
    "tax_classes": delete_unreferenced(TaxClass, TaxClass.code, Product.tax_class),
    "categories": delete_unreferenced(Category, Category.code, Product.category_code),
    "staff": delete_staff,
    "device_settings": delete_by_key(DeviceAssignment, DeviceAssignment.till_id),
}
LIVE_KEYS = {
    "store_profile": StoreProfile.store_id, "tax_classes": TaxClass.code, "categories": Category.code,
    "device_settings": DeviceAssignment.till_id,
}


def live_staff(session: Session) -> set[str]:
    """Active staff that came from the platform (demo staff seeded locally are not the feed's)."""
    return set(session.scalars(select(User.id).where(User.active.is_(True), User.platform_pin_hash.is_not(None))))
