from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.errors import InvalidTaxRate, UnknownTaxClass
from pos_app.domain.tax import VAT_0, VAT_9, VAT_13, TaxBand, TaxClass, TaxMode, TaxTable, compute_tax

line_amounts = st.decimals(min_value=0, max_value=Decimal("9999.99"), places=2)
tax_classes = st.sampled_from([VAT_13, VAT_9, VAT_0, TaxClass("VAT6", Decimal("0.06"))])


def test_inclusive_summary_example():
    result = compute_tax(
        [(VAT_13, Decimal("10.00")), (VAT_13, Decimal("3.50")), (VAT_9, Decimal("8.68"))], TaxMode.INCLUSIVE
    )
    assert result.bands == (
        TaxBand("VAT13", Decimal("0.13"), Decimal("11.95"), Decimal("1.55"), Decimal("13.50")),
        TaxBand("VAT9", Decimal("0.09"), Decimal("7.96"), Decimal("0.72"), Decimal("8.68")),
    )
    assert result.line_taxes == (Decimal("1.15"), Decimal("0.40"), Decimal("0.72"))


def test_exclusive_summary_example():
    result = compute_tax([(VAT_13, Decimal("10.00")), (VAT_0, Decimal("5.00"))], TaxMode.EXCLUSIVE)
    assert result.bands == (
        TaxBand("VAT13", Decimal("0.13"), Decimal("10.00"), Decimal("1.30"), Decimal("11.30")),
        TaxBand("VAT0", Decimal("0.00"), Decimal("5.00"), Decimal("0.00"), Decimal("5.00")),
    )


def test_tax_is_computed_per_rate_not_per_line():
    # three 0.10 lines at 13%: per-line rounding would give 3 x 0.01; per rate 0.30 -> 0.03
    result = compute_tax([(VAT_13, Decimal("0.10"))] * 3, TaxMode.INCLUSIVE)
    assert result.tax_total == Decimal("0.03")
    assert sum(result.line_taxes) == Decimal("0.03")


@given(st.lists(st.tuples(tax_classes, line_amounts), max_size=12), st.sampled_from(list(TaxMode)))
def test_summary_adds_up(lines, mode):
    result = compute_tax(lines, mode)
    base = sum((amount for _, amount in lines), Decimal(0))
    for band in result.bands:
        assert band.net + band.tax == band.gross
    assert sum(result.line_taxes, Decimal(0)) == result.tax_total
    if mode is TaxMode.INCLUSIVE:
        assert result.gross_total == base
    else:
        assert sum(b.net for b in result.bands) == base
        assert result.gross_total == base + result.tax_total


@pytest.mark.parametrize("rate", [Decimal("-0.01"), Decimal("1"), Decimal("NaN"), 0.13])
def test_invalid_rate(rate):
    with pytest.raises(InvalidTaxRate):
        TaxClass("BAD", rate)


def test_tax_table_lookup():
    table = TaxTable()
    assert table.get("VAT9") is VAT_9
    assert VAT_13 in list(table)
    with pytest.raises(UnknownTaxClass) as info:
        table.get("VAT17")
    assert info.value.params == {"tax_code": "VAT17"}
