"""Members at the till on a real database (offline: no platform): identify by signed code, card,
phone and last 4; member prices; points earned in the sale's transaction; offline allowance and
stored-value caps; top-up in the shift's cash; sign-up pending until the member arrives;
refunds to stored value and points reversed once per return."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from members_support import feed_members

from hardware.receipt.preview import preview_text
from pos_app.domain import errors as E
from pos_app.domain.members import EntryKind, entry_id
from pos_app.services.auth import ApprovalRequired
from pos_app.services.demo_catalog import gtin13
from pos_app.services.receipts import document_from_json, profile_for
from pos_app.store.member_models import MemberEntry, MemberTermsRow, TicketMember
from pos_app.store.models import OutboxEvent
from pos_app.store.sync_models import Member, PlatformKey
from pos_app.store.sync_store import TillSyncStorage
from sync import member_codes, pickup_codes
from sync import protocol as P
from sync.protocol.members import MemberTerms
from tests_support import user_id

COLA = gtin13("690000000001")  # 3.00, no member price
MILK12 = gtin13("690000000012")  # 65.00, member price 61.75 (demo: every 4th SKU)
KEY = Ed25519PrivateKey.generate()



@pytest.fixture
def members(app, cashier):
    feed_members(app.db)
    with app.db.uow() as uow:
        uow.session.add(PlatformKey(key_id="pk01", purpose="pickup_qr", algorithm="ed25519",
                                    public_key=pickup_codes.public_key_text(KEY)))
        uow.session.get(Member, "M0001").stored_value_fen = 50_000
        terms = MemberTerms(earn=[{"tier": "", "points_per_yuan": "1"}, {"tier": "gold", "points_per_yuan": "2"}],
                            excluded_categories=["DAIRY"], offline_points_allowance=300)
        uow.session.add(MemberTermsRow(store_id="S001", body=terms.model_dump_json()))
        uow.commit()
    return app.members


def code(member_id="M0001", ttl=60, key=KEY, key_id="pk01"):
    return member_codes.sign_member_code(key, key_id, member_id, int(time.time()) + ttl)


def entries(app):
    with app.db.uow(read_only=True) as uow:
        return {(e.kind, e.member_id, e.points, e.stored_value_fen) for e in uow.session.query(MemberEntry)}


def test_identify_by_signed_code_card_and_full_phone_attaches_the_member_masked(app, members):
    for text in (code(), "8800000001", "138 0013 8001"):
        view = members.identify(text)
        assert (view.member_id, view.name, view.phone, view.tier, view.points) == \
            ("M0001", "张*", "138****8001", "gold", 1200)
        members.detach()
    assert members.current() is None


def test_a_scanned_member_code_or_card_on_the_sale_screen_joins_the_ticket(app, members):
    app.checkout.scan(code("M0002"))
    assert members.current().member_id == "M0002"
    app.checkout.scan("8800000003")
    assert members.current().member_id == "M0003"


def test_last_4_gives_a_masked_pick_list(app, members):
    choices = members.identify("5678")
    assert [(c.member_id, c.name, c.phone) for c in choices] == [("M0002", "李*", "138****5678"),
                                                               ("M0003", "王*", "139****5678")]
    assert members.attach_member("M0003").name == "王*"


@pytest.mark.parametrize(("text", "error"), [
    ("1234", E.MemberNotFound), ("13812345678", E.MemberNotFound), ("138123", E.MemberLast4Invalid),
    ("12345678901", E.MemberPhoneInvalid), ("8800000999", E.MemberNotFound),
])
def test_each_bad_lookup_has_its_message_and_attaches_nobody(app, members, text, error):
    with pytest.raises(error):
        members.identify(text)
    assert members.current() is None


def test_forged_expired_and_foreign_codes_are_refused(app, members):
    forged = code(key=Ed25519PrivateKey.generate())
    tampered = code("M0001").replace("O2OMB:M0001:", "O2OMB:M0002:")
    for bad, error in ((forged, E.MemberCodeInvalid), (tampered, E.MemberCodeInvalid),
                       (code(ttl=-5), E.MemberCodeExpired), (code(key_id="pk99"), E.MemberCodeInvalid)):
        with pytest.raises(error):
            app.checkout.scan(bad)
        assert members.current() is None


def test_member_prices_apply_at_once_and_go_with_the_member(app, members):
    app.checkout.scan(MILK12)
    assert app.checkout.current().total == Decimal("65.00")
    members.identify("8800000002")
    assert app.checkout.current().total == Decimal("61.75")
    members.detach()
    assert app.checkout.current().total == Decimal("65.00")


def test_points_are_earned_on_what_was_paid_in_the_sale_transaction(app, members):
    members.identify("8800000001")  # gold: 2 points per yuan, dairy excluded
    app.checkout.scan(COLA)
    app.checkout.scan(MILK12)
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))
    sale = app.checkout.complete()
    assert ("points_earn", "M0001", 6, 0) in entries(app)
    with app.db.uow(read_only=True) as uow:
        event = uow.outbox.get(entry_id("T01", sale.sale_id, EntryKind.POINTS_EARN))
        assert event is not None and json.loads(event.payload)["points_delta"] == 6
        assert uow.sales.by_ticket(sale.snapshot.ticket_id).member_id == "M0001"
    assert members.current() is None  # the next ticket starts without the member


def test_points_offline_within_the_allowance_then_needs_the_network(app, members):
    members.identify("8800000001")
    app.checkout.scan(MILK12)
    with pytest.raises(E.PointsBelowMinimum):
        app.member_tenders.pay_with_points(99)
    with pytest.raises(E.PointsNeedNetwork):
        app.member_tenders.pay_with_points(301)
    snap = app.member_tenders.pay_with_points(300)
    assert [(t.kind, t.amount, t.reference) for t in snap.tenders] == [("points", Decimal("3.00"), "offline")]
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))
    app.checkout.complete()
    assert ("points_redeem", "M0001", -300, 0) in entries(app)
    members.identify("8800000001")
    view = members.current()
    assert (view.points, view.offline_points_left) == (1200 - 300, 0)  # no earn: dairy only
    app.checkout.scan(COLA)
    with pytest.raises(E.PointsNeedNetwork):
        app.member_tenders.pay_with_points(100)


def test_points_beyond_the_balance_are_refused(app, members):
    members.identify("8800000002")  # 300 points
    app.checkout.scan(MILK12)
    with pytest.raises(E.InsufficientPoints):
        app.member_tenders.pay_with_points(301)


def test_stored_value_offline_caps_and_an_audited_manager_override(app, members):
    members.identify("8800000001")  # 500.00 stored
    for _ in range(4):
        app.checkout.scan(MILK12)  # 4 x 61.75 = 247.00
    with pytest.raises(ApprovalRequired) as needed:  # the cashier may not pass the cap: a manager may
        app.member_tenders.pay_with_stored_value("200.01")
    assert isinstance(needed.value.__cause__, E.StoredValueOfflineCap)
    assert app.checkout.current().tenders == ()
    approval = app.auth.approve("8888", "stored_value_override", "member asked")
    snap = app.member_tenders.pay_with_stored_value("247.00", approval=approval)
    assert snap.is_paid and snap.tenders[0].reference == f"offline:{approval.approver_id}"
    app.checkout.complete()
    assert ("spend", "M0001", 0, -24_700) in entries(app)
    with app.db.uow(read_only=True) as uow:
        [audit] = uow.audit.entries("member.stored_value_override")
        assert audit.approver_id == approval.approver_id


def test_the_till_daily_offline_total_is_capped_too(app, members):
    with app.db.uow() as uow:
        terms = MemberTerms(offline_member_cap_fen=100_000, offline_till_daily_fen=1_000)
        uow.session.merge(MemberTermsRow(store_id="S001", body=terms.model_dump_json()))
        uow.commit()
    members.identify("8800000001")
    app.checkout.scan(MILK12)
    app.member_tenders.pay_with_stored_value("10.00")
    app.checkout.remove_tender(app.checkout.current().tenders[0].tender_id)
    with pytest.raises(ApprovalRequired) as needed:
        app.member_tenders.pay_with_stored_value("10.01")
    assert isinstance(needed.value.__cause__, E.StoredValueTillCap)


def test_stored_value_beyond_the_balance_is_refused_and_never_negative(app, members):
    members.identify("8800000002")  # 0.00 stored
    app.checkout.scan(COLA)
    with pytest.raises(E.InsufficientStoredValue):
        app.member_tenders.pay_with_stored_value("0.01")


def test_top_up_is_a_paid_in_of_the_shift_and_a_ledger_entry(app, members):
    members.identify("8800000002")
    for bad in ("0.50", "5000.01"):
        with pytest.raises(E.TopUpInvalid):
            app.member_tenders.top_up(bad)
    done = app.member_tenders.top_up("100.00")
    assert done.member.stored_value == Decimal("100.00")
    events = app.shifts.events()
    assert [(e.kind, e.amount, e.reason_code, e.note) for e in events][-1] == \
        ("paid_in", Decimal("100.00"), "stored_value_top_up", "李* 138****5678")
    assert ("top_up", "M0002", 0, 10_000) in entries(app)


def test_nothing_member_without_a_member(app, members):
    app.checkout.scan(COLA)
    with pytest.raises(E.NoMemberOnTicket):
        app.member_tenders.pay_with_points(100)
    with pytest.raises(E.NoMemberOnTicket):
        app.member_tenders.top_up("10.00")


@pytest.mark.parametrize(("phone", "name", "consent", "error"), [
    ("12345678901", "", True, E.MemberPhoneInvalid), ("13812345678", "a\tb", True, E.MemberNameInvalid),
    ("13812345678", "", False, E.MemberConsentMissing), ("13800138001", "", True, E.MemberAlreadyExists),
])
def test_each_bad_sign_up_is_refused_and_writes_nothing(app, members, phone, name, consent, error):
    with pytest.raises(error):
        members.sign_up(app.checkout.user.user_id, phone, name, consent)
    with app.db.uow(read_only=True) as uow:
        assert uow.session.query(OutboxEvent).filter(OutboxEvent.kind == "member_signup").count() == 0


def test_sign_up_is_pending_and_its_points_follow_when_the_member_arrives(app, members):
    view = members.sign_up(app.checkout.user.user_id, "137 0000 1234", "赵六", True)
    assert view.pending and (view.name, view.phone) == ("赵*", "137****1234")
    app.checkout.scan(COLA)
    with pytest.raises(E.MemberPending):
        app.member_tenders.pay_with_points(100)
    app.checkout.add_tender("cash", "3.00")
    sale = app.checkout.complete()
    assert ("points_earn", None, 3, 0) in entries(app)
    assert members.resolve_signups() == 0  # the platform has not answered yet
    new = P.Member(member_id="MS0001", card_no="9900000001", name="赵六", phone="13700001234", tier="basic", points=0)
    TillSyncStorage(app.db).apply_page("members", [P.FeedItem[P.Member](key="MS0001", deleted=False, data=new)], "m2")
    assert members.resolve_signups() == 1
    assert ("points_earn", "MS0001", 3, 0) in entries(app)
    with app.db.uow(read_only=True) as uow:
        assert uow.outbox.get(entry_id("T01", sale.sale_id, EntryKind.POINTS_EARN)) is not None
        signup = uow.session.query(OutboxEvent).filter(OutboxEvent.kind == "member_signup").one()
        assert json.loads(signup.payload)["phone"] == "13700001234"


def test_refund_and_point_reversal_for_returns_are_written_once(app, members):
    with app.db.uow() as uow:
        first = members.refund_to_stored_value(uow, "M0001", "ab" * 16, 500)
        again = members.refund_to_stored_value(uow, "M0001", "ab" * 16, 500)
        members.reverse_points(uow, "M0001", "ab" * 16, -20)
        members.reverse_points(uow, "M0001", "ab" * 16, -20)
        uow.commit()
    assert first == again
    assert {e for e in entries(app) if e[0] in ("refund", "points_reverse")} == \
        {("refund", "M0001", 0, 500), ("points_reverse", "M0001", -20, 0)}
    members.identify("8800000001")
    assert (members.current().points, members.current().stored_value) == (1180, Decimal("505.00"))


def test_the_member_stays_on_the_ticket_after_a_restart(app, members, demo_dir, config):
    from pos_app.bootstrap import build_app

    members.identify("8800000002")
    app.checkout.scan(MILK12)
    again = build_app(config, demo_dir)
    try:
        again.checkout.set_user(app.checkout.user)
        assert again.members.current().member_id == "M0002"
        assert again.checkout.current().total == Decimal("61.75")
    finally:
        again.close()
    with app.db.uow(read_only=True) as uow:
        assert uow.session.query(TicketMember).count() == 1


def test_the_receipt_prints_the_masked_member_and_balances_after_the_sale(app, members):
    with app.db.uow() as uow:
        uow.session.get(Member, "M0002").stored_value_fen = 10_000
        uow.commit()
    members.identify("8800000002")  # silver: 1 point per yuan; 300 points
    app.checkout.scan(COLA)
    app.checkout.scan(COLA)
    app.member_tenders.pay_with_points(100)  # 1.00
    app.member_tenders.pay_with_stored_value("2.00")
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))  # 3.00
    sale = app.checkout.complete()
    with app.db.uow(read_only=True) as uow:
        job = uow.print_jobs.first_for(sale.sale_id, "receipt")
        text = "\n".join(preview_text(document_from_json(job.document), profile_for(app.config)))
    assert "李* 138****5678" in text and "13800135678" not in text
    assert "Points balance" in text and "205" in text  # 300 - 100 + 5 earned on 5.00 paid not by points
    assert "Stored value balance" in text and "98.00" in text


def test_a_return_pays_stored_value_back_to_the_member_once(app, members):
    members.identify("8800000001")  # 500.00 stored
    app.checkout.scan(COLA)
    app.checkout.scan(COLA)
    paid = app.checkout.current().total
    app.member_tenders.pay_with_stored_value(str(paid))
    sale = app.checkout.complete()
    spent = int(paid * 100)
    assert ("spend", "M0001", 0, -spent) in entries(app)
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    line = app.returns.find(sale.receipt_no).lines[0]
    done = app.returns.complete(session, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    unit = spent // 2
    assert [(t.kind, t.method, t.amount_fen) for t in done.tenders] == [("stored_value", "stored_value", unit)]
    assert done.cash_fen == 0  # back to stored value, not out of the drawer
    assert ("refund", "M0001", 0, unit) in entries(app)
    with app.db.uow(read_only=True) as uow:
        assert uow.session.query(MemberEntry).filter(MemberEntry.kind == "refund").count() == 1


def test_returns_take_back_the_points_the_sale_earned_never_more(app, members):
    members.identify("8800000001")  # gold: 2 points per yuan
    for _ in range(3):
        app.checkout.scan(COLA)  # 3 x 3.00 = 9.00 -> 18 points
    app.checkout.add_tender("cash", str(app.checkout.current().cash_due))
    sale = app.checkout.complete()
    assert ("points_earn", "M0001", 18, 0) in entries(app)
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    line = app.returns.find(sale.receipt_no).lines[0]
    app.returns.complete(session, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
    app.returns.complete(session, sale.receipt_no, [(line.line_id, 2, "changed_mind")])
    with app.db.uow(read_only=True) as uow:
        taken = [e.points for e in uow.session.query(MemberEntry).filter(MemberEntry.kind == "points_reverse")
                 .order_by(MemberEntry.created_at)]
    assert taken == [-6, -12]  # a third of the sale, then the rest: all 18, not one more
