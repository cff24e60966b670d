"""Device tests for `pos-app devices test ...` and the selfcheck's "devices reachable" check.

A test can name a URL that is not in the config yet, so an engineer tries a printer before saving
it. The selfcheck only connects (it never prints or opens the drawer: it runs unattended).
"""

from __future__ import annotations

from pathlib import Path

from hardware.diagnostics import DiagnosticResult, run_check
from hardware.errors import HardwareError
from hardware.escpos_commands import drawer_kick
from hardware.printer import open_printer
from hardware.serialport import open_serial
from hardware.status import PrinterState
from hardware.urls import PreviewURL, SerialURL, parse_device_url
from pos_app.config import Config
from pos_app.services.receipts import profile_for

DEVICE_KINDS = ("printer", "drawer", "display", "scale", "scanner")
SCANNER_WAIT_SECONDS = 15.0


def _configured_url(config: Config, kind: str) -> str:
    devices = config.devices
    if kind == "printer":
        return devices.receipt_printer
    if kind == "drawer":
        return devices.receipt_printer if devices.drawer.strip() == "printer" else devices.drawer
    return {"display": devices.display, "scale": devices.scale, "scanner": devices.scanner}[kind]


def run_device_test(config: Config, kind: str, url: str | None = None) -> DiagnosticResult:
    """Run the hardware self-test of `kind` on `url` (default: the configured one); never raises."""
    if kind not in DEVICE_KINDS:
        return DiagnosticResult(False, f"Unknown device kind {kind!r}; choose one of {', '.join(DEVICE_KINDS)}.")
    target = (url if url is not None else _configured_url(config, kind)).strip()
    if not target:
        key = "receipt_printer" if kind in ("printer", "drawer") else kind
        return DiagnosticResult(False, f"No {kind} is configured (devices.{key} is empty); pass --url URL "
                                       "to test one.")
    devices = config.devices
    if kind == "printer":
        return run_check("printer", target, profile=profile_for(config))
    if kind == "drawer":
        try:
            serial = isinstance(parse_device_url(target), SerialURL)
        except HardwareError as exc:
            return DiagnosticResult(False, str(exc))
        pulse = devices.drawer_pulse_ms
        command = drawer_kick(devices.drawer_pin, pulse, pulse) if serial else None
        return run_check("drawer", target, pin=devices.drawer_pin, serial_command=command,
                         realtime=devices.drawer_realtime)
    if kind == "display":
        return run_check("display", target, command_set=devices.display_protocol,
                         encoding=devices.display_encoding or None)
    if kind == "scanner":
        return run_check("scanner", target, suffix=devices.scanner_suffix, wait_seconds=SCANNER_WAIT_SECONDS)
    return run_check("scale", target)


def _reachable(kind: str, url: str) -> str | None:
    """None if the device answers to a connection, else why not."""
    try:
        parsed = parse_device_url(url)
        if isinstance(parsed, PreviewURL):
            return None
        if kind == "printer":
            with open_printer(url, timeout=3.0) as printer:
                status = printer.status(1.0)
            return status.message if status.state is PrinterState.ERROR else None
        if not isinstance(parsed, SerialURL):
            return f"{url!r} is not a serial URL (serial:///dev/ttyUSB0?baudrate=9600)"
        open_serial(parsed, 1.0).close()
    except HardwareError as exc:
        return str(exc)
    return None


def check_devices(config: Config, data_dir: Path) -> list[str]:
    """Selfcheck extra: every configured device URL parses and its device can be reached."""
    devices = config.devices
    drawer = devices.drawer.strip()
    wanted = [("printer", devices.receipt_printer), ("display", devices.display), ("scale", devices.scale),
              ("scanner", devices.scanner)]
    if drawer and drawer != "printer":
        wanted.append(("drawer", drawer))
    failures = []
    for kind, url in wanted:
        if url.strip() and (problem := _reachable(kind, url.strip())):
            failures.append(f"{kind}: {problem}")
    return failures
