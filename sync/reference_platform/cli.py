"""Command line of the reference platform: ``serve``, ``pairing-code``, ``openapi``.

``main(argv)`` is what ``pos-app platform ...`` delegates to.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import socket
import sys
from pathlib import Path

from sync.reference_platform import db

#: Where the demo (and anyone who wants the token off the command line) passes the admin token.
ADMIN_TOKEN_ENV = "O2O_PLATFORM_ADMIN_TOKEN"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sync.reference_platform",
                                     description="Reference implementation of the O2O central platform API.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the platform over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port (printed at start)")
    serve.add_argument("--db", default="platform.sqlite3", help="SQLite file (created if missing)")
    serve.add_argument("--admin-token", help="admin bearer token (default: generated and printed); visible to "
                       f"every user in `ps`: prefer --admin-token-file or the {ADMIN_TOKEN_ENV} variable")
    serve.add_argument("--admin-token-file", help="file holding the admin bearer token")
    serve.add_argument("--demo", action="store_true", help="seed demo data (once, into an empty database)")
    serve.add_argument("--demo-catalog", help="JSON list of Product dicts to seed instead of the built-in sample")
    serve.add_argument("--demo-store", default="S001", help="store that gets the demo stock and pickup orders")
    serve.add_argument("--pairing-ttl", type=int, default=900, help="seconds a pairing code stays valid")
    serve.add_argument("--pickup-claim-ttl", type=int,
                       help="seconds a till's pickup claim holds unless released (default: the protocol's CLAIM_TTL)")
    serve.add_argument("--refund-reservation-ttl", type=int, default=900,
                       help="seconds a till's refund reservation holds its units unconfirmed")
    code = sub.add_parser("pairing-code", help="print a one-time pairing code for a till")
    code.add_argument("--db", required=True)
    code.add_argument("--store", required=True)
    code.add_argument("--till", required=True)
    code.add_argument("--ttl", type=int, default=900)
    sub.add_parser("openapi", help="print the OpenAPI document")
    return parser


def _say(text: str) -> None:
    print(text, flush=True)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.reference_platform.app import create_app
    from sync.reference_platform.demo import SAMPLE_CATALOG, load_catalog, seed

    catalog = SAMPLE_CATALOG
    if args.demo_catalog:
        try:
            catalog = load_catalog(args.demo_catalog)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    admin_token = args.admin_token or os.environ.get(ADMIN_TOKEN_ENV, "").strip()
    if not admin_token and args.admin_token_file:
        try:
            admin_token = Path(args.admin_token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            print(f"error: admin token file {args.admin_token_file}: {exc.strerror}", file=sys.stderr)
            return 2
    given = bool(admin_token)
    admin_token = admin_token or secrets.token_urlsafe(24)
    app = create_app(args.db, admin_token, pairing_ttl_s=args.pairing_ttl)
    app.state.platform.refund_reservation_ttl_s = args.refund_reservation_ttl
    if args.pickup_claim_ttl is not None:
        from sync.reference_platform import pushes

        pushes.claim_ttl = dt.timedelta(seconds=args.pickup_claim_ttl)
    if args.demo:
        conn = db.connect(args.db)
        try:
            if db.max_seq(conn) == 0:
                for order in seed(conn, args.demo_store, catalog):
                    _say(f"demo pickup order {order.order.order_no}: code {order.pickup_code} "
                         f"(QR {order.qr_payload})")
            else:
                _say("demo: database already has data, not seeding again")
        finally:
            conn.close()
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on sockets created that way, and
    # without it every kept-alive request waits ~40 ms for a delayed ACK.
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    sock.listen(128)
    host, port = sock.getsockname()[:2]
    if not given:
        _say(f"admin token: {admin_token}")
    _say(f"listening on http://{host}:{port}")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])
    return 0


def _pairing_code(args: argparse.Namespace) -> int:
    from sync.reference_platform.admin import create_pairing_code

    db.init_db(args.db)
    conn = db.connect(args.db)
    try:
        with db.write_tx(conn):
            out = create_pairing_code(conn, args.store, args.till, args.ttl)
    finally:
        conn.close()
    _say(out.code)
    return 0


def _openapi() -> int:
    from sync.reference_platform.openapi import openapi_document

    _say(openapi_document())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "pairing-code":
        return _pairing_code(args)
    return _openapi()

