"""Members at the till: identify (signed member code, card, phone), the member on the ticket and
their prices, sign-up, and the ledger entries a sale writes (points earned and redeemed, stored
value spent) in the sale's own transaction.

Tenders paid with points or stored value are in ``member_tenders``; this module owns who the
member is. The member on the open ticket is a row (``ticket_members``), so a restart keeps it,
and the promotions pricer reads it in the same transaction as every ticket change.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Select, bindparam, func, select

from pos_app.config import Config
from pos_app.domain.barcode import RegisteredCode
from pos_app.domain.errors import (
    MemberAlreadyExists,
    MemberCodeExpired,
    MemberCodeInvalid,
    MemberConsentMissing,
    MemberNotFound,
    MemberPending,
    MemberTendersOnTicket,
    NoMemberOnTicket,
)
from pos_app.domain.members import (
    MEMBER_QR_PREFIX,
    EntryKind,
    OfflineCaps,
    PointsRules,
    clean_name,
    entry_id,
    mask_name,
    normalize_mobile,
    parse_member_code,
    phone_query,
    points_earned,
)
from pos_app.domain.money import from_minor, to_minor
from pos_app.domain.phone import mask_phone
from pos_app.domain.promotions import Promotion, parse_promotion
from pos_app.domain.ticket import Pricer, Ticket, TicketSnapshot
from pos_app.services.member_platform import MemberPlatform, PlatformRefused
from pos_app.services.sale_records import SaleContext
from pos_app.store.member_models import (
    MemberAllowanceRow,
    MemberEntry,
    MemberSignupRow,
    MemberTermsRow,
    TicketMember,
)
from pos_app.store.models import Product
from pos_app.store.prepared import Prepared, raw
from pos_app.store.sync_models import Member, PlatformKey, SyncConflict
from pos_app.store.uow import Database, UnitOfWork
from sync import member_codes
from sync.protocol.members import MemberLedgerEntry, MemberSignup, MemberTerms

if TYPE_CHECKING:
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.promotions import PromotionService

log = logging.getLogger(__name__)

_TICKET_MEMBER = Prepared(select(TicketMember.member_id).where(TicketMember.ticket_id == bindparam("ticket_id")))

CODE_KIND = "member"
CARD_KIND = "member_card"
#: Member card numbers the scanner may read on the sale screen (the chain's card range).
DEFAULT_CARD_PATTERN = r"^(88|99)[0-9]{8}$"
LEDGER_EVENT = "member_ledger"
SIGNUP_EVENT = "member_signup"
MEMBER_PRICE_ID = "member-price"


@dataclass(frozen=True)
class MemberChoice:
    """One line of the pick list (phone last 4): masked, never the full number."""

    member_id: str
    name: str
    phone: str
    tier: str


@dataclass(frozen=True)
class MemberView:
    """The member as the ticket panel and the receipt show them (masked)."""

    member_id: str | None  # None: a sign-up the platform has not confirmed yet
    signup_id: str | None
    name: str
    phone: str
    tier: str
    points: int
    stored_value: Decimal
    offline_points_left: int

    @property
    def pending(self) -> bool:
        return self.member_id is None


@dataclass(frozen=True)
class MemberConflict:
    """A ledger entry the platform refused (e.g. an offline spend it could not cover)."""

    conflict_id: int
    member: str
    entry_kind: str
    amount: Decimal
    points: int
    code: str
    message: str
    created_at: datetime


def terms_rules(terms: MemberTerms) -> PointsRules:
    return PointsRules(earn_per_yuan={r.tier: Decimal(r.points_per_yuan) for r in terms.earn},
                       excluded_categories=frozenset(terms.excluded_categories), fen_per_point=terms.fen_per_point,
                       min_redeem=terms.min_redeem_points, max_redeem=terms.max_redeem_points)


class MemberService:
    def __init__(self, db: Database, config: Config, till_key: str, *, platform: MemberPlatform | None = None,
                 online: Callable[[], bool] = lambda: False, clock: Callable[[], datetime] | None = None,
                 card_pattern: str = DEFAULT_CARD_PATTERN) -> None:
        self.db = db
        self.config = config
        self.till_key = till_key
        self.platform = platform
        self.online = online
        self.clock = clock or (lambda: datetime.now(UTC))
        self._card = re.compile(card_pattern)
        self._checkout: Any = None
        self._promotions: PromotionService | None = None

    # -- wiring -----------------------------------------------------------------------------------
    def attach(self, checkout: Any, promotions: PromotionService | None = None) -> None:
        """Code kinds (member QR, member card), the member-aware pricer, the sale's entries."""
        checkout.classifier.registry.register(CODE_KIND, parse_member_code)
        checkout.classifier.registry.register(CARD_KIND, lambda c: c if self._card.match(c) else None)
        checkout.code_handlers[CODE_KIND] = self._scanned
        checkout.code_handlers[CARD_KIND] = self._scanned
        checkout.sale_links.append(self._link)
        checkout.on_complete.append(self.record_sale)
        self._checkout, self._promotions = checkout, promotions
        if promotions is not None:
            base = checkout.pricing
            checkout.pricing = lambda uow: self._pricer(uow, base(uow))

    def looks_like_card(self, text: str) -> bool:
        return bool(self._card.match(text))

    @property
    def checkout(self) -> CheckoutService:
        return cast("CheckoutService", self._checkout)  # set by attach() when the app is wired, before any use

    # -- terms ------------------------------------------------------------------------------------
    def terms(self, uow: UnitOfWork | None = None) -> MemberTerms:
        """The store's member terms as last fetched (defaults before the first fetch)."""
        if uow is None:
            with self.db.uow(read_only=True) as ro:
                return self.terms(ro)
        row = uow.session.get(MemberTermsRow, self.config.store_id)
        return MemberTerms.model_validate_json(row.body) if row else MemberTerms()

    def refresh_terms(self) -> bool:
        """Fetch the terms from the platform (online only); True when they were stored."""
        terms = self.platform.terms() if self.platform is not None else None
        if terms is None:
            return False
        with self.db.uow() as uow:
            uow.session.merge(MemberTermsRow(store_id=self.config.store_id, body=terms.model_dump_json(),
                                             fetched_at=self.clock()))
            uow.commit()
        return True

    def caps(self, uow: UnitOfWork, member_id: str | None = None) -> OfflineCaps:
        """Offline stored value: the member's cap on this till (the platform's grant in the
        ``member_allowances`` feed, else the store's terms) and the till's daily total."""
        t = self.terms(uow)
        grant = uow.session.get(MemberAllowanceRow, member_id) if member_id is not None else None
        return OfflineCaps(member_fen=grant.stored_value_fen if grant is not None else t.offline_member_cap_fen,
                           till_daily_fen=t.offline_till_daily_fen)

    # -- identify ---------------------------------------------------------------------------------
    def find(self, text: str) -> list[MemberChoice]:
        """Members matching a scanned code, a card number, a full mobile number or its last 4
        digits. A member code is checked offline (platform signature, expiry) before anything."""
        text = text.strip()
        with self.db.uow(read_only=True) as uow:
            if text.startswith(f"{MEMBER_QR_PREFIX}:"):
                rows = [self._from_code(uow, text)]
            elif self._card.match(text):
                rows = list(uow.session.scalars(select(Member).where(Member.card_no == text)))
            else:
                how, value = phone_query(text)
                where = Member.phone == value if how == "full" else Member.phone.like(f"%{value}")
                rows = list(uow.session.scalars(select(Member).where(where).order_by(Member.member_id).limit(20)))
            if not rows:
                raise MemberNotFound(query=mask_phone(text) if not text.startswith(MEMBER_QR_PREFIX) else "")
            return [MemberChoice(m.member_id, mask_name(m.name), mask_phone(m.phone), m.tier) for m in rows]

    def identify(self, text: str) -> MemberView | list[MemberChoice]:
        """Attach the member at once when the input names one (code, card, full number); the
        masked pick list when it was the last 4 digits."""
        choices = self.find(text)
        if len(choices) == 1 and phone_query_kind(text) != "last4":
            return self.attach_member(choices[0].member_id)
        return choices

    def _from_code(self, uow: UnitOfWork, text: str) -> Member:
        code = parse_member_code(text)
        if code is None:
            raise MemberCodeInvalid()
        keys = {k.key_id: k.public_key for k in uow.session.scalars(select(PlatformKey))}
        if not member_codes.verify_member_token(keys, code.token, code.member_id, code.expires_at):
            raise MemberCodeInvalid()
        if code.expires_at < self.clock().timestamp():
            raise MemberCodeExpired()
        member = uow.session.get(Member, code.member_id)
        if member is None:
            raise MemberNotFound(query=code.member_id)
        return member

    def _scanned(self, uow: UnitOfWork, ticket: Ticket, scanned: RegisteredCode) -> None:
        """A member code or card scanned on the sale screen: the member joins the open ticket."""
        member: Member | None
        if scanned.kind == CODE_KIND:
            member = self._from_code(uow, scanned.value)
        else:
            member = uow.session.scalar(select(Member).where(Member.card_no == scanned.value))
            if member is None:
                raise MemberNotFound(query=scanned.value)
        self._set_member(uow, ticket.ticket_id, member.member_id, None)
        ticket.set_pricer(self._checkout.pricing(uow))  # member prices at once

    def refresh(self, member_id: str) -> bool:
        """The member's balances from the platform (online only; what other tills hold is taken
        off): the panel shows what can be spent now. False when offline."""
        if self.platform is None or not self.online():
            return False
        try:
            acc = self.platform.account(member_id)
        except PlatformRefused:
            return False
        if acc is None:
            return False
        with self.db.uow() as uow:
            member = uow.session.get(Member, member_id)
            if member is not None:  # `balances` adds what this till has not pushed yet
                member.points = acc.points - acc.held_points
                member.stored_value_fen = acc.stored_value_fen - acc.held_stored_value_fen
            uow.commit()
        return True

    def attach_member(self, member_id: str) -> MemberView:
        self.refresh(member_id)
        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            if uow.session.get(Member, member_id) is None:
                raise MemberNotFound(query=member_id)
            self._set_member(uow, ticket.ticket_id, member_id, None)
            ticket.set_pricer(self._checkout.pricing(uow))  # member prices at once

        self._checkout.change_with(step, ("member.attached", {"member_id": member_id}))
        view = self.current()
        assert view is not None
        return view

    def detach(self) -> TicketSnapshot:
        """Take the member off the open ticket (F-key again); refused while their tenders are on it."""
        from pos_app.services.member_tenders import MEMBER_TENDERS

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            if any(t.kind in MEMBER_TENDERS for t in ticket.snapshot().tenders):
                raise MemberTendersOnTicket()
            row = uow.session.get(TicketMember, ticket.ticket_id)
            if row is not None:
                uow.session.delete(row)
                uow.session.flush()
            ticket.set_pricer(self._checkout.pricing(uow))

        return self.checkout.change_with(step, ("member.detached", {}))

    def _set_member(self, uow: UnitOfWork, ticket_id: str, member_id: str | None, signup_id: str | None) -> None:
        row = uow.session.get(TicketMember, ticket_id)
        if row is None:
            uow.session.add(TicketMember(ticket_id=ticket_id, member_id=member_id, signup_id=signup_id,
                                         created_at=self.clock()))
        else:
            row.member_id, row.signup_id = member_id, signup_id
        uow.session.flush()

    def on_ticket(self, uow: UnitOfWork, ticket_id: str) -> TicketMember | None:
        return uow.session.get(TicketMember, ticket_id)

    def current(self) -> MemberView | None:
        """The member on the open ticket, masked, with balances as this till knows them."""
        ticket_id = self._checkout.current().ticket_id
        with self.db.uow(read_only=True) as uow:
            row = self.on_ticket(uow, ticket_id)
            return self.view(uow, row) if row is not None else None

    def view(self, uow: UnitOfWork, row: TicketMember) -> MemberView:
        if row.member_id is None:
            signup = uow.session.get(MemberSignupRow, row.signup_id)
            return MemberView(None, row.signup_id, mask_name(signup.name) if signup else "",
                              mask_phone(signup.phone) if signup else "", "", 0, Decimal(0), 0)
        member = uow.session.get(Member, row.member_id)
        if member is None:
            raise MemberNotFound(query=row.member_id)
        points, fen = self.balances(uow, member)
        return MemberView(member.member_id, None, mask_name(member.name), mask_phone(member.phone), member.tier,
                          points, from_minor(fen, self.config.currency), self.offline_points_left(uow, member.member_id))

    def balances(self, uow: UnitOfWork, member: Member) -> tuple[int, int]:
        """(points, stored value fen): the platform's last word plus this till's entries it has not
        acknowledged yet."""
        points, fen = uow.session.execute(
            select(func.coalesce(func.sum(MemberEntry.points), 0), func.coalesce(func.sum(MemberEntry.stored_value_fen), 0))
            .where(MemberEntry.member_id == member.member_id, MemberEntry.entry_id.in_(_pending_ids()))).one()
        return member.points + int(points), member.stored_value_fen + int(fen)

    def offline_points_left(self, uow: UnitOfWork, member_id: str) -> int:
        """The platform's offline allowance for this member on this till (its grant in the
        ``member_allowances`` feed, else the store's terms), less what this till redeemed offline
        that the platform has not taken in yet."""
        used = uow.session.scalar(select(func.coalesce(func.sum(MemberEntry.points), 0)).where(
            MemberEntry.member_id == member_id, MemberEntry.kind == EntryKind.POINTS_REDEEM.value,
            MemberEntry.offline.is_(True), MemberEntry.entry_id.in_(_pending_ids())))
        grant = uow.session.get(MemberAllowanceRow, member_id)
        allowance = grant.points if grant is not None else self.terms(uow).offline_points_allowance
        return max(allowance + int(used or 0), 0)

    def require_member(self, uow: UnitOfWork, ticket_id: str) -> Member:
        row = self.on_ticket(uow, ticket_id)
        if row is None:
            raise NoMemberOnTicket()
        if row.member_id is None:
            raise MemberPending()
        member = uow.session.get(Member, row.member_id)
        if member is None:
            raise MemberNotFound(query=row.member_id)
        return member

    # -- prices -----------------------------------------------------------------------------------
    def _pricer(self, uow: UnitOfWork, base: Pricer | None) -> Pricer | None:
        ticket = self._checkout._ticket  # the ticket being changed in this transaction
        if ticket is None or self._promotions is None:
            return base
        # Read on every scan: a prepared statement (store/prepared.py; an ORM get costs several
        # times more), which flushes first: a member set in this unit of work counts.
        row = _TICKET_MEMBER.one(raw(uow.session), {"ticket_id": ticket.ticket_id})
        if row is None:
            return base
        tier = ""
        if row[0] is not None:
            member = uow.session.get(Member, row[0])
            tier = member.tier if member is not None else ""
        stamp = uow.session.scalar(select(func.max(Product.updated_at)))
        return self._promotions.member_pricer(uow, tier, self._catalog_member_prices(uow, stamp), stamp)

    def _catalog_member_prices(self, uow: UnitOfWork, stamp: object) -> tuple[Promotion, ...]:
        """The catalog's member prices (``member_price_fen``) as one member-only price promotion."""
        if getattr(self, "_mp_stamp", None) == stamp:
            return self._mp
        prices = {sku: fen for sku, fen in uow.session.execute(
            select(Product.sku, Product.member_price_fen).where(Product.member_price_fen.is_not(None)))}
        self._mp: tuple[Promotion, ...] = (parse_promotion({
            "promotion_id": MEMBER_PRICE_ID, "name": "会员价", "name_en": "Member price",
            "rule": {"type": "member_price", "prices": prices}, "valid_from": "2000-01-01T00:00:00+00:00",
            "valid_to": "2100-01-01T00:00:00+00:00", "combines_with": ["item", "order", "coupon"],
        }),) if prices else ()
        self._mp_stamp = stamp
        return self._mp

    # -- sign-up ----------------------------------------------------------------------------------
    def sign_up(self, session_user: str, phone: str, name: str, consent: bool) -> MemberView:
        """A new member from the till: the number is checked (mainland mobile), the name optional,
        the terms' consent required. Pushed as an event; the open ticket carries the pending
        member until the platform's member id arrives (``resolve_signups``)."""
        number = normalize_mobile(phone)
        clean = clean_name(name)
        if not consent:
            raise MemberConsentMissing()
        now = self.clock()
        signup_id = uuid.uuid4().hex

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            if uow.session.scalar(select(Member.member_id).where(Member.phone == number)):
                raise MemberAlreadyExists()
            terms = self.terms(uow).terms_version
            uow.session.add(MemberSignupRow(signup_id=signup_id, phone=number, name=clean, consent_terms=terms,
                                            consent_at=now, created_at=now))
            event = MemberSignup(signup_id=signup_id, store_id=self.config.store_id, till_id=self.config.till_id,
                                 phone=number, name=clean, consent_terms=terms, consent_at=now, at=now)
            uow.outbox.add(SIGNUP_EVENT, signup_id, event.model_dump(mode="json"), event_id=signup_id)
            uow.audit.add(self.till_key, "member.signup", session_user, ref_id=signup_id,
                          details={"phone": mask_phone(number), "terms": terms})
            self._set_member(uow, ticket.ticket_id, None, signup_id)
            ticket.set_pricer(self._checkout.pricing(uow))

        self._checkout.change_with(step)
        view = self.current()
        assert view is not None
        return view

    def resolve_signups(self) -> int:
        """Sign-ups whose member arrived in the members feed (new, or merged with the member of that
        phone): the pending entries get the member id and are queued for the platform."""
        done = 0
        with self.db.uow() as uow:
            for signup in uow.session.scalars(select(MemberSignupRow).where(MemberSignupRow.member_id.is_(None))):
                member_id = uow.session.scalar(select(Member.member_id).where(Member.phone == signup.phone))
                if member_id is None:
                    continue
                signup.member_id = member_id
                for row in uow.session.scalars(select(TicketMember).where(TicketMember.signup_id == signup.signup_id)):
                    row.member_id = member_id
                for entry in uow.session.scalars(select(MemberEntry).where(MemberEntry.signup_id == signup.signup_id,
                                                                           MemberEntry.member_id.is_(None))):
                    entry.member_id = member_id
                    self._queue(uow, entry)
                done += 1
            uow.commit()
        return done

    # -- the sale's transaction -------------------------------------------------------------------
    def _link(self, uow: UnitOfWork, snap: TicketSnapshot) -> dict[str, Any]:
        """The sale's member, masked for the receipt, with the balances the sale leaves."""
        row = self.on_ticket(uow, snap.ticket_id)
        if row is None:
            return {}
        if row.member_id is None:
            view = self.view(uow, row)
            return {"member_label": f"{view.name} {view.phone}".strip()}
        member = uow.session.get(Member, row.member_id)
        if member is None:
            return {"member_id": row.member_id}
        earned, redeemed, spent = self._effects(uow, snap, member.tier, self.terms(uow))
        points, fen = self.balances(uow, member)
        return {"member_id": row.member_id, "member_label": f"{mask_name(member.name)} {mask_phone(member.phone)}",
                "points_after": max(points + earned - redeemed, 0), "stored_value_after_fen": max(fen - spent, 0)}

    def _effects(self, uow: UnitOfWork, snap: TicketSnapshot, tier: str, terms: MemberTerms) -> tuple[int, int, int]:
        """(points earned, points redeemed, stored value spent in fen) of a completed ticket."""
        currency = snap.currency
        categories: dict[str, str | None] = {}
        for ln in snap.lines:
            if not ln.voided and ln.sku not in categories:
                product = uow.catalog.by_sku(ln.sku)
                categories[ln.sku] = product.category_code if product else None
        paid_with_points = sum(to_minor(t.amount, currency) for t in snap.tenders if t.kind == "points")
        earned = points_earned(terms_rules(terms), tier, [(categories[ln.sku], to_minor(ln.net_total, currency))
                                                          for ln in snap.lines if not ln.voided], paid_with_points)
        spent = sum(to_minor(t.amount, currency) for t in snap.tenders if t.kind == "stored_value")
        return earned, paid_with_points // terms.fen_per_point, spent

    def record_sale(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        """Points earned and the member tenders' entries, written with the sale, queued for the
        platform with ids from (till, sale, kind): a sale pushed again never counts twice."""
        from pos_app.services.member_tenders import tender_entries

        row = self.on_ticket(uow, snap.ticket_id)
        if row is None:
            return
        terms = self.terms(uow)
        entries = tender_entries(uow, self, ctx, snap, row, terms) if row.member_id else []
        member = uow.session.get(Member, row.member_id) if row.member_id else None
        earned, _, _ = self._effects(uow, snap, member.tier if member is not None else "", terms)
        if earned > 0:
            entries.append(self.new_entry(ctx.sale_id, EntryKind.POINTS_EARN, row.member_id, points=earned,
                                          signup_id=row.signup_id, business_date=ctx.business_date))
        for entry in entries:
            uow.session.add(entry)
            if entry.member_id is not None:
                self._queue(uow, entry)
        uow.session.delete(row)
        uow.session.flush()

    def new_entry(self, ref_id: str, kind: EntryKind, member_id: str | None, *, points: int = 0, fen: int = 0,
                  hold_id: str | None = None, offline: bool = False, override_by: str | None = None,
                  signup_id: str | None = None, voids: str | None = None,
                  business_date: date | None = None) -> MemberEntry:
        return MemberEntry(entry_id=entry_id(self.config.till_id, ref_id, kind), member_id=member_id,
                           signup_id=signup_id, kind=kind.value, points=points, stored_value_fen=fen, voids=voids,
                           hold_id=hold_id, ref_id=ref_id, offline=offline, override_by=override_by,
                           business_date=business_date or self.clock().date(), created_at=self.clock())

    def _queue(self, uow: UnitOfWork, entry: MemberEntry) -> None:
        assert entry.member_id is not None
        event = MemberLedgerEntry(
            entry_id=entry.entry_id, store_id=self.config.store_id, till_id=self.config.till_id,
            member_id=entry.member_id, kind=entry.kind, points_delta=entry.points,
            stored_value_delta_fen=entry.stored_value_fen, voids=entry.voids, hold_id=entry.hold_id,
            ref_id=entry.ref_id, offline=entry.offline, override_by=entry.override_by, at=entry.created_at)
        uow.outbox.add(LEDGER_EVENT, entry.member_id, event.model_dump(mode="json"), event_id=entry.entry_id)

    # -- returns (the returns feature calls these in the return's transaction) ---------------------
    def refund_to_stored_value(self, uow: UnitOfWork, member_id: str, return_id: str, amount_fen: int,
                               business_date: date | None = None) -> str:
        """Pay a return back to the member's stored value; idempotent per return (the entry id is
        (till, return, refund)). Returns the entry id."""
        return self._once(uow, self.new_entry(return_id, EntryKind.REFUND, member_id, fen=amount_fen,
                                              business_date=business_date))

    def reverse_points(self, uow: UnitOfWork, member_id: str, return_id: str, points: int,
                       business_date: date | None = None) -> str:
        """Points moved back by a return: negative takes earned points back, positive gives
        redeemed points back; idempotent per return. Returns the entry id."""
        return self._once(uow, self.new_entry(return_id, EntryKind.POINTS_REVERSE, member_id, points=points,
                                              business_date=business_date))

    def _once(self, uow: UnitOfWork, entry: MemberEntry) -> str:
        if uow.session.get(MemberEntry, entry.entry_id) is None:
            uow.session.add(entry)
            self._queue(uow, entry)
            uow.session.flush()
        return entry.entry_id

    # -- for the manager --------------------------------------------------------------------------
    def conflicts(self) -> list[MemberConflict]:
        """Entries the platform refused after the fact (an offline spend it could not cover): never
        silent, the manager settles them with the member."""
        with self.db.uow(read_only=True) as uow:
            out = []
            for c in uow.session.scalars(select(SyncConflict).where(
                    SyncConflict.kind == LEDGER_EVENT, SyncConflict.resolved_at.is_(None)).order_by(SyncConflict.id)):
                entry = uow.session.get(MemberEntry, c.event_id)
                member = uow.session.get(Member, entry.member_id) if entry and entry.member_id else None
                who = f"{mask_name(member.name)} {mask_phone(member.phone)}" if member else ""
                out.append(MemberConflict(c.id, who, entry.kind if entry else "",
                                          from_minor(-entry.stored_value_fen if entry else 0, self.config.currency),
                                          -entry.points if entry else 0, c.code, mask_phone(c.message), c.created_at))
            return out


def phone_query_kind(text: str) -> str:
    """"last4" for a last-4-digits search, else "other" (never raises)."""
    digits = re.sub(r"[\s\-]", "", text.strip())
    return "last4" if len(digits) == 4 and digits.isdigit() else "other"


def _pending_ids() -> Select[str]:
    """Ids of outbox events the platform has not acknowledged (entries still to count locally)."""
    from pos_app.store.models import OutboxEvent

    return select(OutboxEvent.id).where(OutboxEvent.status != "sent")

