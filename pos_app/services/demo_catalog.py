"""The demo store's catalog: real-looking bilingual products, valid EAN-13s, weighed fresh PLUs.

The same data seeds the till (`pos-app seed-demo`) and the reference platform (`--demo`), so a
price changed on the platform visibly changes a product the newcomer can scan. Bulk products for
large catalogs are generated deterministically (same N, same catalog) from brand x item x size.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

from stdnum import ean

from pos_app.store.records import ProductInput

TAX_CLASSES = (
    ("VAT13", "增值税 13%", Decimal("0.13")),
    ("VAT9", "增值税 9%", Decimal("0.09")),
    ("VAT0", "免税", Decimal("0.00")),
)

CATEGORIES = (
    ("DRINK", "饮料", "Drinks"),
    ("DAIRY", "乳品", "Dairy"),
    ("SNACK", "零食", "Snacks"),
    ("GROCERY", "粮油调味", "Grocery"),
    ("FRUIT", "水果", "Fruit"),
    ("VEG", "蔬菜", "Vegetables"),
    ("MEAT", "肉禽", "Meat"),
    ("SEAFOOD", "水产", "Seafood"),
    ("HOME", "日用品", "Household"),
)


def gtin13(body12: str) -> str:
    return body12 + ean.calc_check_digit(body12)


# (sku, gtin body without check digit, name, name_en, category, tax, price in yuan)
_PACKAGED = (
    ("100001", "690000000001", "可口可乐 330ml", "Coca-Cola 330ml", "DRINK", "VAT13", "3.00"),
    ("100002", "690000000002", "百事可乐 500ml", "Pepsi 500ml", "DRINK", "VAT13", "3.50"),
    ("100003", "690000000003", "农夫山泉 饮用天然水 550ml", "Nongfu Spring Water 550ml", "DRINK", "VAT13", "2.00"),
    ("100004", "690000000004", "怡宝 纯净水 555ml", "C'estbon Water 555ml", "DRINK", "VAT13", "2.00"),
    ("100005", "690000000005", "康师傅 冰红茶 500ml", "Master Kong Iced Tea 500ml", "DRINK", "VAT13", "3.00"),
    ("100006", "690000000006", "统一 阿萨姆奶茶 500ml", "Uni-President Assam Milk Tea", "DRINK", "VAT13", "4.50"),
    ("100007", "690000000007", "红牛 维生素功能饮料 250ml", "Red Bull 250ml", "DRINK", "VAT13", "6.00"),
    ("100008", "690000000008", "元气森林 白桃气泡水 480ml", "Genki Forest Peach Soda 480ml", "DRINK", "VAT13", "5.50"),
    ("100009", "690000000009", "青岛啤酒 经典 500ml", "Tsingtao Beer Classic 500ml", "DRINK", "VAT13", "6.50"),
    ("100010", "690000000010", "王老吉 凉茶 310ml", "Wong Lo Kat Herbal Tea 310ml", "DRINK", "VAT13", "4.00"),
    ("100011", "690000000011", "伊利 纯牛奶 250ml", "Yili Pure Milk 250ml", "DAIRY", "VAT13", "3.50"),
    ("100012", "690000000012", "蒙牛 特仑苏 250ml×12", "Mengniu Deluxe Milk 12-pack", "DAIRY", "VAT13", "65.00"),
    ("100013", "690000000013", "光明 优倍 鲜牛奶 950ml", "Bright Fresh Milk 950ml", "DAIRY", "VAT13", "19.80"),
    ("100014", "690000000014", "安慕希 希腊酸奶 205g", "Ambrosial Greek Yogurt 205g", "DAIRY", "VAT13", "6.50"),
    ("100015", "690000000015", "旺仔 牛奶 245ml", "Want Want Milk 245ml", "DAIRY", "VAT13", "5.00"),
    ("100016", "690000000016", "乐事 原味薯片 70g", "Lay's Classic Chips 70g", "SNACK", "VAT13", "7.50"),
    ("100017", "690000000017", "奥利奥 夹心饼干 97g", "Oreo Cookies 97g", "SNACK", "VAT13", "6.90"),
    ("100018", "690000000018", "三只松鼠 每日坚果 25g", "Three Squirrels Daily Nuts 25g", "SNACK", "VAT13", "4.90"),
    ("100019", "690000000019", "旺旺 雪饼 84g", "Want Want Rice Crackers 84g", "SNACK", "VAT13", "5.50"),
    ("100020", "690000000020", "德芙 丝滑牛奶巧克力 43g", "Dove Milk Chocolate 43g", "SNACK", "VAT13", "8.90"),
    ("100021", "690000000021", "良品铺子 猪肉脯 100g", "Bestore Pork Jerky 100g", "SNACK", "VAT13", "19.90"),
    ("100022", "690000000022", "康师傅 红烧牛肉面 五连包", "Master Kong Beef Noodles 5-pack", "GROCERY", "VAT13", "14.50"),
    ("100023", "690000000023", "金龙鱼 大豆油 5L", "Arawana Soybean Oil 5L", "GROCERY", "VAT9", "69.90"),
    ("100024", "690000000024", "五常 大米 5kg", "Wuchang Rice 5kg", "GROCERY", "VAT9", "59.90"),
    ("100025", "690000000025", "海天 生抽酱油 500ml", "Haday Light Soy Sauce 500ml", "GROCERY", "VAT13", "9.90"),
    ("100026", "690000000026", "老干妈 风味豆豉 280g", "Lao Gan Ma Chili Sauce 280g", "GROCERY", "VAT13", "11.50"),
    ("100027", "690000000027", "恒顺 香醋 500ml", "Hengshun Vinegar 500ml", "GROCERY", "VAT13", "7.80"),
    ("100028", "690000000028", "中盐 精制食盐 400g", "China Salt 400g", "GROCERY", "VAT13", "2.50"),
    ("100029", "690000000029", "维达 抽纸 3层100抽×6", "Vinda Tissues 6-pack", "HOME", "VAT13", "19.90"),
    ("100030", "690000000030", "蓝月亮 洗衣液 2kg", "Blue Moon Laundry Liquid 2kg", "HOME", "VAT13", "39.90"),
    ("100031", "690000000031", "高露洁 牙膏 120g", "Colgate Toothpaste 120g", "HOME", "VAT13", "12.90"),
    ("100032", "690000000032", "洁柔 湿巾 80片", "C&S Wet Wipes 80", "HOME", "VAT13", "9.90"),
    ("100033", "690000000033", "鲜鸡蛋 10枚装", "Fresh Eggs 10-pack", "MEAT", "VAT9", "12.80"),
    ("100034", "690000000034", "盒装 豆腐 400g", "Tofu 400g", "VEG", "VAT9", "3.90"),
)

# (sku, PLU, name, name_en, category, tax, price per kg in yuan) — sold by weight
_WEIGHED = (
    ("200001", "10001", "红富士苹果", "Fuji Apples", "FRUIT", "VAT9", "12.80"),
    ("200002", "10002", "香蕉", "Bananas", "FRUIT", "VAT9", "6.98"),
    ("200003", "10003", "砂糖橘", "Sugar Mandarins", "FRUIT", "VAT9", "9.90"),
    ("200004", "10004", "巨峰葡萄", "Kyoho Grapes", "FRUIT", "VAT9", "19.80"),
    ("200005", "10005", "西瓜", "Watermelon", "FRUIT", "VAT9", "3.98"),
    ("200006", "10006", "西红柿", "Tomatoes", "VEG", "VAT9", "7.98"),
    ("200007", "10007", "黄瓜", "Cucumbers", "VEG", "VAT9", "5.98"),
    ("200008", "10008", "土豆", "Potatoes", "VEG", "VAT9", "3.58"),
    ("200009", "10009", "上海青", "Bok Choy", "VEG", "VAT9", "6.98"),
    ("200010", "10010", "猪五花肉", "Pork Belly", "MEAT", "VAT9", "39.80"),
    ("200011", "10011", "鸡胸肉", "Chicken Breast", "MEAT", "VAT9", "22.80"),
    ("200012", "10012", "牛腱子", "Beef Shank", "MEAT", "VAT9", "89.00"),
    ("200013", "10013", "鲜活基围虾", "Live Shrimp", "SEAFOOD", "VAT9", "79.80"),
    ("200014", "10014", "鲈鱼", "Sea Bass", "SEAFOOD", "VAT9", "45.80"),
    ("200015", "10015", "鱼", "Fish of the Day", "SEAFOOD", "VAT9", "29.80"),
)

_BRANDS = (("鲜丰", "Xianfeng"), ("盒优", "Heyou"), ("每日", "Daily"), ("金禾", "Jinhe"), ("海湾", "Bay"),
           ("山里", "Hillside"), ("晨光", "Morning"), ("福满", "Fuman"), ("优选", "Select"), ("悦享", "Joy"))
_ITEMS = (("绿茶", "Green Tea", "DRINK"), ("橙汁", "Orange Juice", "DRINK"), ("苏打水", "Soda Water", "DRINK"),
          ("酸奶", "Yogurt", "DAIRY"), ("奶酪", "Cheese", "DAIRY"), ("饼干", "Biscuits", "SNACK"),
          ("薯片", "Potato Chips", "SNACK"), ("坚果", "Nuts", "SNACK"), ("面条", "Noodles", "GROCERY"),
          ("酱油", "Soy Sauce", "GROCERY"), ("香醋", "Vinegar", "GROCERY"), ("大米", "Rice", "GROCERY"),
          ("纸巾", "Tissues", "HOME"), ("洗洁精", "Dish Soap", "HOME"), ("牙刷", "Toothbrush", "HOME"))
_SIZES = ("100g", "250g", "500g", "1kg", "330ml", "500ml", "1L", "6包", "12包", "家庭装")


def packaged() -> list[ProductInput]:
    return [
        ProductInput(sku=sku, name=name, name_en=en, category_code=cat, tax_class=tax,
                     price_fen=int(Decimal(price) * 100), gtins=(gtin13(body),),
                     member_price_fen=int(Decimal(price) * 95) if int(sku) % 4 == 0 else None)
        for sku, body, name, en, cat, tax, price in _PACKAGED
    ]


def weighed() -> list[ProductInput]:
    return [
        ProductInput(sku=sku, plu=plu, name=name, name_en=en, category_code=cat, tax_class=tax,
                     price_fen=int(Decimal(price) * 100), unit="kg", sold_by_weight=True)
        for sku, plu, name, en, cat, tax, price in _WEIGHED
    ]


def core_catalog() -> list[ProductInput]:
    return packaged() + weighed()


BULK_SKU_PREFIX = "9"


def bulk(count: int, seed: int = 7) -> Iterator[ProductInput]:
    """`count` generated packaged products with unique SKUs and valid EAN-13s (prefix 693)."""
    rnd = random.Random(seed)
    for i in range(count):
        brand, brand_en = _BRANDS[rnd.randrange(len(_BRANDS))]
        item, item_en, cat = _ITEMS[rnd.randrange(len(_ITEMS))]
        size = _SIZES[rnd.randrange(len(_SIZES))]
        yield ProductInput(
            sku=f"{BULK_SKU_PREFIX}{i:08d}", name=f"{brand}{item} {size} #{i}", name_en=f"{brand_en} {item_en} {size} #{i}",
            category_code=cat, tax_class="VAT13", price_fen=rnd.randrange(100, 20000),
            gtins=(gtin13(f"693{i:09d}"),),
        )
