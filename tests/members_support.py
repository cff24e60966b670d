"""The members the member tests sync into a till (as the platform's members feed would)."""

from __future__ import annotations

from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P

MEMBERS = [
    P.Member(member_id="M0001", card_no="8800000001", name="张伟", phone="13800138001", tier="gold", points=1200),
    P.Member(member_id="M0002", card_no="8800000002", name="李娜", phone="13800135678", tier="silver", points=300),
    P.Member(member_id="M0003", card_no="8800000003", name="王芳", phone="13900135678", tier="basic", points=0),
]


def feed_members(db, members=MEMBERS) -> None:
    TillSyncStorage(db).apply_page("members", [P.FeedItem[P.Member](key=m.member_id, deleted=False, data=m)
                                               for m in members], "m1")
