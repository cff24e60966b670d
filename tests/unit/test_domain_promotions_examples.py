"""The worked-example table (tests/data/promotion_examples.json) against the engine."""

import pytest

from pos_app.domain.promotions import evaluate

from .promotion_cases import DATA, build


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["name"] for c in DATA["cases"]])
def test_worked_example(case):
    lines, catalog, context = build(case)
    result = evaluate(lines, catalog, context)
    expect = case["expect"]
    assert result.discount_fen == expect["discount_fen"]
    assert {a.promotion_id: a.discount_fen for a in result.applied} == expect["applied"]
    for line_id, want in expect.get("lines", {}).items():
        line = result.line(int(line_id))
        assert line is not None
        assert dict(line.shares) == want["shares"]
        assert [list(run) for run in line.units] == want["units"]
    codes = {r.promotion_id: r.code for r in result.reasons}
    for pid, code in expect.get("reasons", {}).items():
        assert codes[pid] == code
