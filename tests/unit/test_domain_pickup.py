from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain import errors as E
from pos_app.domain.errors import InvalidPickupTransition, UnknownPickupStatus
from pos_app.domain.pickup import (
    TRANSITIONS,
    PickupLine,
    PickupOrderState,
    PickupStatus,
    can_transition,
    is_final,
    parse_qty,
    parse_status,
    transition,
)

S = PickupStatus


def test_happy_paths():
    status = S.NEW
    for target in (S.PICKING, S.READY, S.PARTIALLY_COLLECTED, S.PARTIALLY_COLLECTED, S.COLLECTED):
        status = transition(status, target)
    assert status is S.COLLECTED and is_final(status)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.NEW, S.READY),  # must be picked first
        (S.NEW, S.COLLECTED),
        (S.PICKING, S.COLLECTED),
        (S.PICKING, S.EXPIRED),
        (S.READY, S.PICKING),
        (S.COLLECTED, S.CANCELLED),
        (S.CANCELLED, S.READY),
        (S.EXPIRED, S.COLLECTED),
    ],
)
def test_refused_transitions(current, target):
    with pytest.raises(InvalidPickupTransition) as info:
        transition(current, target)
    assert info.value.params == {"current": current.value, "target": target.value}


def test_every_status_has_rules_and_finals_are_closed():
    assert set(TRANSITIONS) == set(PickupStatus)
    assert {s for s in PickupStatus if is_final(s)} == {S.COLLECTED, S.CANCELLED, S.EXPIRED}
    assert all(can_transition(s, S.CANCELLED) for s in PickupStatus if not is_final(s))


def test_parse_status():
    assert parse_status("ready") is S.READY
    with pytest.raises(UnknownPickupStatus):
        parse_status("lost")


# --- the order aggregate -----------------------------------------------------------------------

def _order(status=S.PICKING, payment="paid_online", platform_status="new", **quantities):
    lines = [PickupLine("L1", "100001", "Cola", "pcs", D(quantities.get("cola", 2)), 300),
             PickupLine("L2", "200001", "Apples", "kg", D(quantities.get("apples", "1.5")), 1200)]
    return PickupOrderState("o1", "PU1", status, platform_status, payment, lines)


def test_picking_fills_lines_and_refuses_what_is_not_ordered():
    order = _order()
    assert order.pick("100001", "Cola", D(1)).line_id == "L1"
    order.pick("100001", "Cola", D(1))
    with pytest.raises(E.PickupTooMany) as info:
        order.pick("100001", "Cola", D(1))
    assert info.value.params["ordered"] == "2" and info.value.params["picked"] == "2"
    with pytest.raises(E.PickupItemNotInOrder):
        order.pick("999", "Water", D(1))
    with pytest.raises(E.PickupLineIncomplete):  # apples neither picked nor short with a reason
        order.mark_ready()
    order.short_pick("L2", "none left")
    assert order.mark_ready() == {"100001": D(2)} and order.status is S.READY
    with pytest.raises(E.PickupNotPicking):
        order.pick("100001", "Cola", D(1))


def test_stopping_picking_puts_the_goods_back_and_makes_the_order_new_again():
    order = _order()
    order.pick("100001", "Cola", D(1))
    order.short_pick("L2", "none left")
    order.stop_picking()
    assert order.status is S.NEW and [(ln.picked, ln.short_reason) for ln in order.lines] == [(0, ""), (0, "")]
    with pytest.raises(E.PickupNotPicking):
        order.stop_picking()  # only an order being picked
    order.start_picking()
    assert order.status is S.PICKING


def test_nothing_picked_cannot_be_ready_and_closed_orders_do_not_move():
    order = _order()
    order.short_pick("L1", "gone")
    order.short_pick("L2", "gone")
    with pytest.raises(E.PickupNothingPicked):
        order.mark_ready()
    with pytest.raises(E.PickupOrderCancelled):
        _order(platform_status="cancelled").pick("100001", "Cola", D(1))
    with pytest.raises(E.PickupOrderExpired):
        _order(status=S.EXPIRED).check_live()
    with pytest.raises(E.PickupCodeUsed):
        _order(status=S.COLLECTED).check_collectable()
    with pytest.raises(E.PickupOrderNotReady):
        _order(status=S.NEW).check_collectable()


def test_hand_over_part_then_rest_collects_the_order():
    order = _order(status=S.READY)
    order.lines[0].picked, order.lines[1].picked = D(2), D("1.5")
    assert order.hand_over_quantities(None) == {"L1": D(2), "L2": D("1.5")}
    with pytest.raises(E.PickupHandOverTooMany):
        order.hand_over_quantities({"L1": "3"})
    with pytest.raises(E.QuantityNotWhole):
        order.hand_over_quantities({"L1": "0.5"})
    with pytest.raises(E.InvalidQuantity):
        order.hand_over_quantities({"L2": "abc"})
    with pytest.raises(E.PickupLineNotFound):
        order.hand_over_quantities({"L9": "1"})
    with pytest.raises(E.PickupNothingToHandOver):
        order.hand_over_quantities({"L1": "0"})
    assert order.hand_over({"L1": D(1)}) is S.PARTIALLY_COLLECTED
    assert order.cancel_outstanding("L2", "  bruised ") == D("1.5") and order.lines[1].cancel_reason == "bruised"
    assert order.hand_over({"L1": D(1)}) is S.COLLECTED and order.fully_handed and order.handed_any


def test_a_line_cannot_be_built_inconsistent():
    with pytest.raises(E.PickupLineInvariant):
        PickupLine("L1", "1", "x", "pcs", D(2), 100, picked=D(3))
    with pytest.raises(E.PickupLineInvariant):
        PickupLine("L1", "1", "x", "pcs", D(2), 100, picked=D(1), handed_over=D(1), cancelled=D(1))


def test_parse_qty_rules():
    assert parse_qty(" 1.250 ", "kg", "s") == D("1.25")
    for bad in ("-1", "NaN", "1.0001", "Infinity"):
        with pytest.raises(E.InvalidQuantity):
            parse_qty(bad, "kg", "s")


_step = st.tuples(st.sampled_from(["pick", "hand", "cancel"]), st.sampled_from(["L1", "L2"]),
                  st.integers(min_value=0, max_value=4))


@given(st.lists(_step, max_size=30))
def test_any_sequence_keeps_quantities_consistent(steps):
    """Whatever the clerk does, per line: handed over + cancelled <= picked <= ordered, and the
    order is collected exactly when nothing is outstanding."""
    order = _order(cola=3, apples=2)
    order.lines[1].unit = "pcs"
    for action, line_id, n in steps:
        line = order.line(line_id)
        try:
            if action == "pick":
                if order.status is S.PICKING:
                    order.pick(line.sku, line.name, D(n))
            elif action == "hand":
                if order.status is S.PICKING:
                    order.short_pick(line_id, "short")
                    order.short_pick("L1" if line_id == "L2" else "L2", "short")
                    order.mark_ready()
                elif order.status in (S.READY, S.PARTIALLY_COLLECTED):
                    given_ = order.hand_over_quantities({line_id: D(n)})
                    order.move(order.hand_over(given_))
            elif order.status in (S.READY, S.PARTIALLY_COLLECTED):
                order.cancel_outstanding(line_id, "no")
        except E.PosError:
            pass
        for ln in order.lines:
            assert 0 <= ln.handed_over + ln.cancelled <= ln.picked <= ln.quantity
            assert ln.outstanding >= 0
        if order.status is S.COLLECTED:
            assert order.fully_handed
