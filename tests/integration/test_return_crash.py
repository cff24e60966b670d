"""A return killed by SIGKILL at any instant is either not there at all or complete, and the
ledger of every sale line agrees with the returns that exist (never more refunded than sold)."""

from __future__ import annotations

import random
import sqlite3
from decimal import Decimal
from pathlib import Path

from test_crash import run_until_killed

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "return_crash_child.py"
KILLS = 15


def check_returns(path: Path, printed: set[str]) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        returns = dict(con.execute("SELECT return_no, id FROM returns").fetchall())
        assert printed <= set(returns), printed - set(returns)
        seqs = [s for (s,) in con.execute("SELECT seq FROM returns ORDER BY seq")]
        assert seqs == list(range(1, len(seqs) + 1)), "return numbers have a gap"
        assert con.execute("SELECT last_return_seq FROM tills").fetchone() == (len(seqs),)
        for rid, total, refund in con.execute("SELECT id, total_fen, refund_fen FROM returns"):
            lines = con.execute("SELECT count(*), coalesce(sum(total_fen), 0), "
                                "coalesce(sum(CASE WHEN damaged = 0 THEN 1 ELSE 0 END), 0) "
                                "FROM return_lines WHERE return_id = ?", (rid,)).fetchone()
            ledger = con.execute("SELECT count(*) FROM sale_line_refunds WHERE return_id = ?", (rid,)).fetchone()[0]
            tenders = con.execute("SELECT coalesce(sum(amount_fen), 0) FROM return_tenders WHERE return_id = ?",
                                  (rid,)).fetchone()[0]
            moves = con.execute("SELECT count(*) FROM stock_movements WHERE ref_id = ?", (rid,)).fetchone()[0]
            events = con.execute("SELECT count(*) FROM outbox WHERE aggregate_id = ?", (rid,)).fetchone()[0]
            assert lines[0] >= 1 and lines[0] == ledger and lines[1] == refund, f"return {rid} is partial"
            assert tenders == total and moves == lines[2] and events == 1, f"return {rid} is partial"
        for qty, total, refunded_qty, refunded in con.execute(
                "SELECT l.quantity, l.total_fen, group_concat(r.quantity, ' '), coalesce(sum(r.amount_fen), 0) "
                "FROM sale_lines l JOIN sale_line_refunds r ON r.sale_line_id = l.id GROUP BY l.id"):
            assert sum(Decimal(q) for q in refunded_qty.split()) <= Decimal(qty) and refunded <= total
    finally:
        con.close()


def test_returns_survive_sigkill_at_random_moments(demo_dir):
    rnd = random.Random(20261201)
    printed: set[str] = set()
    for kill in range(KILLS):
        # Counted from the child's first completed return, so a slow machine still kills mid-return
        # rather than always during the child's start-up.
        lines = run_until_killed(demo_dir, seed=kill, delay=rnd.uniform(0.05, 0.4), child=CHILD, start="RETURN")
        printed |= {parts[1] for parts in lines if parts[0] == "RETURN"}
        check_returns(demo_dir / "till.db", printed)
    assert len(printed) > 10, "the child should have completed returns between kills"
