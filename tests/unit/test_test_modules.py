"""The suite's own layout: pytest imports test files and their helpers by bare module name.

With ``pythonpath`` and rootdir-relative imports, two helper modules with the same file name in
different test folders shadow each other on a worker, and which one wins depends on the order
the worker happens to import files in — a failure that shows on CI and not on a laptop.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_no_two_test_modules_share_a_file_name() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("*.py"):
        if path.name not in {"__init__.py", "conftest.py"}:
            by_name[path.name].append(str(path.relative_to(TESTS)))
    clashes = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert not clashes, f"rename one of each: {clashes}"
