"""Only the build hook lives here; everything else about the package is in pyproject.toml."""

import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).resolve().parent / "buildtools"))
from resources_hook import BuildPyWithResources

setup(cmdclass={"build_py": BuildPyWithResources})
