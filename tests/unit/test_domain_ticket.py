from decimal import Decimal

import pytest

from pos_app.domain.errors import (
    DiscountExceedsAmount,
    EmptyTicket,
    FloatNotAllowed,
    InvalidDiscount,
    InvalidQuantity,
    InvalidTenderAmount,
    InvalidTicketData,
    LineNotFound,
    LineVoided,
    NegativePrice,
    NonCashOverpay,
    OverrideReasonRequired,
    QuantityNotPositive,
    QuantityNotWhole,
    QuantityTooLarge,
    QuantityTooPrecise,
    ReferenceRequired,
    TenderNotFound,
    TicketAlreadyPaid,
    TicketLockedByTenders,
    TicketNotOpen,
    TicketNotPaid,
    TooManyDecimals,
    UnknownTenderKind,
    WeightRequired,
)
from pos_app.domain.money import CashRounding
from pos_app.domain.tax import TaxMode
from pos_app.domain.tenders import TenderKind, TenderKindRegistry
from pos_app.domain.ticket import Discount, Ticket, TicketConfig, TicketStatus

from .samples import APPLES, BOOK, BREAD, COLA

D = Decimal


def make_ticket(**config) -> Ticket:
    ticket = Ticket(TicketConfig(**config), ticket_id="t1")
    ticket.add_item(COLA, "3.50", 3)  # 10.50
    ticket.add_item(APPLES, "12.80", "0.753")  # 9.6384 -> 9.64
    return ticket


# --- items and totals ---------------------------------------------------------------------------


def test_totals_of_a_simple_ticket():
    snap = make_ticket().snapshot()
    assert [line.total for line in snap.lines] == [D("10.50"), D("9.64")]
    assert snap.lines[1].quantity == D("0.753") and snap.lines[1].unit == "kg"
    assert (snap.subtotal, snap.discount_total, snap.total) == (D("20.14"), D("0.00"), D("20.14"))
    assert snap.item_count == 4  # 3 pieces + 1 weighed line
    assert snap.remaining == snap.cash_due == D("20.14")
    assert not snap.is_paid and snap.status is TicketStatus.OPEN


def test_pieces_default_to_one_and_accept_strings():
    ticket = Ticket()
    ticket.add_item(BREAD, "8.80")
    ticket.add_item(BREAD, D("8.80"), " 2 ")
    assert [line.quantity for line in ticket.snapshot().lines] == [D(1), D(2)]


def test_scale_label_with_weight_and_price_keeps_the_printed_price():
    ticket = Ticket()
    ticket.add_item(APPLES, "12.80", "1.234", label_price="15.80")  # 12.80 x 1.234 = 15.7952
    line = ticket.snapshot().lines[0]
    assert (line.quantity, line.total, line.label_price) == (D("1.234"), D("15.80"), D("15.80"))


def test_price_only_label_on_a_weighed_product_is_one_pack():
    ticket = Ticket()
    ticket.add_item(APPLES, "12.80", label_price="12.50")
    line = ticket.snapshot().lines[0]
    assert (line.quantity, line.unit, line.unit_price, line.total) == (D(1), "pcs", D("12.50"), D("12.50"))
    assert not line.sold_by_weight


def test_set_quantity_reprices_a_labelled_line():
    ticket = Ticket()
    line_id = ticket.add_item(APPLES, "10.00", "1.000", label_price="10.10")
    ticket.set_quantity(line_id, "0.5")
    assert ticket.snapshot().lines[0].total == D("5.00")


def test_price_override_keeps_the_original():
    ticket = make_ticket()
    ticket.override_price(1, "3.00", " damaged can ")
    line = ticket.snapshot().lines[0]
    assert (line.unit_price, line.original_price, line.override_reason, line.total) == (
        D("3.00"),
        D("3.50"),
        "damaged can",
        D("9.00"),
    )


def test_price_override_to_zero_is_allowed():
    ticket = make_ticket()
    ticket.override_price(1, "0", "free sample")
    assert ticket.snapshot().lines[0].total == D("0.00")


def test_line_discounts():
    ticket = make_ticket()
    ticket.set_line_discount(1, Discount.percent("15"))  # 10.50 x 15% = 1.575 -> 1.58
    ticket.set_line_discount(2, Discount.amount("0.64"))
    snap = ticket.snapshot()
    assert [line.discount for line in snap.lines] == [D("1.58"), D("0.64")]
    assert snap.discount_total == D("2.22") and snap.total == D("17.92")
    ticket.set_line_discount(1, None)
    assert ticket.snapshot().total == D("19.50")


def test_ticket_discount_is_allocated_pro_rata_for_tax():
    ticket = make_ticket()
    ticket.set_ticket_discount(Discount.amount("2.00"))
    snap = ticket.snapshot()
    assert [line.ticket_discount_share for line in snap.lines] == [D("1.04"), D("0.96")]
    assert [line.net_total for line in snap.lines] == [D("9.46"), D("8.68")]
    assert snap.total == D("18.14") and snap.discount_total == D("2.00")
    assert sum(b.gross for b in snap.tax_summary) == snap.total
    assert [(b.code, b.tax) for b in snap.tax_summary] == [("VAT13", D("1.09")), ("VAT9", D("0.72"))]


def test_voided_lines_stay_but_count_as_nothing():
    ticket = make_ticket()
    before = ticket.snapshot()
    line_id = ticket.add_item(BOOK, "45.00")
    ticket.void_line(line_id)
    snap = ticket.snapshot()
    assert snap.lines[-1].voided and snap.lines[-1].total == D("45.00") and snap.lines[-1].tax == 0
    assert (snap.total, snap.subtotal, snap.item_count, snap.tax_summary) == (
        before.total,
        before.subtotal,
        before.item_count,
        before.tax_summary,
    )


def test_exclusive_mode_adds_tax_on_top():
    ticket = Ticket(TicketConfig(tax_mode=TaxMode.EXCLUSIVE))
    ticket.add_item(COLA, "10.00")
    ticket.add_item(BOOK, "5.00")
    snap = ticket.snapshot()
    assert (snap.subtotal, snap.tax_total, snap.total) == (D("15.00"), D("1.30"), D("16.30"))


def test_totalled_flag_is_cleared_by_a_new_item():
    ticket = make_ticket()
    ticket.mark_totalled()
    assert ticket.snapshot().totalled
    ticket.add_item(BREAD, "8.80")
    assert not ticket.snapshot().totalled


# --- payments -----------------------------------------------------------------------------------


def test_cash_with_change():
    ticket = make_ticket()
    tender = ticket.add_tender("cash", "50")
    assert (tender.amount, tender.change, tender.rounding) == (D("20.14"), D("29.86"), D("0.00"))
    snap = ticket.snapshot()
    assert snap.is_paid and snap.remaining == 0 and snap.change == D("29.86")
    ticket.complete()
    assert ticket.snapshot().status is TicketStatus.COMPLETED


def test_split_card_then_cash_with_moling():
    ticket = make_ticket(cash_rounding=CashRounding.DOWN_0_1)
    ticket.add_tender("card", "10.00", reference="AUTH 123456")
    snap = ticket.snapshot()
    assert (snap.remaining, snap.cash_due) == (D("10.14"), D("10.10"))
    tender = ticket.add_tender("cash", "20")
    assert (tender.amount, tender.change, tender.rounding) == (D("10.10"), D("9.90"), D("-0.04"))
    snap = ticket.snapshot()
    assert snap.is_paid and snap.paid == D("20.10") and snap.rounding == D("-0.04")
    assert snap.total + snap.rounding == snap.paid


def test_card_paying_everything_is_not_rounded():
    ticket = make_ticket(cash_rounding=CashRounding.DOWN_0_1)
    tender = ticket.add_tender("card", "20.14", reference="R1")
    assert tender.rounding == 0 and ticket.snapshot().is_paid


def test_partial_cash_is_not_rounded():
    ticket = make_ticket(cash_rounding=CashRounding.NEAREST_0_05)
    ticket.add_tender("cash", "10")
    snap = ticket.snapshot()
    assert (snap.remaining, snap.cash_due, snap.rounding) == (D("10.14"), D("10.15"), D("0.00"))
    ticket.add_tender("cash", "10.15")
    snap = ticket.snapshot()
    assert snap.is_paid and snap.rounding == D("0.01") and snap.change == 0


def test_moling_can_settle_a_remainder_below_one_jiao_with_zero_cash():
    ticket = make_ticket(cash_rounding=CashRounding.DOWN_0_1)
    ticket.add_tender("card", "20.10", reference="R1")
    assert ticket.snapshot().cash_due == 0
    tender = ticket.add_tender("cash", "0")
    assert (tender.amount, tender.rounding) == (D("0.00"), D("-0.04"))
    assert ticket.snapshot().is_paid


def test_registered_kind_works_without_changing_the_ticket():
    kinds = TenderKindRegistry()
    kinds.register(TenderKind("qr_wechat", "WeChat Pay", needs_reference=True))
    ticket = Ticket(tender_kinds=kinds)
    ticket.add_item(COLA, "3.50")
    ticket.add_tender("qr_wechat", "3.50", reference="4200001234202611230000000001")
    assert ticket.snapshot().is_paid


def test_removing_a_tender_unlocks_items():
    ticket = make_ticket()
    tender = ticket.add_tender("card", "5", reference="R1")
    ticket.remove_tender(tender.tender_id)
    ticket.add_item(BREAD, "8.80")
    assert ticket.snapshot().paid == 0


def test_cancel_an_unpaid_ticket():
    ticket = make_ticket()
    ticket.cancel()
    assert ticket.snapshot().status is TicketStatus.CANCELLED


# --- persistence ----------------------------------------------------------------------------------


def test_to_dict_from_dict_round_trip_with_everything():
    ticket = make_ticket(cash_rounding=CashRounding.DOWN_0_1, tax_mode=TaxMode.INCLUSIVE)
    ticket.add_item(APPLES, "12.80", label_price="9.99")
    ticket.override_price(1, "3.20", "manager special")
    ticket.set_line_discount(2, Discount.percent("12.5"))
    ticket.void_line(3)
    ticket.set_ticket_discount(Discount.amount("1"))
    ticket.mark_totalled()
    ticket.add_tender("card", "5", reference="R1")
    restored = Ticket.from_dict(ticket.to_dict())
    assert restored.snapshot() == ticket.snapshot()
    assert restored.to_dict() == ticket.to_dict()
    # the restored ticket continues where the old one stopped
    restored.add_tender("cash", "100")
    assert restored.snapshot().is_paid


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda d: d.pop("lines"),
        lambda d: d.update(version=99),
        lambda d: d["lines"][0].update(quantity="three"),
        lambda d: d["lines"][0]["product"].update(tax_rate="1.5"),
        lambda d: d.update(status="lost"),
        lambda d: d["tenders"][0].update(kind="bitcoin"),
        lambda d: d.update(discount={"kind": "amount", "value": "999"}),
        lambda d: d["lines"][0].update(quantity="-2"),
        lambda d: d["lines"][1].update(unit_price="-1.00"),
        lambda d: d["lines"][1].update(line_id=1),
        lambda d: d["tenders"][0].update(amount="500.00"),
    ],
)
def test_from_dict_refuses_corrupt_data(corrupt):
    ticket = make_ticket()
    ticket.add_tender("card", "1", reference="R1")
    data = ticket.to_dict()
    corrupt(data)
    with pytest.raises(InvalidTicketData):
        Ticket.from_dict(data)


# --- every refusal is specific and changes nothing ------------------------------------------------


def _paid(ticket: Ticket) -> None:
    ticket.add_tender("cash", "100")


def _with_card(ticket: Ticket) -> None:
    ticket.add_tender("card", "1", reference="R1")


REFUSALS = [
    # (setup, action, error, code)
    (None, lambda t: t.add_item(COLA, "3.50", 0), QuantityNotPositive, "ticket.quantity_not_positive"),
    (None, lambda t: t.add_item(COLA, "3.50", "-1"), QuantityNotPositive, "ticket.quantity_not_positive"),
    (None, lambda t: t.add_item(COLA, "3.50", "two"), InvalidQuantity, "ticket.invalid_quantity"),
    (None, lambda t: t.add_item(COLA, "3.50", 1.0), FloatNotAllowed, "money.float_not_allowed"),
    (None, lambda t: t.add_item(COLA, "3.50", "1.5"), QuantityNotWhole, "ticket.quantity_not_whole"),
    (None, lambda t: t.add_item(COLA, "3.50", 10000), QuantityTooLarge, "ticket.quantity_too_large"),
    (None, lambda t: t.add_item(APPLES, "12.80"), WeightRequired, "ticket.weight_required"),
    (
        None,
        lambda t: t.add_item(APPLES, "12.80", "0.1234"),
        QuantityTooPrecise,
        "ticket.quantity_too_precise",
    ),
    (None, lambda t: t.add_item(COLA, "-3.50"), NegativePrice, "ticket.negative_price"),
    (None, lambda t: t.add_item(COLA, "3.505"), TooManyDecimals, "money.too_many_decimals"),
    (None, lambda t: t.add_item(COLA, 3.5), FloatNotAllowed, "money.float_not_allowed"),
    (None, lambda t: t.set_quantity(1, "0"), QuantityNotPositive, "ticket.quantity_not_positive"),
    (None, lambda t: t.set_quantity(9, "2"), LineNotFound, "ticket.line_not_found"),
    (None, lambda t: t.override_price(1, "-1", "oops"), NegativePrice, "ticket.negative_price"),
    (
        None,
        lambda t: t.override_price(1, "3", "  "),
        OverrideReasonRequired,
        "ticket.override_reason_required",
    ),
    (None, lambda t: t.set_line_discount(1, Discount.amount("10.51")), DiscountExceedsAmount, None),
    (
        None,
        lambda t: t.set_line_discount(1, Discount.percent("101")),
        InvalidDiscount,
        "ticket.invalid_discount",
    ),
    (
        None,
        lambda t: t.set_line_discount(1, Discount.amount("0")),
        InvalidDiscount,
        "ticket.invalid_discount",
    ),
    (None, lambda t: t.set_ticket_discount(Discount.amount("20.15")), DiscountExceedsAmount, None),
    (
        lambda t: t.set_line_discount(1, Discount.amount("10")),
        lambda t: t.set_quantity(1, "2"),
        DiscountExceedsAmount,
        None,
    ),
    (
        lambda t: t.set_ticket_discount(Discount.amount("15")),
        lambda t: t.void_line(1),
        DiscountExceedsAmount,
        None,
    ),
    (lambda t: t.void_line(1), lambda t: t.void_line(1), LineVoided, "ticket.line_voided"),
    (lambda t: t.void_line(1), lambda t: t.set_quantity(1, "2"), LineVoided, "ticket.line_voided"),
    (None, lambda t: t.add_tender("bitcoin", "1"), UnknownTenderKind, "tender.unknown_kind"),
    (None, lambda t: t.add_tender("card", "1"), ReferenceRequired, "tender.reference_required"),
    (None, lambda t: t.add_tender("card", "1", reference="x" * 65), ReferenceRequired, None),
    (
        None,
        lambda t: t.add_tender("card", "20.15", reference="R1"),
        NonCashOverpay,
        "tender.non_cash_overpay",
    ),
    (None, lambda t: t.add_tender("card", "0", reference="R1"), InvalidTenderAmount, "tender.invalid_amount"),
    (None, lambda t: t.add_tender("cash", "-5"), InvalidTenderAmount, "tender.invalid_amount"),
    (None, lambda t: t.add_tender("cash", 5.0), FloatNotAllowed, None),
    (None, lambda t: t.remove_tender(7), TenderNotFound, "tender.not_found"),
    (None, lambda t: t.complete(), TicketNotPaid, "ticket.not_paid"),
    (_with_card, lambda t: t.add_item(BREAD, "8.80"), TicketLockedByTenders, "ticket.locked_by_tenders"),
    (_with_card, lambda t: t.void_line(1), TicketLockedByTenders, None),
    (_with_card, lambda t: t.set_ticket_discount(None), TicketLockedByTenders, None),
    (_with_card, lambda t: t.cancel(), TicketLockedByTenders, None),
    (_paid, lambda t: t.add_tender("cash", "1"), TicketAlreadyPaid, "tender.already_paid"),
    (lambda t: (_paid(t), t.complete()), lambda t: t.add_item(BREAD, "1"), TicketNotOpen, "ticket.not_open"),
    (lambda t: (_paid(t), t.complete()), lambda t: t.remove_tender(1), TicketNotOpen, None),
    (lambda t: t.cancel(), lambda t: t.add_tender("cash", "1"), TicketNotOpen, None),
]


@pytest.mark.parametrize(("setup", "action", "error", "code"), REFUSALS)
def test_refusals_are_specific_and_change_nothing(setup, action, error, code):
    ticket = make_ticket()
    if setup:
        setup(ticket)
    before, state = ticket.snapshot(), ticket.to_dict()
    with pytest.raises(error) as info:
        action(ticket)
    if code:
        assert info.value.code == code
    assert info.value.message
    assert ticket.snapshot() == before
    assert ticket.to_dict() == state


def test_tendering_on_an_empty_ticket_is_refused():
    ticket = Ticket()
    with pytest.raises(EmptyTicket):
        ticket.add_tender("cash", "1")
    ticket.add_item(COLA, "3.50")
    ticket.void_line(1)
    with pytest.raises(EmptyTicket):
        ticket.add_tender("cash", "1")
    with pytest.raises(EmptyTicket):
        ticket.mark_totalled()
    assert ticket.snapshot().tenders == ()


def test_max_quantity_is_configurable():
    ticket = Ticket(TicketConfig(max_quantity=Decimal(99)))
    with pytest.raises(QuantityTooLarge) as info:
        ticket.add_item(COLA, "1", 100)
    assert info.value.params == {"value": D(100), "maximum": D(99)}


# --- what a change reuses from the one before (the scan path keeps 300-line tickets cheap) ---------


def test_to_json_is_the_json_of_to_dict_after_every_kind_of_change():
    import json

    t = Ticket()
    first = t.add_item(COLA, "3.00")
    t.add_item(APPLES, "12.80", "0.755")
    t.add_item(BREAD, "8.50", 2)
    assert json.loads(t.to_json()) == t.to_dict()
    t.set_quantity(first, 4)  # a line already serialised changes
    t.void_line(3)
    t.set_ticket_discount(Discount.percent(10))
    t.add_tender("cash", "100")
    text = t.to_json()
    assert json.loads(text) == t.to_dict()
    assert Ticket.from_dict(json.loads(text)).snapshot() == t.snapshot()


def test_unchanged_lines_keep_their_snapshot_and_changed_ones_do_not():
    t = Ticket()
    cola, bread = t.add_item(COLA, "3.00"), t.add_item(BREAD, "8.50")
    before = {ln.line_id: ln for ln in t.snapshot().lines}
    t.set_quantity(cola, 3)
    after = {ln.line_id: ln for ln in t.snapshot().lines}
    assert after[bread] is before[bread]
    assert after[cola] is not before[cola] and after[cola].total == D("9.00")
    t.set_ticket_discount(Discount.amount("2.50"))  # every line's share of it changes
    shared = {ln.line_id: ln for ln in t.snapshot().lines}
    assert shared[bread] is not after[bread]
    assert sum(ln.ticket_discount_share for ln in shared.values()) == D("2.50")
    assert sum(ln.net_total for ln in shared.values()) == t.snapshot().total == D("15.00")


def test_restore_brings_back_lines_tenders_discount_and_counters():
    t = Ticket()
    t.add_item(COLA, "3.00")
    saved, snap = t.memento(), t.snapshot()
    t.add_item(BREAD, "8.50")
    t.set_ticket_discount(Discount.percent(50))
    t.add_tender("cash", "2")
    t.restore(saved)
    assert t.snapshot() == snap
    assert t.add_item(BREAD, "8.50") == 2  # the line counter went back too
