"""The scan's prepared statements (store/prepared.py) run inside the unit of work's transaction:
they see what the ORM added in it, go with its rollback, and give the records Core gives."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_app.services.demo_catalog import gtin13
from pos_app.store.shift_models import Shift

COLA = gtin13("690000000001")


def test_a_prepared_read_sees_what_the_orm_added_in_the_unit_of_work_and_its_rollback(app):
    till = app.checkout.till_key
    with app.db.uow() as uow:
        assert not uow.shifts.has_open(till)
        user = uow.session.connection().exec_driver_sql("SELECT id FROM users LIMIT 1").scalar()
        uow.session.add(Shift(id="s1", till_id=till, business_date="2026-12-01", status="open",
                              opened_at=datetime.now(UTC), opened_by=user, float_fen=0, float_counts="{}"))
        assert uow.shifts.has_open(till)  # flushed first, read in the same transaction
        uow.tickets.append("T1", '{"lines": []}')
    with app.db.uow(read_only=True) as uow:  # left without commit: all of it rolled back
        assert not uow.shifts.has_open(till)
        assert uow.session.connection().exec_driver_sql(
            "SELECT count(*) FROM ticket_journal WHERE ticket_id = 'T1'").scalar() == 0


def test_a_prepared_product_look_up_gives_the_record_core_gives(app):
    with app.db.uow(read_only=True) as uow:
        found = uow.catalog.by_code(COLA)
        assert found is not None
        assert found == uow.catalog.by_ids([found.id])[0]
        assert uow.catalog.by_sku(found.sku) == found
        assert uow.catalog.by_code("0" + COLA) == found  # the GTIN-14 spelling
        assert type(found.active) is bool and type(found.sold_by_weight) is bool
        assert uow.catalog.by_code("6999999999999") is None
