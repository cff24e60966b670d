# O2O Till — `make run` opens the till on the demo store, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TS     := $(wildcard resources/translations/*.ts)
QM     := $(TS:.ts=.qm)
DEMO_DATA ?=

.PHONY: run test venv translations lint typecheck clean bench dist package-check wheel-check frozen-check

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: $(STAMP)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: venv translations
	$(VENV)/bin/pos-app init
	$(VENV)/bin/pos-app seed-demo
	$(VENV)/bin/pos-app run --demo-platform

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# mypy, strict below the UI, basic for pos_app.ui ([tool.mypy] in pyproject.toml); ~30 s cold, seconds warm.
typecheck: venv
	$(VENV)/bin/mypy

# Three workers on the 2-core box (many tests wait on a platform process or a child), each test file on one worker (module fixtures such as a platform process stay shared).
TEST_WORKERS ?= 3
test: venv translations lint typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

bench: venv
	for b in bench/*.py; do $(PY) $$b || exit 1; done

# The one-folder bundle dist/o2o-till/ (PyInstaller, installer/o2o-till.spec); minutes, not part of `make test`.
dist: venv
	$(PY) -m pip install -q -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		installer/o2o-till.spec

# The wheel in a clean venv and the frozen bundle, each as a store would (`.ci/run` runs both).
# The wheel's test (mostly pip fetching and unpacking PySide6 & co. into a new venv: network and
# disk) runs beside the bundle's build (CPU); its output follows the bundle's tests.
package-check: venv
	mkdir -p build
	$(MAKE) wheel-check > build/wheel-check.log 2>&1 & wheel=$$!; \
	$(MAKE) frozen-check; frozen=$$?; \
	wait $$wheel; wheel=$$?; cat build/wheel-check.log; exit $$((frozen || wheel))

wheel-check: venv
	POS_PACKAGE_TESTS=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/packaged/test_wheel.py -q -p no:cacheprovider

frozen-check: dist
	POS_FROZEN_BUNDLE=dist/o2o-till QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/packaged/test_frozen.py -q \
		-p no:cacheprovider

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache $(QM)
