"""`pos-app selfcheck`: what the engineer installing a till runs before handing it over.

Each check returns failure lines instead of raising, so one broken part does not hide the others.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pos_app.config import Config
from pos_app.services.devices import check_devices
from pos_app.store import migrate
from pos_app.store.db import DatabaseError, check_fts5
from pos_app.store.uow import Database


def check_keyring(config: Config, data_dir: Path) -> list[str]:
    """A till that syncs needs the OS keyring for its device token (never a file)."""
    if not config.platform.url:
        return []
    from sync.credentials import Credentials
    from sync.errors import NoKeyringError

    try:
        Credentials(config.platform.url).check()
    except NoKeyringError as exc:
        return [f"keyring: {exc}"]
    except ValueError as exc:
        return [f"platform: {exc}"]
    return []


def check_translations(config: Config, data_dir: Path) -> list[str]:
    """Every language the picker offers has its compiled translation (else it silently shows English)."""
    from pos_app.resources import SUPPORTED_LANGUAGES, check_translation

    problems = ((lang, check_translation(lang)) for lang in SUPPORTED_LANGUAGES)
    return [f"translation {lang}: {problem}" for lang, problem in problems if problem]


#: Checks of the parts beyond the database.
EXTRA_CHECKS: list[Callable[[Config, Path], list[str]]] = [check_keyring, check_devices, check_translations]


def check_database(data_dir: Path) -> list[str]:
    from pos_app.bootstrap import DB_FILENAME, DataDirError, ensure_data_dir

    try:
        ensure_data_dir(data_dir)
        db = Database(data_dir / DB_FILENAME)
    except (DataDirError, DatabaseError) as exc:
        return [f"database: {exc}"]
    failures: list[str] = []
    try:
        with db.engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        if result != "ok":
            failures.append(f"database: integrity check says {result}")
        try:
            check_fts5(db.engine)
        except DatabaseError as exc:
            failures.append(f"search: {exc}")
        try:
            migrate.check_not_newer(db.engine)
            current, head = migrate.current_revision(db.engine), migrate.head_revision()
            if current != head:
                failures.append(f"schema: at {current or 'nothing'}, code expects {head}; run `pos-app init`")
        except DatabaseError as exc:
            failures.append(f"schema: {exc}")
    except Exception as exc:
        failures.append(f"database: {db.path} cannot be read: {exc}")
    finally:
        db.dispose()
    return failures


def run_selfcheck(config: Config, data_dir: Path) -> list[str]:
    failures = check_database(data_dir)
    for check in EXTRA_CHECKS:
        failures.extend(check(config, data_dir))
    return failures
