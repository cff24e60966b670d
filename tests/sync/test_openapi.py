"""The committed OpenAPI document is current, and generated requests never make the platform 500."""

from __future__ import annotations

import itertools
import json

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from sync_platform_proc import ADMIN_TOKEN, REPO, PlatformProcess

from sync.reference_platform.openapi import openapi_document

OPENAPI = REPO / "sync" / "openapi.json"
#: Stalls pushes on purpose (test/demo only): not something to fuzz.
NOT_FUZZED = {"/admin/faults"}


def test_committed_openapi_is_current() -> None:
    assert OPENAPI.read_text(encoding="utf-8").strip() == openapi_document(), (
        "sync/openapi.json is stale: run `python -m sync.reference_platform openapi > sync/openapi.json`"
    )


def fuzz_operation(op: schemathesis.APIOperation, mode: GenerationMode, base_url: str,
                   session: requests.Session, headers: dict[str, str]) -> int:
    """Send a few generated requests to one operation; returns how many were sent."""
    calls = 0

    @settings(max_examples=6, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode))
    def fuzz(case: schemathesis.Case) -> None:
        nonlocal calls
        calls += 1
        case.call_and_validate(base_url=base_url, session=session, headers=headers,
                               checks=[not_a_server_error, response_schema_conformance])

    try:
        fuzz()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # nothing in this operation can be made invalid
    return calls


def test_platform_survives_generated_requests(platform: PlatformProcess, token: str) -> None:
    schema = schemathesis.openapi.from_dict(json.loads(OPENAPI.read_text(encoding="utf-8")))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    session = requests.Session()
    calls = 0
    # Valid and invalid inputs; device endpoints first, as the admin pass may revoke the token.
    for admin in (False, True):
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN if admin else token}"}
        for op, mode in itertools.product(operations, GenerationMode):
            if op.path not in NOT_FUZZED and op.path.startswith("/admin") == admin:
                calls += fuzz_operation(op, mode, platform.url, session, headers)
    assert calls > 200
    assert requests.get(platform.url + "/health", timeout=5).json() == {"status": "ok"}
