"""Exception hierarchy of the hardware library: one class per thing a technician can fix."""


class HardwareError(Exception):
    """Base of every error raised by `hardware`; the message is meant for people."""


class DeviceURLError(HardwareError, ValueError):
    """A device URL is malformed, has an unknown scheme or a bad option value."""


class DocumentError(HardwareError, ValueError):
    """A receipt document block holds a value no printer can print."""


class EncodingError(DocumentError):
    """Receipt or display text holds a character the configured encoding cannot express."""


class ProfileError(HardwareError, ValueError):
    """A printer profile is inconsistent (unknown paper width or code page)."""


class FontNotFound(HardwareError):
    """No CJK font is installed, so a Chinese receipt preview cannot be drawn."""


class PrinterError(HardwareError):
    """Base of printer transport errors."""


class PrinterOffline(PrinterError):
    """The printer cannot be reached: refused, unreachable or device missing."""


class PrinterTimeout(PrinterError):
    """The printer accepted the connection but did not take data in time."""


class PrinterGone(PrinterError):
    """The connection to the printer dropped in the middle of a job."""


class PrinterUnavailable(PrinterError):
    """This kind of printer cannot be used on this machine (missing driver or OS)."""


class SerialDeviceError(HardwareError):
    """A serial device (scanner, display, scale, drawer) cannot be opened or written."""


class SerialSettingsRefused(SerialDeviceError):
    """The port exists but the OS refused a line setting (e.g. 7E1 on an adapter that cannot)."""

    def __init__(self, message: str, setting: str = "") -> None:
        super().__init__(message)
        self.setting = setting


class ScannerError(HardwareError):
    """Base of scanner errors delivered through `on_error`."""


class ScannerDisconnected(ScannerError):
    """The scanner's serial port disappeared; the reader keeps trying to reopen it."""


class ScannerBadFrame(ScannerError):
    """The scanner sent a frame that is not a usable code (not text, or too long)."""


class ScaleError(HardwareError):
    """Base of scale errors."""


class ScaleMotion(ScaleError):
    """The weight is not stable yet."""


class ScaleUnderZero(ScaleError):
    """The scale reads below zero."""


class ScaleOverCapacity(ScaleError):
    """The load exceeds the scale's capacity."""


class ScaleMalformedReply(ScaleError):
    """The scale answered bytes that are not an 8217 reply."""


class ScaleNoAnswer(ScaleError):
    """The scale did not answer within the timeout."""


class DisplayError(HardwareError, ValueError):
    """A value given to the customer display cannot be shown (e.g. a float amount)."""
