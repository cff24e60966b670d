"""`pos-app pair`, `pos-app sync --once` and `pos-app platform ...` (the reference platform)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from pos_app.commands.base import EXIT_FAIL, EXIT_OK, EXIT_ON_STDIN_EOF, CliError
from pos_app.commands.base import paths as _paths
from pos_app.config import load_config, write_config
from pos_app.domain.phone import mask_phone


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pair = sub.add_parser("pair", help="pair this till with the platform using a one-time code")
    pair.add_argument("--platform", required=True, metavar="URL", help="platform base URL")
    pair.add_argument("--code", required=True, help="one-time pairing code from the platform")
    pair.set_defaults(func=cmd_pair)
    sync = sub.add_parser("sync", help="run platform sync")
    sync.add_argument("--once", action="store_true", required=True, help="one cycle, report as JSON")
    sync.set_defaults(func=cmd_sync_once)
    platform = sub.add_parser("platform", help="the reference platform: serve | pairing-code | openapi")
    platform.add_argument("args", nargs=argparse.REMAINDER)
    platform.set_defaults(func=cmd_platform)


def cmd_pair(args: argparse.Namespace) -> int:
    """Pair as the store and till in the config (the window's first-run wizard takes them from the code)."""
    from pos_app.bootstrap import build_app
    from pos_app.domain.errors import PairingError

    config_file, data_dir = _paths(args)
    config = load_config(config_file)
    if not config_file.exists():
        write_config(config, config_file)
    ctx = build_app(config, data_dir, config_file)
    try:
        result = ctx.provisioning.connect(args.platform, args.code, keep_till=True)
    except PairingError as exc:
        raise CliError(f"pairing failed: {exc}") from None
    finally:
        ctx.close()
    print(f"Paired store {result.store_id} till {result.till_id} with {result.platform_url}; "
          f"the token is in the OS keyring and the URL in {config_file}")
    return EXIT_OK


def cmd_sync_once(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import build_app, ensure_data_dir
    from pos_app.store.lock import DataDirLock

    config_file, data_dir = _paths(args)
    config = load_config(config_file)
    if not config.platform.url:
        raise CliError(f"no platform URL in {config_file}: pair first with `pos-app pair --platform URL --code CODE`")
    ensure_data_dir(data_dir)
    lock = DataDirLock(data_dir)  # one sync worker per database: not while the till runs
    lock.acquire()
    try:
        ctx = build_app(config, data_dir)
        try:
            report = ctx.sync.run_once()
            state = ctx.sync.state()
            parked = ctx.sync.storage.parked()
        finally:
            ctx.close()
    finally:
        lock.release()
    out = {"state": state.code, "message": state.message, "pending": state.pending, "dead": state.dead,
           "report": dataclasses.asdict(report) if report else None,
           "held_back": [{"resource": p.resource, "key": p.key, "reason": p.reason} for p in parked]}
    for p in parked:
        print(f"held back: {p.resource} {p.key}: {p.reason}", file=sys.stderr)
    print(mask_phone(json.dumps(out, ensure_ascii=False, indent=2, default=str)))
    return EXIT_OK if report is not None and report.ok else EXIT_FAIL


def demo_catalog_payload() -> list[dict[str, Any]]:
    """The till's demo catalog in the platform's Product shape, so both sides sell the same goods."""
    from pos_app.services import demo_catalog

    names: dict[str | None, tuple[str, str]] = {code: (name, name_en) for code, name, name_en in demo_catalog.CATEGORIES}
    return [
        {"sku": p.sku, "gtins": list(p.gtins), "name": p.name, "name_en": p.name_en,
         "category_code": p.category_code, "category_name": names[p.category_code][0],
         "category_name_en": names[p.category_code][1], "unit": p.unit, "sold_by_weight": p.sold_by_weight,
         "tax_class": p.tax_class, "price_fen": p.price_fen, "member_price_fen": p.member_price_fen,
         "active": True, "plu": p.plu}
        for p in demo_catalog.core_catalog()
    ]


def cmd_platform(args: argparse.Namespace) -> int:
    try:
        from sync.reference_platform.cli import main as platform_main
    except ImportError as exc:
        raise CliError(f"the reference platform needs the optional extra: pip install 'o2o-till[platform]' ({exc})") from None
    argv = list(args.args)
    if argv[:1] == ["serve"] and "--demo" in argv and "--demo-catalog" not in argv:
        _, data_dir = _paths(args)
        data_dir.mkdir(parents=True, exist_ok=True)
        catalog = Path(data_dir) / "platform-demo-catalog.json"
        catalog.write_text(json.dumps(demo_catalog_payload(), ensure_ascii=False), encoding="utf-8")
        argv += ["--demo-catalog", str(catalog)]
    if os.environ.get(EXIT_ON_STDIN_EOF) == "1":
        _exit_when_stdin_closes()
    sys.stdout.flush()
    return platform_main(argv)


def _exit_when_stdin_closes() -> None:
    """Shut down gracefully (SIGTERM, which uvicorn handles) once the parent is gone."""

    def watch() -> None:
        sys.stdin.buffer.read()
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
