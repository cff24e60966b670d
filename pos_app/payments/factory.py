"""Which provider a till uses, from its config (`[payments] provider`)."""

from __future__ import annotations

from collections.abc import Callable

from pos_app.config import Config
from pos_app.payments.base import PaymentProvider, ProviderUnavailable
from sync.credentials import Credentials
from sync.errors import SyncError


def provider_factory(config: Config, credentials: Credentials | None = None) -> Callable[[], PaymentProvider]:
    """A factory called when the first payment needs it (the till may be paired after start-up)."""

    def make() -> PaymentProvider:
        cfg = config.payments
        if cfg.provider == "off":
            raise ProviderUnavailable("they are switched off in the config ([payments] provider = \"off\")")
        # The providers (requests, cryptography, the wire models) load with the first payment.
        if cfg.provider == "alipay":
            from pos_app.payments.alipay import AlipayProvider

            return AlipayProvider(cfg.alipay_gateway, cfg.alipay_app_id, cfg.alipay_private_key_file,
                                  cfg.alipay_public_key_file, connect_timeout_s=config.platform.connect_timeout_s,
                                  read_timeout_s=cfg.read_timeout_s)
        if cfg.provider == "wechatpay_v2":
            from pos_app.payments.wechatpay_v2 import WechatPayV2Provider

            return WechatPayV2Provider(cfg.wechat_url, cfg.wechat_app_id, cfg.wechat_mch_id, cfg.wechat_key_file,
                                       cert_file=cfg.wechat_cert_file, cert_key_file=cfg.wechat_cert_key_file,
                                       connect_timeout_s=config.platform.connect_timeout_s,
                                       read_timeout_s=cfg.read_timeout_s)
        if not config.platform.url:
            raise ProviderUnavailable("the platform URL is not configured")
        try:
            token = (credentials or Credentials(config.platform.url)).get_token()
        except (SyncError, ValueError) as exc:
            raise ProviderUnavailable(str(exc)) from None
        from pos_app.payments.platform import PlatformPaymentProvider

        return PlatformPaymentProvider(
            config.platform.url, token, config.store_id, config.till_id,
            connect_timeout_s=config.platform.connect_timeout_s, read_timeout_s=config.payments.read_timeout_s,
            ca_bundle=config.platform.ca_bundle or None)

    return make
