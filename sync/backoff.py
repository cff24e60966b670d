"""Exponential backoff with full jitter, so a fleet of tills does not retry in lockstep.

Delay for attempt n (0-based) is uniform in [0, min(cap, base * 2**n)]; a server's
Retry-After wins when it is longer (never beyond the cap).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

MAX_DELAY_S = 300.0


class Backoff:
    """Decides when the next attempt may start; the clock and the random source are injectable."""

    def __init__(
        self,
        base_s: float = 1.0,
        cap_s: float = MAX_DELAY_S,
        clock: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if base_s <= 0 or cap_s <= 0:
            raise ValueError("backoff base and cap must be positive")
        self._base = base_s
        self._cap = min(cap_s, MAX_DELAY_S)
        self._clock = clock
        self._rand = rand
        self._failures = 0
        self._not_before = 0.0

    @property
    def failures(self) -> int:
        return self._failures

    def delay_for(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1``."""
        ceiling = min(self._cap, self._base * 2 ** min(attempt, 32))
        delay = self._rand() * ceiling
        if retry_after is not None and retry_after > delay:
            delay = retry_after
        return float(max(0.0, min(delay, self._cap)))

    def failed(self, retry_after: float | None = None) -> float:
        """Record a failure; returns the delay until the next attempt is allowed."""
        delay = self.delay_for(self._failures, retry_after)
        self._failures += 1
        self._not_before = self._clock() + delay
        return delay

    def succeeded(self) -> None:
        self._failures = 0
        self._not_before = 0.0

    def ready(self) -> bool:
        """True when the waiting time after the last failure is over."""
        return self._clock() >= self._not_before

    def remaining(self) -> float:
        return max(0.0, self._not_before - self._clock())
