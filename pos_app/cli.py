"""The `pos-app` command: run the till, set up its database, seed the demo, check an install.

Every failure the engineer can fix (bad config, unwritable data dir, foreign database file, a
second till on the same data) exits non-zero with one clear line and changes nothing.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app import __version__
from pos_app.commands.base import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError  # noqa: F401 (re-exported)
from pos_app.commands.base import paths as _paths
from pos_app.config import Config, ConfigError, load_config, write_config

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.demo_platform import DemoPlatform


def cmd_init(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import build_app

    config_file, data_dir = _paths(args)
    config = load_config(config_file)
    if not config_file.exists():
        write_config(config, config_file)
        print(f"Wrote default config to {config_file}")
    ctx = build_app(config, data_dir)
    try:
        print(f"Database ready at {ctx.db.path} (till {ctx.till_key})")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import build_app
    from pos_app.services.demo import DEMO_USERS, seed_demo

    config_file, data_dir = _paths(args)
    ctx = build_app(load_config(config_file), data_dir)
    try:
        pairing = ctx.provisioning.pairing()
        if pairing is not None and not pairing.demo:
            raise CliError(f"this till is paired with the platform {pairing.platform_url} (store "
                           f"{pairing.store_id}, till {pairing.till_id}); the demo seed would mix demo goods and "
                           "staff into a real store, so it is refused")
        started = time.perf_counter()
        summary = seed_demo(ctx.db, ctx.config, products=args.products)
        elapsed = time.perf_counter() - started
    finally:
        ctx.close()
    print(f"Demo store ready: {summary.total_products} products "
          f"({summary.generated_products} generated now) in {elapsed:.1f} s")
    if summary.users_created:
        print("Demo staff (name, role, PIN, badge):")
        for name, role, pin, badge in DEMO_USERS:
            print(f"  {name:<18} {role:<8} PIN {pin}  badge {badge}")
    return EXIT_OK


def cmd_selfcheck(args: argparse.Namespace) -> int:
    from pos_app.services.selfcheck import run_selfcheck

    config_file, data_dir = _paths(args)
    failures = run_selfcheck(load_config(config_file), data_dir)
    for line in failures:
        print(f"FAIL {line}")
    if not failures:
        print("OK: database, schema, FTS5, keyring, devices and translations")
    return EXIT_FAIL if failures else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import build_app, ensure_data_dir
    from pos_app.logging_setup import setup_logging
    from pos_app.store.lock import DataDirLock

    config_file, data_dir = _paths(args)
    config = load_config(config_file)
    ensure_data_dir(data_dir)
    lock = DataDirLock(data_dir)
    lock.acquire()
    from pos_app.app_mutex import hold_app_mutex

    hold_app_mutex()  # Windows: the installer refuses to run while this till runs
    demo = None
    try:
        setup_logging(data_dir)
        if getattr(args, "demo_platform", False):
            demo, config = _start_demo_platform(data_dir, config, config_file)
        ctx = build_app(config, data_dir, config_file)
        if ctx.provisioning.needs_first_run():
            rebuilt = _first_run(ctx, config_file, data_dir)
            if rebuilt is None:
                return EXIT_OK
            ctx = rebuilt
        try:
            from pos_app.ui.app import run

            return run(ctx, after_shown=ctx.start_workers)  # devices and sync once the window shows
        finally:
            ctx.close()
    finally:
        if demo is not None:
            demo.stop()
        lock.release()


def _first_run(ctx: AppContext, config_file: Path, data_dir: Path) -> AppContext | None:
    """The first-run wizard (or its unfinished download); then the app rebuilt from the config it
    wrote (store, till, platform, language, devices). None when the window was closed."""
    from pos_app.bootstrap import build_app
    from pos_app.ui.app import run_first_run

    pairing = ctx.provisioning.pairing()
    try:
        outcome = run_first_run(ctx, config_file, start_at="download" if pairing is not None else "language")
    finally:
        ctx.close()
    if outcome is None:
        return None
    return build_app(load_config(config_file), data_dir, config_file)


def _start_demo_platform(data_dir: Path, config: Config, config_file: Path) -> tuple[DemoPlatform, Config]:
    """Start and pair the demo platform (without a keyring its token goes to a labelled file)."""
    from pos_app.demo_platform import DemoPlatform, DemoPlatformError

    demo = DemoPlatform(data_dir)
    try:
        url = demo.start()
        print(f"Demo platform on {url} (admin token in {data_dir / 'demo-platform-admin-token'})")
        return demo, demo.pair(config, config_file)
    except DemoPlatformError as exc:
        print(f"pos-app: {exc}; the till opens without the platform", file=sys.stderr)
        return demo, config


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pos-app", description="O2O Till point of sale")
    p.add_argument("--version", action="version", version=f"o2o-till {__version__}")
    p.add_argument("--config", metavar="FILE", help="config file (default: the user config dir)")
    p.add_argument("--data-dir", metavar="DIR", help="data dir (default: $POS_DATA_DIR or the user data dir)")
    sub = p.add_subparsers(dest="command")
    run = sub.add_parser("run", help="open the till window (the default)")
    run.add_argument("--demo-platform", action="store_true",
                     help="also start the reference platform on 127.0.0.1 and pair with it (make run)")
    run.set_defaults(func=cmd_run)
    sub.add_parser("init", help="create or migrate the database; write the default config")\
        .set_defaults(func=cmd_init)
    seed = sub.add_parser("seed-demo", help="seed the demo store (idempotent)")
    seed.add_argument("--products", type=int, default=0, metavar="N",
                      help="generated products on top of the demo catalog")
    seed.set_defaults(func=cmd_seed_demo)
    sub.add_parser("selfcheck", help="check database, schema, FTS5, keyring and devices")\
        .set_defaults(func=cmd_selfcheck)
    for module in _EXTENSIONS:
        importlib.import_module(module).register(sub)
    return p


#: Command groups in their own modules; each module has `register(subparsers)`.
_EXTENSIONS: list[str] = [
    "pos_app.commands.sync_cmds",
    "pos_app.commands.devices",
    "pos_app.commands.report",
    "pos_app.commands.backup_cmds",
]


def main(argv: list[str] | None = None) -> int:
    # Start-up allocates a great deal and frees little: no cyclic collections while importing and
    # building the window (a measurable part of the cold start). The till window's
    # MainThreadCollector collects once and takes collection over; other commands get it back here.
    gc.disable()
    try:
        from pos_app.bootstrap import DataDirError
        from pos_app.store.db import DatabaseError
        from pos_app.store.lock import AlreadyRunning

        args = _parser().parse_args(argv)
        func = getattr(args, "func", cmd_run)
    except BaseException:  # --help, --version and usage errors exit from here
        gc.enable()
        raise
    if func is not cmd_run:
        gc.enable()
    try:
        return func(args)
    except (ConfigError, DataDirError, DatabaseError, AlreadyRunning, CliError) as exc:
        print(f"pos-app: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return EXIT_FAIL
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
