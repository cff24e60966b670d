"""Promotions in the till's database: a body the engine refuses fails the page, cursor unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_app.store.repositories.promotions import PromotionRepository
from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P
from sync.errors import ProtocolError


def item(pid: str, percent: str) -> P.FeedItem:
    data = P.Promotion.model_validate({
        "promotion_id": pid, "name": "饮料折扣", "valid_from": "2026-01-01T00:00:00Z",
        "valid_to": "2027-01-01T00:00:00Z", "combines_with": ["order"],
        "rule": {"type": "percent_off", "targets": {"categories": ["DRINK"]}, "percent": percent},
    })
    return P.FeedItem[P.Promotion](key=pid, deleted=False, data=data)


def test_a_promotion_the_engine_refuses_fails_the_page_and_keeps_the_cursor(app):
    storage = TillSyncStorage(app.db)
    storage.apply_page("promotions", [item("P1", "15")], "c1")
    with pytest.raises(ProtocolError, match="P2.*percent 0 must be above 0"):
        storage.apply_page("promotions", [item("P3", "20"), item("P2", "0")], "c2")
    assert storage.get_cursor("promotions") == "c1"
    with app.db.uow(read_only=True) as uow:
        bodies = PromotionRepository(uow.session).bodies(datetime(2026, 12, 1, tzinfo=UTC))
    assert [(b["promotion_id"], b["rule"]["percent"]) for b in bodies] == [("P1", "15")]
