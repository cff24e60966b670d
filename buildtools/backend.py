"""PEP 517 build backend: setuptools, plus Qt's lrelease (PySide6-Essentials) for wheel builds.

Wheel builds compile the translations (`resources_hook.py`), so they need lrelease in the
isolated build environment; editable installs (`make venv`) and sdists do not, and stay quick.
"""

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 (the rest of the backend is setuptools' own)

#: lrelease ships inside the PySide6-Essentials wheel.
LRELEASE = ["PySide6-Essentials>=6.6,<6.12"]  # the same range as the app (pyproject)


def get_requires_for_build_wheel(config_settings=None):
    return _setuptools.get_requires_for_build_wheel(config_settings) + LRELEASE
