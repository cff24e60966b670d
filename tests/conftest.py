"""Fixtures shared by every test folder: config, a demo-seeded store database on a real file."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest

from pos_app.bootstrap import AppContext, build_app, open_database
from pos_app.config import Config
from pos_app.services.demo import seed_demo
from tests_support import MemoryKeyring, open_shift, user_id

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def config() -> Config:
    return Config(language="en")


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """Seed once per session (Argon2 hashing of the demo PINs is deliberately slow)."""
    data_dir = tmp_path_factory.mktemp("demo-template")
    db = open_database(data_dir)
    seed_demo(db, Config(language="en"), products=200)
    db.dispose()  # the last connection to close checkpoints the WAL into till.db
    return data_dir


@pytest.fixture
def demo_dir(_demo_template: Path, tmp_path: Path) -> Path:
    """A data dir holding a private copy of the seeded demo database."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(_demo_template / "till.db", data_dir / "till.db")
    return data_dir


@pytest.fixture
def app(demo_dir: Path, config: Config) -> AppContext:
    ctx = build_app(config, demo_dir)
    yield ctx
    ctx.close()


@pytest.fixture
def signed_in(app: AppContext):
    """The checkout with the demo cashier (PIN 1111) logged in; no shift open yet."""
    session = app.auth.login(user_id(app, "Li Na"), "1111")
    app.checkout.set_user(session)
    return app.checkout


@pytest.fixture
def cashier(app: AppContext, signed_in):
    """The checkout ready to sell: the demo cashier logged in and a shift open with a 200.00 float."""
    open_shift(app)
    return signed_in


@pytest.fixture
def memory_keyring():
    """Install an in-memory keyring backend for the test (headless machines have none)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread(request):
    """In Qt tests, only the UI thread runs the garbage collector, as in the till.

    A widget left in a reference cycle by one test must not be collected by a worker thread
    of a later one: Qt crashes when a widget dies off the GUI thread (pos_app.ui.garbage).
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    from pos_app.ui.garbage import MainThreadCollector

    collector = MainThreadCollector()
    collector.start(freeze=False)
    yield
    collector.stop()

