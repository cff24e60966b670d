"""The till's side of `sync.storage.SyncStorage`: outbox out, change feeds in.

Each method is one write transaction: a pulled page and its cursor land together or not at all,
and an outbox row leaves `pending` only when the platform acknowledged it. Catalog tombstones
deactivate products rather than delete them, because completed sales still reference them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import delete, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from pos_app.domain.errors import InvalidPromotion
from pos_app.domain.promotions import parse_promotion
from pos_app.store import provision_sync, sync_bulk, sync_snapshot
from pos_app.store.media_store import delete_media, upsert_media
from pos_app.store.member_models import MemberAllowanceRow
from pos_app.store.models import Base, Product, utcnow
from pos_app.store.models import OutboxEvent as OutboxRow
from pos_app.store.promotion_models import PromotionRow
from pos_app.store.records import ProductInput
from pos_app.store.sync_models import Coupon, Member, PickupOrder, PickupOrderLine, SyncConflict
from pos_app.store.uow import Database, UnitOfWork
from sync import protocol as P
from sync.errors import PageRefused, ProtocolError
from sync.protocol.members import MemberAllowance
from sync.storage import Conflict, OutboxEvent, SnapshotResume

#: Feeds applied in bulk (`sync_bulk`): the big ones, whose pages must not hold the database long.
BULK_RESOURCES = frozenset({"catalog", "prices", "stock"})

#: Local pickup progress the platform may not know yet; its own "new"/"picking" must not undo it.
_LOCAL_PROGRESS = ("picking", "ready", "collected", "partially_collected")


@dataclass(frozen=True)
class _PreparedPage:
    """A bulk page ready to write: live items, their prepared rows, tombstoned keys, all keys."""

    live: list[Any]
    rows: list[Any]
    gone: list[str]
    keys: list[str]


class TillSyncStorage:
    def __init__(self, db: Database, on_pickup_changed: Callable[[list[str]], None] | None = None):
        self.db = db
        self.on_pickup_changed = on_pickup_changed

    # -- outbox ---------------------------------------------------------------------------
    def pending_events(self, limit: int) -> Sequence[OutboxEvent]:
        with self.db.uow(read_only=True) as uow:
            return [OutboxEvent(id=e.id, kind=e.kind, aggregate_id=e.aggregate_id,
                                payload=json.loads(e.payload), created_at=e.created_at, attempts=e.attempts,
                                failures=e.failures)
                    for e in uow.outbox.pending(limit)]

    def mark_acknowledged(self, event_id: str, result: P.PushResult) -> None:
        with self.db.uow() as uow:
            event = uow.outbox.get(event_id)
            uow.outbox.set_status(event_id, "sent", result=result.model_dump(mode="json"))
            if event is not None and event.kind in ("sale", "return"):
                uow.stock.acknowledge(event.aggregate_id)  # now counted in the platform's level
            uow.commit()

    def mark_acknowledged_many(self, acks: Sequence[tuple[str, P.PushResult]]) -> None:
        """Accepted events in one transaction; the stock movements of sales and returns among them
        are now counted in the platform's level."""
        if not acks:
            return
        ids = [event_id for event_id, _ in acks]
        with self.db.uow(background=True) as uow:
            rows = uow.session.execute(select(OutboxRow.id, OutboxRow.kind, OutboxRow.aggregate_id)
                                       .where(OutboxRow.id.in_(ids))).all()
            uow.outbox.acknowledge_many([(eid, result.model_dump(mode="json")) for eid, result in acks])
            refs = [r.aggregate_id for r in rows if r.kind in ("sale", "return")]
            for start in range(0, len(refs), 500):
                uow.stock.acknowledge_many(refs[start:start + 500])
            uow.commit()

    def record_conflict(self, conflict: Conflict) -> None:
        with self.db.uow() as uow:
            uow.session.add(SyncConflict(event_id=conflict.event_id, kind=conflict.kind, code=conflict.code,
                                         message=conflict.message, order_status=conflict.order_status,
                                         extra=json.dumps(conflict.extra, default=str), created_at=utcnow()))
            uow.commit()

    def mark_dead(self, event_id: str, error: str) -> None:
        with self.db.uow() as uow:
            uow.outbox.set_status(event_id, "dead", error=error)
            uow.commit()

    def record_attempt(self, event_id: str, error: str, answered: bool = False) -> None:
        with self.db.uow() as uow:
            uow.outbox.record_attempt(event_id, error, answered)
            uow.commit()

    # -- change feeds ---------------------------------------------------------------------
    def get_cursor(self, resource: str) -> str | None:
        with self.db.uow(read_only=True) as uow:
            return uow.cursors.get(resource)

    def prepare_page(self, resource: str, items: Sequence[P.FeedItem[Any]]) -> object:
        """The database-free half of a bulk page (`sync.storage.PreparingStorage`): the engine runs
        it in its fetch thread while the page before is written."""
        if resource not in BULK_RESOURCES:
            return items
        latest = {item.key: item for item in items}  # a key's last version in the page wins
        live: list[Any] = [i.data for i in latest.values() if not i.deleted]
        gone = [key for key, i in latest.items() if i.deleted]
        rows = sync_bulk.prepare_products(live) if resource == "catalog" else live
        return _PreparedPage(live, rows, gone, list(latest))

    def apply_prepared(self, resource: str, prepared: object, new_cursor: str) -> int:
        if isinstance(prepared, _PreparedPage):
            return self._apply_bulk(resource, prepared.live, prepared.gone, prepared.keys, new_cursor, prepared.rows)
        return self.apply_page(resource, cast(Sequence[P.FeedItem[Any]], prepared), new_cursor)

    def apply_page(self, resource: str, items: Sequence[P.FeedItem[Any]], new_cursor: str) -> int:
        """The page as a whole: a unique key (card number, PLU, order number) the page gives to one
        record is taken from whichever record held it, so swaps apply in any order. Returns how many
        rows of the page were parked (they refer to something unknown)."""
        if resource in BULK_RESOURCES:
            return self.apply_prepared(resource, self.prepare_page(resource, items), new_cursor)
        changed: list[str] = []
        with self.db.uow(background=True) as uow, _refused_as_parked(resource):
            refs = provision_sync.References(uow.session)
            held = provision_sync.parked_keys(uow.session, resource)
            parked = 0
            for item in items:
                if item.key in held:
                    provision_sync.unpark(uow.session, resource, item.key)  # a newer version supersedes it
                if item.deleted:
                    _DELETE[resource](uow, item.key)
                    continue
                assert item.data is not None  # FeedItem: a live item has data
                if problem := refs.problem(resource, item.data):
                    provision_sync.park(uow.session, resource, item.key, item.data, problem)
                    parked += 1
                else:
                    _UPSERT[resource](uow, item.data, changed)
                    refs.added(resource, item.key)
            provision_sync.retry_parked(uow, _UPSERT, changed)
            uow.cursors.set(resource, new_cursor)
            uow.commit()
        self._notify(resource, changed)
        return parked

    def apply_snapshot(self, resource: str, items: Sequence[P.WireModel], cursor: str) -> int:
        if resource in sync_snapshot.STAGED:  # a snapshot of one page: staged and swapped in at once
            self.stage_snapshot_page(resource, items, cursor, None, first=True)
            return self.finish_snapshot(resource)
        changed: list[str] = []
        with self.db.uow(background=True) as uow, _refused_as_parked(resource):
            refs = provision_sync.References(uow.session)
            keys = {getattr(item, type(item).KEY_FIELD) for item in items}
            for key in _live_keys(uow.session, resource) - keys:
                _DELETE[resource](uow, key)
            for key in provision_sync.parked_keys(uow.session, resource):
                provision_sync.unpark(uow.session, resource, key)  # the snapshot is the whole truth
            parked = 0
            for item in items:
                key = getattr(item, type(item).KEY_FIELD)
                if problem := refs.problem(resource, item):
                    provision_sync.park(uow.session, resource, key, item, problem)
                    parked += 1
                else:
                    _UPSERT[resource](uow, item, changed)
                    refs.added(resource, key)
            provision_sync.retry_parked(uow, _UPSERT, changed)
            uow.cursors.set(resource, cursor)
            uow.commit()
        self._notify(resource, changed)
        return parked

    # -- 410 snapshots of the big feeds, staged page by page (`sync_snapshot`) -------------------
    def stages_snapshot(self, resource: str) -> bool:
        return resource in sync_snapshot.STAGED

    def snapshot_in_progress(self, resource: str) -> SnapshotResume | None:
        """The unfinished snapshot of ``resource`` a crash left; one whose swap had committed (the
        feed's cursor is the snapshot's already) lost only its clean-up, done here."""
        with self.db.uow(read_only=True) as uow:
            row = sync_snapshot.progress(uow.session, resource)
            if row is None:
                return None
            resume = SnapshotResume(row.cursor, row.next_token, row.pages)
            if row.pages and row.cursor != uow.cursors.get(resource):
                return resume  # (no page staged whole yet: the snapshot starts again)
        self.discard_snapshot(resource)
        return None

    def stage_snapshot_page(self, resource: str, items: Sequence[P.WireModel], cursor: str,
                            next_token: str | None, first: bool) -> None:
        with self.db.uow(read_only=True) as uow:
            staged = sync_snapshot.staged_rows(uow.session, resource, items)
        parts = [staged[i:i + sync_snapshot.STAGE_ROWS] for i in range(0, len(staged), sync_snapshot.STAGE_ROWS)]
        for n, part in enumerate(parts or [[]]):
            with self.db.uow(background=True) as uow:
                sync_snapshot.stage_rows(uow.session, resource, part, cursor, first and n == 0)
                if n == max(len(parts) - 1, 0):
                    sync_snapshot.page_staged(uow.session, resource, next_token)
                uow.commit()

    def finish_snapshot(self, resource: str) -> int:
        """The swap: what differs, and the live keys the snapshot lacks, in one transaction with the
        snapshot's cursor (`_apply_bulk`); then the staging rows go."""
        with self.db.uow(read_only=True) as uow:
            row = sync_snapshot.progress(uow.session, resource)
            assert row is not None and row.next_token is None, f"the {resource} snapshot is not staged whole"
            cursor = row.cursor
            live, gone = sync_snapshot.staged_changes(uow.session, resource), sync_snapshot.gone_keys(uow.session,
                                                                                                    resource)
        parked = self._apply_bulk(resource, live, gone, None, cursor)
        self.discard_snapshot(resource)
        return parked

    def discard_snapshot(self, resource: str) -> None:
        with self.db.uow(background=True) as uow:
            sync_snapshot.discard(uow.session, resource)
            uow.commit()

    def _apply_bulk(self, resource: str, live: list[Any], gone: list[str], keys: list[str] | None,
                    cursor: str, prepared: list[Any] | None = None) -> int:
        """Catalog, prices and stock with Core executemany: rows and search keys are prepared before
        the write transaction, which the cashier's writes may go ahead of (``background``).
        ``keys``: the page's keys (their held-back versions are superseded); None for a snapshot
        (every held-back row of the resource is)."""
        if prepared is None:
            prepared = sync_bulk.prepare_products(live) if resource == "catalog" else live
        changed: list[str] = []
        with self.db.uow(background=True) as uow, _refused_as_parked(resource):
            s, now = uow.session, utcnow()
            # Usually nothing is held back: then one cheap probe spares the per-page ORM queries.
            any_held = s.connection().exec_driver_sql("SELECT EXISTS (SELECT 1 FROM parked_rows)").scalar()
            held = provision_sync.parked_keys(s, resource) if any_held else set()
            for key in held if keys is None else held.intersection(keys):
                provision_sync.unpark(s, resource, key)
            refs = provision_sync.References(s)
            if resource != "catalog":
                refs.preload_skus([item.sku for item in live])
            fit, parked = [], 0
            for item, row in zip(live, prepared, strict=True):
                if problem := refs.problem(resource, item):
                    provision_sync.park(s, resource, getattr(item, type(item).KEY_FIELD), item, problem)
                    parked += 1
                else:
                    fit.append(row)
            if resource == "catalog":
                sync_bulk.deactivate_products(s, gone, now)
                sync_bulk.apply_products(s, fit, now)
            elif resource == "prices":
                sync_bulk.apply_prices(s, fit, now)
            else:
                sync_bulk.apply_stock(s, fit)
            if any_held or parked:
                provision_sync.retry_parked(uow, _UPSERT, changed)
            sync_bulk.set_cursor(s, resource, cursor, now)
            uow.commit()
        return parked

    def parked(self) -> list[provision_sync.Parked]:
        """Rows held back because they refer to something this till does not have."""
        with self.db.uow(read_only=True) as uow:
            return provision_sync.parked_rows(uow.session)

    def _notify(self, resource: str, changed: list[str]) -> None:
        if resource == "pickup_orders" and changed and self.on_pickup_changed:
            self.on_pickup_changed(changed)

    # -- what the status bar and the manager see ------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.db.uow(read_only=True) as uow:
            counts = uow.outbox.counts()
            if parked := provision_sync.parked_count(uow.session):
                counts["parked"] = parked
            return counts


@contextmanager
def _refused_as_parked(resource: str) -> Iterator[None]:
    """A page a local constraint refuses parks its resource (the engine goes on with the others)."""
    try:
        yield
    except IntegrityError as exc:
        raise PageRefused(f"the {resource} page breaks a rule of the till's database "
                          f"({exc.orig}); nothing of it was applied") from exc


# -- per-resource appliers ----------------------------------------------------------------------

def _upsert_product(uow: UnitOfWork, p: P.Product, changed: list[str]) -> None:
    if p.plu is not None:  # the platform gave this PLU to this product: no other holds it now
        uow.session.execute(update(Product).where(Product.plu == p.plu, Product.sku != p.sku).values(plu=None))
    existing = uow.catalog.by_sku(p.sku)
    uow.catalog.upsert(ProductInput(
        sku=p.sku, name=p.name, name_en=p.name_en, tax_class=p.tax_class, price_fen=p.price_fen,
        member_price_fen=p.member_price_fen, gtins=tuple(p.gtins), category_code=p.category_code,
        unit=p.unit, sold_by_weight=p.sold_by_weight, active=p.active,
        plu=p.plu if p.plu is not None else (existing.plu if existing else None),
    ))


def _upsert_price(uow: UnitOfWork, p: P.Price, changed: list[str]) -> None:
    uow.catalog.set_price(p.sku, p.price_fen, p.member_price_fen)


def _upsert_stock(uow: UnitOfWork, s: P.StockLevel, changed: list[str]) -> None:
    product = uow.catalog.by_sku(s.sku)
    if product is not None:
        uow.stock.set_level(product.id, Decimal(s.quantity), s.as_of)


def _upsert_member(uow: UnitOfWork, m: P.Member, changed: list[str]) -> None:
    # The card moved to this member: its former holder keeps a placeholder no scan can match
    # ("~" is not allowed in a card number) until its own update arrives.
    uow.session.execute(update(Member).where(Member.card_no == m.card_no, Member.member_id != m.member_id)
                        .values(card_no=literal("~") + Member.member_id))
    uow.session.merge(Member(member_id=m.member_id, card_no=m.card_no, name=m.name, phone=m.phone,
                             tier=m.tier, points=m.points, stored_value_fen=m.stored_value_fen, updated_at=utcnow()))


def _upsert_allowance(uow: UnitOfWork, a: MemberAllowance, changed: list[str]) -> None:
    uow.session.merge(MemberAllowanceRow(member_id=a.member_id, points=a.points, stored_value_fen=a.stored_value_fen,
                                         updated_at=utcnow()))
    changed.append(a.member_id)


def _upsert_coupon(uow: UnitOfWork, c: P.Coupon, changed: list[str]) -> None:
    """The platform's terms; the till's own redemption mark survives an update, unless the platform
    restored the coupon after the return of the very sale that used it."""
    row = uow.session.get(Coupon, c.code) or Coupon(code=c.code)
    row.kind, row.value_fen, row.percent_off, row.min_spend_fen = c.kind, c.value_fen, c.percent_off, c.min_spend_fen
    row.valid_from, row.valid_to, row.active = c.valid_from, c.valid_to, c.active
    row.offline_safe, row.stores = c.offline_safe, json.dumps(c.stores)
    if c.restored_sale_id is not None and row.redeemed_sale_id == c.restored_sale_id:
        row.redeemed_at = row.redeemed_sale_id = None  # the platform restored it after that sale's return
    uow.session.add(row)


def _upsert_pickup(uow: UnitOfWork, o: P.PickupOrder, changed: list[str]) -> None:
    s = uow.session
    row = s.get(PickupOrder, o.order_id)
    if row is None:
        status = o.status
        s.add(PickupOrder(order_id=o.order_id, order_no=o.order_no, customer_name=o.customer_name,
                          customer_phone=o.customer_phone, status=status, platform_status=o.status,
                          payment=o.payment, pickup_deadline=o.pickup_deadline, notes=o.notes,
                          code_argon2=o.pickup_code_argon2, wrong_code_attempts=0,
                          received_at=utcnow(), updated_at=utcnow()))
        s.flush()
        s.add_all(PickupOrderLine(order_id=o.order_id, line_id=ln.line_id, sku=ln.sku, name=ln.name,
                                  quantity=ln.quantity, unit=ln.unit, price_fen=ln.price_fen,
                                  picked="0", handed_over="0") for ln in o.lines)
    else:
        row.platform_status = o.status
        if o.status in ("cancelled", "expired") or row.status not in _LOCAL_PROGRESS:
            row.status = o.status
        row.pickup_deadline, row.notes, row.updated_at = o.pickup_deadline, o.notes, utcnow()
        row.code_argon2 = o.pickup_code_argon2  # a till migrated from the SHA-256 era gets it here
        row.order_no = o.order_no
    claim = o.claimed_by
    row = s.get(PickupOrder, o.order_id) if row is None else row
    assert row is not None  # added above when new
    row.claimed_by_till = claim.till_id if claim else None
    row.claimed_by_name = claim.staff_name if claim else None
    row.claim_expires_at = claim.expires_at if claim else None
    twice = ",".join(o.double_picked_at)
    if twice != (row.double_picked_at or ""):
        row.double_picked_at, row.double_pick_reported = twice, False
    changed.append(o.order_id)


def _upsert_promotion(uow: UnitOfWork, p: P.Promotion, changed: list[str]) -> None:
    """The engine must understand every promotion the platform runs: one it would refuse fails
    the whole page (the cursor stays) rather than being skipped at this till only."""
    body = p.model_dump(mode="json")
    try:
        parse_promotion(body)
    except InvalidPromotion as exc:
        raise ProtocolError(f"promotions: {exc.message}") from None
    uow.session.merge(PromotionRow(promotion_id=p.promotion_id, body=json.dumps(body, ensure_ascii=False),
                                   valid_to=p.valid_to, updated_at=utcnow()))
    changed.append(p.promotion_id)


def _delete_product(uow: UnitOfWork, sku: str) -> None:
    uow.catalog.deactivate(sku)


def _delete_by_key(model: type[Base], column: InstrumentedAttribute[Any]) -> Callable[[UnitOfWork, str], None]:
    def delete_row(uow: UnitOfWork, key: str) -> None:
        uow.session.execute(delete(model).where(column == key))
    return delete_row


def _ignore(uow: UnitOfWork, key: str) -> None:
    """Prices and stock levels have no life of their own: a tombstone there changes nothing."""


_UPSERT: dict[str, provision_sync.Upsert] = {
    **provision_sync.UPSERT,
    "catalog": _upsert_product, "prices": _upsert_price, "stock": _upsert_stock,
    "members": _upsert_member, "coupons": _upsert_coupon, "pickup_orders": _upsert_pickup,
    "promotions": _upsert_promotion,
    "media": upsert_media,
    "member_allowances": _upsert_allowance,
}
_DELETE = {
    **provision_sync.DELETE,
    "catalog": _delete_product, "prices": _ignore, "stock": _ignore,
    "members": _delete_by_key(Member, Member.member_id), "coupons": _delete_by_key(Coupon, Coupon.code),
    "pickup_orders": _delete_by_key(PickupOrder, PickupOrder.order_id),
    "promotions": _delete_by_key(PromotionRow, PromotionRow.promotion_id),
    "media": delete_media,
    "member_allowances": _delete_by_key(MemberAllowanceRow, MemberAllowanceRow.member_id),
}


def _live_keys(session: Session, resource: str) -> set[str]:
    if resource == "staff":
        return provision_sync.live_staff(session)
    column = {"catalog": Product.sku, "members": Member.member_id, "coupons": Coupon.code,
              "pickup_orders": PickupOrder.order_id, "promotions": PromotionRow.promotion_id,
              "member_allowances": MemberAllowanceRow.member_id,
              **provision_sync.LIVE_KEYS}.get(resource)
    if column is None:
        return set()
    stmt = select(column)
    if resource == "catalog":
        stmt = stmt.where(Product.active.is_(True))
    return set(session.scalars(stmt))
