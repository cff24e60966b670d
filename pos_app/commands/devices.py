"""`pos-app devices test KIND [--url URL]`: try a printer, drawer, display, scale or scanner.

Exit 0 when the device worked, 1 with the device's specific error otherwise; `--url` tries a
device before it is saved in the config.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pos_app.config import load_config
from pos_app.paths import default_config_file
from pos_app.services.devices import DEVICE_KINDS


def cmd_devices_test(args: argparse.Namespace) -> int:
    from pos_app.services.devices import run_device_test

    config = load_config(Path(args.config) if args.config else default_config_file())
    result = run_device_test(config, args.kind, args.url)
    print(("OK " if result.ok else "FAIL ") + result.message)
    return 0 if result.ok else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    devices = sub.add_parser("devices", help="test counter hardware")
    actions = devices.add_subparsers(dest="devices_command", required=True)
    test = actions.add_parser("test", help="try one device; the printer prints a sample receipt")
    test.add_argument("kind", choices=DEVICE_KINDS)
    test.add_argument("--url", metavar="URL", help="device URL to try instead of the configured one")
    test.set_defaults(func=cmd_devices_test)
