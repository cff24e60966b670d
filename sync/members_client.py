"""The member calls a till makes online (terms, balances, holds), on a ``PlatformClient``.

A refusal the member can't get around (not enough points, unknown member) raises ``Rejected``
with the platform's error code; a network fault raises ``RetryableError`` as every call does.
"""

from __future__ import annotations

from urllib.parse import quote

from sync.client import PlatformClient
from sync.protocol.members import MemberAccount, MemberHold, MemberHoldAnswer, MemberTerms


class MembersApi:
    def __init__(self, client: PlatformClient, store_id: str) -> None:
        self.client = client
        self.base = f"/stores/{quote(store_id)}"

    def terms(self) -> MemberTerms:
        return self.client._parse(self.client._request("GET", f"{self.base}/member-terms"), MemberTerms)

    def account(self, member_id: str) -> MemberAccount:
        resp = self.client._request("GET", f"{self.base}/members/{quote(member_id)}")
        return self.client._parse(resp, MemberAccount)

    def hold(self, member_id: str, request: MemberHold) -> MemberHoldAnswer:
        resp = self.client._request("POST", f"{self.base}/members/{quote(member_id)}/holds",
                                    json_body=request.model_dump(mode="json"))
        return self.client._parse(resp, MemberHoldAnswer)

    def release(self, member_id: str, hold_id: str) -> MemberHoldAnswer:
        resp = self.client._request("POST", f"{self.base}/members/{quote(member_id)}/holds/{quote(hold_id)}/release")
        return self.client._parse(resp, MemberHoldAnswer)
