"""A return settles the member's points with the sale (real database, no platform): the points
redeemed in it come back in proportion to what is refunded of their share, the points it earned
go back likewise, never more than was redeemed or earned over several partial returns."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from members_support import feed_members

from hardware.receipt.preview import preview_text
from pos_app.domain.errors import MemberNotFound, ReturnExceedsRefundable
from pos_app.domain.permissions import Permission
from pos_app.services.demo_catalog import gtin13
from pos_app.services.receipts import document_from_json, profile_for
from pos_app.store.member_models import MemberEntry, MemberTermsRow
from pos_app.store.return_models import ReturnDoc, ReturnTender
from pos_app.store.sync_models import PlatformKey
from sync import pickup_codes
from sync.protocol.members import MemberTerms
from tests_support import user_id


def to_fen(amount) -> int:
    return int(amount * 100)

COLA = gtin13("690000000001")  # 3.00
KEY = Ed25519PrivateKey.generate()


@pytest.fixture
def members(app, cashier):
    feed_members(app.db)
    with app.db.uow() as uow:
        uow.session.add(PlatformKey(key_id="pk01", purpose="pickup_qr", algorithm="ed25519",
                                    public_key=pickup_codes.public_key_text(KEY)))
        terms = MemberTerms(earn=[{"tier": "", "points_per_yuan": "1"}], offline_points_allowance=300)
        uow.session.add(MemberTermsRow(store_id="S001", body=terms.model_dump_json()))
        uow.commit()
    return app.members


def reversals(app) -> list[int]:
    with app.db.uow(read_only=True) as uow:
        return [e.points for e in uow.session.query(MemberEntry).filter(MemberEntry.kind == "points_reverse")
                .order_by(MemberEntry.created_at)]


def sell_with_points(app, members, points: int, colas: int):
    members.identify("8800000002")  # M0002: silver, 300 points, 1 point per yuan
    for _ in range(colas):
        app.checkout.scan(COLA)
    app.member_tenders.pay_with_points(points)
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))
    return app.checkout.complete()


def test_redeemed_points_come_back_in_proportion_never_more_and_earned_ones_go(app, members):
    sale = sell_with_points(app, members, 200, 4)  # 12.00: 2.00 in points, 10.00 cash -> 10 earned
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    line = app.returns.find(sale.receipt_no).lines[0]
    first = app.returns.complete(session, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    # a quarter of the sale: a quarter of the points share (0.50 = 50 points) goes back as points,
    # the rest of 3.00 in cash; a quarter of the 10 earned points (2, rounded down) is taken back
    assert [(t.kind, t.method, t.amount_fen) for t in first.tenders] == [("points", "points", 50),
                                                                       ("cash", "cash", 250)]
    second = app.returns.complete(session, sale.receipt_no, [(line.line_id, 3, "changed_mind")])
    assert [(t.kind, t.amount_fen) for t in second.tenders] == [("points", 150), ("cash", 750)]
    assert reversals(app) == [50 - 2, 150 - 8]  # all 200 redeemed back, all 10 earned taken: not one more
    with app.db.uow(read_only=True) as uow:
        job = uow.print_jobs.first_for(second.return_id, "receipt")
        slip = "\n".join(preview_text(document_from_json(job.document), profile_for(app.config)))
    assert "Back as points" in slip and "Cash back" in slip
    members.identify("8800000002")
    assert members.current().points == 300  # as before the sale


def test_uneven_partial_returns_never_give_back_more_than_was_redeemed(app, members):
    sale = sell_with_points(app, members, 100, 3)  # 9.00: 1.00 in points -> 8 earned on 8.00
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    line = app.returns.find(sale.receipt_no).lines[0]
    for _ in range(3):
        app.returns.complete(session, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    with app.db.uow(read_only=True) as uow:
        back = [e.points for e in uow.session.query(MemberEntry).filter(MemberEntry.kind == "points_reverse")]
    assert sum(back) == 100 - 8
    with pytest.raises(ReturnExceedsRefundable):
        app.returns.complete(session, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    assert reversals(app) == back


def test_a_return_without_a_member_sale_moves_no_points(app, members):
    app.checkout.scan(COLA)
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))
    sale = app.checkout.complete()
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    line = app.returns.find(sale.receipt_no).lines[0]
    done = app.returns.complete(session, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    assert [t.method for t in done.tenders] == ["cash"] and reversals(app) == []


def test_a_no_receipt_return_can_go_to_the_members_stored_value_and_only_to_a_known_member(app, members):
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    approval = app.auth.approve("8888", Permission.REFUND, "no receipt")
    with pytest.raises(MemberNotFound):
        app.returns.no_receipt(session, COLA, 1, "changed_mind", approval, member_id="M9999")
    with app.db.uow(read_only=True) as uow:
        assert uow.session.query(ReturnDoc).count() == 0  # nothing written
    done = app.returns.no_receipt(session, COLA, 2, "changed_mind", approval, member_id="M0002")
    assert [(t.kind, t.method, t.amount_fen) for t in done.tenders] == [("stored_value", "stored_value", 600)]
    assert done.cash_fen == 0 and done.rounding_fen == 0
    with app.db.uow(read_only=True) as uow:
        refunds = [(e.member_id, e.stored_value_fen) for e in uow.session.query(MemberEntry)
                   .filter(MemberEntry.kind == "refund")]
    assert refunds == [("M0002", 600)]


def test_an_exchange_gives_the_points_share_back_as_points_and_credits_only_the_rest(app, members):
    sale = sell_with_points(app, members, 200, 4)  # 12.00: 2.00 in points, 10.00 cash -> 10 earned
    members.identify("8800000002")
    after_sale = members.current().points
    members.detach()
    line = app.returns.find(sale.receipt_no).lines[0]
    app.checkout.scan(COLA)  # the new goods: 3.00
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    snap = app.returns.exchange(session, sale.receipt_no, [(line.line_id, 1, "wrong_item")])
    points_share = (200 * 300 + 600) // 1200  # the cola's part of the 2.00 points tender, half up
    assert [(t.kind, to_fen(t.amount)) for t in snap.tenders] == [("exchange", 300 - points_share)]
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))
    new = app.checkout.complete()
    with app.db.uow(read_only=True) as uow:
        doc = uow.session.query(ReturnDoc).one()
        tenders = sorted((t.kind, t.method, t.amount_fen) for t in uow.session.query(ReturnTender)
                         .filter(ReturnTender.return_id == doc.id))
        assert doc.exchange_sale_id == new.sale_id and doc.refund_fen == 300
    assert tenders == [("exchange", "exchange", 300 - points_share), ("points", "points", points_share)]
    earned_back = 10 * 300 // 1200  # the quarter of the earned points, rounded down
    assert reversals(app) == [points_share - earned_back]
    members.identify("8800000002")
    assert members.current().points == after_sale + points_share - earned_back
