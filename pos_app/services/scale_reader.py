"""Weighing a PLU on the counter scale (Mettler Toledo 8217 protocol over serial).

The sale screen calls `read_weight()` in a worker and passes the result to
`checkout.add_product(sku, weight)`. A weight that is moving, zero, below zero or over capacity
is refused with a `PosError` whose stable code the UI translates (``scale.motion``, ...): a
weighed line must carry the weight the customer saw settle. ``params["detail"]`` keeps the
technician's message from the hardware library.

The port is opened for each reading and closed again: readings are seconds apart, and a scale
unplugged in between is then reported by the next reading instead of leaving a dead handle.
"""

from __future__ import annotations

import threading
from decimal import Decimal

from hardware.errors import (
    DeviceURLError,
    HardwareError,
    ScaleMalformedReply,
    ScaleMotion,
    ScaleNoAnswer,
    ScaleOverCapacity,
    ScaleUnderZero,
    SerialDeviceError,
    SerialSettingsRefused,
)
from hardware.scale import Scale8217
from pos_app.domain.errors import PosError


class ScaleProblem(PosError):
    code = "scale.error"
    template = "The scale cannot give a weight: {detail}"


class ScaleNotConfigured(ScaleProblem):
    code = "scale.not_configured"
    template = "No scale is set up on this till (devices.scale is empty)."


class ScaleBadUrl(ScaleProblem):
    code = "scale.bad_url"
    template = "The scale's address in the config is not valid: {detail}"


class ScaleUnreachable(ScaleProblem):
    code = "scale.unavailable"
    template = "The scale's port cannot be opened: {detail}"


class ScaleBadLineSettings(ScaleProblem):
    code = "scale.bad_settings"
    template = "The scale's port refused its line settings: {detail}"


class ScaleSilent(ScaleProblem):
    code = "scale.no_answer"
    template = "The scale did not answer: {detail}"


class WeightUnstable(ScaleProblem):
    code = "scale.motion"
    template = "The weight is not stable yet; wait until the goods lie still."


class WeightZero(ScaleProblem):
    code = "scale.zero"
    template = "The scale reads zero; put the goods on the scale."


class WeightBelowZero(ScaleProblem):
    code = "scale.under_zero"
    template = "The scale reads below zero; clear the platter and zero the scale."


class WeightOverCapacity(ScaleProblem):
    code = "scale.over_capacity"
    template = "The goods are over the scale's capacity; weigh them in parts."


class ScaleBadReply(ScaleProblem):
    code = "scale.bad_reply"
    template = "The scale answered something that is not a weight: {detail}"


#: Most specific first: the hardware error class decides the code the cashier sees.
_ERRORS: tuple[tuple[type[HardwareError], type[ScaleProblem]], ...] = (
    (DeviceURLError, ScaleBadUrl),
    (SerialSettingsRefused, ScaleBadLineSettings),
    (SerialDeviceError, ScaleUnreachable),
    (ScaleNoAnswer, ScaleSilent),
    (ScaleMotion, WeightUnstable),
    (ScaleUnderZero, WeightBelowZero),
    (ScaleOverCapacity, WeightOverCapacity),
    (ScaleMalformedReply, ScaleBadReply),
)


class ScaleReader:
    def __init__(self, url: str, timeout: float = 1.0) -> None:
        self.url = url.strip()
        self.timeout = timeout
        self._lock = threading.Lock()  # two readings at once would read each other's replies

    def read_weight(self) -> Decimal:
        """One stable, positive weight in kg (3 decimals), or the `ScaleProblem` saying why not."""
        if not self.url:
            raise ScaleNotConfigured()
        with self._lock:
            try:
                scale = Scale8217(self.url, timeout=self.timeout)
                try:
                    weight = scale.read_weight()
                finally:
                    scale.close()
            except HardwareError as exc:
                problem = next((ours for theirs, ours in _ERRORS if isinstance(exc, theirs)), ScaleProblem)
                raise problem(detail=str(exc)) from None
        if weight == 0:
            raise WeightZero(detail=f"The scale on {self.url} reads 0.000 kg.")
        return weight
