"""Receipt rendering benchmark: a 100-line Chinese receipt on 80 mm paper (GB18030).

Prints p50/p95 in milliseconds and, as the last line, one JSON object of the figures.
Run from the repository root: ``.venv/bin/python bench/receipt.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from hardware.receipt.document import Barcode, Columns, Cut, Document, QRCode, Rule, Text
from hardware.receipt.escpos_render import render
from hardware.receipt.preview import preview_image
from hardware.receipt.profile import PrinterProfile

NAMES = (
    "农夫山泉 天然饮用水 550ml",
    "有机富士苹果 特级 山东烟台",
    "Coca-Cola 可口可乐 330ml 罐装",
    "五常大米 5kg 真空包装 新米",
)
RENDER_RUNS, PREVIEW_RUNS = 300, 10


def receipt(lines: int = 100) -> Document:
    rows = [
        Columns(f"{NAMES[i % len(NAMES)]} #{i}", f"¥{Decimal(i * 137 % 10000) / 100:.2f}")
        for i in range(lines)
    ]
    return Document(
        (
            Text("鲜果便利店 FRESH MART", align="center", bold=True, double_height=True),
            Rule(),
            *rows,
            Rule("="),
            Columns("合计 TOTAL", "¥6789.00", bold=True),
            Barcode("S001-T01-000123"),
            QRCode("https://o2o.example.cn/r/S001-T01-000123"),
            Cut(),
        )
    )


def timings_ms(action, runs: int) -> list[float]:
    action()  # warm up caches (fonts, python-escpos profile copy)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    return round(statistics.quantiles(samples, n=100, method="inclusive")[int(fraction * 100) - 1], 3)


def main() -> None:
    document, profile = receipt(), PrinterProfile(columns=48, encoding="gb18030")
    rendered = timings_ms(lambda: render(document, profile), RENDER_RUNS)
    previewed = timings_ms(lambda: preview_image(document, profile), PREVIEW_RUNS)
    figures = {
        "render_100_lines_p50_ms": percentile(rendered, 0.50),
        "render_100_lines_p95_ms": percentile(rendered, 0.95),
        "preview_100_lines_p50_ms": percentile(previewed, 0.50),
        "preview_100_lines_p95_ms": percentile(previewed, 0.95),
        "render_bytes": len(render(document, profile)),
    }
    print(
        f"render 100-line receipt (80 mm, gb18030), {RENDER_RUNS} runs: "
        f"p50 {figures['render_100_lines_p50_ms']} ms, p95 {figures['render_100_lines_p95_ms']} ms (target < 20 ms)"
    )
    print(
        f"preview image of the same receipt, {PREVIEW_RUNS} runs: "
        f"p50 {figures['preview_100_lines_p50_ms']} ms, p95 {figures['preview_100_lines_p95_ms']} ms"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
