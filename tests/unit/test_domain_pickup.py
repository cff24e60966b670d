import pytest

from pos_app.domain.errors import InvalidPickupTransition, UnknownPickupStatus
from pos_app.domain.pickup import (
    TRANSITIONS,
    PickupStatus,
    can_transition,
    is_final,
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
