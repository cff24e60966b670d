"""What to do after each wallet answer: the providers' published retry, query and reverse rules.

Pure functions of (wallet, answer, elapsed time), so the rules are tested without a network:

* WeChat Pay micropay: SYSTEMERROR or a network timeout -> wait 5 s, then query; USERPAYING ->
  query about every 10 s up to 45 s in all; still unknown -> reverse; a reverse answering
  ``recall=Y`` (or an error) is called again.
* Alipay trade.pay: 10003 (waiting for the user) and 20000 (unknown) -> query every 3-5 s for
  about 60 s, then trade.cancel right after the last query; cancel again while ``retry_flag=Y``.
* UnionPay QR follows the WeChat-style micropay codes the platform relays for it.

Only an explicit final code is a failure; any other answer is "unknown" and is queried, so a
charge that happened is never mistaken for one that did not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from .payment_codes import Wallet
from .payment_intent import IntentState

#: The code the adapter reports when no answer arrived (timeout, connection reset, 5xx).
TRANSPORT_ERROR = "TRANSPORT_ERROR"


class Call(StrEnum):
    PAY = "pay"
    QUERY = "query"
    REVERSE = "reverse"
    CREATE_QR = "create_qr"  # a dynamic QR order: no money moves until the customer scans and pays


class Outcome(StrEnum):
    SUCCESS = "success"  # money taken (pay, query) or given back (reverse)
    WAITING = "waiting"  # the customer is confirming on the phone
    UNKNOWN = "unknown"  # no usable answer: query (or reverse again)
    FAILED = "failed"  # an explicit final refusal: no money moved
    NOT_FOUND = "not_found"  # the wallet has no such order (yet)


@dataclass(frozen=True)
class Answer:
    """A wallet's answer as the adapter relays it (codes are the wallet's own)."""

    code: str
    message: str = ""
    transaction_id: str = ""
    payer: str = ""
    #: WeChat ``recall=Y`` / Alipay ``retry_flag=Y``: call the reverse again.
    retry: bool = False
    #: A dynamic QR order's URL (WeChat Native ``code_url``, Alipay precreate ``qr_code``).
    qr_url: str = ""


_WECHAT_FINAL_FAILURES = frozenset({
    "AUTHCODEEXPIRE", "AUTH_CODE_INVALID", "AUTH_CODE_ERROR", "NOTENOUGH", "NOTSUPORTCARD",
    "PARAM_ERROR", "ORDERCLOSED", "ORDERREVERSED", "BUYER_MISMATCH", "PAYER_ACCOUNT_ABNORMAL",
})
_WECHAT_QUERY = {"SUCCESS": Outcome.SUCCESS, "USERPAYING": Outcome.WAITING, "PAYERROR": Outcome.FAILED,
                 "CLOSED": Outcome.FAILED, "REVOKED": Outcome.FAILED, "ORDERNOTEXIST": Outcome.NOT_FOUND,
                 "NOTPAY": Outcome.WAITING}  # NOTPAY: a QR order the customer has not paid yet
_ALIPAY_FINAL_FAILURES = frozenset({
    "ACQ.PAYMENT_AUTH_CODE_INVALID", "ACQ.AUTH_CODE_EXPIRE", "ACQ.BUYER_BALANCE_NOT_ENOUGH",
    "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", "ACQ.INVALID_PARAMETER", "ACQ.TRADE_HAS_CLOSE",
    "ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR", "ACQ.BUYER_ENABLE_STATUS_FORBID",
})
_ALIPAY_QUERY = {"TRADE_SUCCESS": Outcome.SUCCESS, "TRADE_FINISHED": Outcome.SUCCESS,
                 "WAIT_BUYER_PAY": Outcome.WAITING, "TRADE_CLOSED": Outcome.FAILED,
                 "ACQ.TRADE_NOT_EXIST": Outcome.NOT_FOUND}


def classify(wallet: Wallet, call: Call, answer: Answer) -> Outcome:
    """The meaning of ``answer`` to ``call`` under ``wallet``'s rules."""
    code = answer.code
    if call is Call.CREATE_QR:
        if code in ("SUCCESS", "10000"):
            return Outcome.SUCCESS if answer.qr_url else Outcome.UNKNOWN
        final = _ALIPAY_FINAL_FAILURES if wallet is Wallet.ALIPAY else _WECHAT_FINAL_FAILURES
        return Outcome.FAILED if code in final else Outcome.UNKNOWN
    if wallet is Wallet.ALIPAY:
        if call is Call.PAY:
            if code == "10000":
                return Outcome.SUCCESS
            if code == "10003":
                return Outcome.WAITING
            return Outcome.FAILED if code in _ALIPAY_FINAL_FAILURES else Outcome.UNKNOWN
        if call is Call.QUERY:
            return _ALIPAY_QUERY.get(code, Outcome.UNKNOWN)
        return Outcome.SUCCESS if code == "10000" and not answer.retry else Outcome.UNKNOWN
    if call is Call.PAY:
        if code == "SUCCESS":
            return Outcome.SUCCESS
        if code == "USERPAYING":
            return Outcome.WAITING
        return Outcome.FAILED if code in _WECHAT_FINAL_FAILURES else Outcome.UNKNOWN
    if call is Call.QUERY:
        return _WECHAT_QUERY.get(code, Outcome.UNKNOWN)
    # Reversing an order the wallet never created moves no money: it counts as reversed.
    if code in ("SUCCESS", "ORDERNOTEXIST") and not answer.retry:
        return Outcome.SUCCESS
    return Outcome.UNKNOWN


@dataclass(frozen=True)
class Schedule:
    """A provider's timings in seconds (``scaled`` shrinks them for tests and the simulator)."""

    after_error_s: float  # first query after an unknown pay answer
    query_every_s: float  # between queries while the customer confirms
    give_up_after_s: float  # from submission: then reverse
    reverse_every_s: float  # between reverse attempts
    reverse_attempts: int  # then the intent waits in REVERSING for the next resume

    def scaled(self, factor: float) -> Schedule:
        return replace(self, after_error_s=self.after_error_s * factor, query_every_s=self.query_every_s * factor,
                       give_up_after_s=self.give_up_after_s * factor,
                       reverse_every_s=self.reverse_every_s * factor)


SCHEDULES = {
    Wallet.WECHAT: Schedule(after_error_s=5, query_every_s=10, give_up_after_s=45, reverse_every_s=10,
                            reverse_attempts=10),
    Wallet.UNIONPAY: Schedule(after_error_s=5, query_every_s=10, give_up_after_s=45, reverse_every_s=10,
                              reverse_attempts=10),
    Wallet.ALIPAY: Schedule(after_error_s=4, query_every_s=4, give_up_after_s=60, reverse_every_s=4,
                            reverse_attempts=10),
}


#: Dynamic QR orders: how often the till asks whether the customer has paid (no published rule;
#: WeChat suggests polling every few seconds), and when it gives up (the order's expiry) to close it.
QR_QUERY_EVERY_S = 2.0
QR_CLOSE_EVERY_S = 5.0


def qr_schedule(expire_minutes: int) -> Schedule:
    """A QR order is queried until it expires, then closed (a close of a paid order refunds it)."""
    return Schedule(after_error_s=QR_QUERY_EVERY_S, query_every_s=QR_QUERY_EVERY_S,
                    give_up_after_s=expire_minutes * 60.0, reverse_every_s=QR_CLOSE_EVERY_S, reverse_attempts=10)


class Action(StrEnum):
    QUERY = "query"
    REVERSE = "reverse"
    DONE = "done"  # the intent reached ``state`` (final)
    STUCK = "stuck"  # reverse attempts used up: stays REVERSING until resumed or resolved


@dataclass(frozen=True)
class Decision:
    state: IntentState  # the state to record now
    action: Action
    wait_s: float = 0.0  # before the action


def after_pay(wallet: Wallet, outcome: Outcome, schedule: Schedule | None = None) -> Decision:
    s = schedule or SCHEDULES[wallet]
    if outcome is Outcome.SUCCESS:
        return Decision(IntentState.PAID, Action.DONE)
    if outcome is Outcome.FAILED:
        return Decision(IntentState.FAILED, Action.DONE)
    if outcome is Outcome.WAITING:
        return Decision(IntentState.PAYING, Action.QUERY, s.query_every_s)
    return Decision(IntentState.PAYING, Action.QUERY, s.after_error_s)


def after_create_qr(outcome: Outcome, schedule: Schedule) -> Decision:
    """Created: wait for the customer (query); refused: failed. Unknown: close it at once, since the
    customer never saw a URL to pay (closing an order that does not exist moves no money)."""
    if outcome is Outcome.SUCCESS:
        return Decision(IntentState.PAYING, Action.QUERY, schedule.query_every_s)
    if outcome is Outcome.FAILED:
        return Decision(IntentState.FAILED, Action.DONE)
    return Decision(IntentState.REVERSING, Action.REVERSE)


def after_query(wallet: Wallet, outcome: Outcome, elapsed_s: float, schedule: Schedule | None = None) -> Decision:
    """Keep querying until ``give_up_after_s`` from submission, then reverse at once."""
    s = schedule or SCHEDULES[wallet]
    if outcome is Outcome.SUCCESS:
        return Decision(IntentState.PAID, Action.DONE)
    if outcome is Outcome.FAILED:
        return Decision(IntentState.FAILED, Action.DONE)
    if elapsed_s >= s.give_up_after_s:
        return Decision(IntentState.REVERSING, Action.REVERSE)
    return Decision(IntentState.PAYING, Action.QUERY, min(s.query_every_s, s.give_up_after_s - elapsed_s))


def after_reverse(wallet: Wallet, outcome: Outcome, attempts: int, schedule: Schedule | None = None) -> Decision:
    """``attempts``: reverse calls made so far, this one included."""
    s = schedule or SCHEDULES[wallet]
    if outcome is Outcome.SUCCESS:
        return Decision(IntentState.REVERSED, Action.DONE)
    if attempts >= s.reverse_attempts:
        return Decision(IntentState.REVERSING, Action.STUCK)
    return Decision(IntentState.REVERSING, Action.REVERSE, s.reverse_every_s)
