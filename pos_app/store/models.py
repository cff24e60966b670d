"""SQLAlchemy models of the store database.

Money columns are integer fen (`*_fen`); quantities and rates are decimal strings, because SQLite
has no exact decimal type and a float would lose fen. Timestamps are UTC.
Completed sales, their lines and tenders, and audit entries are immutable: triggers in the
migrations refuse UPDATE and DELETE on them (see `IMMUTABLE_TABLES`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

IMMUTABLE_TABLES = ("sales", "sale_lines", "sale_tenders", "audit_log")


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and gives them back aware (SQLite drops the zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TaxClass(Base):
    __tablename__ = "tax_classes"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    rate: Mapped[str] = mapped_column(String(8))  # decimal string, "0.13"


class Category(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64), default="")


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    plu: Mapped[str | None] = mapped_column(String(8), unique=True)  # weighed/priced label code
    name: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128), default="")
    pinyin: Mapped[str] = mapped_column(String(128), default="", index=True)  # initials, "kkkl"
    #: The name's Chinese characters and initial pairs, space-separated (`pinyin.initials_and_keys`),
    #: indexed by the FTS5 table `product_fts_keys` for 1-2 character queries (migration 0024).
    search_keys: Mapped[str] = mapped_column(Text, default="", server_default="")
    category_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"))
    unit: Mapped[str] = mapped_column(String(8), default="pcs")
    sold_by_weight: Mapped[bool] = mapped_column(Boolean, default=False)
    tax_class: Mapped[str] = mapped_column(ForeignKey("tax_classes.code"))
    price_fen: Mapped[int] = mapped_column(Integer)
    member_price_fen: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProductCode(Base):
    """Every GTIN a product is sold under (a product may have several)."""

    __tablename__ = "product_codes"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)


class StockLevel(Base):
    """The platform's last known level; the till adds its unacknowledged movements."""

    __tablename__ = "stock_levels"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    quantity: Mapped[str] = mapped_column(String(24), default="0")
    as_of: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StockMovement(Base):
    __tablename__ = "stock_movements"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    delta: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(String(32))
    ref_id: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(128))
    badge_code: Mapped[str | None] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Staff provisioned by the platform (migration 0009): a one-time PIN must be changed at the
    # first sign-in; `platform_pin_hash` is the hash the platform last sent, so a PIN the person
    # chose at the till survives later feed updates until head office resets it.
    pin_change_required: Mapped[bool] = mapped_column(Boolean, default=False)
    platform_pin_hash: Mapped[str | None] = mapped_column(String(128))


class Till(Base):
    """A till and its gapless receipt sequence (`last_receipt_seq` moves in the sale's transaction)."""

    __tablename__ = "tills"
    id: Mapped[str] = mapped_column(String(24), primary_key=True)  # "S001-T01"
    store_id: Mapped[str] = mapped_column(String(12))
    till_id: Mapped[str] = mapped_column(String(8))
    last_receipt_seq: Mapped[int] = mapped_column(Integer, default=0)
    #: Returns have their own gapless series per till (migration 0015).
    last_return_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OpenTicket(Base):
    """The ticket being rung up or held, saved after every change so a crash loses nothing."""

    __tablename__ = "open_tickets"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(8))  # open | held
    data: Mapped[str] = mapped_column(Text)  # domain Ticket.to_dict() as JSON
    label: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TicketJournalEntry(Base):
    """One saved change of the open ticket (its changed lines and head), appended in the change's
    transaction instead of rewriting the whole ticket; `open_tickets.data` plus these, in id
    order, is the ticket (`TicketRepository.data`). Folded back into `data` every N entries and at
    Total, payment, hold (migration 0021)."""

    __tablename__ = "ticket_journal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(32), index=True)
    entry: Mapped[str] = mapped_column(Text)


class Sale(Base):
    __tablename__ = "sales"
    __table_args__ = (UniqueConstraint("till_id", "seq"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"))
    seq: Mapped[int] = mapped_column(Integer)
    ticket_id: Mapped[str] = mapped_column(String(32), unique=True)  # a ticket completes once
    shift_id: Mapped[str | None] = mapped_column(String(32), index=True)
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    cashier_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    subtotal_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    tax_fen: Mapped[int] = mapped_column(Integer)
    total_fen: Mapped[int] = mapped_column(Integer)
    rounding_fen: Mapped[int] = mapped_column(Integer, default=0)
    change_fen: Mapped[int] = mapped_column(Integer, default=0)
    member_id: Mapped[str | None] = mapped_column(String(32))
    pickup_order_id: Mapped[str | None] = mapped_column(String(32))


class SaleLine(Base):
    __tablename__ = "sale_lines"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    quantity: Mapped[str] = mapped_column(String(24))
    unit: Mapped[str] = mapped_column(String(8))
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    original_price_fen: Mapped[int | None] = mapped_column(Integer)
    override_reason: Mapped[str | None] = mapped_column(String(128))
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    total_fen: Mapped[int] = mapped_column(Integer)
    tax_code: Mapped[str] = mapped_column(String(16))
    tax_rate: Mapped[str] = mapped_column(String(8))
    tax_fen: Mapped[int] = mapped_column(Integer)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The promotions' part of `discount_fen`, per promotion (JSON list of {promotion_id, name,
    #: name_en, fen}) and per unit (JSON list of [units, fen per unit]): returns refund these.
    promotion_discount_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    promotions: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    unit_discounts: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")


class SaleLineRefund(Base):
    """What was refunded of a sale line: returns add rows here, the sale line never changes."""

    __tablename__ = "sale_line_refunds"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sale_line_id: Mapped[str] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    return_id: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(Integer)


class SaleTender(Base):
    __tablename__ = "sale_tenders"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(64))


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    till_id: Mapped[str] = mapped_column(String(24))
    user_id: Mapped[str | None] = mapped_column(String(32))
    approver_id: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(48), index=True)
    ref_id: Mapped[str | None] = mapped_column(String(40), index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")


class OutboxEvent(Base):
    """Events for the platform; a row leaves `pending` only when the platform acknowledged it."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)  # the Idempotency-Key
    kind: Mapped[str] = mapped_column(String(24))
    aggregate_id: Mapped[str] = mapped_column(String(40), index=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[str | None] = mapped_column(Text)
    #: Attempts the platform answered with a retryable error (5xx, 429, garbage), counted toward
    #: the retry cap; attempts with no answer (offline) never dead-letter an event (migration 0013).
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SyncCursor(Base):
    __tablename__ = "sync_cursors"
    resource: Mapped[str] = mapped_column(String(24), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PrintJob(Base):
    """A durable print job: the document survives a restart; `status` says whether it printed."""

    __tablename__ = "print_jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    printer_role: Mapped[str] = mapped_column(String(16), default="receipt")
    kind: Mapped[str] = mapped_column(String(16))  # receipt | slip | pick_list | label | test
    ref_id: Mapped[str | None] = mapped_column(String(40), index=True)
    document: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)  # see PrintService
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Times the job's bytes started going to a printer, committed BEFORE each send: a job sent
    #: before a crash or a dropped connection is resent marked REPRINT.
    sends: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


Index("ix_outbox_status_seq", OutboxEvent.status, OutboxEvent.seq)
Index("ix_sales_till_business_date", Sale.till_id, Sale.business_date)


def include_in_migrations(obj: object, name: str | None, type_: str, reflected: bool,
                          compare_to: object) -> bool:
    """Autogenerate must not drop the FTS5 tables (`product_fts`, `product_fts_keys`) and their
    shadow tables (created by raw SQL)."""
    return not (type_ == "table" and name is not None and name.startswith("product_fts"))


from pos_app.store import media_models as _media_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import member_models as _member_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import payment_models as _payment_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import promotion_models as _promotion_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import provision_models as _provision_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import return_models as _return_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import shift_models as _shift_models  # noqa: E402,F401  (registers the tables)
from pos_app.store import sync_models as _sync_models  # noqa: E402,F401  (registers the tables)
