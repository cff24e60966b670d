"""Products shared by the domain tests."""

from pos_app.domain.tax import VAT_0, VAT_9, VAT_13
from pos_app.domain.ticket import ProductRef

COLA = ProductRef("6901234567892", "可口可乐 330ml", VAT_13, name_en="Coca-Cola 330ml")
BREAD = ProductRef("4006381333931", "全麦面包", VAT_9, name_en="Wholemeal bread")
APPLES = ProductRef("00456", "红富士苹果", VAT_9, name_en="Fuji apples", sold_by_weight=True, unit="kg")
BOOK = ProductRef("9787111111111", "教材", VAT_0, name_en="Textbook")
