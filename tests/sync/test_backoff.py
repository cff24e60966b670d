"""Backoff: full jitter, capped at 5 minutes, Retry-After honoured, clock and randomness injected."""

from __future__ import annotations

import pytest

from sync.backoff import MAX_DELAY_S, Backoff


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_full_jitter_grows_exponentially_and_is_capped() -> None:
    top = Backoff(base_s=1, clock=FakeClock(), rand=lambda: 0.999999)
    assert [round(top.delay_for(n)) for n in range(4)] == [1, 2, 4, 8]
    assert top.delay_for(30) == pytest.approx(MAX_DELAY_S, rel=1e-5)
    assert Backoff(rand=lambda: 0.0).delay_for(5) == 0.0  # full jitter reaches down to zero
    assert Backoff(rand=lambda: 0.5).delay_for(3) == 4.0


def test_retry_after_wins_when_longer_but_not_past_the_cap() -> None:
    b = Backoff(base_s=1, rand=lambda: 0.5)
    assert b.delay_for(0, retry_after=30) == 30
    assert b.delay_for(0, retry_after=0.1) == 0.5
    assert b.delay_for(0, retry_after=10_000) == MAX_DELAY_S


def test_ready_after_the_delay_and_reset_on_success() -> None:
    clock = FakeClock()
    b = Backoff(base_s=2, clock=clock, rand=lambda: 1.0)
    assert b.failed() == 2
    assert not b.ready() and b.remaining() == 2
    clock.t += 2
    assert b.ready()
    assert b.failed() == 4 and b.failures == 2
    b.succeeded()
    assert b.ready() and b.failures == 0


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        Backoff(base_s=0)
