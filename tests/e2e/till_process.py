"""One till as its own process, for tests of several tills in one store.

``python tests/e2e/till_process.py DATA_DIR COMMAND [ARGS...]`` prints one JSON line:

* ``setup URL CODE TILL``: seed the demo store in DATA_DIR as till TILL of S001 and pair it;
* ``sell GTIN N``: sign in the demo cashier (opening a shift if none is open) and sell N pieces, one sale each;
* ``sync``: one `SyncService.run_once()` (what `pos-app sync --once` does);
* ``stock SKU``: the stock the till shows (platform level + its own unacknowledged movements);
* ``pick ORDER_ID [takeover]``: the demo clerk starts picking (``takeover``: with the demo manager's
  approval); prints the refusal's code and text if the platform says another till picks it;
* ``unpick ORDER_ID``: the clerk stops picking (the order is new again; its event releases the claim);
* ``order ORDER_ID``: the order as the pickup console shows it; ``conflicts``: what the manager sees.

The platform token is kept in a file-backed keyring in DATA_DIR (test machines have no OS keyring).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _all(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.path.write_text(json.dumps({**self._all(), f"{service}|{username}": password}))

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._all()
        secrets.pop(f"{service}|{username}", None)
        self.path.write_text(json.dumps(secrets))


def main(argv: list[str]) -> dict:
    from pos_app.bootstrap import build_app, open_database
    from pos_app.config import Config, PlatformConfig, load_config, write_config
    from pos_app.domain.errors import PosError
    from pos_app.services.demo import seed_demo
    from sync.credentials import Credentials
    from sync.pairing import pair

    data_dir, command, args = Path(argv[0]), argv[1], argv[2:]
    keyring.set_keyring(FileKeyring(data_dir / "keyring.json"))
    config_file = data_dir / "config.toml"
    if command == "setup":
        url, code, till = args
        config = Config(language="en", till_id=till, platform=PlatformConfig(url=url, read_timeout_s=10))
        db = open_database(data_dir)
        seed_demo(db, config)
        db.dispose()
        write_config(config, config_file)
        pair(url, code, Credentials(url), "S001", till)
        return {"till": till}
    ctx = build_app(load_config(config_file), data_dir, config_file)
    try:
        if command == "sell":
            gtin, n = args[0], int(args[1])
            session = ctx.auth.login_badge("STAFF-0001")
            if ctx.shifts.current() is None:
                ctx.shifts.open_shift(session, {"note_100": 2})
            ctx.checkout.set_user(session)
            receipts = []
            for _ in range(n):
                ctx.checkout.scan(gtin)
                ctx.checkout.add_tender("cash", str(ctx.checkout.current().cash_due))
                receipts.append(ctx.checkout.complete().receipt_no)
            return {"receipts": receipts}
        if command == "sync":
            report = ctx.sync.run_once()
            return {"ok": bool(report and report.ok), "pushed": report.pushed if report else 0,
                    "errors": report.errors if report else ["not run"]}
        if command == "stock":
            [hit] = [h for h in ctx.catalog.search(args[0]) if h.sku == args[0]]
            return {"stock": str(hit.stock)}
        if command == "pick":
            ctx.pickup.set_user(ctx.auth.login_badge("STAFF-0003"))
            approval = (ctx.auth.approve("8888", "pickup_manage", "takes the order over")
                        if args[1:] == ["takeover"] else None)
            try:
                view = ctx.pickup.start_picking(args[0], approval)
            except PosError as exc:
                return {"refused": exc.code, "message": str(exc)}
            return {"status": view.status.value}
        if command == "unpick":  # the clerk stops picking: goods back, the order new again
            ctx.pickup.set_user(ctx.auth.login_badge("STAFF-0003"))
            return {"status": ctx.pickup.stop_picking(args[0]).status.value}
        if command == "ready":  # pick the order's units (codes given) and put it on the pickup shelf
            ctx.pickup.set_user(ctx.auth.login_badge("STAFF-0003"))
            for code in args[1:]:
                ctx.pickup.scan(code, args[0])
            return {"status": ctx.pickup.mark_ready(args[0]).status.value}
        if command == "order":
            view = ctx.pickup.order(args[0])
            return {"status": view.status.value, "picked_elsewhere": view.picked_elsewhere}
        if command == "conflicts":
            return {"conflicts": [{"order_no": c.order_no, "code": c.code, "message": c.message}
                                  for c in ctx.pickup.conflicts()]}
        raise SystemExit(f"unknown command {command}")
    finally:
        ctx.close()


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
