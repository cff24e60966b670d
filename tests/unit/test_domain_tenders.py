import pytest

from pos_app.domain.errors import DuplicateTenderKind, UnknownTenderKind
from pos_app.domain.tenders import CARD, CASH, TenderKind, TenderKindRegistry


def test_built_in_kinds():
    kinds = TenderKindRegistry()
    assert list(kinds) == [CASH, CARD]
    assert kinds.get("cash").is_cash and kinds.get("cash").allows_change
    assert kinds.get("card").needs_reference and not kinds.get("card").allows_change


def test_registering_a_kind():
    kinds = TenderKindRegistry()
    alipay = TenderKind("qr_alipay", "Alipay", needs_reference=True)
    kinds.register(alipay)
    assert "qr_alipay" in kinds and kinds.get("qr_alipay") is alipay
    with pytest.raises(DuplicateTenderKind):
        kinds.register(TenderKind("cash", "Cash again", is_cash=True))
    with pytest.raises(UnknownTenderKind) as info:
        kinds.get("bitcoin")
    assert info.value.params == {"kind": "bitcoin"}
