"""The OpenAPI document of the platform, as committed in ``sync/openapi.json``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sync.reference_platform.app import create_app


def openapi_document() -> str:
    """Deterministic JSON text of the app's OpenAPI document (no trailing newline)."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(str(Path(tmp) / "openapi.sqlite3"), admin_token="unused")
        return json.dumps(app.openapi(), indent=2, ensure_ascii=False, sort_keys=True)
