""""Why didn't this promotion apply?": the promotions that look at a ticket line and, for each,
the condition it did not meet, in words a manager can repeat to the customer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from pos_app.ui.cart_model import format_minor


def _yuan(fen: Any) -> str:  # the engine's reasons carry the store's minor units (fen)
    return format_minor(int(fen))


def reason_text(code: str, params: dict[str, Any], english: bool) -> str:
    """The translated sentence for an engine reason code (see pos_app.domain.promotions)."""
    name = str(params.get("name_en") or params.get("name", "")) if english else str(params.get("name", ""))
    texts = {
        "not_started": lambda: QCoreApplication.translate("PromotionWhy", "Not started yet."),
        "ended": lambda: QCoreApplication.translate("PromotionWhy", "Already ended."),
        "weekday": lambda: QCoreApplication.translate("PromotionWhy", "Not on this day of the week."),
        "time_of_day": lambda: QCoreApplication.translate("PromotionWhy", "Only from {0} to {1}.").format(
            params.get("start"), params.get("end")),
        "store": lambda: QCoreApplication.translate("PromotionWhy", "Not run in this store."),
        "channel": lambda: QCoreApplication.translate("PromotionWhy", "Not run at the till."),
        "member_only": lambda: QCoreApplication.translate("PromotionWhy", "Members only: no member on the ticket."),
        "member_tier": lambda: QCoreApplication.translate("PromotionWhy", "Only for member tiers {0}.").format(
            ", ".join(params.get("tiers", ()))),
        "member_daily_cap": lambda: QCoreApplication.translate("PromotionWhy", "The member already used it {0} times today.").format(
            params.get("cap")),
        "not_enough_items": lambda: QCoreApplication.translate("PromotionWhy", "Needs {0} qualifying items; the ticket has {1}.").format(
            params.get("need"), params.get("have")),
        "threshold": lambda: QCoreApplication.translate("PromotionWhy", "Needs {0} more (from {1}).").format(
            _yuan(params.get("short_fen", 0)), _yuan(params.get("threshold_fen", 0))),
        "per_ticket_cap": lambda: QCoreApplication.translate("PromotionWhy", "Its limit of {0} per ticket is reached.").format(
            params.get("cap")),
        "excluded": lambda: QCoreApplication.translate("PromotionWhy", "Only one of its group applies: {0} saves more.").format(name),
        "does_not_combine": lambda: QCoreApplication.translate("PromotionWhy", "Does not combine with {0}, which saves more.").format(name),
        "not_better": lambda: QCoreApplication.translate("PromotionWhy", "Another combination saves the customer more."),
        "no_saving": lambda: QCoreApplication.translate("PromotionWhy", "Saves nothing on this ticket."),
        "not_this_line": lambda: QCoreApplication.translate("PromotionWhy", "Applied to other items of the ticket."),
        "line_not_promotable": lambda: QCoreApplication.translate(
            "PromotionWhy", "This line was re-priced or discounted by hand; promotions do not apply."),
    }
    text = texts.get(code)
    return text() if text else QCoreApplication.translate("PromotionWhy", "Did not apply ({0}).").format(code)


class PromotionWhyDialog(QDialog):
    """Lists (promotion name, reason) for one line; read-only."""

    def __init__(self, line_name: str, entries: list[tuple[str, str, Any]], english: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promotionWhyDialog")
        self.setWindowTitle(self.tr("Why no promotion"))
        title = QLabel(self.tr("Promotions for {0}").format(line_name), self)
        title.setObjectName("promotionWhyTitle")
        title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("promotionWhyList")
        self.list.setWordWrap(True)
        for name, name_en, reason in entries:
            label = (name_en or name) if english else name
            text = reason_text(reason.code, dict(reason.params), english)
            self.list.addItem(f"{label}: {text}" if label else text)
        if not entries:
            self.list.addItem(self.tr("No promotion looks at this item."))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.setObjectName("promotionWhyButtons")
        box.button(QDialogButtonBox.StandardButton.Close).setObjectName("promotionWhyClose")
        box.rejected.connect(self.reject)
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(box)
        self.resize(640, 420)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
