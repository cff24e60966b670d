"""Product search for the cashier: barcode, SKU, name (Chinese or Latin), pinyin initials.

FTS5's trigram tokenizer answers substring queries of 3+ characters. Chinese names are short, so
cashiers often type 1-2 characters (牛奶, 鱼): those go through `product_fts_keys`, an FTS5 index
of each name's distinct Chinese characters (`products.search_keys`), then a LIKE on the
candidates. Latin 1-2 letters are read as pinyin initials or an SKU prefix, answered by range scans
on indexed columns; two letters also match initials from any character or word start (the initial
pairs in the same keys), after the prefix matches.
Every path is an indexed lookup with a LIMIT, so a query costs the same on 200k products as on 2k.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_app.store.pinyin import is_cjk


def _has_cjk(q: str) -> bool:
    return any(is_cjk(ch) for ch in q)


def _like_escape(q: str) -> str:
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def prefix_upper(q: str) -> str:
    """The smallest string greater than every string starting with `q` (for range scans)."""
    return q[:-1] + chr(ord(q[-1]) + 1)


def _exact(session: Session, q: str) -> list[int]:
    rows = session.execute(
        text(
            "SELECT p.id FROM products p WHERE p.active AND p.sku = :q "
            "UNION SELECT pc.product_id FROM product_codes pc JOIN products p ON p.id = pc.product_id "
            "WHERE p.active AND pc.code IN (:q, :q13, :q14) "
            "UNION SELECT p.id FROM products p WHERE p.active AND p.plu = :q"
        ),
        {"q": q, "q13": q.lstrip("0").zfill(13), "q14": q.zfill(14)},
    )
    return [r[0] for r in rows]


def _prefix(session: Session, column: str, q: str, limit: int) -> list[int]:
    rows = session.execute(
        text(
            f"SELECT id FROM products WHERE {column} >= :lo AND {column} < :hi AND active "
            f"ORDER BY {column}, id LIMIT :n"
        ),
        {"lo": q, "hi": prefix_upper(q), "n": limit},
    )
    return [r[0] for r in rows]


def _fts(session: Session, q: str, limit: int) -> list[int]:
    phrase = '"' + q.replace('"', '""') + '"'
    rows = session.execute(
        text(
            "SELECT p.id FROM product_fts f JOIN products p ON p.id = f.rowid "
            "WHERE product_fts MATCH :m AND p.active LIMIT :n"
        ),
        {"m": phrase, "n": limit},
    )
    return [r[0] for r in rows]


def _keys(session: Session, keys: list[str], like: str | None, limit: int) -> list[int]:
    """Products whose `search_keys` hold every one of ``keys`` (and whose name is LIKE ``like``)."""
    rows = session.execute(
        text(
            "SELECT p.id FROM product_fts_keys k JOIN products p ON p.id = k.rowid "
            "WHERE product_fts_keys MATCH :m AND p.active"
            + (" AND p.name LIKE :pat ESCAPE '\\'" if like is not None else "") + " LIMIT :n"
        ),
        {"m": " AND ".join(f'"{k}"' for k in keys), "pat": f"%{_like_escape(like or '')}%", "n": limit},
    )
    return [r[0] for r in rows]


def _short_cjk(session: Session, q: str, limit: int) -> list[int]:
    return _keys(session, list(dict.fromkeys(ch for ch in q if is_cjk(ch))), q, limit)


def _initial_pairs(session: Session, q: str, limit: int) -> list[int]:
    return _keys(session, [q], None, limit)


def product_ids(session: Session, query: str, limit: int = 50) -> list[int]:
    """Ids of active products matching `query`, best matches first, at most `limit`."""
    q = query.strip()
    if not q or limit <= 0:
        return []
    found: dict[int, None] = {}

    def add(ids: list[int]) -> bool:
        for i in ids:
            found.setdefault(i, None)
        return len(found) >= limit

    if add(_exact(session, q)):
        return list(found)[:limit]
    cjk = _has_cjk(q)
    if not cjk:
        lower = q.lower()
        if add(_prefix(session, "pinyin", lower, limit)) or add(_prefix(session, "sku", q, limit)):
            return list(found)[:limit]
        if len(lower) == 2 and lower.isascii() and lower.isalnum():  # initials from mid-name, after prefixes
            add(_initial_pairs(session, lower, limit))
    if len(q) >= 3:
        add(_fts(session, q, limit))
    elif cjk:
        add(_short_cjk(session, q, limit))
    return list(found)[:limit]
