"""The manager's device settings: validate device addresses, try devices, save them.

The hardware screen (`pos_app.ui.hardware_screen`) runs `run_test` and `save_devices` in its
worker threads and shows the `TestOutcome`; address validation is pure and may run anywhere.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hardware.diagnostics import DiagnosticResult
from hardware.errors import HardwareError
from hardware.serialport import serial_url
from hardware.urls import ACCEPTED_FORMS, parse_device_url
from pos_app.config import Config, DevicesConfig
from pos_app.domain.permissions import Permission
from pos_app.services.auth import StaffSession, require_permission
from pos_app.services.devices import run_device_test
from pos_app.services.scale_reader import ScaleProblem, ScaleReader, WeightZero
from pos_app.services.settings import update_config

log = logging.getLogger(__name__)

#: Device roles of the screen, in screen order, and the DevicesConfig key each one edits.
ROLES = ("printer", "drawer", "scanner", "display", "scale")
#: The device address forms the settings accept, shown to the engineer next to the fields.
URL_FORMS: tuple[str, ...] = ACCEPTED_FORMS
KEYS = {
    "printer": "receipt_printer",
    "drawer": "drawer",
    "scanner": "scanner",
    "display": "display",
    "scale": "scale",
}
_SERIAL_NAMES = {
    "drawer": "serial cash drawer",
    "scanner": "serial scanner",
    "display": "customer display",
    "scale": "scale",
}


class BadDeviceSetting(Exception):
    """A device address the till cannot use; `detail` is the technician's explanation."""

    def __init__(self, role: str, detail: str) -> None:
        super().__init__(f"{role}: {detail}")
        self.role, self.detail = role, detail


@dataclass(frozen=True)
class TestOutcome:
    """`code` is stable for the screen's translated headline: ``ok``, ``zero``, ``not_configured``,
    ``no_scan`` (keyboard scanner, nothing scanned yet), a hardware error class name, or a
    ``scale.*`` code. `detail` is the technician's message, `value` a weight or a scanned code."""

    role: str
    ok: bool
    code: str
    detail: str
    value: str = ""


def check_address(role: str, url: str) -> None:
    """Refuse an address the role cannot use; empty means "no such device" except for the printer."""
    url = url.strip()
    if role == "printer" and not url:
        raise BadDeviceSetting(role, "The receipt printer needs an address; use preview:// for none.")
    if not url or (role == "drawer" and url == "printer"):
        return
    try:
        parse_device_url(url) if role == "printer" else serial_url(url, _SERIAL_NAMES[role])
    except HardwareError as exc:
        if role == "drawer":
            raise BadDeviceSetting(
                role, f"{exc}\nFor a drawer on the printer's DK port write: printer"
            ) from None
        raise BadDeviceSetting(role, str(exc)) from None


def build_devices(current: DevicesConfig, urls: dict[str, str], **options: Any) -> DevicesConfig:
    """The edited device settings, every address checked (first bad one raises)."""
    for role in ROLES:
        check_address(role, urls[role])
    values = {KEYS[role]: urls[role].strip() for role in ROLES}
    return DevicesConfig.model_validate({**current.model_dump(), **values, **options})


def save_devices(session: StaffSession, path: Path, devices: DevicesConfig) -> Config:
    """Replace only the [devices] section of the config file as it is on disk now (raises ConfigError);
    only a session whose role manages devices may, and the log names it."""
    staff = require_permission(session, Permission.MANAGE_DEVICES)
    config = update_config(path, devices=devices.model_dump())
    log.info("device settings saved by %s (%s)", staff.user_id, staff.role)
    return config


def _from_diagnostic(role: str, result: DiagnosticResult) -> TestOutcome:
    if result.ok:
        return TestOutcome(role, True, "ok", result.message, result.details.get("code", ""))
    code = result.details.get("error") or ("PrinterStatus" if "status" in result.details else "Failed")
    return TestOutcome(role, False, code, result.message)


def run_test(ctx: Any, devices: DevicesConfig, role: str) -> TestOutcome:
    """Try one device with the edited (unsaved) settings; never raises. May block for seconds."""
    url = getattr(devices, KEYS[role]).strip()
    if not url:
        return TestOutcome(role, False, "not_configured", f"devices.{KEYS[role]} is empty.")
    if role == "display":
        result = ctx.customer_display.test(url, devices.display_protocol, devices.display_encoding or None)
        return _from_diagnostic(role, result)
    if role == "scale":
        try:
            weight = ScaleReader(url).read_weight()
        except WeightZero as exc:
            return TestOutcome(role, True, "zero", exc.params["detail"], "0.000")
        except ScaleProblem as exc:
            return TestOutcome(role, False, exc.code, exc.params.get("detail") or exc.message)
        return TestOutcome(role, True, "ok", f"The scale on {url} reads {weight} kg.", str(weight))
    return _from_diagnostic(role, run_device_test(ctx.config.model_copy(update={"devices": devices}), role))
