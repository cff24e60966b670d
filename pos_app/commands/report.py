"""`pos-app report x` and `pos-app report z --date YYYY-MM-DD`: the till's reports on the terminal.

Read-only: the X report of the open shift (or `--shift ID`), and the stored Z report of a day
exactly as it was written (writing a Z needs a manager's log-in, so only the till window does it).
"""

from __future__ import annotations

import argparse
from datetime import date

from pos_app.commands.base import EXIT_OK, CliError
from pos_app.commands.base import paths as _paths
from pos_app.config import load_config
from pos_app.domain.errors import PosError


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-23") from None


def cmd_report(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import build_app
    from pos_app.services.reports import report_text

    config_file, data_dir = _paths(args)
    ctx = build_app(load_config(config_file), data_dir)
    try:
        session = ctx.auth.system_session(f"pos-app report {args.kind}")
        report = (ctx.reports.x_report(session, args.shift) if args.kind == "x"
                  else ctx.reports.z_report(session, args.date))
    except PosError as exc:
        raise CliError(exc.message) from None
    finally:
        ctx.close()
    print(report_text(report, ctx.config.paper_columns))
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="print the X report (open shift) or a day's Z report")
    kinds = report.add_subparsers(dest="kind", required=True)
    x = kinds.add_parser("x", help="X report of the open shift (closes nothing)")
    x.add_argument("--shift", metavar="ID", help="another shift's id instead of the open one")
    x.set_defaults(func=cmd_report)
    z = kinds.add_parser("z", help="the stored Z report of a business day")
    z.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD", help="business date")
    z.set_defaults(func=cmd_report)
