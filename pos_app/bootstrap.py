"""Builds the till's object graph from config: database, services, devices, sync.

The UI and the CLI get an `AppContext` and call services on it; nothing else wires objects.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pos_app.config import Config
from pos_app.domain.shift import Denomination
from pos_app.payments.factory import provider_factory
from pos_app.services import member_returns
from pos_app.services.auth import AuthService
from pos_app.services.backup import BackupService
from pos_app.services.catalog import CatalogService
from pos_app.services.checkout import CheckoutService
from pos_app.services.coupons import CouponService
from pos_app.services.customer_display import CustomerDisplayService
from pos_app.services.media import MediaService
from pos_app.services.member_platform import ClientMemberPlatform
from pos_app.services.member_tenders import MemberTenders
from pos_app.services.members import MemberService
from pos_app.services.payments import WALLET_TENDERS, PaymentService
from pos_app.services.pickup import PickupService
from pos_app.services.printing import PrintService
from pos_app.services.promotions import PromotionService
from pos_app.services.provisioning import ProvisioningService, apply_store_profile
from pos_app.services.reports import ReportService
from pos_app.services.returns import ReturnService
from pos_app.services.scale_reader import ScaleReader
from pos_app.services.serial_scanner import SerialScannerService
from pos_app.services.shift import ShiftService, ShiftSettings
from pos_app.services.sync_service import SyncService
from pos_app.store.db import DatabaseError
from pos_app.store.sync_store import TillSyncStorage
from pos_app.store.uow import Database

DB_FILENAME = "till.db"


class DataDirError(Exception):
    """The data dir cannot hold the database; the message says what to do."""


def ensure_data_dir(data_dir: Path) -> Path:
    """Create the data dir and prove it is writable before any data goes there."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=data_dir, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DataDirError(
            f"Data dir {data_dir} is not writable ({exc.strerror}). Give this user write access or "
            f"choose another folder with --data-dir DIR or the POS_DATA_DIR variable."
        ) from None
    return data_dir


def open_database(data_dir: Path, migrate: bool = True) -> Database:
    """Open (and by default create or migrate) the store database in `data_dir`."""
    ensure_data_dir(data_dir)
    db = Database(data_dir / DB_FILENAME)
    try:
        if migrate:
            db.migrate()
        else:
            db.check_schema()
    except DatabaseError:
        db.dispose()
        raise
    except Exception as exc:  # sqlite3 errors surface wrapped by SQLAlchemy
        db.dispose()
        raise DatabaseError(f"Database {db.path} cannot be opened: {exc}") from None
    return db


@dataclass(kw_only=True)  # built by name (build_app), so the always-set services need no default
class AppContext:
    config: Config
    data_dir: Path
    db: Database
    till_key: str
    auth: AuthService
    catalog: CatalogService
    checkout: CheckoutService
    sync: SyncService
    printing: PrintService
    shifts: ShiftService
    reports: ReportService
    pickup: PickupService
    customer_display: CustomerDisplayService
    scale: ScaleReader
    promotions: PromotionService
    coupons: CouponService
    config_file: Path | None = None  # where settings screens save (None: not saved, e.g. tests)
    scanner: SerialScannerService | None = None  # the serial scanner (devices.scanner); None: not built
    provisioning: ProvisioningService  # pairing, first download, store profile
    store_name: str = ""  # from the platform's store profile ("" before the first sync)
    backups: BackupService  # "Back up now"
    payments: PaymentService | None = None  # wallet payments by payment code (QR)
    returns: ReturnService | None = None  # returns and exchanges; always set by build_app
    media: MediaService | None = None  # the customer screen's slides (the platform's media feed)
    members: MemberService | None = None  # identify, member prices, sign-up, ledger entries
    member_tenders: MemberTenders | None = None  # points and stored value tenders, top-up

    def start_workers(self) -> None:
        """Background threads (sync, printing, display) start only for the running till, not for the CLI."""
        self.sync.start()
        self.printing.start()
        self.customer_display.start()
        if self.scanner is not None:
            self.scanner.start()

    def close(self) -> None:
        self.sync.stop()
        self.printing.stop()
        self.customer_display.stop()
        if self.scanner is not None:
            self.scanner.stop()
        if self.payments is not None:
            self.payments.close()
        self.db.dispose()


def shift_settings(config: Config) -> ShiftSettings:
    """The `[shift]` config section as the shift service's settings."""
    cfg = config.shift
    denominations = tuple(Denomination(d.code, Decimal(d.value), d.code.startswith("coin"))
                          for d in cfg.denominations) or ShiftSettings.denominations
    return ShiftSettings(denominations=denominations, tolerance=Decimal(cfg.tolerance),
                         paid_in_reasons=tuple(cfg.paid_in_reasons), paid_out_reasons=tuple(cfg.paid_out_reasons))


def build_app(config: Config, data_dir: Path, config_file: Path | None = None) -> AppContext:
    db = open_database(data_dir)
    with db.uow() as uow:
        till_key = uow.tills.ensure(config.store_id, config.till_id)
        uow.commit()
    provisioning = ProvisioningService(db, config, data_dir, config_file)
    profile = provisioning.store_profile()
    config = apply_store_profile(config, profile)
    checkout = CheckoutService(db, config, till_key)
    promotions = PromotionService(config)
    promotions.attach(checkout)  # every ticket change is priced with the synced promotions
    pickup = PickupService(db, config, till_key, checkout.classifier, checkout=checkout)
    pickup.register_code_kinds()
    sync = SyncService(TillSyncStorage(db, on_pickup_changed=pickup.orders_changed), config.platform,
                       till_key, credentials=provisioning.credentials(config.platform.url)
                       if config.platform.url else None)
    checkout.after_complete.append(lambda _sale: sync.nudge())
    pickup.codes.platform = sync  # typed pickup codes are checked online first, QR keys fetched
    pickup.claims = sync  # other tills of the store see who picks an order; a second till is refused
    coupons = CouponService(db, config, online=lambda: sync.state().code == "online")
    coupons.attach(checkout)  # a code kind, its handler, redemption in the sale's transaction
    printing = PrintService(db, config, till_key, data_dir, tender_kinds=checkout.tender_kinds)
    printing.attach(checkout)
    customer_display = CustomerDisplayService(config.devices)
    customer_display.attach(checkout)
    print_document = lambda document, kind: printing.submit(document, kind=kind)  # noqa: E731
    shifts = ShiftService(db, config, till_key, settings=shift_settings(config),
                          tender_kinds=checkout.tender_kinds, print_document=print_document,
                          open_drawer=printing.kick_drawer)
    shifts.attach(checkout)  # selling needs an open shift; sales carry its id and business date
    reports = ReportService(db, config, till_key, tender_kinds=checkout.tender_kinds,
                            tolerance_fen=shifts.tolerance_fen, print_document=print_document)
    payments = PaymentService(db, config, till_key, checkout, provider_factory(config))
    payments.register_tender_kinds(checkout.tender_kinds)  # WeChat Pay, Alipay, UnionPay QR tenders
    payments.attach(checkout)  # no completing or voiding while a wallet answer is awaited
    shifts.close_guards.append(payments.check_close)  # no close with wallet payments unresolved
    returns = ReturnService(db, config, till_key, classifier=checkout.classifier,
                            business_date=shifts.business_date, shift_id=shifts.current_shift_id)
    returns.guard = shifts.require_open  # money goes back only in an open shift
    returns.register_wallets([kind.code for kind in WALLET_TENDERS])  # wallets first, via the payment service
    returns.wallet_refund = payments.refund
    returns.wallet_adopt = payments.adopt  # another till's wallet payment, refunded here to the wallet
    returns.platform = sync.client  # sales of other tills and online orders: the platform's ledger
    returns.after_complete.append(lambda _done: sync.nudge())
    returns.attach(checkout)  # exchanges: the credit is a tender, the return is written with the sale
    members = MemberService(db, config, till_key, platform=ClientMemberPlatform(sync._client, config.store_id),
                            online=lambda: sync.state().code == "online")
    members.attach(checkout, promotions)  # member code and card kinds, member prices, the sale's entries
    member_tenders = MemberTenders(members)
    member_tenders.register_tender_kinds(checkout.tender_kinds)  # points, stored value
    member_tenders.attach(checkout)  # holds released when their tender leaves the ticket
    sync.listeners.append(member_tenders.after_sync)  # online: terms, resolved sign-ups, stray holds
    member_returns.attach(returns, members)  # a return pays stored value back to the member
    return AppContext(
        config=config,
        data_dir=data_dir,
        db=db,
        till_key=till_key,
        auth=AuthService(db, till_key),
        catalog=CatalogService(db, config.currency),
        checkout=checkout,
        sync=sync,
        printing=printing,
        shifts=shifts,
        reports=reports,
        pickup=pickup,
        customer_display=customer_display,
        scale=ScaleReader(config.devices.scale),
        promotions=promotions,
        coupons=coupons,
        config_file=config_file,
        scanner=SerialScannerService(config.devices.scanner, config.devices.scanner_suffix),
        provisioning=provisioning,
        store_name=profile.name if profile else "",
        backups=BackupService(db.path, config.backup.keep),
        payments=payments,
        returns=returns,
        media=MediaService(db, data_dir, config.customer_screen,
                           fetch=lambda media_id, _most: sync.media_content(config.store_id, media_id)),
        members=members,
        member_tenders=member_tenders,
    )
