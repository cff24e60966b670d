"""A new till becomes a store's till: pair with the platform, download everything, or try the demo.

The first-run wizard and the manager's re-pair call this service (in worker threads: every call
may wait on the network). Pairing errors are `PosError`s with a code per cause the person can act
on: a URL that is not a platform URL, a host that cannot be reached, a TLS failure, a used or
expired code. The first download is the ordinary sync engine with progress and cancel: every page
is committed with its cursor, so a cancelled, closed or crashed download continues where it was.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from pos_app.config import Config, DevicesConfig, PlatformConfig
from pos_app.domain.errors import (
    NotPaired,
    PairingBadCode,
    PairingBadUrl,
    PairingCodeInvalid,
    PairingError,
    PairingMismatch,
    PairingNoKeyring,
    PairingNotPlatform,
    PairingTls,
    PairingUnreachable,
    PermissionDenied,
    PlatformBusy,
)
from pos_app.domain.money import MINOR_UNITS
from pos_app.domain.permissions import Permission
from pos_app.services.demo import SeedSummary, seed_demo
from pos_app.services.pickup_codes import save_platform_keys
from pos_app.services.settings import update_config
from pos_app.store.models import User, utcnow
from pos_app.store.provision_models import DeviceAssignment, StoreProfile, TillPairing
from pos_app.store.sync_store import TillSyncStorage
from pos_app.store.uow import Database
from sync.client import PlatformClient, check_platform_url
from sync.credentials import Credentials, DemoTokenFile
from sync.engine import SyncEngine, SyncReport
from sync.errors import NoKeyringError, ProtocolError, Rejected, RetryableError, TlsError
from sync.pairing import pair
from sync.protocol import DeviceSettings

log = logging.getLogger(__name__)

#: Where `make run` keeps the demo platform's token when the machine has no keyring.
DEMO_TOKEN_FILE = "demo-platform-device-token.json"


@dataclass(frozen=True)
class PairingInfo:
    platform_url: str
    store_id: str
    till_id: str
    demo: bool
    paired_at: datetime
    initial_sync_done: bool


@dataclass(frozen=True)
class Progress:
    """Products ``done`` of ``total`` (``total`` is the platform's count when the download began)."""

    resource: str
    done: int
    total: int


@dataclass(frozen=True)
class StoreProfileInfo:
    store_id: str
    name: str
    address: str
    phone: str
    tax_id: str
    receipt_header: tuple[str, ...]
    receipt_footer: tuple[str, ...]
    currency: str
    time_zone: str
    business_day_cutoff_hour: int


def apply_store_profile(config: Config, profile: StoreProfileInfo | None) -> Config:
    """The config as the till uses it: the platform's store profile, when there is one, decides the
    receipt header and footer, the currency and the business-day cut-off hour."""
    if profile is None:
        return config
    receipt = config.receipt.model_copy(update={
        "header": list(profile.receipt_header) or config.receipt.header,
        "footer": list(profile.receipt_footer) or config.receipt.footer,
    })
    changes: dict[str, Any] = {"receipt": receipt}
    if profile.currency in MINOR_UNITS:
        changes["currency"] = profile.currency
    else:
        log.warning("store profile currency %s is not one the till can sell in; keeping %s", profile.currency,
                    config.currency)
    # The shift service reads the business day's cut-off hour from `[shift]`: the profile's wins.
    changes["shift"] = config.shift.model_copy(
        update={"business_day_cutoff_hour": profile.business_day_cutoff_hour})
    return config.model_copy(update=changes)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _pairing_error(url: str, exc: Exception, store_id: str | None, till_id: str | None) -> PairingError:
    """The `PairingError` for what `sync.pairing.pair` raised."""
    if isinstance(exc, NoKeyringError):
        return PairingNoKeyring(detail=str(exc))
    if isinstance(exc, TlsError):
        return PairingTls(host=_host(url), detail=str(exc))
    if isinstance(exc, RetryableError):
        if exc.status is None:
            return PairingUnreachable(host=_host(url), detail=str(exc))
        return PlatformBusy(detail=f"HTTP {exc.status}")
    if isinstance(exc, Rejected):
        if exc.error_code == "pairing_code_invalid":
            return PairingCodeInvalid(detail=str(exc))
        if exc.error_code == "pairing_mismatch":
            return PairingMismatch(store_id=store_id or "?", till_id=till_id or "?")
        return PairingNotPlatform(host=_host(url), detail=str(exc))
    return PairingNotPlatform(host=_host(url), detail=str(exc))


class ProvisioningService:
    def __init__(self, db: Database, config: Config, data_dir: Path, config_file: Path | None,
                 keyring_credentials: Callable[[str], Credentials] = Credentials) -> None:
        self.db = db
        self.config = config
        self.data_dir = data_dir
        self.config_file = config_file
        self._credentials = keyring_credentials
        #: Whether the till was set up when this process started: only a till that was not may
        #: save devices from the first-run wizard with nobody signed in (nobody could sign in).
        self._set_up_at_start = not self.needs_first_run()

    # -- what the till is -------------------------------------------------------------------
    def pairing(self) -> PairingInfo | None:
        with self.db.uow(read_only=True) as uow:
            row = uow.session.get(TillPairing, 1)
            if row is None:
                return None
            return PairingInfo(row.platform_url, row.store_id, row.till_id, row.demo, row.paired_at,
                               row.initial_sync_done_at is not None)

    def needs_first_run(self) -> bool:
        """No pairing and nobody who could sign in, or a real pairing whose first download is unfinished."""
        info = self.pairing()
        if info is not None:
            return not info.demo and not info.initial_sync_done
        with self.db.uow(read_only=True) as uow:
            staff = uow.session.scalar(select(func.count()).select_from(User).where(User.active.is_(True)))
        return not staff and not self.config.platform.url

    def save_first_run_devices(self, path: Path, devices: DevicesConfig) -> Config:
        """The first-run wizard's printer and drawer step. No staff session is asked, because no one
        can sign in yet; a till already set up when it started refuses (a manager saves devices
        on the hardware screen, with a session)."""
        if self._set_up_at_start:
            raise PermissionDenied(role="first-run wizard", permission=Permission.MANAGE_DEVICES.value)
        log.info("device settings saved by the first-run wizard")
        return update_config(path, devices=devices.model_dump())

    def credentials(self, platform_url: str) -> Credentials | DemoTokenFile:
        """The token store of this till's pairing: the demo's may be a labelled file, a real one never."""
        info = self.pairing()
        token_file = self.data_dir / DEMO_TOKEN_FILE
        if info is not None and info.demo and info.platform_url == platform_url and token_file.exists():
            return DemoTokenFile(platform_url, token_file)
        return self._credentials(platform_url)

    def store_profile(self) -> StoreProfileInfo | None:
        """The store as the platform describes it (None before the first sync). Its
        ``business_day_cutoff_hour`` is where the shift's business day should come from."""
        with self.db.uow(read_only=True) as uow:
            row = uow.session.get(StoreProfile, self.config.store_id)
            if row is None:
                return None
            return StoreProfileInfo(row.store_id, row.name, row.address, row.phone, row.tax_id,
                                    tuple(json.loads(row.receipt_header)), tuple(json.loads(row.receipt_footer)),
                                    row.currency, row.time_zone, row.business_day_cutoff_hour)

    def device_assignment(self) -> DeviceSettings | None:
        """Devices the platform assigned to this till (None: nothing assigned)."""
        with self.db.uow(read_only=True) as uow:
            row = uow.session.get(DeviceAssignment, self.config.till_id)
            return None if row is None else DeviceSettings.model_validate_json(row.data)

    # -- pairing ------------------------------------------------------------------------------
    def connect(self, url: str, code: str, *, keep_till: bool = False) -> PairingInfo:
        """Spend a one-time pairing code. A first run takes the store and till the code was issued
        for (and writes them to the config); a re-pair (``keep_till``) must be for this same till."""
        url = url.strip()
        try:
            url = check_platform_url(url)
        except ValueError as exc:
            raise PairingBadUrl(url=url, detail=str(exc)) from None
        store_id, till_id = (self.config.store_id, self.config.till_id) if keep_till else (None, None)
        try:
            result = pair(url, code, self._credentials(url), store_id, till_id,
                          device_name=f"{self.config.store_id}-{self.config.till_id}",
                          ca_bundle=self.config.platform.ca_bundle or None)
        except ValueError:
            raise PairingBadCode(code=code.strip()) from None
        except (NoKeyringError, RetryableError, Rejected, ProtocolError) as exc:
            log.warning("pairing with %s failed: %s", url, exc)
            raise _pairing_error(url, exc, store_id, till_id) from None
        self._record(result.platform_url, result.store_id, result.till_id, demo=False)
        if result.platform_keys:  # pickup QR codes can be checked offline from now on
            save_platform_keys(self.db, result.platform_keys)
        log.info("paired with %s as store %s till %s", result.platform_url, result.store_id, result.till_id)
        pairing = self.pairing()
        assert pairing is not None  # recorded just above
        return pairing

    def start_demo(self) -> SeedSummary:
        """"Try the demo store": the demo goods and staff on this till, no platform."""
        return seed_demo(self.db, self.config)

    def record_demo_pairing(self, platform_url: str, store_id: str, till_id: str) -> None:
        """`make run`'s demo platform: marked demo, so its token may live in the labelled file."""
        self._record(platform_url, store_id, till_id, demo=True, done=True)

    def _record(self, url: str, store_id: str, till_id: str, *, demo: bool, done: bool = False) -> None:
        with self.db.uow() as uow:
            row = uow.session.get(TillPairing, 1) or TillPairing(id=1)
            first_sync = row.initial_sync_done_at if row.platform_url == url else None
            row.platform_url, row.store_id, row.till_id, row.demo = url, store_id, till_id, demo
            row.paired_at = utcnow()
            row.initial_sync_done_at = utcnow() if done else first_sync
            uow.session.merge(row)
            uow.commit()
        platform = self.config.platform.model_copy(update={"url": url})
        self.config = self.config.model_copy(update={"store_id": store_id, "till_id": till_id, "platform": platform})
        if self.config_file is not None:
            update_config(self.config_file, store_id=store_id, till_id=till_id, platform=platform.model_dump())

    def platform_config(self) -> PlatformConfig:
        return self.config.platform

    # -- the first download -------------------------------------------------------------------
    def download(self, progress: Callable[[Progress], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> SyncReport:
        """Pull everything the platform has for this till; ``progress`` after each page. Cancelling
        (or closing, or a crash) keeps what arrived: calling again continues from there."""
        info = self.pairing()
        if info is None:
            raise NotPaired()
        platform = self.config.platform
        token = self.credentials(info.platform_url).require_token()
        storage = TillSyncStorage(self.db)
        with PlatformClient(info.platform_url, token, connect_timeout_s=platform.connect_timeout_s,
                            read_timeout_s=platform.read_timeout_s, ca_bundle=platform.ca_bundle or None) as client:
            try:
                totals: dict[str, int] = {str(k): n for k, n in client.counts().counts.items()}
            except (RetryableError, Rejected, ProtocolError) as exc:
                raise _pairing_error(info.platform_url, exc, None, None) from None
            done = {"catalog": self._product_count()}

            def on_page(resource: str, n: int) -> None:
                done[resource] = done.get(resource, 0) + n
                if progress is not None and resource == "catalog":
                    progress(Progress(resource, min(done[resource], totals.get(resource, 0)),
                                      totals.get(resource, 0)))
                elif progress is not None:
                    progress(Progress(resource, done[resource], totals.get(resource, 0)))

            if progress is not None:
                progress(Progress("catalog", min(done["catalog"], totals.get("catalog", 0)), totals.get("catalog", 0)))
            engine = SyncEngine(client, storage, page_limit=500, on_page=on_page, cancelled=cancelled)
            report = engine.run_once()
        if report.online and not report.errors and not report.cancelled:
            with self.db.uow() as uow:
                row = uow.session.get(TillPairing, 1)
                assert row is not None  # paired above
                row.initial_sync_done_at = utcnow()
                uow.commit()
        return report

    def _product_count(self) -> int:
        with self.db.uow(read_only=True) as uow:
            return uow.catalog.count(active_only=False)
