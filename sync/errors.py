"""Exceptions of the sync package; each says what went wrong in words a person can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Base of every error raised by ``sync``."""


class ProtocolError(SyncError):
    """The platform answered something that does not fit the contract (bad JSON, wrong shape)."""


class Unauthorized(SyncError):
    """The device token is missing, wrong or revoked: the till must be paired again."""


class CursorExpired(SyncError):
    """The platform no longer keeps changes that old (410): take a snapshot instead."""


class Rejected(SyncError):
    """The platform refused the request as invalid (4xx). Retrying the same request cannot help."""

    def __init__(self, message: str, status: int, error_code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.error_code = error_code


class RetryableError(SyncError):
    """A temporary failure (network, timeout, 5xx, 429): try again later, with the same key.

    ``retry_after`` is the server's Retry-After in seconds, if it sent one; ``status`` is the
    HTTP status, or None when no answer arrived at all (offline, timeout, connection dropped).
    """

    def __init__(self, message: str, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class PageRefused(SyncError):
    """The app's storage cannot apply a valid page (a local constraint says no). The engine parks
    that resource for this run with this message and keeps the other resources flowing."""


class NoKeyringError(SyncError):
    """No usable OS keyring backend, so the device token cannot be stored safely."""


class NotPairedError(SyncError):
    """No device token is stored for this platform: pair the till first."""


class TlsError(RetryableError):
    """The TLS handshake failed: the platform's certificate is not trusted or does not match."""
