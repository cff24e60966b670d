"""Listener lists of the services that publish from worker threads (printing, scanner, sync).

A service keeps a plain list and a lock; `subscribe` adds a callback and gives back the function
that removes it, and publishers copy the list under the lock before calling out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")


def subscribe(lock: threading.Lock | threading.RLock, listeners: list[Callable[[_T], None]],
              callback: Callable[[_T], None]) -> Callable[[], None]:
    """Add `callback` to `listeners`; returns the unsubscriber (safe to call twice)."""
    with lock:
        listeners.append(callback)

    def unsubscribe() -> None:
        with lock:
            if callback in listeners:
                listeners.remove(callback)

    return unsubscribe
