"""The platform's side of member balances: ledger entries applied once by id, online holds,
sign-ups. Balances live in ``member_accounts``; points are mirrored into the members feed.

Every function runs inside the caller's write transaction (BEGIN IMMEDIATE), so two tills
reserving the same points are serialised and the second sees what the first took.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from typing import Any

from sync.protocol import PushResult
from sync.protocol.members import MemberAccount, MemberHold, MemberHoldAnswer, MemberLedgerEntry, MemberSignup

SCHEMA = """
CREATE TABLE IF NOT EXISTS member_accounts (
    member_id TEXT PRIMARY KEY, points INTEGER NOT NULL, stored_value_fen INTEGER NOT NULL,
    held_points INTEGER NOT NULL DEFAULT 0, held_fen INTEGER NOT NULL DEFAULT 0
);
-- status: applied | rejected | voided | void_first (a void arrived before the entry it voids)
CREATE TABLE IF NOT EXISTS member_entries (
    entry_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, kind TEXT NOT NULL, points INTEGER NOT NULL,
    fen INTEGER NOT NULL, status TEXT NOT NULL, result_code TEXT, till_id TEXT NOT NULL, received_at TEXT NOT NULL
);
-- status: held | captured | released | expired (its time ran out: the amount is free again)
CREATE TABLE IF NOT EXISTS member_holds (
    hold_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, till_id TEXT NOT NULL, kind TEXT NOT NULL,
    amount INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL,
    expires_at REAL  -- unix seconds; asking for the same hold again starts its time again
);
CREATE TABLE IF NOT EXISTS member_signups (
    signup_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, merged INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS member_terms (store_id TEXT PRIMARY KEY, body TEXT NOT NULL);
"""


class HoldRefused(Exception):
    """A hold the member cannot cover (``code``: insufficient_points / insufficient_stored_value / hold_differs)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _member(conn: sqlite3.Connection, member_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT data FROM entities WHERE resource = 'members' AND scope = '' AND key = ? "
                       "AND deleted = 0", (member_id,)).fetchone()
    return json.loads(row[0]) if row else None


def account(conn: sqlite3.Connection, member_id: str, now: float | None = None) -> list[int] | None:
    """[points, stored value, held points, held fen], the account made from the member on first use;
    holds whose time ran out by ``now`` (unix seconds; default: the clock) given back first."""
    row = conn.execute("SELECT points, stored_value_fen, held_points, held_fen FROM member_accounts "
                       "WHERE member_id = ?", (member_id,)).fetchone()
    if row is not None:
        return _expire(conn, member_id, list(row), time.time() if now is None else now)
    member = _member(conn, member_id)
    if member is None:
        return None
    conn.execute("INSERT INTO member_accounts (member_id, points, stored_value_fen) VALUES (?, ?, 0)",
                 (member_id, member["points"]))
    return [member["points"], 0, 0, 0]


def add_hold_expiry(conn: sqlite3.Connection) -> None:
    """A platform database made before holds expired gets the column (its old holds never expire)."""
    if "expires_at" not in {row[1] for row in conn.execute("PRAGMA table_info(member_holds)")}:
        conn.execute("ALTER TABLE member_holds ADD COLUMN expires_at REAL")


def add_entry_ref(conn: sqlite3.Connection) -> None:
    """Entries keep the sale or return they belong to (a return on another till looks up what the
    sale earned and redeemed); a database made before gets the column (its old entries name none)."""
    if "ref_id" not in {row[1] for row in conn.execute("PRAGMA table_info(member_entries)")}:
        conn.execute("ALTER TABLE member_entries ADD COLUMN ref_id TEXT")


def sale_points(conn: sqlite3.Connection, sale_id: str) -> tuple[int, int]:
    """(points earned, points redeemed) by the sale, as applied."""
    earned, redeemed = conn.execute(
        "SELECT coalesce(sum(CASE WHEN kind = 'points_earn' THEN points END), 0), "
        "coalesce(-sum(CASE WHEN kind = 'points_redeem' THEN points END), 0) FROM member_entries "
        "WHERE ref_id = ? AND status = 'applied'", (sale_id,)).fetchone()
    return int(earned), int(redeemed)


def _expire(conn: sqlite3.Connection, member_id: str, acc: list[int], now: float) -> list[int]:
    """Holds past their time give their amount back, so a till that vanished mid-sale never keeps a
    member's points or stored value held; the till is told ``expired`` when it comes back."""
    rows = conn.execute("SELECT hold_id, kind, amount FROM member_holds WHERE member_id = ? AND status = 'held' "
                        "AND expires_at < ?", (member_id, now)).fetchall()
    if rows:
        for _hold_id, kind, amount in rows:
            acc[2 if kind == "points" else 3] -= amount
        conn.executemany("UPDATE member_holds SET status = 'expired' WHERE hold_id = ?", [(r[0],) for r in rows])
        _save(conn, member_id, acc)
    return acc


def _save(conn: sqlite3.Connection, member_id: str, acc: list[int]) -> None:
    from sync.reference_platform.db import put_entity  # db imports this module's schema

    conn.execute("UPDATE member_accounts SET points = ?, stored_value_fen = ?, held_points = ?, held_fen = ? "
                 "WHERE member_id = ?", (*acc, member_id))
    member = _member(conn, member_id)
    feed = {"points": max(acc[0] - acc[2], 0), "stored_value_fen": max(acc[1] - acc[3], 0)}  # what is free
    if member is not None and any(member.get(k) != v for k, v in feed.items()):
        put_entity(conn, "members", "", member_id, {**member, **feed})


def account_answer(conn: sqlite3.Connection, member_id: str) -> MemberAccount | None:
    acc = account(conn, member_id)
    if acc is None:
        return None
    return MemberAccount(member_id=member_id, points=acc[0], stored_value_fen=acc[1], held_points=acc[2],
                         held_stored_value_fen=acc[3])


def apply_entry(conn: sqlite3.Connection, ev: MemberLedgerEntry, now: dt.datetime) -> tuple[str | None, str]:
    """Apply ``ev`` once: ``(None, "")`` when applied (or already seen), else (conflict code, message).
    A balance never goes below what is held plus zero."""
    acc = account(conn, ev.member_id, now.timestamp())
    if acc is None:
        return "unknown_member", f"member {ev.member_id} is unknown"
    seen = conn.execute("SELECT status, result_code FROM member_entries WHERE entry_id = ?", (ev.entry_id,)).fetchone()
    if seen is not None and seen[0] != "void_first":
        return (seen[1], "already rejected") if seen[0] == "rejected" else (None, "")

    def record(status: str, code: str | None = None) -> None:
        conn.execute("INSERT OR REPLACE INTO member_entries (entry_id, member_id, kind, points, fen, status, "
                     "result_code, till_id, received_at, ref_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (ev.entry_id, ev.member_id, ev.kind, ev.points_delta, ev.stored_value_delta_fen, status, code,
                      ev.till_id, now.isoformat(), ev.ref_id))

    if seen is not None:  # voided before it arrived: recorded, never applied
        record("voided")
        return None, ""
    if ev.kind == "void":
        target = conn.execute("SELECT status, points, fen, member_id FROM member_entries WHERE entry_id = ?",
                              (ev.voids,)).fetchone()
        if target is None:
            conn.execute("INSERT INTO member_entries (entry_id, member_id, kind, points, fen, status, till_id, "
                         "received_at) VALUES (?, ?, '', 0, 0, 'void_first', ?, ?)",
                         (ev.voids, ev.member_id, ev.till_id, now.isoformat()))
        elif target[0] == "applied":
            t_acc = account(conn, target[3], now.timestamp()) or acc
            if t_acc[0] - target[1] < t_acc[2] or t_acc[1] - target[2] < t_acc[3]:
                record("rejected", "insufficient_balance")
                return "insufficient_balance", f"voiding {ev.voids} would take the balance below zero"
            t_acc[0] -= target[1]
            t_acc[1] -= target[2]
            _save(conn, target[3], t_acc)
            conn.execute("UPDATE member_entries SET status = 'voided' WHERE entry_id = ?", (ev.voids,))
        record("applied")
        return None, ""
    held = expired = None
    if ev.hold_id is not None:
        held = conn.execute("SELECT amount, kind FROM member_holds WHERE hold_id = ? AND member_id = ? "
                            "AND status = 'held'", (ev.hold_id, ev.member_id)).fetchone()
        expired = conn.execute("SELECT 1 FROM member_holds WHERE hold_id = ? AND member_id = ? "
                               "AND status = 'expired'", (ev.hold_id, ev.member_id)).fetchone()
    if held is not None:  # the amount was reserved: move it from held to spent
        acc[2 if held[1] == "points" else 3] -= held[0]
        conn.execute("UPDATE member_holds SET status = 'captured', updated_at = ? WHERE hold_id = ?",
                     (now.isoformat(), ev.hold_id))
    points, fen = acc[0] + ev.points_delta, acc[1] + ev.stored_value_delta_fen
    if points < acc[2] or fen < acc[3]:
        code = "insufficient_points" if points < acc[2] else "insufficient_stored_value"
        if expired is not None:  # what was held for it was given back when the hold ran out
            code = "hold_expired"
        record("rejected", code)
        return code, (f"{f'hold {ev.hold_id} expired before this entry captured it; ' if expired else ''}"
                      f"member {ev.member_id} has {acc[0] - acc[2]} points and {acc[1] - acc[3]} fen "
                      f"of stored value free; entry {ev.entry_id} needs more")
    acc[0], acc[1] = points, fen
    _save(conn, ev.member_id, acc)
    record("applied")
    return None, ""


def hold(conn: sqlite3.Connection, member_id: str, req: MemberHold, now: dt.datetime,
         ttl_s: int = 900) -> MemberHoldAnswer:
    """Reserve ``req.amount`` for ``ttl_s`` seconds; the same hold id again answers as the first
    time (or as released, or expired) and, while it is held, starts its time again."""
    acc = account(conn, member_id, now.timestamp())
    if acc is None:
        raise HoldRefused("unknown_member", f"member {member_id} is unknown")
    row = conn.execute("SELECT status, amount, kind FROM member_holds WHERE hold_id = ?", (req.hold_id,)).fetchone()
    if row is not None:
        if row[0] not in ("released", "expired") and (row[1], row[2]) != (req.amount, req.kind):
            raise HoldRefused("hold_differs", f"hold {req.hold_id} was made for another amount")
        if row[0] == "held":
            conn.execute("UPDATE member_holds SET expires_at = ? WHERE hold_id = ?",
                         (now.timestamp() + ttl_s, req.hold_id))
        return _answer(req.hold_id, row[0], acc)
    i = 0 if req.kind == "points" else 1
    if acc[i] - acc[i + 2] < req.amount:
        code = "insufficient_points" if i == 0 else "insufficient_stored_value"
        raise HoldRefused(code, f"member has {acc[i] - acc[i + 2]} free; {req.amount} asked")
    acc[i + 2] += req.amount
    _save(conn, member_id, acc)
    conn.execute("INSERT INTO member_holds (hold_id, member_id, till_id, kind, amount, status, updated_at, "
                 "expires_at) VALUES (?, ?, ?, ?, ?, 'held', ?, ?)",
                 (req.hold_id, member_id, req.till_id, req.kind, req.amount, now.isoformat(),
                  now.timestamp() + ttl_s))
    return _answer(req.hold_id, "held", acc)


def release(conn: sqlite3.Connection, member_id: str, hold_id: str, till_id: str, now: dt.datetime) -> MemberHoldAnswer:
    """Give a held amount back. Unknown ids are remembered as released, so a hold request that was
    still on its way when the till gave up is refused as released, never left dangling."""
    acc = account(conn, member_id, now.timestamp())
    if acc is None:
        raise HoldRefused("unknown_member", f"member {member_id} is unknown")
    row = conn.execute("SELECT status, amount, kind FROM member_holds WHERE hold_id = ?", (hold_id,)).fetchone()
    if row is None:
        conn.execute("INSERT INTO member_holds (hold_id, member_id, till_id, kind, amount, status, updated_at) "
                     "VALUES (?, ?, ?, 'points', 0, 'released', ?)", (hold_id, member_id, till_id, now.isoformat()))
        return _answer(hold_id, "released", acc)
    if row[0] == "held":
        acc[2 if row[2] == "points" else 3] -= row[1]
        _save(conn, member_id, acc)
        conn.execute("UPDATE member_holds SET status = 'released', updated_at = ? WHERE hold_id = ?",
                     (now.isoformat(), hold_id))
        return _answer(hold_id, "released", acc)
    return _answer(hold_id, row[0], acc)


def _answer(hold_id: str, status: str, acc: list[int]) -> MemberHoldAnswer:
    return MemberHoldAnswer(hold_id=hold_id, status=status, available_points=max(acc[0] - acc[2], 0),
                            available_stored_value_fen=max(acc[1] - acc[3], 0))


def apply_signup(conn: sqlite3.Connection, ev: MemberSignup) -> tuple[str, bool]:
    """(member id, merged): a new member, or the existing member with that phone."""
    from sync.reference_platform.db import put_entity

    row = conn.execute("SELECT member_id, merged FROM member_signups WHERE signup_id = ?", (ev.signup_id,)).fetchone()
    if row is not None:
        return row[0], bool(row[1])
    found = conn.execute("SELECT key FROM entities WHERE resource = 'members' AND scope = '' AND deleted = 0 "
                         "AND json_extract(data, '$.phone') = ?", (ev.phone,)).fetchone()
    if found is not None:
        member_id, merged = found[0], True
    else:
        n = conn.execute("SELECT count(*) FROM member_signups").fetchone()[0] + 1
        member_id, merged = f"MS{ev.store_id}{n:06d}", False
        put_entity(conn, "members", "", member_id, {
            "member_id": member_id, "card_no": f"99{n:08d}", "name": ev.name, "phone": ev.phone,
            "tier": "basic", "points": 0})
    conn.execute("INSERT INTO member_signups (signup_id, member_id, merged) VALUES (?, ?, ?)",
                 (ev.signup_id, member_id, int(merged)))
    return member_id, merged


def push_entry(conn: sqlite3.Connection, ev: MemberLedgerEntry, key: str, now: dt.datetime) -> PushResult:
    """Push applier of ``member_ledger``: a refused entry is a conflict the till shows its manager."""
    from sync.reference_platform.pushes import _result

    code, message = apply_entry(conn, ev, now)
    return _result("member_ledger", key, now, code, message)


def push_signup(conn: sqlite3.Connection, ev: MemberSignup, key: str, now: dt.datetime) -> PushResult:
    from sync.reference_platform.pushes import _result

    member_id, merged = apply_signup(conn, ev)
    return _result("member_signup", key, now, message=f"member {member_id}{' (merged by phone)' if merged else ''}")
