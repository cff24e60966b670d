"""Repositories: the store's vocabulary for services (no Session outside `pos_app.store`)."""

from pos_app.store.repositories.audit import AuditRepository
from pos_app.store.repositories.catalog import CatalogRepository
from pos_app.store.repositories.outbox import CursorRepository, OutboxRepository
from pos_app.store.repositories.payments import PaymentRepository
from pos_app.store.repositories.pickup import PickupRepository
from pos_app.store.repositories.printing import PrintJobRepository
from pos_app.store.repositories.returns import ReturnRepository
from pos_app.store.repositories.sales import SaleRepository, TicketRepository, TillRepository
from pos_app.store.repositories.shifts import ReportQueries, ShiftRepository
from pos_app.store.repositories.stock import StockRepository
from pos_app.store.repositories.users import UserRepository

__all__ = [
    "AuditRepository",
    "CatalogRepository",
    "CursorRepository",
    "OutboxRepository",
    "PaymentRepository",
    "PickupRepository",
    "PrintJobRepository",
    "ReportQueries",
    "ReturnRepository",
    "SaleRepository",
    "ShiftRepository",
    "StockRepository",
    "TicketRepository",
    "TillRepository",
    "UserRepository",
]
