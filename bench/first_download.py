"""A new store's first download: pair a never-seeded till and pull a provisioned store.

The reference platform runs as a separate process (provisioned through its admin API as in
tests/e2e/test_provisioning_e2e.py); the till side is `ProvisioningService.download` over the real
till database (products with codes, search rows, prices, stock). Prints figures, then one JSON
object as the last line. Usage: ``python bench/first_download.py [--products N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "sync")]

import keyring  # noqa: E402
from provision_support import STORE, TILL, provision  # noqa: E402
from sync_platform_proc import PlatformProcess  # noqa: E402

from pos_app.bootstrap import build_app  # noqa: E402
from pos_app.config import Config, load_config  # noqa: E402
from tests_support import MemoryKeyring  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())  # the bench machine has no OS keyring
    with tempfile.TemporaryDirectory() as tmp:
        platform = PlatformProcess(Path(tmp) / "platform.sqlite3", Path(tmp) / "platform.log").start()
        try:
            provision(platform, args.products)
            config_file = Path(tmp) / "config.toml"
            ctx = build_app(Config(language="en"), Path(tmp) / "till", config_file)
            ctx.provisioning.connect(platform.url, platform.pairing_code(STORE, TILL))
            ctx.close()
            ctx = build_app(load_config(config_file), Path(tmp) / "till", config_file)
            t0 = time.perf_counter()
            report = ctx.provisioning.download()
            download_s = time.perf_counter() - t0
            assert report.online and not report.errors and report.pulled["catalog"] == args.products + 1, report
            ctx.close()
        finally:
            platform.stop()
    rate = args.products / download_s
    print(f"first download of {args.products} products (+ profile, taxes, categories, staff, prices): "
          f"{download_s:.1f} s, {rate:.0f} products/s")
    print(json.dumps({"products": args.products, "download_s": round(download_s, 2),
                      "products_per_s": round(rate)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
