"""Till configuration: one TOML file, every key validated.

A typo or a wrong type must stop the till with a message that names the file, the key and what
is allowed, because a silently ignored key (say, a misspelt cash rounding rule) would make the
till sell at wrong prices. A missing file means defaults; `pos-app init` writes them out.
"""

from __future__ import annotations

import datetime as dt
import json
import locale
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from pos_app.domain.barcode import DEFAULT_LAYOUTS, VariableMeasureLayout
from pos_app.domain.errors import PosError


class ConfigError(Exception):
    """A config file that cannot be used; the message is for the engineer installing the till."""


def _system_language() -> Literal["zh_CN", "en"]:
    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return "zh_CN" if lang.lower().startswith("zh") else "en"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BarcodeLayout(_Section):
    """An in-store variable-measure label; fields are [start, length] digit spans (0-based).
    The domain's `VariableMeasureLayout` checks that the spans fit and do not overlap."""

    name: str
    prefixes: list[str] = Field(min_length=1)
    length: int = Field(ge=8, le=20)
    kind: Literal["price", "weight", "weight_and_price"]
    plu: tuple[int, int]
    weight: tuple[int, int] | None = None
    price: tuple[int, int] | None = None
    weight_decimals: int = Field(default=3, ge=0, le=6)
    price_decimals: int = Field(default=2, ge=0, le=4)
    check_digit: Literal["none", "present", "validated"] = "validated"

    @model_validator(mode="after")
    def _fits(self) -> BarcodeLayout:
        try:
            self.to_domain()
        except PosError as exc:
            raise ValueError(exc.message) from None
        return self

    def to_domain(self) -> VariableMeasureLayout:
        return VariableMeasureLayout.from_dict(self.model_dump())


def default_barcode_layouts() -> list[BarcodeLayout]:
    """13-digit price (prefix 22), 13-digit weight (23), 18-digit scale labels (2): see the domain."""
    return [BarcodeLayout.model_validate(layout.to_dict()) for layout in DEFAULT_LAYOUTS]


class ReceiptConfig(_Section):
    header: list[str] = ["O2O 鲜生 · 示范门店", "O2O Fresh · Demo Store"]
    footer: list[str] = ["谢谢惠顾，欢迎再次光临", "Thank you, see you again"]
    paper: Literal["58mm", "80mm"] = "80mm"
    encoding: Literal["gb18030", "gbk", "cp437", "cp858"] = "gb18030"
    ereceipt_url: str = "https://o2o.example/r/"


class DevicesConfig(_Section):
    receipt_printer: str = "preview://"
    drawer: str = "printer"
    drawer_pin: Literal[2, 5] = 2
    drawer_pulse_ms: int = Field(default=120, ge=10, le=500)
    #: The printer executes DLE DC4 1 (real-time pulse): the drawer opens on arrival, never later.
    drawer_realtime: bool = False
    scanner: str = ""
    scanner_suffix: Literal["CR", "LF", "CRLF", "TAB"] = "CR"
    display: str = ""
    display_protocol: Literal["cd5220", "epson"] = "cd5220"
    #: "" shows Latin text only (English names); gb18030/gbk for displays with a Chinese font.
    display_encoding: Literal["", "gb18030", "gbk"] = ""
    scale: str = ""


class ScannerConfig(_Section):
    """Keyboard-wedge scanner detection."""

    max_key_gap_ms: int = Field(default=30, ge=5, le=200)
    min_length: int = Field(default=4, ge=1, le=64)
    prefix: str = ""
    suffix: str = ""


class PlatformConfig(_Section):
    url: str = ""
    sync_interval_s: int = Field(default=30, ge=5, le=3600)
    ca_bundle: str = ""
    connect_timeout_s: float = Field(default=5, gt=0, le=60)
    read_timeout_s: float = Field(default=20, gt=0, le=300)
    #: Whole request, answer included: a platform that drips its answer must not hang sync.
    request_deadline_s: float = Field(default=60, gt=0, le=600)
    #: Largest answer the till reads; a bigger one is refused before it fills the memory.
    max_response_mb: int = Field(default=32, ge=1, le=512)
    #: Items per pulled page: each page is one write transaction a scan may have to wait behind
    #: (bench/sync.py measures the trade-off between pull time and scan latency).
    page_limit: int = Field(default=100, ge=20, le=5000)
    #: An event the platform answers with a retryable error this many times is set aside as a
    #: refused event (with its last error) for the manager; attempts with no answer never count.
    max_failed_attempts: int = Field(default=20, ge=1, le=1000)
    #: Items per feed request; the platform marks a cursor every `page_limit` items in it, so the
    #: till writes it in transactions of `page_limit` (fewer requests, the same short writes).
    #: 250: the fetch thread validates a page in one call that holds the GIL (about 7 ms per 250
    #: products), and a scan waits that long behind it (bench/sync.py: scan p99 during a pull).
    fetch_limit: int = Field(default=250, ge=20, le=5000)
    #: Items per 410-snapshot page: validating and comparing a page holds the GIL (a scan waits).
    snapshot_page_limit: int = Field(default=500, ge=20, le=5000)

    @field_validator("url")
    @classmethod
    def _platform_url(cls, url: str) -> str:
        if not url:
            return url
        from sync.client import check_platform_url  # here: bench scripts have a sync.py beside them

        return check_platform_url(url)


class DenominationConfig(_Section):
    code: Annotated[str, Field(pattern=r"^(note|coin)_[0-9_]+$")]
    value: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")]


class ShiftConfig(_Section):
    """Cash management: count tolerance before a manager must approve, notes and coins, reasons."""

    tolerance: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")] = "2.00"
    #: Empty means the currency's standard set (CNY: 100 ... 0.1).
    denominations: list[DenominationConfig] = []
    paid_in_reasons: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]] = \
        ["float_top_up", "found_cash", "other"]
    paid_out_reasons: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]] = \
        ["supplies", "delivery_fee", "cleaning", "petty_cash", "other"]
    #: A store open past midnight stays on its business day until this local hour (0 = midnight).
    business_day_cutoff_hour: int = Field(default=4, ge=0, le=12)


class BackupConfig(_Section):
    """Copies of the database in `<data dir>/backups/` (manual and before each migration)."""

    #: How many backups to keep; older ones are deleted after each new manual backup.
    keep: int = Field(default=10, ge=1, le=1000)


class PaymentsConfig(_Section):
    """Wallet payments by the customer's payment code (WeChat Pay, Alipay, UnionPay QR)."""

    #: "platform": the chain's platform holds the merchant keys and talks to the wallets; "off": no QR pay;
    #: "wechatpay_v2": the till signs WeChat Pay v2 itself (WeChat codes only) with the wechat_* keys below.
    #: "alipay": the till signs Alipay (RSA2) itself (Alipay codes only) with the alipay_* keys below.
    provider: Literal["platform", "off", "wechatpay_v2", "alipay"] = "platform"
    #: Seconds to wait for one answer; a call that times out is an unknown outcome and is queried.
    read_timeout_s: float = Field(default=10, gt=0, le=60)
    #: Multiplies the wallets' published waits (5 s, 10 s, 45 s, 60 s); below 1 only for tests and demos.
    timing_scale: float = Field(default=1.0, gt=0, le=1)
    #: A dynamic QR order (the customer scans the till's QR) is closed after this many minutes unpaid.
    qr_expire_minutes: int = Field(default=5, ge=1, le=120)
    wechat_url: str = "https://api.mch.weixin.qq.com"
    wechat_app_id: str = ""
    wechat_mch_id: str = ""
    #: A file holding the merchant's API key (never the key itself in the config), or
    #: ``keyring:NAME`` for the OS keyring's entry NAME of service o2o-till-payments (as the Alipay keys).
    wechat_key_file: str = ""
    #: The merchant's client certificate and key (PEM) for reverse and refund (mutual TLS).
    wechat_cert_file: str = ""
    wechat_cert_key_file: str = ""
    alipay_gateway: str = "https://openapi.alipay.com/gateway.do"
    alipay_app_id: str = ""
    #: PEM files: the app's RSA private key, and Alipay's public key that signs the answers.
    alipay_private_key_file: str = ""
    alipay_public_key_file: str = ""


class ReturnReasonConfig(_Section):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
    #: Goods returned for this reason go to the damaged location, not back on sale.
    damaged: bool = False


def _default_return_reasons() -> list[ReturnReasonConfig]:
    return [ReturnReasonConfig(code=c, damaged=c in ("damaged", "expired"))
            for c in ("changed_mind", "wrong_item", "damaged", "expired", "other")]


class ReturnsConfig(_Section):
    """Returns and exchanges (see docs/DEVELOPING.md "Returns")."""

    reasons: list[ReturnReasonConfig] = Field(default_factory=_default_return_reasons, min_length=1)
    #: A return without a receipt refunds the lowest price of the last `no_receipt_days` days
    #: ("lowest_recent") or today's price ("current").
    no_receipt_price: Literal["lowest_recent", "current"] = "lowest_recent"
    no_receipt_days: int = Field(default=30, ge=1, le=365)


class CustomerScreenConfig(_Section):
    """The customer-facing second screen (双屏): where it goes, its language, its pace."""

    #: "auto": full screen on the second monitor when there is one; "off"; "window": an ordinary
    #: window (a single-screen PC, a demo); or a screen number (0 = the primary, 1 = the next, ...).
    screen: Annotated[str, Field(pattern=r"^(auto|off|window|[0-9])$")] = "auto"
    #: "cashier" follows the cashier's language; "both" shows Chinese and English together.
    language: Literal["cashier", "zh_CN", "en", "both"] = "cashier"
    #: How long the change and "Thank you" (or a pickup hand-over) stay before the idle slideshow.
    thanks_seconds: int = Field(default=6, ge=1, le=120)
    #: How long each slide of the idle slideshow stays, unless the platform says otherwise.
    slide_seconds: int = Field(default=8, ge=2, le=600)
    #: Largest image the till downloads and shows, and the whole media cache in the data dir.
    media_max_kb: int = Field(default=4096, ge=16, le=65536)
    media_cache_mb: int = Field(default=200, ge=1, le=4096)


class Config(_Section):
    store_id: Annotated[str, Field(pattern=r"^[A-Z0-9]{2,12}$")] = "S001"
    till_id: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,8}$")] = "T01"
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "CNY"
    language: Literal["zh_CN", "en"] = Field(default_factory=_system_language)
    prices_include_tax: bool = True
    cash_rounding: Literal["none", "nearest_0_05", "down_0_1"] = "none"
    max_quantity: int = Field(default=9999, ge=1, le=1_000_000)
    max_amount_fen: int = Field(default=10_000_000, ge=100)
    ticket_discount_limit_percent: int = Field(default=10, ge=0, le=100)
    #: A repeat scan of a packaged item adds one to its line (weighed and labelled items never merge).
    merge_repeat_scans: bool = True
    idle_lock_minutes: int = Field(default=5, ge=0, le=240)
    #: New pickup orders arriving by sync beep as well as show a notice (off: the notice only).
    pickup_alert_sound: bool = True
    barcode_layouts: list[BarcodeLayout] = Field(default_factory=default_barcode_layouts)
    receipt: ReceiptConfig = ReceiptConfig()
    devices: DevicesConfig = DevicesConfig()
    scanner: ScannerConfig = ScannerConfig()
    platform: PlatformConfig = PlatformConfig()
    shift: ShiftConfig = ShiftConfig()
    backup: BackupConfig = BackupConfig()
    payments: PaymentsConfig = PaymentsConfig()
    returns: ReturnsConfig = ReturnsConfig()
    customer_screen: CustomerScreenConfig = CustomerScreenConfig()

    @property
    def paper_columns(self) -> int:
        return 32 if self.receipt.paper == "58mm" else 48


def _describe(error: ErrorDetails) -> str:
    key = ".".join(str(p) for p in error["loc"]) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{key}' (check the spelling; see docs/OPERATIONS.md for the keys)"
    if kind == "literal_error":
        return f"key '{key}': {error['input']!r} is not allowed; {error['msg'].replace('Input should be', 'use')}"
    return f"key '{key}': {error['msg']} (got {error.get('input')!r})"


def _plain(value: Any, key: str, source: str) -> Any:
    """The TOML value as JSON data; TOML dates and times fit no key of ours."""
    if isinstance(value, dict):
        return {k: _plain(v, f"{key}.{k}" if key else k, source) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, f"{key}.{i}", source) for i, v in enumerate(value)]
    if isinstance(value, dt.date | dt.time):
        raise ConfigError(f"Config file {source} is invalid: key '{key}': a date or time is not allowed here "
                          f"(got {value.isoformat()})")
    return value


def parse_config(data: dict[str, Any], source: str) -> Config:
    """Validate a decoded TOML document with strict types (``"no"`` is not a boolean, ``"10"`` is not
    a number); `source` names the file in messages. One error is one line naming the key."""
    try:
        return Config.model_validate_json(json.dumps(_plain(data, "", source)), strict=True)
    except ValidationError as exc:
        lines = [_describe(e) for e in exc.errors()]
        if len(lines) == 1:
            raise ConfigError(f"Config file {source} is invalid: {lines[0]}") from None
        raise ConfigError(f"Config file {source} is invalid:\n  " + "\n  ".join(lines)) from None


def load_config(path: Path) -> Config:
    """Read and validate the config file; defaults when it does not exist."""
    if not path.exists():
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"Config file {path} cannot be read: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"Config file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}") from None
    return parse_config(data, str(path))


def write_config(config: Config, path: Path) -> None:
    """Write the full config (all keys, so the installer sees what can be set)."""
    data = config.model_dump(mode="json", exclude_none=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise ConfigError(f"Config file {path} cannot be written: {exc.strerror}") from None
