"""Payment codes, the payment intent's transitions and the providers' retry/query/reverse rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.errors import (
    InvalidPaymentTransition,
    PaymentCodeEmpty,
    PaymentCodeNotDigits,
    PaymentCodeUnknownWallet,
)
from pos_app.domain.payment_codes import Wallet, mask_code, recognise_wallet
from pos_app.domain.payment_intent import FINAL_STATES, IntentState, PaymentIntent, can_move
from pos_app.domain.payment_policy import (
    SCHEDULES,
    TRANSPORT_ERROR,
    Action,
    Answer,
    Call,
    Outcome,
    after_pay,
    after_query,
    after_reverse,
    classify,
)

digits = st.text(alphabet="0123456789", min_size=0, max_size=30)


# -- recognising the wallet ------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "wallet"), [
    ("134567890123456789", Wallet.WECHAT), ("100000000000000000", Wallet.WECHAT),
    ("159999999999999999", Wallet.WECHAT),
    ("2812345678901234", Wallet.ALIPAY), ("250000000000000000000000", Wallet.ALIPAY),
    ("30123456789012345678", Wallet.ALIPAY),
    ("6212345678901234567", Wallet.UNIONPAY),
])
def test_each_wallet_is_recognised_by_prefix_and_length(code, wallet):
    assert recognise_wallet(code) is wallet
    assert recognise_wallet(f"  {code}\n") is wallet  # a scanner's trailing newline


@pytest.mark.parametrize("code", [
    "16" + "0" * 16,  # WeChat length, prefix 16
    "13" + "0" * 15,  # 17 digits starting 13
    "13" + "0" * 17,  # 19 digits starting 13
    "24" + "0" * 16,  # Alipay length, prefix 24
    "31" + "0" * 16,  # prefix 31
    "28" + "0" * 13,  # 15 digits
    "28" + "0" * 23,  # 25 digits
    "62" + "0" * 16,  # UnionPay prefix, 18 digits
    "6900000000014",  # a product barcode
])
def test_other_digit_strings_are_refused_with_the_code_masked(code):
    with pytest.raises(PaymentCodeUnknownWallet) as err:
        recognise_wallet(code)
    assert code not in err.value.message
    assert err.value.params["masked"].endswith(code[-4:])
    assert err.value.params["length"] == len(code)


def test_empty_and_non_digit_codes_have_their_own_messages():
    with pytest.raises(PaymentCodeEmpty):
        recognise_wallet("   ")
    with pytest.raises(PaymentCodeNotDigits) as err:
        recognise_wallet("13456789012345678x")
    assert "13456789012345678x" not in err.value.message
    with pytest.raises(PaymentCodeNotDigits):
        recognise_wallet("１３４５６７８９０１２３４５６７８９")  # full-width digits are not ASCII


@given(digits)
def test_recognition_matches_the_published_rules(code):
    prefix = int(code[:2]) if len(code) >= 2 else -1
    expected = (Wallet.WECHAT if len(code) == 18 and 10 <= prefix <= 15
                else Wallet.ALIPAY if 16 <= len(code) <= 24 and 25 <= prefix <= 30
                else Wallet.UNIONPAY if len(code) == 19 and prefix == 62 else None)
    if expected is None:
        with pytest.raises((PaymentCodeUnknownWallet, PaymentCodeEmpty)):
            recognise_wallet(code)
    else:
        assert recognise_wallet(code) is expected


@given(st.text(min_size=0, max_size=40).map(str.strip))
def test_a_masked_code_shows_at_most_its_last_four_characters(code):
    masked = mask_code(code)
    # compared by position (the code's own characters may include "*"); four or fewer: all hidden
    hidden = len(code) - 4 if len(code) > 4 else len(code)
    assert masked == "*" * hidden + code[hidden:]


# -- the intent's states --------------------------------------------------------------------------

def intent(**kw) -> PaymentIntent:
    base = dict(intent_id="i1", out_trade_no="S001T01abc", ticket_id="t1", wallet=Wallet.WECHAT,
                amount_fen=1450, code_masked="**************6789")
    return PaymentIntent(**{**base, **kw})


def test_happy_path_and_the_reverse_path():
    paid = intent().move(IntentState.SUBMITTED).move(IntentState.PAYING).move(IntentState.PAID)
    assert paid.final and not paid.pending
    reversed_ = paid.move(IntentState.REVERSING).move(IntentState.REVERSED)
    assert reversed_.final


@given(st.lists(st.sampled_from(list(IntentState)), max_size=12))
def test_only_listed_transitions_happen_and_final_states_stay_final(path):
    current = intent()
    for target in path:
        if can_move(current.state, target):
            current = current.move(target)
            assert current.state is target
        else:
            with pytest.raises(InvalidPaymentTransition):
                current.move(target)
    assert can_move(IntentState.PAID, IntentState.REVERSING)
    for final in FINAL_STATES - {IntentState.PAID}:
        assert not any(can_move(final, t) for t in IntentState)


def test_a_failed_or_reversed_payment_can_never_become_paid():
    failed = intent().move(IntentState.SUBMITTED).move(IntentState.FAILED)
    with pytest.raises(InvalidPaymentTransition) as err:
        failed.move(IntentState.PAID)
    assert err.value.params == {"current": "failed", "target": "paid"}
    reversing = intent().move(IntentState.SUBMITTED).move(IntentState.REVERSING)
    with pytest.raises(InvalidPaymentTransition):
        reversing.move(IntentState.PAID)


def test_amount_must_be_positive_and_elapsed_counts_from_submission():
    with pytest.raises(ValueError):
        intent(amount_fen=0)
    t0 = datetime(2026, 12, 1, 8, tzinfo=UTC)
    assert intent().elapsed_s(t0) == 0
    assert intent(submitted_at=t0).elapsed_s(t0 + timedelta(seconds=12.5)) == 12.5


# -- classifying answers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("wallet", "call", "code", "retry", "outcome"), [
    (Wallet.WECHAT, Call.PAY, "SUCCESS", False, Outcome.SUCCESS),
    (Wallet.WECHAT, Call.PAY, "USERPAYING", False, Outcome.WAITING),
    (Wallet.WECHAT, Call.PAY, "SYSTEMERROR", False, Outcome.UNKNOWN),
    (Wallet.WECHAT, Call.PAY, TRANSPORT_ERROR, False, Outcome.UNKNOWN),
    (Wallet.WECHAT, Call.PAY, "BANKERROR", False, Outcome.UNKNOWN),
    (Wallet.WECHAT, Call.PAY, "ORDERPAID", False, Outcome.UNKNOWN),  # query to learn the transaction
    (Wallet.WECHAT, Call.PAY, "NOTENOUGH", False, Outcome.FAILED),
    (Wallet.WECHAT, Call.PAY, "AUTHCODEEXPIRE", False, Outcome.FAILED),
    (Wallet.WECHAT, Call.QUERY, "SUCCESS", False, Outcome.SUCCESS),
    (Wallet.WECHAT, Call.QUERY, "USERPAYING", False, Outcome.WAITING),
    (Wallet.WECHAT, Call.QUERY, "PAYERROR", False, Outcome.FAILED),
    (Wallet.WECHAT, Call.QUERY, "ORDERNOTEXIST", False, Outcome.NOT_FOUND),
    (Wallet.WECHAT, Call.QUERY, "SYSTEMERROR", False, Outcome.UNKNOWN),
    (Wallet.WECHAT, Call.REVERSE, "SUCCESS", False, Outcome.SUCCESS),
    (Wallet.WECHAT, Call.REVERSE, "SUCCESS", True, Outcome.UNKNOWN),  # recall=Y
    (Wallet.WECHAT, Call.REVERSE, "SYSTEMERROR", False, Outcome.UNKNOWN),
    (Wallet.UNIONPAY, Call.PAY, "USERPAYING", False, Outcome.WAITING),
    (Wallet.ALIPAY, Call.PAY, "10000", False, Outcome.SUCCESS),
    (Wallet.ALIPAY, Call.PAY, "10003", False, Outcome.WAITING),
    (Wallet.ALIPAY, Call.PAY, "20000", False, Outcome.UNKNOWN),
    (Wallet.ALIPAY, Call.PAY, "ACQ.SYSTEM_ERROR", False, Outcome.UNKNOWN),
    (Wallet.ALIPAY, Call.PAY, "ACQ.BUYER_BALANCE_NOT_ENOUGH", False, Outcome.FAILED),
    (Wallet.ALIPAY, Call.PAY, "ACQ.PAYMENT_AUTH_CODE_INVALID", False, Outcome.FAILED),
    (Wallet.ALIPAY, Call.QUERY, "TRADE_SUCCESS", False, Outcome.SUCCESS),
    (Wallet.ALIPAY, Call.QUERY, "WAIT_BUYER_PAY", False, Outcome.WAITING),
    (Wallet.ALIPAY, Call.QUERY, "TRADE_CLOSED", False, Outcome.FAILED),
    (Wallet.ALIPAY, Call.REVERSE, "10000", False, Outcome.SUCCESS),
    (Wallet.ALIPAY, Call.REVERSE, "10000", True, Outcome.UNKNOWN),  # retry_flag=Y
])
def test_answers_are_classified_by_each_wallets_rules(wallet, call, code, retry, outcome):
    assert classify(wallet, call, Answer(code, retry=retry)) is outcome


@given(st.sampled_from(list(Wallet)), st.text(max_size=30))
def test_only_explicit_codes_fail_a_payment(wallet, code):
    """An unrecognised answer is never a failure: a failure would let the till forget a real charge."""
    explicit = {"NOTENOUGH", "AUTHCODEEXPIRE", "AUTH_CODE_INVALID", "AUTH_CODE_ERROR", "NOTSUPORTCARD",
                "PARAM_ERROR", "ORDERCLOSED", "ORDERREVERSED", "BUYER_MISMATCH", "PAYER_ACCOUNT_ABNORMAL",
                "PAYERROR", "CLOSED", "REVOKED", "TRADE_CLOSED"}
    for call in (Call.PAY, Call.QUERY):
        if classify(wallet, call, Answer(code)) is Outcome.FAILED:
            assert code in explicit or code.startswith("ACQ.")


# -- the schedules ------------------------------------------------------------------------------------

def test_wechat_system_error_waits_five_seconds_then_queries():
    d = after_pay(Wallet.WECHAT, Outcome.UNKNOWN)
    assert (d.state, d.action, d.wait_s) == (IntentState.PAYING, Action.QUERY, 5)


def test_wechat_user_paying_queries_every_ten_seconds_up_to_45_then_reverses():
    d = after_pay(Wallet.WECHAT, Outcome.WAITING)
    elapsed, waits = 0.0, []
    while d.action is Action.QUERY:
        waits.append(d.wait_s)
        elapsed += d.wait_s
        d = after_query(Wallet.WECHAT, Outcome.WAITING, elapsed)
    assert waits == [10, 10, 10, 10, 5]
    assert (d.state, d.action) == (IntentState.REVERSING, Action.REVERSE)


def test_alipay_waits_and_unknowns_query_for_about_a_minute_then_cancel():
    s = SCHEDULES[Wallet.ALIPAY]
    assert 3 <= s.query_every_s <= 5 and s.give_up_after_s == 60
    for first in (Outcome.WAITING, Outcome.UNKNOWN):
        d = after_pay(Wallet.ALIPAY, first)
        elapsed, queries = 0.0, 0
        while d.action is Action.QUERY:
            elapsed += d.wait_s
            queries += 1
            d = after_query(Wallet.ALIPAY, Outcome.UNKNOWN, elapsed)
        assert elapsed == 60 and queries == 15
        assert d.action is Action.REVERSE and d.wait_s == 0  # cancel right after the last query


@given(st.sampled_from(list(Wallet)), st.floats(min_value=0, max_value=200))
def test_a_query_answer_decides_at_any_time(wallet, elapsed):
    assert after_query(wallet, Outcome.SUCCESS, elapsed).state is IntentState.PAID
    assert after_query(wallet, Outcome.FAILED, elapsed).state is IntentState.FAILED
    d = after_query(wallet, Outcome.NOT_FOUND, elapsed)
    assert d.state in (IntentState.PAYING, IntentState.REVERSING)
    assert elapsed + d.wait_s <= max(elapsed, SCHEDULES[wallet].give_up_after_s)


@pytest.mark.parametrize("wallet", list(Wallet))
def test_a_reverse_is_repeated_until_confirmed_then_waits_for_the_next_resume(wallet):
    s = SCHEDULES[wallet]
    assert after_reverse(wallet, Outcome.SUCCESS, 1).state is IntentState.REVERSED
    for attempt in range(1, s.reverse_attempts):
        d = after_reverse(wallet, Outcome.UNKNOWN, attempt)
        assert (d.state, d.action, d.wait_s) == (IntentState.REVERSING, Action.REVERSE, s.reverse_every_s)
    stuck = after_reverse(wallet, Outcome.UNKNOWN, s.reverse_attempts)
    assert (stuck.state, stuck.action) == (IntentState.REVERSING, Action.STUCK)


def test_scaled_schedules_keep_their_proportions():
    s = SCHEDULES[Wallet.WECHAT].scaled(0.01)
    assert (s.after_error_s, s.query_every_s, s.give_up_after_s) == pytest.approx((0.05, 0.1, 0.45))
    assert s.reverse_attempts == SCHEDULES[Wallet.WECHAT].reverse_attempts
